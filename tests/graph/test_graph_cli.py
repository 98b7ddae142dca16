"""``govrules graph``: formats, views, focus, findings, svg through Graphviz, output and errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import govrules
import govrules.linting
from govrules import Finding, Model, Report, Severity, Span, load
from govrules.cli import cli
from govrules.graph import build_graph, to_dot, to_mermaid

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed")


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["graph", *args], catch_exceptions=False)


def test_default_format_is_dot(small_path: Path, small_model: Model) -> None:
    """Without options the command prints the DOT of the whole model and exits 0."""
    result = _run(str(small_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == to_dot(build_graph(small_model))
    assert result.stderr == ""


def test_mermaid_format(small_path: Path, small_model: Model) -> None:
    """``--format mermaid`` prints the Mermaid flowchart."""
    result = _run(str(small_path), "--format", "mermaid")
    assert result.exit_code == 0
    assert result.stdout == to_mermaid(build_graph(small_model))


def test_paths_default_to_the_current_directory(
    small_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without PATHS the model is every .gov file below the current directory."""
    shutil.copy(small_path, tmp_path / "model.gov")
    monkeypatch.chdir(tmp_path)
    result = _run()
    assert result.exit_code == 0
    assert '"gemeente_súdwâld-oost"' in result.stdout


def test_views_repeatable_and_comma_separated(small_path: Path, small_model: Model) -> None:
    """``--view`` may be repeated and may hold several relations separated by commas."""
    result = _run(str(small_path), "--view", "financing, supervision", "--view", "mandates")
    assert result.exit_code == 0
    expected = build_graph(small_model, views={"financing", "supervision", "mandates"})
    assert result.stdout == to_dot(expected)


def test_unknown_view_exits_2_with_suggestion(small_path: Path) -> None:
    """An unknown view is a usage error that suggests the closest relation."""
    result = _run(str(small_path), "--view", "ownershp")
    assert result.exit_code == 2
    assert "unknown view 'ownershp'; did you mean 'ownership'?" in result.stderr
    assert result.stdout == ""


def test_focus_and_depth(small_path: Path, small_model: Model) -> None:
    """``--focus ID --depth N`` draws the neighbourhood; the depth defaults to 1."""
    result = _run(str(small_path), "--focus", "leverancier", "--depth", "2")
    assert result.stdout == to_dot(build_graph(small_model, focus="leverancier", depth=2))
    default = _run(str(small_path), "--focus", "leverancier")
    assert default.stdout == to_dot(build_graph(small_model, focus="leverancier", depth=1))


def test_unknown_focus_exits_2_with_suggestion(small_path: Path) -> None:
    """A focus that names nothing is a usage error with a did-you-mean."""
    result = _run(str(small_path), "--focus", "werkorganisatei")
    assert result.exit_code == 2
    assert "did you mean 'werkorganisatie'?" in result.stderr


def test_depth_without_focus_is_refused(small_path: Path) -> None:
    """``--depth`` alone is a usage error, and a negative depth is refused by click."""
    assert _run(str(small_path), "--depth", "2").exit_code == 2
    assert _run(str(small_path), "--focus", "raad", "--depth", "-1").exit_code == 2


def test_missing_path_exits_2(tmp_path: Path) -> None:
    """A path that does not exist is a usage error, not a traceback."""
    result = _run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_model_with_diagnostics_still_draws(tmp_path: Path) -> None:
    """A model with syntax errors draws what loaded and says how many diagnostics there were."""
    (tmp_path / "good.gov").write_text('organization a "A"\n', encoding="utf-8")
    (tmp_path / "bad.gov").write_text("organization {\nbody b {\n  of a\n}\n", encoding="utf-8")
    diagnostics = len(load([tmp_path]).diagnostics)
    assert diagnostics > 0
    result = _run(str(tmp_path))
    assert result.exit_code == 0
    assert '"a" [label="A"' in result.stdout
    plural = "s" if diagnostics != 1 else ""
    assert f"govrules: {diagnostics} diagnostic{plural} while loading" in result.stderr


def test_output_file(small_path: Path, tmp_path: Path, small_model: Model) -> None:
    """``--output FILE`` writes UTF-8 to the file and nothing to stdout."""
    target = tmp_path / "graph.mmd"
    result = _run(str(small_path), "--format", "mermaid", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == to_mermaid(build_graph(small_model))


def test_unwritable_output_exits_2(small_path: Path, tmp_path: Path) -> None:
    """An output file that cannot be written is a usage error."""
    result = _run(str(small_path), "--output", str(tmp_path / "missing" / "graph.dot"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


@needs_dot
def test_svg_through_graphviz(small_path: Path) -> None:
    """``--format svg`` runs Graphviz and prints the SVG, with no warnings."""
    result = _run(str(small_path), "--format", "svg")
    assert result.exit_code == 0
    assert "<svg" in result.stdout
    assert "Werkorganisatie Oostdal" in result.stdout
    assert result.stderr == ""


def test_svg_without_graphviz_exits_2(small_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Graphviz, ``--format svg`` says how to install it or to use --format dot."""
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = _run(str(small_path), "--format", "svg")
    assert result.exit_code == 2
    assert result.stderr == (
        "govrules: error: Graphviz's dot is not installed; install it "
        "(apt-get install graphviz, brew install graphviz) or use --format dot\n"
    )


def test_findings_come_from_lint(
    small_path: Path, small_model: Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--findings`` lints the model with ``govrules.lint`` and marks what it reports."""
    finding = Finding(
        "OWN001", Severity.ERROR, "no owner", Span("s.gov", 1, 1, 1, 2), "product burgerzaken"
    )
    seen: list[Model] = []

    def lint(model: Model, config: object = None, **_: object) -> Report:
        seen.append(model)
        return Report(findings=(finding,))

    monkeypatch.setattr(govrules.linting, "lint", lint)
    result = _run(str(small_path), "--findings")
    assert result.exit_code == 0
    assert len(seen) == 1
    assert result.stdout == to_dot(build_graph(small_model, findings=[finding]))
    assert '"legend error"' in result.stdout


def test_findings_of_the_real_rules_mark_case_1() -> None:
    """On case 1 before the advice, the built-in rules mark the products, board and financing."""
    before = EXAMPLES / "01-work-organization" / "before"
    result = _run(str(before), "--findings", "--format", "mermaid")
    assert result.exit_code == 0
    graph = build_graph(load([before]), findings=govrules.lint(load([before])).findings)
    marks = {n.id: n.mark for n in graph.nodes}
    assert marks["burgerzaken"] is marks["sociaal_domein"] is Severity.ERROR
    assert marks["raad_van_toezicht"] is not None
    assert marks["werkorganisatie"] is not None
    assert marks["gemeente"] is None
    [financing] = [e for e in graph.edges if e.subject == "financing bijdrage_2026"]
    assert financing.mark is not None
    assert result.stdout == to_mermaid(graph)


def test_findings_follow_the_project_configuration(tmp_path: Path) -> None:
    """``--findings`` reads the project's configuration, as ``govrules lint`` does."""
    before = EXAMPLES / "01-work-organization" / "before"
    for source in before.glob("*.gov"):
        shutil.copy(source, tmp_path / source.name)
    (tmp_path / "govrules.toml").write_text('ignore = ["OWN001"]\n', encoding="utf-8")
    result = _run(str(tmp_path), "--findings")
    assert result.exit_code == 0, result.stderr
    burgerzaken = next(line for line in result.stdout.splitlines() if '"burgerzaken" [' in line)
    assert "OWN001" not in burgerzaken
    assert "#d32f2f" not in burgerzaken
    raad = next(line for line in result.stdout.splitlines() if '"raad_van_toezicht" [' in line)
    assert "SUP001" in raad


def test_findings_on_nested_declarations_mark_the_contract() -> None:
    """In the DBFMO case, findings on risks, terms and roles mark the contract edge."""
    before = EXAMPLES / "03-dbfmo-contract" / "before"
    model = load([before])
    graph = build_graph(model, findings=govrules.lint(model).findings)
    [contract] = [e for e in graph.edges if e.relation == "contracts"]
    assert contract.mark is Severity.ERROR
    assert any(note.startswith("CON001") for note in contract.notes)


def test_graph_is_listed_in_help() -> None:
    """``govrules --help`` lists the graph command."""
    result = CliRunner().invoke(cli, ["--help"])
    assert "graph" in result.stdout


def test_undecodable_file_exits_1_with_gr401(tmp_path: Path) -> None:
    """A file that cannot be decoded is missing from the picture: GR401 on stderr, exit 1."""
    (tmp_path / "ok.gov").write_text('organization g "G" {\n  kind municipality\n}\n')
    (tmp_path / "bad.gov").write_bytes(b'organization h "H\xff" {\n}\n')
    result = _run(str(tmp_path))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if "GR401" in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"{tmp_path / 'bad.gov'}:1:")
    assert " GR401 error " in lines[0]
    assert "digraph" in result.stdout
