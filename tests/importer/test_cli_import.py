"""`govrules import`: exit codes, refusal to overwrite, output written whole, both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from import_support import SAMPLES, V2, needs_v2, register_module

import govrules
from govrules.errors import GovrulesError
from govrules.importer import import_table, shipped_mapping, write_files
from govrules.importer.write import OutputExists


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govrules", "import", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},
    )


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() for p in directory.rglob("*") if p.is_file()
    }


def test_skipped_rows_exit_1_and_a_second_import_refuses(tmp_path: Path) -> None:
    """Exit 1 when rows were skipped; again without --force: exit 2, nothing changed."""
    out = tmp_path / "out"
    first = _run(
        "csv",
        str(SAMPLES / "register.csv"),
        "--map",
        "gemeenschappelijke-regelingen",
        "-o",
        str(out),
    )
    assert first.returncode == 1, first.stderr
    lines = first.stderr.splitlines()
    skipped = "row skipped: no value in column 'Regeling', which every participant needs"
    assert f"{SAMPLES / 'register.csv'}:10: {skipped}" in lines
    assert lines[-2] == (
        "13 rows read: 8 placed, 1 merged, 3 skipped, 1 empty; "
        "declarations: organization 6, arrangement 4, participant 8"
    )
    assert lines[-1] == f"wrote 5 files to {out} (0 of them overwritten)"
    before = _snapshot(out)
    (out / "organisaties.gov").write_text("# edited by hand\n", encoding="utf-8")
    edited = _snapshot(out)
    again = _run(
        "csv",
        str(SAMPLES / "register.csv"),
        "--map",
        "gemeenschappelijke-regelingen",
        "-o",
        str(out),
    )
    assert again.returncode == 2
    assert again.stderr.splitlines()[-1].startswith(
        f"govrules: error: {out}: 5 of the files to write exist already (organisaties.gov, "
    )
    assert again.stderr.rstrip().endswith("nothing was written: give --force to overwrite them")
    assert _snapshot(out) == edited
    forced = _run(
        "csv",
        str(SAMPLES / "register.csv"),
        "--map",
        "gemeenschappelijke-regelingen",
        "-o",
        str(out),
        "--force",
    )
    assert forced.returncode == 1
    assert forced.stderr.splitlines()[-1] == f"wrote 5 files to {out} (5 of them overwritten)"
    assert _snapshot(out) == before


def test_all_rows_placed_exits_0_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    """A clean register exits 0; --dry-run reports and leaves the directory alone."""
    source = tmp_path / "r.csv"
    source.write_text(
        "Deelnemer,Regeling,Postcode,Plaats,Provincie\n"
        "Gemeente Vught,GGD,5261 AA,Vught,Noord-Brabant\n"
        "Gemeente Boxtel,GGD,5261 AA,Vught,Noord-Brabant\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    dry = _run(
        "csv", str(source), "--map", "gemeenschappelijke-regelingen", "-o", str(out), "--dry-run"
    )
    assert dry.returncode == 0, dry.stderr
    assert dry.stderr.splitlines()[-1] == f"would write 2 files to {out} (dry run)"
    assert not out.exists()
    done = _run("csv", str(source), "--map", "gemeenschappelijke-regelingen", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(_snapshot(out)) == ["organisaties.gov", "regelingen/gr_ggd.gov"]


def test_dutch_messages(tmp_path: Path) -> None:
    """--lang nl: rows, summary and refusal in Dutch."""
    out = tmp_path / "out"
    run = _run(
        "csv",
        str(SAMPLES / "register.csv"),
        "--map",
        "gemeenschappelijke-regelingen",
        "-o",
        str(out),
        "--lang",
        "nl",
    )
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert f"{SAMPLES / 'register.csv'}:8: de rij herhaalt rij 7; samengevoegd" in lines
    assert lines[-2] == (
        "13 rijen gelezen: 8 geplaatst, 1 samengevoegd, 3 overgeslagen, 1 leeg; "
        "declaraties: organisatie 6, regeling 4, deelnemer 8"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("xlsx", str(SAMPLES / "register.csv")), "not an XLSX workbook"),
        (("csv", "missing.csv"), "missing.csv: cannot read the table: No such file or directory"),
        (
            ("csv", str(SAMPLES / "register.csv"), "--sheet", "x", "--map", "nope.toml"),
            "nope.toml: no such mapping file",
        ),
    ],
)
def test_bad_input_exits_2_without_a_traceback(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    """Not a workbook, no such file, no such mapping: one line, exit 2."""
    full = list(args)
    if "--map" not in full:
        full += ["--map", "gemeenschappelijke-regelingen"]
    run = _run(*full, "-o", str(tmp_path / "out"))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert message in run.stderr


def test_write_files_refuses_before_writing_anything(tmp_path: Path) -> None:
    """One existing file among many: OutputExists, and not one file written."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.gov").write_text("x\n", encoding="utf-8")
    with pytest.raises(OutputExists) as caught:
        write_files(out, {"a.gov": "a\n", "b.gov": "b\n", "c/d.gov": "d\n"})
    assert caught.value.existing == ["b.gov"]
    assert _snapshot(out) == {"b.gov": b"x\n"}


@pytest.mark.slow
def test_the_national_register(tmp_path: Path) -> None:
    """600 arrangements, 4,774 rows with dirt: one arrangement each, one participant per row."""
    generator = register_module()
    rows, manifest = generator.generate(600, seed=1)
    source = tmp_path / "register.csv"
    generator.write_csv(source, rows)
    result = import_table(source, "csv", shipped_mapping("gemeenschappelijke-regelingen"))
    placed = result.placed
    assert manifest.rows == 4774
    assert (placed.rows, placed.skipped, placed.merged, placed.empty) == (
        manifest.rows,
        manifest.skipped,
        manifest.merged,
        manifest.empty,
    )
    assert placed.count("arrangement") == manifest.arrangements == 600
    assert placed.count("organization") == manifest.organizations
    assert placed.count("participant") == manifest.participants
    ids = [d.id for d in placed.declarations]
    assert len(ids) == len(set(ids))
    repaired = [p for p in result.problems if "mojibake" in p.message.english]
    assert repaired and all("Ã" not in text for text in result.files.values())
    out = tmp_path / "out"
    write_files(out, result.files)
    assert len(list((out / "regelingen").glob("*.gov"))) == 600
    if V2:
        model = govrules.load([str(out)])
        assert [f for f in govrules.lint(model).findings if f.code.startswith("GR")] == []


@needs_v2
def test_the_national_register_as_xlsx_lints(tmp_path: Path) -> None:
    """The same register as a workbook imports to a model without a model diagnostic."""
    generator = register_module()
    rows, manifest = generator.generate(60, seed=2)
    source = tmp_path / "register.xlsx"
    generator.write_xlsx(source, rows)
    result = import_table(source, "xlsx", shipped_mapping("gemeenschappelijke-regelingen"))
    assert result.placed.count("participant") == manifest.participants
    write_files(tmp_path / "out", result.files)
    model = govrules.load([str(tmp_path / "out")])
    assert [f for f in govrules.lint(model).findings if f.code.startswith("GR")] == []


def test_a_link_out_of_the_directory_is_never_written_through(tmp_path: Path) -> None:
    """With --force, a target that is a symbolic link to elsewhere is refused, not followed."""
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.gov"
    elsewhere.write_text("keep\n", encoding="utf-8")
    (out / "a.gov").symlink_to(elsewhere)
    with pytest.raises(GovrulesError, match=r"a.gov would be written outside"):
        write_files(out, {"a.gov": "organization x\n"}, force=True)
    assert elsewhere.read_text(encoding="utf-8") == "keep\n"


def test_sync_paths_syncs_what_was_written_and_names_what_it_cannot(tmp_path: Path) -> None:
    """Files written without a sync are synced together; a vanished file is a WriteError."""
    from govrules.atomic import WriteError, sync_paths, write_atomic

    paths = [tmp_path / f"f{i}.gov" for i in range(40)]
    for p in paths:
        write_atomic(p, b"organization x\n", sync=False)
    sync_paths(paths)
    assert all(p.read_bytes() == b"organization x\n" for p in paths)
    with pytest.raises(WriteError, match=r"gone\.gov: cannot write: No such file or directory"):
        sync_paths([*paths, tmp_path / "gone.gov"])
