"""Golden tests: every construct of the .gov language becomes the typed value it means."""

from __future__ import annotations

import datetime
from decimal import Decimal

import attrs
import pytest

import govrules
from govrules.model.values import Money, Ref, Target, Text

MODEL = '''\
# Every value type of LANGUAGE.md, once.
organization gemeente_súdwest-fryslân "Gemeente Súdwest-Fryslân" {
  kind municipality
  legal_form openbaar_lichaam
  staff 1_250
  mission """
    Serve the residents
    of the whole region.
  """
  goals dichtbij,   # an end-of-line comment after a comma
        digitaal
  participant partner { motive "Gedeelde \\"ICT\\" en \\\\ kosten"  }
}
organization partner
goal dichtbij
goal digitaal { conflicts_with dichtbij }
product paspoort "Paspoort" { owner gemeente_súdwest-fryslân }
financing f { amount EUR 14_500_000 per year }
financing g { amount EUR 2.5 }
contract c {
  duration 25 years
  payment EUR 1_200_000 per month
}
agreement a {
  valid_until 2026-12-31
  result r1 { target <= 5 days }
  result r2 { target >= 95 % }
  result r3 { target == 0 }
  result r4 { target < EUR 10_000 }
}
mandate m {
  submandate yes
  scope paspoort, "besluiten op bezwaar"
}
'''


@pytest.fixture(scope="module")
def model() -> govrules.Model:
    m = govrules.loads(MODEL, "all.gov")
    assert m.diagnostics == ()
    return m


def test_identifier_and_label_with_unicode(model: govrules.Model) -> None:
    """A Unicode identifier with a hyphen and a label are kept exactly."""
    org = model.organizations["gemeente_súdwest-fryslân"]
    assert org.label is not None and org.label.value == "Gemeente Súdwest-Fryslân"
    assert (org.span.line, org.span.column) == (2, 1)


def test_symbols_integers_and_long_text(model: govrules.Model) -> None:
    """Symbols, integers with underscores and dedented triple-quoted texts."""
    org = model.organizations["gemeente_súdwest-fryslân"]
    assert org.kind is not None and org.kind.value == "municipality"
    assert org.legal_form is not None and org.legal_form.value == "openbaar_lichaam"
    assert org.staff is not None and org.staff.value == 1250
    assert org.mission is not None
    assert org.mission.value == "Serve the residents\nof the whole region."


def test_list_continued_after_comma_with_comment(model: govrules.Model) -> None:
    """A list continues on the next line after a comma, with a comment in between."""
    org = model.organizations["gemeente_súdwest-fryslân"]
    assert [r.name for r in org.goals] == ["dichtbij", "digitaal"]
    assert (org.goals[1].span.line, org.goals[1].span.column) == (11, 9)


def test_escapes_in_text(model: govrules.Model) -> None:
    """\\" and \\\\ escapes are undone in texts."""
    (participant,) = model.organizations["gemeente_súdwest-fryslân"].participants
    assert participant.motive is not None
    assert participant.motive.value == 'Gedeelde "ICT" en \\ kosten'
    assert participant.organization.target is model.organizations["partner"]


def test_money_with_and_without_period(model: govrules.Model) -> None:
    """Money: currency, amount (underscores and decimals) and an optional period."""
    amount = model.financings["f"].amount
    assert amount == Money("EUR", Decimal(14500000), "year", amount.span)  # type: ignore[union-attr]
    small = model.financings["g"].amount
    assert small is not None and (small.amount, small.period) == (Decimal("2.5"), None)
    payment = model.contracts["c"].payment
    assert payment is not None and payment.period == "month"


def test_duration_date_boolean(model: govrules.Model) -> None:
    """Durations, dates and booleans."""
    duration = model.contracts["c"].duration
    assert duration is not None and (duration.amount, duration.unit) == (Decimal(25), "years")
    until = model.agreements["a"].valid_until
    assert until is not None and until.value == datetime.date(2026, 12, 31)
    sub = model.mandates["m"].submandate
    assert sub is not None and sub.value is True


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ("r1", ("<=", Decimal(5), "days")),
        ("r2", (">=", Decimal(95), "%")),
        ("r3", ("==", Decimal(0), None)),
        ("r4", ("<", Decimal(10000), "EUR")),
    ],
)
def test_targets(model: govrules.Model, result: str, expected: tuple[object, ...]) -> None:
    """Targets: operator, quantity and unit (days, percent, none, a currency)."""
    (r,) = [r for r in model.agreements["a"].results if r.id == result]
    assert isinstance(r.target, Target)
    assert r.target.value == expected


def test_text_or_reference_values(model: govrules.Model) -> None:
    """A scope mixes references (resolved) and texts."""
    scope = model.mandates["m"].scope
    assert isinstance(scope[0], Ref) and scope[0].target is model.products["paspoort"]
    assert isinstance(scope[1], Text) and scope[1].value == "besluiten op bezwaar"


def test_inverse_relations(model: govrules.Model) -> None:
    """Inverse relations come from the index: who owns a product, which goals conflict."""
    org = model.organizations["gemeente_súdwest-fryslân"]
    assert model.inverse(org, "owns") == (model.products["paspoort"],)
    assert model.inverse(model.goals["dichtbij"], "conflicted_by") == (model.goals["digitaal"],)
    assert model.inverse(model.goals["dichtbij"], "pursued_by") == (org,)


def test_objects_are_frozen(model: govrules.Model) -> None:
    """Model objects cannot be changed after loading."""
    product = model.products["paspoort"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        product.id = "other"  # type: ignore[misc]


def test_every_value_carries_its_span(model: govrules.Model) -> None:
    """Attribute values and attribute lines carry exact spans."""
    f = model.financings["f"]
    assert f.amount is not None
    span = f.amount.span
    assert (span.line, span.column, span.end_line, span.end_column) == (18, 22, 18, 45)
    assert f.span_of("amount").line == 18


def test_order_and_files_do_not_matter(tmp_path: object) -> None:
    """References resolve across files and regardless of order."""
    import pathlib

    base = pathlib.Path(str(tmp_path))
    (base / "b.gov").write_text("product p { owner org }\n", encoding="utf-8")
    (base / "sub").mkdir()
    (base / "sub" / "a.gov").write_text("organization org\n", encoding="utf-8")
    m = govrules.load([base])
    assert m.diagnostics == ()
    assert m.products["p"].owner[0].target is m.organizations["org"]
    assert len(m.files) == 2


def test_crlf_and_bom_keep_positions() -> None:
    """CRLF and CR line endings and a byte-order mark do not shift lines or columns."""
    for text in ("\ufeffproduct p {\r\n  ownr x\r\n}\r\n", "product p {\r  ownr x\r}\r"):
        m = govrules.loads(text, "x.gov")
        (d,) = m.diagnostics
        assert (d.code, d.location.line, d.location.column) == ("GR202", 2, 3)
