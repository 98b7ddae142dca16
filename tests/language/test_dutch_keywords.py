"""Dutch words in .gov files: both sets are one language; messages follow the file."""

from __future__ import annotations

import pytest

from govrules.loader import loads
from govrules.model import dutch
from govrules.vocabulary import KINDS


def _diagnostics(text: str) -> list[tuple[str, int, int, str]]:
    model = loads(text, "m.gov")
    return [(f.code, f.location.line, f.location.column, f.message) for f in model.diagnostics]


def test_every_kind_keyword_reads_in_both_languages() -> None:
    for kind, word in dutch.KINDS.items():
        if KINDS[kind].is_nested:
            continue
        english = loads(f"{kind} x\n", "m.gov")
        dutch_model = loads(f"{word} x\n", "m.gov")
        assert [d.KIND for d in list(dutch_model)] == [kind], word
        assert [d.KIND for d in list(english)] == [kind]


@pytest.mark.parametrize(
    ("kind", "attribute"),
    [(k, a) for k, attrs in dutch.ATTRIBUTES.items() for a in attrs if not KINDS[k].is_nested],
)
def test_every_symbol_of_every_attribute_reads_as_its_english_symbol(
    kind: str, attribute: str
) -> None:
    """Table-driven, independently of the translator: each Dutch symbol gives the English one."""
    attr = KINDS[kind].attributes[attribute]
    for symbol in attr.symbols:
        for word in dutch.SYMBOLS[(kind, attribute)][symbol]:
            text = f"{dutch.KINDS[kind]} x {{\n  {dutch.ATTRIBUTES[kind][attribute]} {word}\n}}\n"
            model = loads(text, "m.gov")
            codes = [f.code for f in model.diagnostics if f.code in ("GR202", "GR204")]
            assert codes == [], (text, codes)
            (decl,) = list(model)
            values = getattr(decl, attr.field)
            value = values[0] if isinstance(values, tuple) else values
            assert value.value == symbol


def test_words_of_both_languages_mix_in_one_statement() -> None:
    model = loads("organization g {\n  soort municipality\n}\norganisatie h { kind gemeente }\n")
    assert [d.kind.value for d in list(model)] == ["municipality", "municipality"]  # type: ignore[attr-defined]
    assert model.diagnostics == ()


def test_values_in_dutch_mean_the_english_values() -> None:
    text = (
        "organisatie g { soort gemeente }\n"
        "contract c {\n  looptijd 25 jaar\n}\n"
        "contract d {\n  looptijd 1 maand\n}\n"
        "financiering f {\n  van g\n  bedrag € 250_000 per jaar\n}\n"
        "overleg o {\n  tussen g, g\n  open_agenda ja\n}\n"
        "afspraak a {\n  tussen g\n  resultaat r { norm <= 5 dagen }\n}\n"
    )
    model = loads(text, "m.gov")
    assert [f.code for f in model.diagnostics if f.code.startswith("GR2")] == []
    by_id = {d.id: d for d in list(model)}
    assert (by_id["c"].duration.amount, by_id["c"].duration.unit) == (25, "years")  # type: ignore[attr-defined]
    assert by_id["d"].duration.unit == "months"  # type: ignore[attr-defined]
    money = by_id["f"].amount  # type: ignore[attr-defined]
    assert (money.currency, money.amount, money.period) == ("EUR", 250000, "year")
    assert by_id["o"].open_agenda.value is True  # type: ignore[attr-defined]
    (result,) = by_id["a"].results  # type: ignore[attr-defined]
    assert (result.target.op, result.target.unit) == ("<=", "days")


def test_a_dutch_typo_gets_a_dutch_suggestion_and_dutch_choices() -> None:
    [(code, line, column, message)] = _diagnostics("product p {\n  eigenar x\n}\n")
    assert (code, line, column) == ("GR202", 2, 3)
    assert message.startswith("unknown attribute 'eigenar' for a product; did you mean 'eigenaar'?")
    assert message.endswith("(attributes: eigenaar, omschrijving, uitgevoerd_door)") is False
    dutch_file = "organisatie g { soort gemeente }\nproduct p {\n  eigenar g\n}\n"
    [(_c, _l, _col, message)] = _diagnostics(dutch_file)
    assert message == (
        "unknown attribute 'eigenar' for a product; did you mean 'eigenaar'? "
        "(attributes: eigenaar, omschrijving, uitgevoerd_door)"
    )


def test_an_english_file_lists_english_choices_and_suggests_across_languages() -> None:
    [(_c, _l, _col, message)] = _diagnostics("organization g {\n  kind gemeentee\n}\n")
    assert message.startswith(
        "'gemeentee' is not a known value for 'kind'; did you mean 'gemeente'?"
    )
    assert "(choose from: municipality, province," in message
    [(code, line, column, message)] = _diagnostics("organisatie g {\n  soort gemeentee\n}\n")
    assert (code, line, column) == ("GR204", 2, 9)
    assert "(choose from: gemeente, provincie," in message


def test_an_unknown_kind_in_a_dutch_file_lists_the_dutch_kinds() -> None:
    [(code, _l, _c, message)] = _diagnostics("organisatie g\norganisatei h\n")
    assert code == "GR201"
    assert message.startswith("unknown kind 'organisatei'; did you mean 'organisatie'? (kinds: ")
    assert "(kinds: organisatie, orgaan, product, financiering," in message


def test_ja_and_nee_and_their_typos() -> None:
    [(code, _l, _c, message)] = _diagnostics("overleg o {\n  open_agenda jaa\n}\n")
    assert code == "GR204"
    assert message == "'open_agenda' is yes or no, not 'jaa'; did you mean 'ja'?"
