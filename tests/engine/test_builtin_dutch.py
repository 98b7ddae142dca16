"""The built-in rules speak Dutch: every text of every rule and ruleset has its Dutch version.

Each rule's own ``example fail`` is linted and its finding read in Dutch: the
Dutch template is filled in (its literal parts appear in order, nothing is left
in braces) and the values read in Dutch words (``geen``, ``ja``/``nee``).
"""

from __future__ import annotations

import datetime
import re

import pytest

from govrules.engine.catalogue import builtin_rules, builtin_rulesets, rule_info
from govrules.engine.types import CompiledRule, Template, Translation
from govrules.linting import lint
from govrules.loader import loads

PENDING = frozenset(
    [
        "DEL001",
        "DEL002",
        "DEL003",
        "DEL004",
        "MAN004",
        "MAN005",
        "MAN006",
        "MAN007",
        "OWN004",
        "SUP005",
        "SUP006",
        "WGR001",
        "WGR002",
        "WGR003",
        "WGR004",
        "WGR005",
        "WGR006",
        "WOR001",
    ]
)
"""The version-2 rules, still being written in English: their Dutch follows once they settle.
A test below fails as soon as one of them has Dutch, so this list only ever shrinks."""
PENDING_RULESETS = frozenset({"delegation", "wgr", "wor"})

RULES = tuple(r for r in builtin_rules() if r.code not in PENDING)
RULESETS = tuple(s for s in builtin_rulesets() if s.name not in PENDING_RULESETS)

ENGLISH_VALUE_WORDS = re.compile(r"\b(none|yes|no)\b")
"""What an English value reads as; a Dutch finding must say ``geen``, ``ja``, ``nee``."""


def dutch(rule: CompiledRule) -> Translation:
    (found,) = [t for t in rule.translations if t.lang == "nl"]
    return found


def literals(template: Template) -> list[str]:
    return [p for p in template.parts if isinstance(p, str)]


def in_order(text: str, parts: list[str]) -> bool:
    """Whether ``parts`` occur in ``text`` one after another, nothing overlapping."""
    pos = 0
    for part in parts:
        found = text.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def test_every_builtin_rule_is_covered() -> None:
    """The 28 rules of version 1 in 7 rulesets, and the pending ones: none hides from the tests."""
    assert len(RULES) == 28
    assert {r.code for r in builtin_rules()} == {r.code for r in RULES} | PENDING
    assert {r.ruleset for r in RULES} == {s.name for s in RULESETS}


def test_pending_rules_are_still_untranslated() -> None:
    """Once a pending rule has its Dutch, take it off PENDING so the tests above check it."""
    translated = sorted(r.code for r in builtin_rules() if r.code in PENDING and r.translations)
    assert translated == []
    titled = sorted(s.name for s in builtin_rulesets() if s.name in PENDING_RULESETS and s.titles)
    assert titled == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_text_of_a_rule_has_its_own_dutch(rule: CompiledRule) -> None:
    nl = dutch(rule)
    assert nl.title and nl.title != rule.title
    assert nl.why and nl.why != rule.why
    assert nl.message is not None and literals(nl.message) != literals(rule.message)
    if rule.fix is not None:
        assert nl.fix is not None and nl.fix_text and nl.fix_text != rule.fix_text
    else:
        assert nl.fix is None
    # The source is being rewritten separately: it is left to read in English for now.
    info = rule_info(rule).text("nl")
    assert (info.title, info.why) == (nl.title, nl.why)


@pytest.mark.parametrize("ruleset", RULESETS, ids=lambda s: s.name)
def test_every_builtin_ruleset_has_a_dutch_title(ruleset: object) -> None:
    from govrules.engine.rulelang import RulesetDef

    assert isinstance(ruleset, RulesetDef)
    title = ruleset.title_in("nl")
    assert title and title != ruleset.title_in("en")
    # "Samenwerking: missie, ..." like the English "Collaboration: mission, ...".
    assert title.count(":") == ruleset.title_in("en").count(":") == 1


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_failing_example_reads_in_dutch(rule: CompiledRule) -> None:
    (example,) = [e for e in rule.examples if e.kind == "fail"]
    model = loads(example.text, f"<{rule.code} example fail>")
    findings = [f for f in lint(model, rules=(rule,)).findings if f.code == rule.code]
    assert findings
    nl = dutch(rule)
    assert nl.message is not None
    for finding in findings:
        text = finding.text.render("nl")
        assert text != finding.message
        assert in_order(text, literals(nl.message)), text
        assert "{" not in text and "}" not in text, text
        assert not ENGLISH_VALUE_WORDS.search(text), text
        assert finding.text.render("en") == finding.message
        if nl.fix is not None:
            assert finding.fix_text is not None
            fix = finding.fix_text.render("nl")
            assert in_order(fix, literals(nl.fix)), fix
            assert not ENGLISH_VALUE_WORDS.search(fix), fix
            assert "{{" not in fix and "}}" not in fix, fix


def findings_nl(code: str, text: str) -> list[tuple[int, str, str | None]]:
    (rule,) = [r for r in RULES if r.code == code]
    found = lint(loads(text, "m.gov"), rules=(rule,)).findings
    return [
        (
            f.location.line,
            f.text.render("nl"),
            None if f.fix_text is None else f.fix_text.render("nl"),
        )
        for f in found
    ]


def test_a_partnership_without_mission_in_dutch() -> None:
    """COL001 in Dutch: the law's name as written, the attribute the fix asks for in Dutch."""
    model = 'organization swv {\n  kind partnership\n  required_by "Wet passend onderwijs"\n}\n'
    assert findings_nl("COL001", model) == [
        (
            1,
            "organisatie swv is wettelijk verplicht (Wet passend onderwijs) "
            "maar heeft geen missie vastgelegd",
            'neem een missie op in swv: missie """wie de organisatie bedient en hoe"""',
        )
    ]


def test_an_empty_list_reads_geen_and_braces_are_unescaped() -> None:
    """COL007 with no participants at all: 'geen', and the fix's {{ }} become { }."""
    assert findings_nl("COL007", "organization gr { kind joint_organization }\n") == [
        (
            1,
            f"gr is een samenwerking met op {datetime.date.today().isoformat()} minder dan twee "
            "deelnemers (deelnemers: geen); een samenwerking heeft er ten minste twee nodig",
            'noem de deelnemers van gr: deelnemer <organisatie> { motief "..." }',
        )
    ]


def test_the_example_of_dutch_md_reads_as_written_there() -> None:
    """DUTCH.md's own example of a Dutch finding, word for word (OWN001), and the owners: geen."""
    model = (
        "organization gemeente { kind municipality }\n"
        "organization werk { kind work_organization }\n"
        "product burgerzaken\n"
        "financing bijdrage_2026 {\n"
        "  from gemeente\n"
        "  to werk\n"
        "  for burgerzaken\n"
        "}\n"
    )
    assert findings_nl("OWN001", model) == [
        (
            3,
            "product burgerzaken wordt gefinancierd door bijdrage_2026 maar heeft 0 eigenaren "
            "in plaats van één (geen)",
            "noem precies één eigenaar in product burgerzaken: eigenaar <organisatie>",
        )
    ]
