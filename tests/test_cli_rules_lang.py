"""`govrules rules` and `govrules explain` in the reader's language: the rules' own Dutch."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from govrules.cli import cli


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), env=env or {"GOVRULES_LANG": ""})
    return result.exit_code, result.output


def test_explain_in_dutch_reads_the_rules_dutch_with_dutch_headings() -> None:
    code, out = run("explain", "POL003", "--lang", "nl")
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "POL003 reporting-burden: Een opdracht vraagt om weinig rapportageformats",
        "ernst: info    regelset: policy",
        "bron: docs/cases.md, case 5 (intention versus policy)",
        "parameters: limit = 3  (in te stellen in [tool.govrules.params] POL003.<naam>)",
    ]
    assert lines[5:7] == [
        "Waarom",
        "Elk rapportageformat kost professionals tijd en verbetert de resultaten zelden;",
    ]
    assert "Voldoet niet" in lines and "Voldoet" in lines
    assert lines[-5:] == [
        "Oplossing (bij het voorbeeld dat niet voldoet)",
        "breng het aantal rapportageformats van opdracht terug tot hoogstens 3",
        "",
        "Een aanvaard geval onderdrukt u op de regel van de declaratie of de regel erboven:",
        "    # govrules: ignore[POL003] -- <waarom dit is aanvaard>",
    ]


def test_explain_in_english_is_as_it_was() -> None:
    code, out = run("explain", "POL003")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "POL003 reporting-burden: An assignment asks for few reporting formats",
        "severity: info    ruleset: policy",
    ]
    assert lines[-5:] == [
        "Fix (for the failing example)",
        "bring the reporting formats of opdracht back to at most 3",
        "",
        "Suppress an accepted case on the declaration's line or the line above:",
        "    # govrules: ignore[POL003] -- <why this is accepted>",
    ]


def test_the_environment_chooses_the_language_of_explain() -> None:
    code, out = run("explain", "OWN001", env={"GOVRULES_LANG": "nl"})
    assert code == 0
    assert out.startswith(
        "OWN001 financed-product-has-one-owner: Elk gefinancierd product heeft precies één eigenaar"
    )


def test_a_rule_without_dutch_explains_itself_in_english_under_dutch_headings(
    tmp_path: Path,
) -> None:
    rules = tmp_path / "local.rules"
    rules.write_text(
        'ruleset local "Local rules"\n'
        "rule LOC001 agreement-has-end-date {\n"
        "  severity warning\n"
        '  title "Every agreement has an end date"\n'
        '  why "An agreement without an end date is never renegotiated."\n'
        "  each agreement a\n"
        "  expect exists(a.valid_until)\n"
        '  message "agreement {a} has no end date"\n'
        "}\n",
        encoding="utf-8",
    )
    code, out = run("explain", "LOC001", "--ruleset", str(rules), "--lang", "nl")
    assert code == 0
    assert out.splitlines()[:2] == [
        "LOC001 agreement-has-end-date: Every agreement has an end date",
        "ernst: warning    regelset: local",
    ]
    assert "Waarom\nAn agreement without an end date is never renegotiated.\n" in out


def test_rules_lists_the_titles_in_the_language_asked_for() -> None:
    code, out = run("rules", "--lang", "nl", "--ruleset", "financing")
    assert code == 0
    assert [line.split("  ")[-1].strip() for line in out.splitlines()[1:]] == [
        "Een financiering noemt waarvoor zij betaalt",
        "Een financiering loopt tussen twee verschillende organisaties",
        "Een financiering vermeldt haar bedrag",
    ]
    code, data = run("rules", "--format", "json", "--ruleset", "financing", "--lang", "nl")
    assert code == 0
    rows = json.loads(data)["rules"]
    assert rows[0]["code"] == "FIN001"
    assert rows[0]["title"] == "Een financiering noemt waarvoor zij betaalt"
    code, english = run("rules", "--format", "json", "--ruleset", "financing")
    assert json.loads(english)["rules"][0]["title"] == "A financing names what it pays for"
