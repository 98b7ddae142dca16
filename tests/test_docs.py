"""The docs: generated parts up to date, every code and option documented, examples valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import govrules
from govrules import docgen
from govrules.cli import cli
from govrules.config import load_config, validate_codes
from govrules.diagnostics import MODEL_CODES
from govrules.engine.catalogue import builtin_rules
from govrules.engine.compile import CompiledRule, compile_all
from govrules.engine.rulelang import parse_rules
from govrules.ruletest import run_fixture

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLE = "examples/01-work-organization/before"

_FENCE = re.compile(
    r"^(?P<fence>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.S | re.M
)


def blocks(name: str, info: str) -> list[tuple[str, str]]:
    """The fenced code blocks of ``docs/<name>`` whose info string is ``info``: (id, text)."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return [
        (f"{name}:{text.count(chr(10), 0, m.start()) + 1}", m.group("body"))
        for m in _FENCE.finditer(text)
        if m.group("info").strip() == info
    ]


def section(text: str, heading: str) -> str:
    """The part of ``text`` from the line ``heading`` to the next heading of its level or above."""
    level = len(heading.split(" ", 1)[0])
    start = text.index(heading + "\n")
    following = re.compile(rf"^#{{1,{level}}} ", re.M).search(text, start + len(heading))
    return text[start : following.start() if following else len(text)]


def documented_rules() -> list[CompiledRule]:
    """The complete rules shown in writing-rules.md, compiled (a rule file is data: no Python)."""
    compiled: list[CompiledRule] = []
    for where, body in blocks("writing-rules.md", "rules"):
        if not re.search(r"^rule ", body, re.M):
            continue  # a fragment (paths, clauses), not a rule
        if not re.search(r"^ruleset ", body, re.M):
            body = 'ruleset local "Local rules"\n' + body
        ruleset = parse_rules(body, f"{where}/local.rules", "local")
        compiled += compile_all([(r, ruleset.file) for r in ruleset.rules])
    return compiled


# --- generated parts -------------------------------------------------------------


def test_generated_docs_are_up_to_date() -> None:
    """docs/rules.md and the vocabulary section of docs/language.md are what docgen writes."""
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == docgen.rules_reference()
    assert (DOCS / "nl" / "regels.md").read_text(encoding="utf-8") == docgen.rules_reference_nl()
    language = (DOCS / "language.md").read_text(encoding="utf-8")
    assert language == docgen.splice(language, docgen.vocabulary_reference())
    taal = (DOCS / "nl" / "taal.md").read_text(encoding="utf-8")
    assert taal == docgen.splice(taal, docgen.vocabulary_reference_nl())


def test_docgen_check_passes() -> None:
    """`python -m govrules.docgen --check` exits 0 in the repository."""
    done = subprocess.run(
        [sys.executable, "-m", "govrules.docgen", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_docgen_check_reports_stale_docs(tmp_path: Path) -> None:
    """docgen --check exits 1 and writes nothing when a generated part is out of date."""
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    stale = f"# Language\n\n{docgen.START}\nold\n{docgen.END}\n"
    (tmp_path / "docs" / "language.md").write_text(stale, encoding="utf-8")
    (tmp_path / "docs" / "nl" / "taal.md").write_text(stale, encoding="utf-8")
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 1
    assert (tmp_path / "docs" / "language.md").read_text(encoding="utf-8") == stale
    assert (tmp_path / "docs" / "nl" / "taal.md").read_text(encoding="utf-8") == stale
    assert not (tmp_path / "docs" / "rules.md").exists()
    assert not (tmp_path / "docs" / "nl" / "regels.md").exists()
    assert docgen.main(["--root", str(tmp_path)]) == 0
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 0


def test_docgen_needs_the_markers(tmp_path: Path) -> None:
    """Without the vocabulary markers in language.md, docgen stops with exit 2."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "language.md").write_text("# Language\n", encoding="utf-8")
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 2


def test_docgen_needs_the_dutch_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without docs/nl/taal.md, or without its markers, docgen names that file and exits 2."""
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    markers = f"# Language\n\n{docgen.START}\n{docgen.END}\n"
    (tmp_path / "docs" / "language.md").write_text(markers, encoding="utf-8")
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 2
    assert "taal.md" in capsys.readouterr().err
    (tmp_path / "docs" / "nl" / "taal.md").write_text("# Taal\n", encoding="utf-8")
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 2
    assert "taal.md: the markers" in capsys.readouterr().err


# --- completeness -----------------------------------------------------------------


def test_every_code_is_in_the_catalogue() -> None:
    """Every built-in rule has its section in docs/rules.md, and every model code a row."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in builtin_rules():
        assert f"\n### {rule.code} {rule.slug}\n" in text, rule.code
    for code in MODEL_CODES:
        assert f"| `{code}` |" in text, code


def test_every_code_is_in_the_dutch_catalogue() -> None:
    """docs/nl/regels.md has every rule's section and every model code, its meaning in Dutch."""
    text = (DOCS / "nl" / "regels.md").read_text(encoding="utf-8")
    for rule in builtin_rules():
        assert f"\n### {rule.code} {rule.slug}\n" in text, rule.code
    assert set(docgen.NL_MODEL_CODES) == set(MODEL_CODES)
    for code, meaning in docgen.NL_MODEL_CODES.items():
        assert f"| `{code}` |" in text and meaning.split(" (")[0] in text, code


def test_dutch_catalogue_uses_the_dutch_texts_and_words() -> None:
    """A translated rule shows its Dutch title, why and examples in Dutch words; an untranslated
    rule its English title under a note; ruleset titles and severities are in Dutch."""
    text = (DOCS / "nl" / "regels.md").read_text(encoding="utf-8")
    own001 = section(text, "### OWN001 financed-product-has-one-owner")
    assert "**Elk gefinancierd product heeft precies één eigenaar**" in own001
    assert "- **Ernst:** fout" in own001
    assert "- **Geldt voor:** `product`" in own001
    assert "nog geen Nederlandse tekst" not in own001
    assert "financiering bijdrage {\n  van gemeente\n" in own001
    assert "\nfinancing " not in own001
    assert "(../../rulesets/responsibility.rules)" in own001
    wor001 = section(
        text, "### WOR001 " + next(r.slug for r in builtin_rules() if r.code == "WOR001")
    )
    english = next(r for r in builtin_rules() if r.code == "WOR001")
    assert f"**{english.title}**" in wor001
    assert "_Deze regel heeft nog geen Nederlandse tekst; hieronder de Engelse._" in wor001
    assert "**Verantwoordelijkheid: elk gefinancierd product heeft één eigenaar" in text
    assert "| `GR502` | onderdrukkingen | waarschuwing |" in text


def test_every_word_is_in_the_dutch_language_doc() -> None:
    """docs/nl/taal.md names every kind, attribute and symbol with its Dutch and English word."""
    from govrules.model import dutch
    from govrules.model.values import ValueType
    from govrules.vocabulary import KINDS

    text = (DOCS / "nl" / "taal.md").read_text(encoding="utf-8")
    assert set(docgen.NL_VALUE_TYPES) == set(ValueType)
    for kind, spec in KINDS.items():
        part = section(text, f"#### {dutch.KINDS[kind]}")
        assert f"Engels: `{kind}`." in part, kind
        for name, attr in spec.attributes.items():
            word = dutch.ATTRIBUTES.get(kind, {}).get(name, name)
            assert f"| `{word}` | `{name}` |" in part, (kind, name)
            for symbol in attr.symbols:
                words = dutch.SYMBOLS.get((kind, name), {}).get(symbol, (symbol,))
                shown = " of ".join(f"`{w}`" for w in words)
                assert (f"{shown} (`{symbol}`)" if words != (symbol,) else shown) in part, symbol


def test_english_catalogue_has_no_dutch_headings() -> None:
    """Writing the Dutch catalogue left the English one as it was: English headings and texts."""
    text = docgen.rules_reference()
    assert text.startswith("# Rule catalogue\n")
    assert "Regelset" not in text and "**Severity:** error" in text


def test_every_kind_and_attribute_is_in_the_language_doc() -> None:
    """Every kind and every attribute of the vocabulary appears in docs/language.md."""
    from govrules.vocabulary import KINDS

    text = (DOCS / "language.md").read_text(encoding="utf-8")
    for kind, spec in KINDS.items():
        part = section(text, f"#### {kind}")
        for name in spec.attributes:
            assert f"| `{name}` |" in part, (kind, name)


def _help_options(args: list[str]) -> list[str]:
    """The option names that ``govrules ARGS --help`` shows."""
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="govrules")
    assert result.exit_code == 0, result.output
    options = result.output.split("\nOptions:\n", 1)[1]
    names: list[str] = []
    for line in options.splitlines():
        m = re.match(r"^  (-[^\s,]+(?:, -[^\s,]+)*)", line)
        if m:
            names += m.group(1).split(", ")
    assert names, result.output
    return names


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words that invoke it: ("lint",), ("cache", "dir")."""
    ctx = click.Context(group)
    found: list[tuple[str, ...]] = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("words", _commands(), ids=" ".join)
def test_every_option_is_in_the_cli_doc(words: tuple[str, ...]) -> None:
    """Every option that `govrules COMMAND --help` shows is in that command's section of cli.md."""
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    heading = "#" * (len(words) + 1) + " govrules " + " ".join(words)
    part = section(text, heading)
    for name in _help_options(list(words)):
        assert re.search(rf"`{re.escape(name)}[ `]", part), f"{name} of {' '.join(words)}"


def test_top_level_options_are_in_the_cli_doc() -> None:
    """The options of `govrules --help` itself (--version, --help) are in cli.md."""
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in _help_options([]):
        assert re.search(rf"`(govrules )?{re.escape(name)}[ `]", text), name


def test_cli_doc_samples_are_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """The finding lines and GitHub annotations shown in cli.md are what lint prints today."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    runner = CliRunner()
    quiet = runner.invoke(cli, ["lint", "--quiet", EXAMPLE]).output.splitlines()
    github = runner.invoke(cli, ["lint", "--format", "github", EXAMPLE]).output.splitlines()
    shown = [line for line in text.splitlines() if line.startswith(EXAMPLE + "/")]
    annotations = [line for line in text.splitlines() if line.startswith("::")]
    assert shown and annotations
    for line in shown:
        assert line in quiet, line
    assert annotations == github


# --- examples ---------------------------------------------------------------------

NL_PAGES = tuple(p.relative_to(DOCS).as_posix() for p in sorted((DOCS / "nl").glob("*.md")))
"""The Dutch pages (docs/nl/): their ```gov blocks are checked and their links followed."""

GOV_BLOCKS = [
    pytest.param(body, id=where)
    for name in ("language.md", "writing-rules.md", "configuration.md", "rules.md", *NL_PAGES)
    for where, body in blocks(name, "gov")
]


@pytest.mark.parametrize("body", GOV_BLOCKS)
def test_gov_examples_load_without_diagnostics(body: str) -> None:
    """Every ```gov block in the docs is a valid model (errors are shown in ```text blocks)."""
    model = govrules.loads(body, "example.gov")
    assert model.diagnostics == (), [f"{f.code} {f.message}" for f in model.diagnostics]


@pytest.mark.parametrize(
    "body",
    [pytest.param(body, id=where) for name in NL_PAGES for where, body in blocks(name, "gov")],
)
def test_dutch_examples_are_written_in_dutch_words(body: str) -> None:
    """Every ```gov block of docs/nl uses the Dutch words: `fmt --lang nl` changes no word."""
    from govrules.fmt import format_text

    assert format_text(body, "example.gov", "nl") == format_text(body, "example.gov")


def test_worked_example_rule_finds_and_its_fixture_passes(tmp_path: Path) -> None:
    """The worked example of writing-rules.md: the rule compiles, finds, and its fixture passes."""
    rules = documented_rules()
    assert {r.code for r in rules} >= {"LOC001", "LOC002"}
    loc001 = [r for r in rules if r.code == "LOC001"][:1]
    models = [body for _where, body in blocks("writing-rules.md", "gov")]
    model = govrules.loads(models[0], "governance/model.gov")
    report = govrules.lint(model, rules=loc001)
    assert [(f.code, f.location.line) for f in report.findings] == [("LOC001", 9)]
    fixture = next(body for body in models if "# checks: LOC001" in body)
    path = tmp_path / "LOC001.gov"
    path.write_text(fixture, encoding="utf-8")
    result = run_fixture(str(path), loc001)
    assert result.passed, (result.missing, result.unexpected)
    assert len(result.expected) == 2


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(body, id=where)
        for name in ("configuration.md", "writing-rules.md")
        for where, body in blocks(name, "toml")
    ],
)
def test_toml_examples_are_valid_configuration(body: str, tmp_path: Path) -> None:
    """Every ```toml block in the docs is a configuration govrules accepts."""
    name = "pyproject.toml" if "[tool.govrules" in body else "govrules.toml"
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    config = load_config(path)
    # As lint does: codes are checked against the rulesets the configuration enables.
    rules = [r for r in builtin_rules() if not config.rulesets or r.ruleset in config.rulesets]
    if any(entry.endswith(".rules") for entry in config.rulesets):
        rules += documented_rules()
    validate_codes(config, {r.code: tuple(r.params) for r in rules})


# --- links ------------------------------------------------------------------------

OWN_PAGES = (
    "index.md",
    "language.md",
    "rules.md",
    "writing-rules.md",
    "cli.md",
    "configuration.md",
    *NL_PAGES,
)


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file (code blocks skipped)."""
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for m in re.finditer(r"^#{1,6} (.+)$", text, re.M):
        anchor = docgen.anchor(m.group(1).replace("`", ""))
        n, unique = 0, anchor
        while unique in found:
            n += 1
            unique = f"{anchor}-{n}"
        found.add(unique)
    return found


@pytest.mark.parametrize("page", OWN_PAGES)
def test_links_between_pages_resolve(page: str) -> None:
    """Every relative link in the page points at an existing file, and an existing heading."""
    text = _FENCE.sub("", (DOCS / page).read_text(encoding="utf-8"))
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an external address
        file, _, anchor = target.partition("#")
        path = ((DOCS / page).parent / file).resolve() if file else DOCS / page
        assert path.exists(), f"{page}: {target}"
        if anchor:
            assert anchor in _anchors(path), f"{page}: {target}"


def test_rule_sources_name_what_a_user_can_open() -> None:
    """Every built-in rule's source is a statute or docs/cases.md, never a design file."""
    from govrules.engine.catalogue import builtin_rules

    cases = (DOCS / "cases.md").read_text(encoding="utf-8")
    for rule in builtin_rules():
        assert "DOMAIN.md" not in rule.source, rule.code
        if "cases.md" in rule.source:
            assert rule.code in cases, f"{rule.code} cites cases.md, which does not name it"
