"""``govrules lint`` as users run it: exit codes, formats, configuration, suppressions, baselines.

Every test builds a small governance project in a temporary directory (a
``govrules.toml`` and a clean model over three files that reference each other)
and runs the command in it, as a user would, through click's CliRunner.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft7Validator

import govrules
from govrules.cli import cli

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"

ORGANIZATIONS = """\
organization gemeente "Gemeente Oostdal" {
  kind municipality
}

organization werkorganisatie "Werkorganisatie Oostdal" {
  kind work_organization
  established_by gemeente
}
"""

MONEY = """\
product burgerzaken "Burgerzaken" {
  owner werkorganisatie
}

financing bijdrage "Bijdrage 2026" {
  from gemeente
  to werkorganisatie
  for burgerzaken
  amount EUR 1_000_000 per year
}
"""

DIALOGUE = """\
dialogue overleg "Opdrachtgeversoverleg" {
  between gemeente, werkorganisatie
  frequency monthly
  open_agenda yes
}
"""

UNOWNED = """\
product burgerzaken "Burgerzaken"

product wegen "Wegen"

financing bijdrage "Bijdrage 2026" {
  from gemeente
  to werkorganisatie
  for burgerzaken, wegen
  amount EUR 1_000_000 per year
}
"""
"""money.gov with two financed products that nobody owns: OWN001 at lines 1 and 3."""

OWN001_BURGERZAKEN = (
    "product burgerzaken is financed by bijdrage but has 0 owners instead of one (none)"
)

WITH_STAFF = ORGANIZATIONS.replace(
    "established_by gemeente\n", "established_by gemeente\n  staff 180\n"
)
"""organizations.gov with 180 staff and no works council: COL006 (a warning) at line 5."""

OWN_RULES = """\
ruleset own "Our own rules"

rule LOC001 organization-states-staff {
  severity warning
  title "Every organization states its staff"
  why "The number of staff decides which laws apply."
  each organization o
  expect exists(o.staff)
  message "organization {o} does not state its staff"
}
"""


class Project:
    """A governance project in a temporary directory that is also the current directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def lint(self, *args: str, env: Mapping[str, str | None] | None = None) -> Result:
        """``govrules lint ARGS`` in the project, standard output and error kept apart."""
        return CliRunner().invoke(cli, ["lint", *args], env=env, catch_exceptions=False)

    def lint_json(self, *args: str) -> tuple[int, dict[str, Any]]:
        result = self.lint("--format", "json", *args)
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A clean model in governance/ over three files, with an empty govrules.toml."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    proj = Project(tmp_path)
    proj.write("govrules.toml", "# govrules configuration: the defaults\n")
    proj.write("governance/organizations.gov", ORGANIZATIONS)
    proj.write("governance/money.gov", MONEY)
    proj.write("governance/dialogue.gov", DIALOGUE)
    return proj


def _codes(document: Mapping[str, Any], *, active: bool = True) -> list[tuple[str, str, int]]:
    """(code, file, line) of the JSON findings that are active (or suppressed)."""
    return [
        (f["code"], f["file"], f["line"])
        for f in document["findings"]
        if (f["suppressed"] is None) is active
    ]


# -- exit codes ------------------------------------------------------------------------


def test_clean_model_exits_0(project: Project) -> None:
    """A clean model exits 0 and says so, counting its files."""
    result = project.lint("governance")
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 3 files.\n"
    assert result.stderr == ""


def test_default_path_is_the_current_directory(project: Project) -> None:
    """Without PATHS, lint checks the current directory."""
    result = project.lint()
    assert (result.exit_code, result.stdout) == (0, "No problems found in 3 files.\n")


def test_error_findings_exit_1(project: Project) -> None:
    """Findings at error severity exit 1."""
    project.write("governance/money.gov", UNOWNED)
    assert project.lint("governance").exit_code == 1


def test_only_warnings_exit_0_by_default_and_1_with_fail_on_warning(project: Project) -> None:
    """Warnings alone pass at the default --fail-on error and fail with --fail-on warning."""
    project.write("governance/organizations.gov", WITH_STAFF)
    code, document = project.lint_json("governance")
    assert code == 0
    assert _codes(document) == [("COL006", "governance/organizations.gov", 5)]
    assert document["findings"][0]["severity"] == "warning"
    assert project.lint("--fail-on", "warning", "governance").exit_code == 1
    assert project.lint("--fail-on", "error", "governance").exit_code == 0


def test_fail_on_from_the_configuration(project: Project) -> None:
    """fail-on in govrules.toml applies; the command line overrides it."""
    project.write("governance/organizations.gov", WITH_STAFF)
    project.write("govrules.toml", 'fail-on = "warning"\n')
    assert project.lint("governance").exit_code == 1
    assert project.lint("--fail-on", "error", "governance").exit_code == 0


def test_exit_zero_with_errors(project: Project) -> None:
    """--exit-zero exits 0 even with errors, and still reports them."""
    project.write("governance/money.gov", UNOWNED)
    result = project.lint("--exit-zero", "governance")
    assert result.exit_code == 0
    assert result.stdout.endswith("2 errors in 3 files\n")


def test_missing_path_exits_2(project: Project) -> None:
    """A path that does not exist exits 2 with one govrules: error: line and no output."""
    result = project.lint("nothere")
    assert result.exit_code == 2
    assert result.stderr == "govrules: error: nothere: no such file or directory\n"
    assert result.stdout == ""


def test_config_typo_exits_2_naming_key_and_file(project: Project) -> None:
    """An unknown key in govrules.toml exits 2 naming the file, the key and the right key."""
    project.write("govrules.toml", 'selct = ["OWN"]\n')
    result = project.lint("governance")
    assert result.exit_code == 2
    config = (project.root / "govrules.toml").resolve()
    assert result.stderr == (
        f"govrules: error: {config}: unknown key 'selct'; did you mean 'select'?\n"
    )


def test_config_typo_in_pyproject_names_the_table(project: Project) -> None:
    """An unknown key under [tool.govrules] in pyproject.toml names the table and the file."""
    (project.root / "govrules.toml").unlink()
    project.write("pyproject.toml", '[tool.govrules]\nignroe = ["POL"]\n')
    result = project.lint("governance")
    assert result.exit_code == 2
    config = (project.root / "pyproject.toml").resolve()
    assert result.stderr == (
        f"govrules: error: {config}: [tool.govrules] unknown key 'ignroe'; did you mean 'ignore'?\n"
    )


def test_unknown_code_in_select_exits_2_with_suggestion(project: Project) -> None:
    """An unknown code in --select exits 2 naming the option and suggesting the code."""
    result = project.lint("--select", "OWN01", "governance")
    assert result.exit_code == 2
    assert result.stderr == (
        "govrules: error: --select: unknown code or prefix 'OWN01'; did you mean 'OWN001'?\n"
    )


def test_select_and_ignore_by_prefix(project: Project) -> None:
    """--select and --ignore take codes and prefixes."""
    project.write("governance/money.gov", UNOWNED)
    project.write("governance/organizations.gov", WITH_STAFF)
    _, everything = project.lint_json("governance")
    assert {c for c, _, _ in _codes(everything)} == {"OWN001", "COL006"}
    _, selected = project.lint_json("--select", "COL", "governance")
    assert {c for c, _, _ in _codes(selected)} == {"COL006"}
    _, ignored = project.lint_json("--ignore", "OWN001", "governance")
    assert {c for c, _, _ in _codes(ignored)} == {"COL006"}


# -- output formats --------------------------------------------------------------------


def test_text_format(project: Project) -> None:
    """Text: file:line:col: CODE severity message, the source line with a caret, a summary."""
    project.write("governance/money.gov", UNOWNED)
    project.write("governance/organizations.gov", WITH_STAFF)
    result = project.lint("governance")
    lines = result.stdout.splitlines()
    first = lines.index(f"governance/money.gov:1:1: OWN001 error {OWN001_BURGERZAKEN}")
    assert lines[first + 1] == '  1 | product burgerzaken "Burgerzaken"'
    assert lines[first + 2] == "    | " + "^" * len('product burgerzaken "Burgerzaken"')
    assert (
        "governance/organizations.gov:5:1: COL006 warning organization werkorganisatie "
        + ("has 180 staff (threshold 50) but no works council")
        in lines
    )
    assert lines[-1] == "2 errors, 1 warning in 3 files"
    assert "\x1b" not in result.stdout


def test_quiet_text_has_one_line_per_finding(project: Project) -> None:
    """--quiet prints only the finding lines: no excerpts, no summary."""
    project.write("governance/money.gov", UNOWNED)
    result = project.lint("--quiet", "governance")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"governance/money.gov:1:1: OWN001 error {OWN001_BURGERZAKEN}",
        "governance/money.gov:3:1: OWN001 error "
        "product wegen is financed by bijdrage but has 0 owners instead of one (none)",
    ]


def test_quiet_clean_model_prints_nothing(project: Project) -> None:
    """--quiet on a clean model prints nothing at all."""
    result = project.lint("--quiet", "governance")
    assert (result.exit_code, result.stdout) == (0, "")


def test_json_format_fields(project: Project) -> None:
    """JSON has version, summary and findings with every field INTERFACES.md names."""
    project.write("governance/money.gov", UNOWNED)
    project.write("governance/organizations.gov", WITH_STAFF)
    code, document = project.lint_json("governance")
    assert code == 1
    assert document["version"] == 1
    assert document["summary"] == {
        "files": 3,
        "errors": 2,
        "warnings": 1,
        "infos": 0,
        "suppressed": 0,
    }
    fields = {
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "subject",
        "ruleset",
        "related",
        "suppressed",
    }
    for finding in document["findings"]:
        assert fields <= set(finding)
    first = document["findings"][0]
    assert {k: first[k] for k in fields} == {
        "code": "OWN001",
        "severity": "error",
        "message": OWN001_BURGERZAKEN,
        "file": "governance/money.gov",
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 34,
        "subject": "product burgerzaken",
        "ruleset": "responsibility",
        "related": [
            {
                "file": "governance/money.gov",
                "line": 5,
                "column": 1,
                "message": "financing bijdrage",
            }
        ],
        "suppressed": None,
    }


def test_sarif_validates_against_the_schema(project: Project) -> None:
    """SARIF output validates against the official 2.1.0 schema and carries rules and results."""
    project.write("governance/money.gov", UNOWNED)
    result = project.lint("--format", "sarif", "governance")
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(sarif), key=str)
    assert errors == []
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "govrules"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "OWN001" in rule_ids
    assert "COL006" in rule_ids
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["OWN001", "OWN001"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "governance/money.gov"
    assert location["region"]["startLine"] == 1
    assert results[0]["level"] == "error"
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]


def test_sarif_suppression_has_justification(project: Project) -> None:
    """A suppressed finding stays in SARIF with the reason as the justification."""
    project.write(
        "governance/money.gov",
        "# govrules: ignore[OWN001] -- owner decided in 2026\n" + UNOWNED,
    )
    result = project.lint("--format", "sarif", "governance")
    sarif = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema).iter_errors(sarif)) == []
    suppressed = [r for r in sarif["runs"][0]["results"] if r.get("suppressions")]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"][0]["justification"] == "owner decided in 2026"


def test_github_format_lines(project: Project) -> None:
    """--format github prints one workflow command per finding, error and warning."""
    project.write("governance/money.gov", UNOWNED)
    project.write("governance/organizations.gov", WITH_STAFF)
    result = project.lint("--format", "github", "governance")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=governance/money.gov,line=1,col=1,endLine=1,endColumn=34,"
        f"title=OWN001::{OWN001_BURGERZAKEN}"
    )
    assert len(lines) == 3
    assert all(re.fullmatch(r"::(error|warning|notice) file=[^,]+,line=\d+,.*", x) for x in lines)
    assert lines[2].startswith("::warning file=governance/organizations.gov,line=5,col=1,")
    assert ",title=COL006::" in lines[2]


def test_output_writes_the_report_to_a_file(project: Project) -> None:
    """--output FILE writes what stdout would show and leaves stdout empty."""
    project.write("governance/money.gov", UNOWNED)
    shown = project.lint("--format", "json", "governance")
    written = project.lint("--format", "json", "--output", "report.json", "governance")
    assert written.exit_code == 1
    assert written.stdout == ""
    assert json.loads(project.read("report.json")) == json.loads(shown.stdout)
    text = project.lint("--output", "report.txt", "governance")
    assert text.stdout == ""
    assert project.read("report.txt") == project.lint("governance").stdout


def _on_terminal(args: list[str], env: Mapping[str, str]) -> bytes:
    """Run ``govrules`` with a pseudo-terminal as stdout and stderr; its output."""
    parent, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "govrules", *args], stdout=child, stderr=child, env=dict(env)
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(parent, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(parent)
    process.wait(timeout=60)
    return output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_only_on_a_terminal_and_never_with_no_color(project: Project) -> None:
    """A terminal gets colour; --no-color and NO_COLOR take it away, as does a pipe."""
    project.write("governance/money.gov", UNOWNED)
    package_parent = str(Path(govrules.__file__).resolve().parents[1])
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))

    assert b"\x1b[" in _on_terminal(["lint", "governance"], env)  # the control
    no_color = _on_terminal(["lint", "--no-color", "governance"], env)
    assert b"OWN001 error" in no_color
    assert b"\x1b" not in no_color
    env_no_color = _on_terminal(["lint", "governance"], {**env, "NO_COLOR": "1"})
    assert b"OWN001 error" in env_no_color
    assert b"\x1b" not in env_no_color
    piped = subprocess.run(
        [sys.executable, "-m", "govrules", "lint", "governance"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert b"OWN001 error" in piped.stdout
    assert b"\x1b" not in piped.stdout


def test_no_color_through_the_runner(project: Project) -> None:
    """Through CliRunner, --no-color and NO_COLOR=1 give plain text."""
    project.write("governance/money.gov", UNOWNED)
    assert "\x1b" not in project.lint("--no-color", "governance").stdout
    assert "\x1b" not in project.lint("governance", env={"NO_COLOR": "1"}).stdout


def test_ruleset_option_keeps_a_configuration_that_ignores_builtin_codes(
    project: Project,
) -> None:
    """--ruleset own.rules works with a configuration that ignores a built-in code."""
    project.write("rules/own.rules", OWN_RULES)
    project.write("govrules.toml", 'ignore = ["POL003"]\n')
    result = project.lint("--ruleset", "rules/own.rules", "--quiet", "governance")
    assert result.stderr == ""
    assert result.exit_code == 0


def test_interfaces_example_configuration_is_accepted(project: Project) -> None:
    """The [tool.govrules] example of INTERFACES.md, verbatim, is a valid configuration."""
    (project.root / "govrules.toml").unlink()
    local = OWN_RULES.replace('ruleset own "Our own rules"', 'ruleset local "Local rules"')
    project.write("rulesets/local.rules", local)
    project.write(
        "pyproject.toml",
        "[tool.govrules]\n"
        'rulesets = ["responsibility", "supervision", "rulesets/local.rules"]\n'
        'select = ["OWN", "SUP", "COL"]\n'
        'ignore = ["POL003"]\n'
        'fail-on = "warning"\n\n'
        "[tool.govrules.severity]\n"
        'OWN002 = "error"\n\n'
        "[tool.govrules.params]\n"
        "COL006.threshold = 100\n",
    )
    result = project.lint("governance")
    assert result.stderr == ""
    assert result.exit_code == 0


# -- a named file stands for its whole model -------------------------------------------


def test_named_file_resolves_references_in_other_files(project: Project) -> None:
    """Naming one file loads the whole project: references to sibling files resolve."""
    project.write("governance/orgs/organizations.gov", ORGANIZATIONS)
    (project.root / "governance/organizations.gov").unlink()
    result = project.lint("governance/money.gov")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 3 files.\n")


def test_named_file_reports_a_reference_broken_in_a_sibling(project: Project) -> None:
    """Deleting an organization in a sibling file gives GR302 in the named file's model."""
    project.write(
        "governance/organizations.gov",
        'organization gemeente "Gemeente Oostdal" {\n  kind municipality\n}\n',
    )
    code, document = project.lint_json("governance/money.gov")
    assert code == 1
    broken = [(c, Path(f).name, line) for c, f, line in _codes(document) if c == "GR302"]
    assert ("GR302", "money.gov", 2) in broken
    assert ("GR302", "money.gov", 7) in broken
    assert ("GR302", "dialogue.gov", 2) in broken
    messages = [f["message"] for f in document["findings"] if f["line"] == 2]
    assert "'owner' refers to 'werkorganisatie', which is not declared anywhere in the model" in (
        messages
    )


def test_named_file_without_configuration_uses_its_directory(project: Project) -> None:
    """Without a configuration file, a named file stands for the .gov files of its directory."""
    (project.root / "govrules.toml").unlink()
    project.write("elsewhere/unrelated.gov", "product broken {\n  owner nobody\n}\n")
    result = project.lint("governance/money.gov")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 3 files.\n")


def test_files_of_two_projects_are_linted_as_their_own_models(project: Project) -> None:
    """Files named from two projects are each linted with their own project's whole model."""
    (project.root / "govrules.toml").unlink()  # no configuration above the two projects
    for name in ("a", "b"):
        project.write(f"{name}/govrules.toml", "")
        project.write(f"{name}/orgs/organizations.gov", ORGANIZATIONS)
        project.write(f"{name}/orgs/dialogue.gov", DIALOGUE)
        project.write(f"{name}/money/money.gov", MONEY)
    assert project.lint("a/money/money.gov").exit_code == 0  # each alone is clean
    assert project.lint("b/money/money.gov").exit_code == 0
    result = project.lint("--quiet", "a/money/money.gov", "b/money/money.gov")
    assert (result.exit_code, result.stdout.strip()) == (0, "")


# -- user rulesets ---------------------------------------------------------------------


def test_user_ruleset_file_runs_its_rule(project: Project) -> None:
    """--ruleset PATH runs the rules of a user's .rules file."""
    project.write("rules/own.rules", OWN_RULES)
    project.write("governance/organizations.gov", WITH_STAFF)
    code, document = project.lint_json("--ruleset", "rules/own.rules", "governance")
    assert code == 0
    assert _codes(document) == [("LOC001", "governance/organizations.gov", 1)]
    finding = document["findings"][0]
    assert finding["message"] == "organization gemeente does not state its staff"
    assert finding["ruleset"] == "own"
    assert finding["severity"] == "warning"


def test_user_ruleset_from_the_configuration(project: Project) -> None:
    """rulesets in govrules.toml takes a built-in name and a path relative to the project."""
    project.write("rules/own.rules", OWN_RULES)
    project.write("govrules.toml", 'rulesets = ["collaboration", "rules/own.rules"]\n')
    project.write("governance/organizations.gov", WITH_STAFF)
    _, document = project.lint_json("governance")
    assert {c for c, _, _ in _codes(document)} == {"LOC001", "COL006"}


def test_user_ruleset_typo_exits_2_with_location_and_suggestion(project: Project) -> None:
    """A misspelt attribute in a rule file exits 2 with file:line:col and a did-you-mean."""
    project.write("rules/own.rules", OWN_RULES.replace("o.staff", "o.staf"))
    result = project.lint("--ruleset", "rules/own.rules", "governance")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("govrules: error: ")
    assert re.search(
        r"rules/own\.rules:8:19: LOC001: .*'staf'; did you mean 'staff'\?", result.stderr
    ), result.stderr
    assert "Traceback" not in result.stderr


# -- baselines -------------------------------------------------------------------------


def test_baseline_accepts_recorded_findings(project: Project) -> None:
    """--write-baseline records the findings; --baseline then exits 0 and marks them."""
    project.write("governance/money.gov", UNOWNED)
    written = project.lint("--write-baseline", "b.json", "governance")
    assert written.exit_code == 0
    assert written.stderr == "wrote 2 findings to b.json\n"
    recorded = json.loads(project.read("b.json"))
    assert [e["identity"] for e in recorded["findings"]] == [
        "OWN001 product burgerzaken",
        "OWN001 product wegen",
    ]
    code, document = project.lint_json("--baseline", "b.json", "governance")
    assert code == 0
    assert _codes(document) == []
    assert document["summary"]["suppressed"] == 2
    assert [f["suppressed"] for f in document["findings"]] == ["baseline", "baseline"]
    assert project.lint("--baseline", "b.json", "governance").stderr == ""


def test_baseline_survives_inserting_lines_above_the_findings(project: Project) -> None:
    """Five lines inserted above the findings do not break the baseline: it keys on identity."""
    project.write("governance/money.gov", UNOWNED)
    assert project.lint("--write-baseline", "b.json", "governance").exit_code == 0
    header = "".join(f"# line {n} of a new header\n" for n in range(1, 6))
    project.write("governance/money.gov", header + UNOWNED)
    code, document = project.lint_json("--baseline", "b.json", "governance")
    assert code == 0
    assert _codes(document, active=False) == [
        ("OWN001", "governance/money.gov", 6),
        ("OWN001", "governance/money.gov", 8),
    ]
    assert project.lint("--baseline", "b.json", "governance").stderr == ""


def test_baseline_new_finding_still_fails(project: Project) -> None:
    """A finding that is not in the baseline fails the run; only it is reported."""
    project.write("governance/money.gov", UNOWNED)
    assert project.lint("--write-baseline", "b.json", "governance").exit_code == 0
    project.write(
        "governance/money.gov",
        UNOWNED.replace("for burgerzaken, wegen", "for burgerzaken, wegen, archief")
        + '\nproduct archief "Archief"\n',
    )
    code, document = project.lint_json("--baseline", "b.json", "governance")
    assert code == 1
    assert _codes(document) == [("OWN001", "governance/money.gov", 12)]
    assert document["findings"][-1]["subject"] == "product archief"


def test_baseline_stale_entry_is_reported_on_stderr(project: Project) -> None:
    """A baseline entry that matches no finding any more is reported on stderr; the run passes."""
    project.write("governance/money.gov", UNOWNED)
    assert project.lint("--write-baseline", "b.json", "governance").exit_code == 0
    project.write(
        "governance/money.gov",
        UNOWNED.replace('product wegen "Wegen"', 'product wegen "Wegen" {\n  owner gemeente\n}'),
    )
    result = project.lint("--baseline", "b.json", "governance")
    assert result.exit_code == 0
    assert re.fullmatch(
        r"b\.json: 1 baseline entr\w+ no longer match\w* a finding "
        r"\(OWN001 product wegen\); shrink the file with --write-baseline\n",
        result.stderr,
    ), result.stderr


def test_missing_baseline_file_exits_2(project: Project) -> None:
    """A baseline file that cannot be read exits 2."""
    result = project.lint("--baseline", "missing.json", "governance")
    assert result.exit_code == 2
    assert result.stderr.startswith("govrules: error: missing.json: cannot read the baseline")


# -- suppressions ----------------------------------------------------------------------


def test_suppression_with_reason_suppresses(project: Project) -> None:
    """# govrules: ignore[OWN001] -- reason silences the finding; JSON keeps it with the reason."""
    project.write(
        "governance/money.gov",
        "# govrules: ignore[OWN001] -- the council names the owner in March\n"
        + UNOWNED.replace(
            "\nproduct wegen", "\n# govrules: ignore[OWN001] -- handed over\nproduct wegen"
        ),
    )
    result = project.lint("governance")
    assert result.exit_code == 0
    assert result.stdout == "No problems found in 3 files (2 suppressed).\n"
    code, document = project.lint_json("governance")
    assert code == 0
    assert document["summary"]["suppressed"] == 2
    assert [(f["code"], f["subject"], f["suppressed"]) for f in document["findings"]] == [
        ("OWN001", "product burgerzaken", "the council names the owner in March"),
        ("OWN001", "product wegen", "handed over"),
    ]


def test_suppression_without_reason_is_gr501(project: Project) -> None:
    """A suppression without a reason suppresses nothing and is itself an error, GR501."""
    project.write("governance/money.gov", "# govrules: ignore[OWN001]\n" + UNOWNED)
    code, document = project.lint_json("governance")
    assert code == 1
    assert _codes(document) == [
        ("GR501", "governance/money.gov", 1),
        ("OWN001", "governance/money.gov", 2),
        ("OWN001", "governance/money.gov", 4),
    ]
    assert document["findings"][0]["severity"] == "error"
    assert document["findings"][0]["message"] == (
        "suppression of OWN001 has no reason: add '-- <why this is accepted>'"
    )


def test_expired_suppression_keeps_the_finding_and_says_so(project: Project) -> None:
    """After its until date a suppression stops working and the finding says it expired."""
    project.write(
        "governance/money.gov",
        "# govrules: ignore[OWN001] until 2020-01-01 -- owner named by New Year\n" + UNOWNED,
    )
    code, document = project.lint_json("governance")
    assert code == 1
    first = document["findings"][0]
    assert (first["code"], first["line"], first["suppressed"]) == ("OWN001", 2, None)
    assert first["message"] == (
        f"{OWN001_BURGERZAKEN} (accepted until 2020-01-01 -- owner named by New Year; "
        "that acceptance has expired)"
    )


def test_suppression_until_a_future_date_applies(project: Project) -> None:
    """A suppression whose until date has not passed applies."""
    project.write(
        "governance/money.gov",
        "# govrules: ignore[OWN001] until 2999-12-31 -- owner named later\n"
        + UNOWNED.replace('product wegen "Wegen"', 'product wegen "Wegen" {\n  owner gemeente\n}'),
    )
    code, document = project.lint_json("governance")
    assert code == 0
    assert document["findings"][0]["suppressed"] == "owner named later"


def test_unused_suppression_is_gr502(project: Project) -> None:
    """A suppression that suppresses nothing is a warning, GR502."""
    project.write("governance/money.gov", "# govrules: ignore[OWN001] -- just in case\n" + MONEY)
    code, document = project.lint_json("governance")
    assert code == 0
    assert _codes(document) == [("GR502", "governance/money.gov", 1)]
    assert document["findings"][0]["severity"] == "warning"
    assert project.lint("--fail-on", "warning", "governance").exit_code == 1


def test_unsuppressible_codes_cannot_be_suppressed(project: Project) -> None:
    """unsuppressible = ["SUP"] makes a SUP001 suppression not apply."""
    board = (
        "# govrules: ignore[SUP001] -- the board starts assessing in 2027\n"
        'body rvt "Raad van toezicht" {\n'
        "  kind supervisory_board\n"
        "  supervises werkorganisatie\n"
        "}\n"
    )
    project.write("governance/supervision.gov", board)
    code, document = project.lint_json("--select", "SUP", "governance")
    assert code == 0  # the control: without the configuration the suppression applies
    assert [(f["code"], f["suppressed"]) for f in document["findings"]] == [
        ("SUP001", "the board starts assessing in 2027")
    ]

    project.write("govrules.toml", 'unsuppressible = ["SUP"]\n')
    code, document = project.lint_json("--select", "SUP", "governance")
    assert code == 1
    assert _codes(document) == [
        ("GR505", "governance/supervision.gov", 1),
        ("SUP001", "governance/supervision.gov", 2),
    ]


# -- rule parameters -------------------------------------------------------------------


def test_params_threshold_silences_col006(project: Project) -> None:
    """[tool.govrules.params] COL006.threshold = 200 silences COL006 at 180 staff."""
    project.write("governance/organizations.gov", WITH_STAFF)
    _, before = project.lint_json("governance")
    assert _codes(before) == [("COL006", "governance/organizations.gov", 5)]

    (project.root / "govrules.toml").unlink()
    project.write("pyproject.toml", "[tool.govrules.params]\nCOL006.threshold = 200\n")
    result = project.lint("governance")
    assert (result.exit_code, result.stdout) == (0, "No problems found in 3 files.\n")


def test_unknown_parameter_exits_2_with_suggestion(project: Project) -> None:
    """A misspelt rule parameter exits 2 naming the key, the file and the right name."""
    project.write("govrules.toml", "[params]\nCOL006.treshold = 200\n")
    result = project.lint("governance")
    assert result.exit_code == 2
    config = (project.root / "govrules.toml").resolve()
    assert result.stderr == (
        f"govrules: error: {config}: [params.COL006] unknown parameter 'treshold' for COL006; "
        "did you mean 'threshold'? (it takes threshold)\n"
    )


def test_write_baseline_refuses_model_diagnostics(tmp_path: Path) -> None:
    """--write-baseline records rule findings only and exits 1 while the model does not load."""
    (tmp_path / "m.gov").write_text("product p { owner nobody }\nproduct q { ownr x }\n")
    baseline = tmp_path / "bl.json"
    result = CliRunner().invoke(
        cli, ["lint", "--no-cache", str(tmp_path), "--write-baseline", str(baseline)]
    )
    assert result.exit_code == 1
    assert f"wrote 0 findings to {baseline}" in result.stderr
    assert "2 model diagnostics (syntax, vocabulary, references) cannot be accepted" in (
        result.stderr
    )


def test_named_file_left_out_by_include_is_said(tmp_path: Path, monkeypatch: object) -> None:
    """A file named on the command line but excluded by the configuration gets a warning."""

    mp: pytest.MonkeyPatch = monkeypatch  # type: ignore[assignment]
    mp.chdir(tmp_path)
    (tmp_path / "govrules.toml").write_text('include = ["governance/**"]\n')
    (tmp_path / "m.gov").write_text("product p\n")
    result = CliRunner().invoke(cli, ["lint", "--no-cache", "m.gov"])
    assert result.exit_code == 0
    assert "govrules: warning: m.gov is left out by the configuration's include/exclude" in (
        result.stderr
    )


def test_unknown_ruleset_in_configuration_names_file_and_key(tmp_path: Path) -> None:
    """A bad rulesets entry in govrules.toml is exit 2 naming the file and the key."""
    (tmp_path / "govrules.toml").write_text('rulesets = ["nope"]\n')
    (tmp_path / "m.gov").write_text("product p\n")
    result = CliRunner().invoke(cli, ["lint", "--no-cache", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'govrules.toml'}: rulesets: unknown ruleset 'nope'" in result.stderr
