"""The version-2 vocabulary (LANGUAGE.md, "Public-law structure"): kinds, attributes, values."""

from __future__ import annotations

import datetime
from decimal import Decimal

import govrules
from govrules.model.objects import Arrangement, Decision, Delegation, Mandate, Power
from govrules.model.values import Duration, Money, Target
from govrules.vocabulary import INVERSES, KINDS

MODEL = """\
organization barendrecht { kind municipality }
organization ridderkerk { kind municipality }
organization bar { kind work_organization }
organization hhsk { kind water_board }
body raad_barendrecht { kind council
  of barendrecht }
body college_barendrecht {
  kind executive
  of barendrecht
  accountable_to raad_barendrecht
}
body burgemeester_barendrecht { kind mayor
  of barendrecht }
body college_ridderkerk { kind executive
  of ridderkerk }
body raad_ridderkerk { kind council
  of ridderkerk }
body bestuur_bar { kind board
  of bar
  members burgemeester_barendrecht, "J. Jansen" }
body teamleider { kind official
  of bar
  under burgemeester_barendrecht }
body ab { kind general_board
  supervises college_barendrecht, bar }
arrangement gr_bar "GR BAR-organisatie" {
  form bedrijfsvoeringsorganisatie
  basis "Wet gemeenschappelijke regelingen"
  creates bar
  effective 2014-01-01
  clauses accession, withdrawal,
    zienswijze
  evaluated 2023-06-30
  participant barendrecht {
    entered_by college_barendrecht
    consent raad_barendrecht
  }
  participant ridderkerk {
    entered_by college_ridderkerk
    until 2025-01-01
  }
}
product burgerzaken { owner barendrecht
  executed_by bar }
power paspoort "Verstrekken van paspoorten" {
  held_by burgemeester_barendrecht
  basis "Paspoortwet art. 26"
  concerns burgerzaken
  act decision
  nature objection
  no_mandate no
}
mandate m {
  from burgemeester_barendrecht
  to teamleider
  scope paspoort, burgerzaken, "alles"
  kind mandate
  consent "Instemming bestuur BAR, 2024-01-09"
  instructions "Werkinstructie 3"
  limit € 50_000
  valid_from 2024-01-01
  valid_until 2027-12-31
}
delegation d {
  from college_barendrecht
  to bestuur_bar
  powers paspoort
  basis "Gemeentewet art. 156"
  valid_from 2024-01-01
}
decision begroting_2026 {
  taken_by bestuur_bar
  date 2025-07-01
  kind budget
  concerns bar, gr_bar
  consultation zienswijze_barendrecht {
    of raad_barendrecht
    kind opinion
    asked 2025-04-01
    answered 2025-06-15
  }
}
agreement dvo { between barendrecht, bar
  valid_from 2024-01-01 }
contract c { duration 12 weeks
  payment € 1_200 per month }
agreement a2 { result r { target < € 10_000 } }
"""


def _model() -> govrules.Model:
    model = govrules.loads(MODEL, "v2.gov")
    assert [(d.code, d.location.line, d.message) for d in model.diagnostics] == []
    return model


def test_a_version_2_model_loads_without_diagnostics() -> None:
    """Every new kind, attribute and symbol of version 2 is read without a diagnostic."""
    model = _model()
    assert sorted(model.arrangements) == ["gr_bar"]
    assert sorted(model.powers) == ["paspoort"]
    assert sorted(model.delegations) == ["d"]
    assert sorted(model.decisions) == ["begroting_2026"]


def test_arrangement_values_and_participants() -> None:
    """An arrangement's form, dates, clauses and nested participants become typed values."""
    arrangement = _model().arrangements["gr_bar"]
    assert isinstance(arrangement, Arrangement)
    assert arrangement.form is not None and arrangement.form.value == "bedrijfsvoeringsorganisatie"
    assert arrangement.creates is not None and arrangement.creates.name == "bar"
    assert arrangement.effective is not None
    assert arrangement.effective.value == datetime.date(2014, 1, 1)
    assert [c.value for c in arrangement.clauses] == ["accession", "withdrawal", "zienswijze"]
    first, second = arrangement.participants
    assert first.organization.name == "barendrecht"
    assert [r.name for r in first.entered_by] == ["college_barendrecht"]
    assert first.consent is not None and first.consent.name == "raad_barendrecht"
    assert second.until is not None and second.until.value == datetime.date(2025, 1, 1)
    assert second.parent.target is arrangement
    assert (second.span.line, second.span.column) == (38, 3)


def test_euro_sign_is_eur_and_weeks_are_a_unit() -> None:
    """`€ 50_000` is EUR 50000; `12 weeks` is a duration; `< € 10_000` a target in EUR."""
    model = _model()
    mandate = model.mandates["m"]
    assert isinstance(mandate, Mandate)
    assert mandate.limit is not None
    assert (mandate.limit.currency, mandate.limit.amount) == ("EUR", Decimal(50_000))
    assert isinstance(mandate.limit, Money) and str(mandate.limit) == "EUR 50_000"
    contract = model.contracts["c"]
    assert isinstance(contract.duration, Duration)
    assert (contract.duration.amount, contract.duration.unit) == (Decimal(12), "weeks")
    assert contract.payment is not None and contract.payment.period == "month"
    (result,) = model.agreements["a2"].results
    assert isinstance(result.target, Target)
    assert result.target.value == ("<", Decimal(10_000), "EUR")


def test_mandate_scope_takes_powers_products_and_texts() -> None:
    """A mandate's scope may name a power, a product and a text at once."""
    mandate = _model().mandates["m"]
    kinds = [getattr(getattr(v, "target", None), "KIND", "text") for v in mandate.scope]
    assert kinds == ["power", "product", "text"]


def test_inverse_relations_of_version_2() -> None:
    """A power's mandates and delegations, a body's consultations, a product's executors."""
    model = _model()
    power = model.powers["paspoort"]
    assert isinstance(power, Power)
    assert [m.id for m in model.inverse(power, "mandated_by")] == ["m"]
    assert [d.id for d in model.inverse(power, "delegations")] == ["d"]
    raad = model.bodies["raad_barendrecht"]
    assert [c.id for c in model.inverse(raad, "consultations")] == ["zienswijze_barendrecht"]
    assert [b.id for b in model.inverse(raad, "held_to_account")] == ["college_barendrecht"]
    bar = model.organizations["bar"]
    assert [p.id for p in model.inverse(bar, "carries_out")] == ["burgerzaken"]
    assert [a.id for a in model.inverse(bar, "created_by")] == ["gr_bar"]
    assert [d.id for d in model.inverse(bar, "decisions_about")] == ["begroting_2026"]
    college = model.bodies["college_barendrecht"]
    assert [b.id for b in model.inverse(college, "supervised_by")] == ["ab"]
    assert isinstance(model.delegations["d"], Delegation)
    decision = model.decisions["begroting_2026"]
    assert isinstance(decision, Decision)
    assert decision.date is not None and decision.date.value == datetime.date(2025, 7, 1)


def test_participant_is_nested_in_organization_and_arrangement() -> None:
    """The vocabulary knows both parents of a participant."""
    assert KINDS["participant"].parents == ("organization", "arrangement")
    assert KINDS["consultation"].parents == ("decision",)
    assert "participations" in INVERSES["organization"]


def test_wrong_reference_kinds_in_version_2_point_at_the_reference() -> None:
    """A power held by a product and a consultation of an organization are reference errors."""
    model = govrules.loads(
        "organization o\nproduct p\npower x { held_by p }\n"
        "decision d {\n  consultation c { of o }\n}\n",
        "m.gov",
    )
    got = [(d.code, d.location.line, d.location.column) for d in model.diagnostics]
    assert got == [("GR303", 3, 19), ("GR303", 5, 23)]


def test_unknown_version_2_symbol_has_a_suggestion() -> None:
    """An unknown clause word is GR204 with a did-you-mean from the clause words."""
    model = govrules.loads("arrangement a { clauses withdrawl }\n", "m.gov")
    (d,) = model.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("GR204", 1, 25)
    assert "did you mean 'withdrawal'?" in d.message


def test_version_1_example_models_load_unchanged() -> None:
    """Every example model of version 1 still loads without any diagnostic."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "examples"
    for case in sorted(root.glob("0*/*/")):
        model = govrules.load([str(case)])
        assert model.diagnostics == (), case
