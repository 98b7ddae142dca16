"""Look-alike identifiers (GR304, UTS #39 skeletons) and bidirectional controls (GR104)."""

from __future__ import annotations

import govrules
from govrules.lookalike import skeleton
from govrules.suggest import suggestion_suffix

IE = "\u0435"  # CYRILLIC SMALL LETTER IE, the look-alike of 'e'


def _diags(text: str) -> list[tuple[str, int, int, str]]:
    model = govrules.loads(text, "m.gov")
    return [(d.code, d.location.line, d.location.column, d.message) for d in model.diagnostics]


def test_skeletons_of_lookalikes_coincide() -> None:
    """Cyrillic e, Greek omicron, digit one and 'rn' share the skeleton of what they imitate."""
    assert skeleton(f"g{IE}meente") == skeleton("gemeente")
    assert skeleton("r\u03bftterdam") == skeleton("rotterdam")
    assert skeleton("rnaas") == skeleton("maas")
    assert skeleton("gemeente") != skeleton("gemeenten")


def test_impostor_organization_is_gr304_naming_both_and_the_character() -> None:
    """Two organizations, one with a Cyrillic e, no longer lint clean: GR304 at the impostor."""
    text = (
        'organization gemeente "G" {\n  kind municipality\n}\n'
        f'organization g{IE}meente "G2" {{\n  kind municipality\n}}\n'
    )
    model = govrules.loads(text, "m.gov")
    (finding,) = model.diagnostics
    assert (finding.code, finding.location.line, finding.location.column) == ("GR304", 4, 1)
    assert finding.message == (
        f"'g{IE}meente' looks like 'gemeente' (organization gemeente on line 1) but is another "
        "identifier: it has U+0435 CYRILLIC SMALL LETTER IE where the other has "
        "U+0065 LATIN SMALL LETTER E; rename one of them"
    )
    assert [(r.location.line, r.message) for r in finding.related] == [
        (1, "organization gemeente looks the same")
    ]
    dutch = finding.text.render("nl")
    assert dutch.startswith(f"'g{IE}meente' lijkt op 'gemeente'")


def test_ascii_lookalikes_are_not_reported() -> None:
    """'l1' and 'll' are confusable by the standard but plain ASCII: nothing is reported."""
    text = 'organization l1 "A"\norganization ll "B"\norganization rnaas "C"\norganization maas\n'
    assert _diags(text) == []


def test_distinct_non_ascii_names_are_fine() -> None:
    """Non-ASCII identifiers that look like nothing else are not reported."""
    assert _diags('organization gemeente_zürich "Z"\norganization gemeente "G"\n') == []


def test_did_you_mean_names_the_differing_character() -> None:
    """A GR302 whose suggestion looks identical says which character differs."""
    text = f'organization g{IE}meente "G"\nproduct p "P" {{\n  owner gemeente\n}}\n'
    ((code, line, col, message),) = _diags(text)
    assert (code, line, col) == ("GR302", 3, 9)
    assert message.endswith(
        f"did you mean 'g{IE}meente'? (it has U+0435 CYRILLIC SMALL LETTER IE where you wrote "
        "U+0065 LATIN SMALL LETTER E)"
    )


def test_ascii_suggestions_stay_short() -> None:
    """Between ASCII words the suggestion is as before."""
    assert suggestion_suffix("ownr", ["owner"]) == "; did you mean 'owner'?"


def test_bidi_controls_in_texts_and_comments_warn() -> None:
    """U+202E in a comment and U+2066 in a label give GR104 warnings at their columns."""
    text = 'organization o "ab\u2066c" {\n  kind municipality # \u202e x\n}\n'
    model = govrules.loads(text, "m.gov")
    assert [
        (d.code, d.severity.label, d.location.line, d.location.column) for d in model.diagnostics
    ] == [
        ("GR104", "warning", 1, 19),
        ("GR104", "warning", 2, 23),
    ]
    assert model.diagnostics[1].message.startswith(
        "the invisible control character U+202E RIGHT-TO-LEFT OVERRIDE can show this line"
    )


def test_bidi_control_outside_text_stays_gr103_only() -> None:
    """Outside texts and comments a bidi control is GR103, not reported twice."""
    codes = [c for c, *_ in _diags('organization o\u202e "x"\n')]
    assert codes == ["GR103"]


def test_bidi_warning_does_not_hold_back_rule_findings() -> None:
    """A warning is no damage: rule findings on the declaration are still reported."""
    text = (
        'organization g "G \u202e" {\n  kind municipality\n}\n'
        'organization w "W" {\n  kind work_organization\n}\n'
        'product p1 "P"\nfinancing f "F" {\n  from g\n  to w\n  for p1\n  amount EUR 5\n}\n'
    )
    report = govrules.lint(govrules.loads(text, "m.gov"))
    assert "OWN001" in {f.code for f in report.active()}
    assert report.held_back == ()
