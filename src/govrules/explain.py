"""What ``govrules explain`` says beyond a rule's own text: model diagnostics, fixes made concrete.

A rule's fix is a template over the facts of a finding (``let {m.via.to}
grant {m}``); read outside a finding its slots mean nothing, so explain
shows it filled in for the rule's own failing example. A model diagnostic
(``GR...``) has no rule file: its explanation, example and fix are here,
and the example is linted when it is shown, so the message printed is the
one govrules gives (a test checks each example gives its code).
"""

from __future__ import annotations

import attrs

from govrules.diagnostics import Finding
from govrules.engine.types import CompiledRule


@attrs.frozen(slots=True)
class ModelHelp:
    """Why a model diagnostic exists, a text that gives it, and how to fix it."""

    why: str
    example: str = ""
    """A ``.gov`` text that gives the code (empty when a text cannot show it, as for GR401)."""
    fix: str = ""


MODEL_HELP: dict[str, ModelHelp] = {
    "GR101": ModelHelp(
        "The text does not have the shape of a declaration: a block left open, a '}' too "
        "many, a ',' with nothing after it. The declaration holding it is read no further "
        "than its broken line, so its facts may be incomplete.",
        'organization gemeente "Gemeente Oostdal" {\n  kind municipality\n',
        "Close every block with '}' on a line of its own; a list ends without a ','.",
    ),
    "GR102": ModelHelp(
        'A text opened with " must be closed on the same line; a long text runs over '
        'several lines between """ and """.',
        'product burgerzaken "Burgerzaken\n',
        'End the text with ", or write it as """a long text""".',
    ),
    "GR103": ModelHelp(
        "A character that the language has no use for outside texts and comments: a ';', "
        "a '.' in a number, an invisible or control character, a date written day first.",
        'organization o "O" {\n  kind municipality; staff 5\n}\n',
        "Put each attribute on a line of its own; write dates as 2026-12-31.",
    ),
    "GR104": ModelHelp(
        "A bidirectional control character (U+202A-U+202E, U+2066-U+2069) in a label, "
        "text or comment can show the line in another order than govrules reads it, so "
        "a reviewer approves what is not there (Trojan Source).",
        'organization o "Oost\u202edal"\n',
        "Remove the character; write the text in its reading order.",
    ),
    "GR201": ModelHelp(
        "A declaration must start with one of the kinds of the language (organization, "
        "body, product ...; or their Dutch words).",
        'prodcut burgerzaken "Burgerzaken"\n',
        "Use the kind the message suggests.",
    ),
    "GR202": ModelHelp(
        "Each kind has its own attributes; a misspelt one is not a fact the rules can read "
        "(rule findings about the declaration are held back until it is fixed).",
        'organization g "G"\nproduct p "P" {\n  ownr g\n}\n',
        "Use the attribute the message suggests.",
    ),
    "GR203": ModelHelp(
        "An attribute takes one type of value: a number, a date, a text, a word from a "
        "list, or the identifier of a declaration.",
        'organization o "O" {\n  staff many\n}\n',
        "Write a value of the type the message names.",
    ),
    "GR204": ModelHelp(
        "An attribute that takes a word from a fixed list was given another word.",
        'organization o "O" {\n  kind municipalty\n}\n',
        "Use one of the words the message lists.",
    ),
    "GR205": ModelHelp(
        "The value has the right shape but cannot be: a date that does not exist, a "
        "malformed number.",
        'agreement a "A" {\n  result r "R" {\n    by 2026-02-30\n  }\n}\n',
        "Write a date that exists, as year-month-day.",
    ),
    "GR206": ModelHelp(
        "An attribute that takes one value was given several, or was given twice: which "
        "one is meant cannot be guessed.",
        'organization o "O" {\n  kind municipality\n  kind province\n}\n',
        "Keep one value.",
    ),
    "GR207": ModelHelp(
        "A declaration starts with its kind and an identifier (letters, digits, '_' and "
        "'-'), then an optional label in double quotes.",
        'product "Burgerzaken"\n',
        'Give the declaration an identifier: product burgerzaken "Burgerzaken".',
    ),
    "GR208": ModelHelp(
        "Some kinds nest inside one other kind only (a result in an agreement, a risk in "
        "a contract, a participant in an organization).",
        'product p "P" {\n  result r "R"\n}\n',
        "Move the nested declaration into the kind it belongs to.",
    ),
    "GR301": ModelHelp(
        "Top-level identifiers share one namespace across all files: a reference must "
        "name one declaration.",
        'product p "P"\nproduct p "P again"\n',
        "Rename one of them.",
    ),
    "GR302": ModelHelp(
        "A reference names a declaration that is not in the model (a typo, a renamed "
        "declaration, a file not linted).",
        'product p "P" {\n  owner gemeente\n}\n',
        "Declare what is referred to, or use the name the message suggests.",
    ),
    "GR303": ModelHelp(
        "A reference names a declaration of a kind the attribute does not take: an "
        "owner is an organization, not a product.",
        'product q "Q"\nproduct p "P" {\n  owner q\n}\n',
        "Refer to a declaration of the kind the message names.",
    ),
    "GR304": ModelHelp(
        "Two identifiers look the same but are not (a Cyrillic \u0435 for a Latin e): a "
        "reader sees one declaration where govrules sees two, and a reference may bind "
        "to the impostor. Look-alikes are Unicode's (UTS #39 confusables).",
        'organization gemeente "G"\norganization g\u0435meente "G2"\n',
        "Rename one of them, in plain letters.",
    ),
    "GR401": ModelHelp(
        "A .gov file is UTF-8 text. A file that cannot be read, or is not UTF-8 (UTF-16, "
        "a binary file caught by a glob), is named with the first invalid byte; nothing "
        "else in it is read.",
        "",
        "Save the file as UTF-8.",
    ),
    "GR402": ModelHelp(
        "A file larger than 16 MiB is not parsed: a model that size is generated or a "
        "mistake, and reading it would hold up every run.",
        "",
        "Split the model into files.",
    ),
    "GR501": ModelHelp(
        "A suppression accepts a finding for a reason; without one it suppresses nothing.",
        'product p "P"  # govrules: ignore[OWN001]\n',
        "Add '-- <why this is accepted>'.",
    ),
    "GR502": ModelHelp(
        "A suppression that accepts no finding is left over from a fixed fault; it would "
        "hide the fault's return.",
        '# govrules: ignore[OWN001] -- agreed in 2026\nproduct p "P"\n',
        "Remove the suppression.",
    ),
    "GR503": ModelHelp(
        "A suppression names a code that no rule has (a typo suppresses nothing).",
        '# govrules: ignore[OWN999] -- agreed\nproduct p "P"\n',
        "Use the code of the finding to accept.",
    ),
    "GR504": ModelHelp(
        "A 'govrules:' comment that is not a suppression as written.",
        '# govrules: ignore OWN001 -- agreed\nproduct p "P"\n',
        "Write it as: # govrules: ignore[CODE] until YYYY-MM-DD -- reason (until is optional).",
    ),
    "GR505": ModelHelp(
        "Model diagnostics, and the codes the configuration makes unsuppressible, cannot "
        "be suppressed: the model must be fixed.",
        '# govrules: ignore[GR302] -- later\nproduct p "P" {\n  owner nobody\n}\n',
        "Fix what the diagnostic says, and remove the suppression.",
    ),
}


def example_findings(code: str) -> list[Finding]:
    """The findings of ``code`` that its example gives (linted now, never stored)."""
    import govrules

    help_ = MODEL_HELP.get(code)
    if help_ is None or not help_.example:
        return []
    report = govrules.lint(govrules.loads(help_.example, "example.gov"))
    return [f for f in report.findings if f.code == code]


def fix_in_example(rule: CompiledRule, lang: str = "en") -> str | None:
    """The rule's fix as its failing example's finding says it (in ``lang``), or ``None``."""
    import govrules
    from govrules.engine.evaluate import evaluate

    for example in rule.examples:
        if example.kind != "fail":
            continue
        model = govrules.loads(example.text, "example.gov")
        for finding, _decl in evaluate(model, [rule]):
            if finding.fix_text is not None:
                return finding.fix_text.render(lang)
    return None
