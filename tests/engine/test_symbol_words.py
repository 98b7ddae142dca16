"""A symbol in a message reads in the reader's words: ``samenwerkingsorganisatie`` in Dutch."""

from __future__ import annotations

import govrules
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import parse_rules
from govrules.engine.types import VALUES

RULE = """\
ruleset local "Local rules" nl "Eigen regels"
rule LOC001 kinds-shown {
  severity info
  title "Kinds are shown"
  title nl "Soorten worden getoond"
  why "To see them."
  each organization o
  where exists(o.kind)
  expect empty(o.kind)
  message "{o} is a {o.kind} ({o.id}, {o.required_by})"
  message nl "{o} is een {o.kind} ({o.id}, {o.required_by})"
  fix "body kinds: {o.bodies.kind}"
  fix nl "soorten organen: {o.bodies.kind}"
}
"""


def finding(model: str) -> govrules.Finding:
    ruleset = parse_rules(RULE, "local.rules", "local")
    rules = compile_all([(r, "local.rules") for r in ruleset.rules])
    (found,) = govrules.lint(govrules.loads(model, "m.gov"), rules=rules).findings
    return found


MODEL_EN = """\
organization gr {
  kind joint_organization
  required_by "joint_organization"
}
body ab {
  kind general_board
  of gr
}
body db {
  kind executive
  of gr
}
"""

MODEL_NL = """\
organisatie gr {
  soort samenwerkingsorganisatie
  verplicht_door "joint_organization"
}
orgaan ab {
  soort algemeen_bestuur
  van gr
}
orgaan db {
  soort dagelijks_bestuur
  van gr
}
"""


def test_a_symbol_reads_in_dutch_words_and_texts_stay_as_written() -> None:
    """The kind is a symbol: translated; the id and a text that looks like a symbol are not."""
    found = finding(MODEL_EN)
    assert found.message == "gr is a joint_organization (gr, joint_organization)"
    assert found.text.render("nl") == (
        "gr is een samenwerkingsorganisatie (gr, joint_organization)"
    )
    assert found.fix_text is not None
    assert found.fix_text.render("en") == "body kinds: general_board, executive"
    assert found.fix_text.render("nl") == "soorten organen: algemeen_bestuur, college"


def test_a_model_in_dutch_words_gives_the_same_finding() -> None:
    """Written with Dutch keywords: the same English message, the same Dutch one."""
    english, dutch = finding(MODEL_EN), finding(MODEL_NL)
    assert dutch.message == english.message
    assert dutch.text.render("nl") == english.text.render("nl")


def test_the_symbol_words_are_not_part_of_the_type() -> None:
    """The type of o.kind is still 'values' for every check the compiler makes."""
    from govrules.engine.types import Ty

    assert Ty(scalar="value", symbols=(("a", "b"),)) == VALUES
