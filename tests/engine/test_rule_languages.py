"""Rules written in two languages: `title nl "..."` beside the English text, rendered per reader."""

from __future__ import annotations

import pytest

import govrules
from govrules.engine.catalogue import rule_info
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import RuleFileError, parse_rules
from govrules.messages import translated
from govrules.messages.data import from_data, to_data

BILINGUAL = """\
ruleset local "Local rules" nl "Eigen regels"
rule LOC001 one-owner {
  severity warning
  title "A product has one owner"
  title nl "Een product heeft één eigenaar"
  why "Someone must answer for it."
  why nl "Iemand moet erop aanspreekbaar zijn."
  source "our statute, art. 3"
  each product p
  expect count(p.owner) == 1
  message "product {p} has {count(p.owner)} owners ({p.owner})"
  message nl "product {p} heeft {count(p.owner)} eigenaren ({p.owner})"
  fix "name one owner in product {p}"
}
"""


def compile_text(text: str) -> list[govrules.engine.compile.CompiledRule]:  # type: ignore[name-defined]
    ruleset = parse_rules(text, "local.rules", "local")
    return list(compile_all([(r, "local.rules") for r in ruleset.rules]))


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(RuleFileError) as info:
        compile_text(text)
    return [(p.span.line, p.span.column, p.message) for p in info.value.problems]


def test_a_finding_reads_in_the_language_asked_for() -> None:
    """The Dutch message is the author's Dutch, with Dutch words for values ('geen')."""
    rules = compile_text(BILINGUAL)
    (finding,) = govrules.lint(govrules.loads("product paspoort\n", "m.gov"), rules=rules).findings
    assert finding.message == "product paspoort has 0 owners (none)"
    assert finding.text.render("nl") == "product paspoort heeft 0 eigenaren (geen)"


def test_what_the_author_did_not_translate_reads_in_english() -> None:
    """No Dutch fix: a Dutch reader gets the English one, not nothing."""
    rules = compile_text(BILINGUAL)
    (finding,) = govrules.lint(govrules.loads("product paspoort\n", "m.gov"), rules=rules).findings
    assert finding.fix_text is not None
    assert finding.fix_text.render("nl") == "name one owner in product paspoort"
    info = rule_info(rules[0])
    assert info.text("nl").title == "Een product heeft één eigenaar"
    assert info.text("nl").source == "our statute, art. 3"
    assert info.text("en").title == "A product has one owner"
    assert info.text("de").title == "A product has one owner"


def test_an_english_only_rule_gives_a_plain_message() -> None:
    """A rule without translations costs nothing: its message is verbatim text."""
    english = "\n".join(ln for ln in BILINGUAL.splitlines() if " nl " not in ln) + "\n"
    rules = compile_text(english)
    assert rules[0].translations == ()
    (finding,) = govrules.lint(govrules.loads("product paspoort\n", "m.gov"), rules=rules).findings
    assert finding.text.id == "verbatim"
    assert finding.text.render("nl") == "product paspoort has 0 owners (none)"


def test_the_ruleset_title_has_its_translation() -> None:
    ruleset = parse_rules(BILINGUAL, "local.rules", "local")
    assert (ruleset.title_in("en"), ruleset.title_in("nl")) == ("Local rules", "Eigen regels")


def test_an_unknown_language_is_located_with_a_suggestion() -> None:
    text = BILINGUAL.replace('title nl "Een', 'title nll "Een')
    assert problems(text) == [
        (
            5,
            9,
            "LOC001: unknown language 'nll' for 'title'; did you mean 'nl'? "
            "(languages: nl; an untagged text is English)",
        )
    ]


def test_a_text_given_twice_in_one_language_is_an_error() -> None:
    text = BILINGUAL.replace('  why nl "Iemand', '  why nl "Nog eens."\n  why nl "Iemand')
    assert problems(text) == [(8, 7, "LOC001: 'why' in 'nl' is given more than once")]
    twice = BILINGUAL.replace('  why "Someone', '  why en "Again."\n  why "Someone')
    assert problems(twice) == [(7, 3, "LOC001: 'why' is given more than once")]


def test_a_rule_needs_its_english_text() -> None:
    """A Dutch title alone is not enough: English is the language every reader can fall back on."""
    text = BILINGUAL.replace('  title "A product has one owner"\n', "")
    assert problems(text) == [(2, 6, "LOC001: the rule has no 'title' clause")]


def test_a_ruleset_title_in_an_unknown_language_is_located() -> None:
    text = BILINGUAL.replace('nl "Eigen regels"', 'fr "Règles locales"')
    with pytest.raises(RuleFileError) as info:
        parse_rules(text, "local.rules", "local")
    (p,) = info.value.problems
    assert (p.span.line, p.span.column) == (1, 29)
    assert p.message.startswith("unknown language 'fr' for the ruleset's title")


def test_translated_messages_travel_as_data_and_bad_ones_are_refused() -> None:
    message = translated({"en": "an owner", "nl": "een eigenaar"})
    again = from_data(to_data(message))
    assert (again.render("en"), again.render("nl")) == ("an owner", "een eigenaar")
    for bad in (
        ["translated", [["nl", "alleen Nederlands"]]],
        ["translated", [["en", "x"], ["xx", "y"]]],
        ["translated", [["en", "x"], ["nl", 5]]],
        ["translated", [["en", "x"], ["en", "y"]]],
    ):
        with pytest.raises(ValueError, match="bad translated message"):
            from_data(bad)
