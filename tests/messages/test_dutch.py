"""The Dutch catalogue is complete and current, and the language is chosen as documented."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from pathlib import Path

import pytest

from govrules.config import Config, ConfigError, load_config
from govrules.messages import msg
from govrules.messages.dutch import catalogue, po_entries
from govrules.messages.english import CATALOG
from govrules.workspace import UnknownLanguage, choose_language, lint_paths


def _fields(template: str) -> dict[str, str]:
    return {
        name: spec or ""
        for _text, name, spec, _conv in string.Formatter().parse(template)
        if name is not None
    }


def test_every_message_id_has_a_current_dutch_text() -> None:
    entries = po_entries()
    missing = sorted(set(CATALOG) - set(entries))
    assert missing == [], f"no Dutch text for {missing}"
    stale = sorted(i for i, (english, _nl) in entries.items() if CATALOG.get(i) != english)
    assert stale == [], f"the English of {stale} changed since it was translated"
    assert set(catalogue()) == set(CATALOG)


def test_dutch_templates_place_the_same_arguments_with_the_same_specs() -> None:
    for ident, dutch in catalogue().items():
        assert _fields(dutch) == _fields(CATALOG[ident]), ident


def test_a_dutch_message_reads_as_dutch() -> None:
    m = msg("GR503.unknown-code", code="OWN01", suggestion="OWN001")
    assert m.render("nl") == "onbekende code 'OWN01' in de uitzondering; bedoelt u 'OWN001'?"
    assert m.english == "unknown code 'OWN01' in suppression; did you mean 'OWN001'?"


MODEL = 'product p1 "x" {\n  owner p1\n}\n# govrules: ignore[OWN01] -- x\n'


def _lint_json(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    (tmp_path / "a.gov").write_text(MODEL, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--format", "json", *args, str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        check=False,
    )
    assert run.returncode == 1, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def _gr503(document: dict[str, object]) -> str:
    findings = document["findings"]
    assert isinstance(findings, list)
    (found,) = [f for f in findings if f["code"] == "GR503"]
    return str(found["message"])


def test_lang_option_renders_messages_in_dutch_codes_unchanged(tmp_path: Path) -> None:
    english = _lint_json(tmp_path)
    dutch = _lint_json(tmp_path, "--lang", "nl")
    assert _gr503(english).startswith("unknown code 'OWN01'")
    assert _gr503(dutch).startswith("onbekende code 'OWN01'")
    codes = [f["code"] for f in english["findings"]]  # type: ignore[index, union-attr]
    assert codes == [f["code"] for f in dutch["findings"]]  # type: ignore[index, union-attr]


def test_the_environment_and_the_configuration_choose_the_language(tmp_path: Path) -> None:
    assert _gr503(_lint_json(tmp_path, env={"GOVRULES_LANG": "nl"})).startswith("onbekende")
    (tmp_path / "govrules.toml").write_text('lang = "nl"\n', encoding="utf-8")
    assert _gr503(_lint_json(tmp_path)).startswith("onbekende")
    # The person outranks the project: the environment, then --lang, over the file.
    assert _gr503(_lint_json(tmp_path, env={"GOVRULES_LANG": "en"})).startswith("unknown")
    assert _gr503(_lint_json(tmp_path, "--lang", "en")).startswith("unknown")


def test_choose_language_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVRULES_LANG", raising=False)
    assert choose_language(None) == "en"
    assert choose_language(None, [Config(), Config(lang="nl")]) == "nl"
    monkeypatch.setenv("GOVRULES_LANG", "en")
    assert choose_language(None, [Config(lang="nl")]) == "en"
    assert choose_language("nl", [Config(lang="en")]) == "nl"
    monkeypatch.setenv("GOVRULES_LANG", "fr")
    with pytest.raises(UnknownLanguage, match=r"GOVRULES_LANG: unknown language 'fr'"):
        choose_language(None)
    with pytest.raises(UnknownLanguage, match=r"unknown language 'de' \(choose from en, nl\)"):
        lint_paths([], lang="de")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"NL"', "lang: unknown language 'NL'; did you mean 'nl'? (choose from en, nl)"),
        ("1", "lang: expected en, nl (a string), got integer 1"),
    ],
)
def test_a_bad_lang_in_the_configuration_is_refused(
    tmp_path: Path, value: str, message: str
) -> None:
    path = tmp_path / "govrules.toml"
    path.write_text(f"lang = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).endswith(message)
    assert caught.value.key == "lang"


def test_the_po_tool_adds_marks_stale_and_drops() -> None:
    from babel.messages.catalog import Catalog

    from govrules.messages.po import synchronised

    old = Catalog(locale="nl")
    old.add("old english", "oude tekst", context="a")
    old.add("same", "zelfde", context="b")
    old.add("gone", "weg", context="obsolete")
    new = synchronised(old, {"a": "new english", "b": "same", "c": "added"})
    entries = {m.context: m for m in new if m.context}
    assert list(entries) == ["a", "b", "c"]
    assert "fuzzy" in entries["a"].flags and list(entries["a"].previous_id) == ["old english"]
    assert entries["a"].string == "oude tekst"
    assert entries["b"].string == "zelfde" and "fuzzy" not in entries["b"].flags
    assert entries["c"].string == ""


def test_a_configuration_error_is_printed_in_the_users_language(tmp_path: Path) -> None:
    (tmp_path / "govrules.toml").write_text('selct = ["OWN"]\n', encoding="utf-8")
    (tmp_path / "a.gov").write_text(MODEL, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "--lang", "nl", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    expected = f"govrules: fout: {tmp_path / 'govrules.toml'}: onbekende sleutel 'selct'; "
    assert run.stderr.startswith(expected + "bedoelt u 'select'?")


def _govrules(tmp_path: Path, *args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "GOVRULES_LANG": lang, "GOVRULES_NO_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "govrules", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_fmt_speaks_the_users_language(tmp_path: Path) -> None:
    """fmt's lines and summary in Dutch with GOVRULES_LANG=nl; the English ones unchanged."""
    (tmp_path / "a.gov").write_text("product  p\n", encoding="utf-8")
    (tmp_path / "b.gov").write_text("product q\n", encoding="utf-8")
    dutch = _govrules(tmp_path, "fmt", "--check", ".", lang="nl")
    assert (dutch.returncode, dutch.stderr) == (
        1,
        "./a.gov zou worden opgemaakt\n"
        "1 bestand zou worden opgemaakt, 1 bestand was al opgemaakt\n",
    )
    english = _govrules(tmp_path, "fmt", "--check", ".", lang="en")
    assert english.stderr == (
        "would reformat ./a.gov\n1 file would be reformatted, 1 file already formatted\n"
    )


def test_a_missing_path_is_reported_in_dutch(tmp_path: Path) -> None:
    done = _govrules(tmp_path, "lint", "ontbreekt.gov", lang="nl")
    assert (done.returncode, done.stderr) == (
        2,
        "govrules: fout: ontbreekt.gov: bestand of map bestaat niet\n",
    )


def test_hints_for_how_dutch_people_write_numbers_and_dates() -> None:
    """14.500.000 and 31-12-2026 get the form to use, in the reader's language."""
    from govrules.loader import loads

    text = (
        "contract c {\n  payment EUR 14.500.000 per jaar\n}\n"
        "agreement a {\n  valid_until 31-12-2026\n}\n"
    )
    found = [(f.code, f.location.line, f.location.column, f.text) for f in loads(text).diagnostics]
    assert [(c, line, col) for c, line, col, _m in found] == [("GR103", 2, 21), ("GR103", 5, 17)]
    number, date = found[0][3], found[1][3]
    assert number.render("en") == (
        "the character '.' has no place here (group digits with '_', not '.': write 14_500_000)"
    )
    assert number.render("nl") == (
        "het teken '.' hoort hier niet (groepeer cijfers met '_', niet met '.': schrijf 14_500_000)"
    )
    assert date.render("nl").endswith("(schrijf datums als 2026-12-31: jaar-maand-dag)")
    assert date.render("en").endswith("(write dates as 2026-12-31: year-month-day)")
