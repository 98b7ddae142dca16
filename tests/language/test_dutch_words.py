"""Every word of the vocabulary has a Dutch word (DUTCH.md), and no Dutch word is ambiguous."""

from __future__ import annotations

from govrules.model import dutch
from govrules.vocabulary import KINDS


def test_every_kind_has_a_dutch_word() -> None:
    missing = sorted(set(KINDS) - set(dutch.KINDS))
    assert missing == []


def test_every_attribute_has_a_dutch_word() -> None:
    missing = [
        f"{kind}.{name}"
        for kind, spec in KINDS.items()
        for name in spec.attributes
        if name not in dutch.ATTRIBUTES.get(kind, {})
    ]
    assert missing == []


def test_every_symbol_has_a_dutch_word() -> None:
    missing = [
        f"{kind}.{name}={symbol}"
        for kind, spec in KINDS.items()
        for name, attr in spec.attributes.items()
        for symbol in attr.symbols
        if symbol not in dutch.SYMBOLS.get((kind, name), {})
    ]
    assert missing == []


def test_no_dutch_word_means_two_things_where_it_is_read() -> None:
    """A word read in one place (a kind keyword, an attribute of a kind, a symbol of an
    attribute) names one thing, in either language."""
    top = {}
    for en, nl in dutch.KINDS.items():
        for word in {en, nl}:
            assert top.setdefault(word, en) == en, f"kind word {word!r}"
    for kind, attributes in dutch.ATTRIBUTES.items():
        words: dict[str, str] = {}
        for en, nl in attributes.items():
            for word in {en, nl}:
                assert words.setdefault(word, en) == en, f"{kind}: attribute word {word!r}"
        nested = set(KINDS[kind].nested) if kind in KINDS else set()
        for n in nested:
            assert n not in words and dutch.KINDS[n] not in words, f"{kind}: {n}"
    for where, symbols in dutch.SYMBOLS.items():
        seen: dict[str, str] = {}
        for en, nls in symbols.items():
            for word in {en, *nls}:
                assert seen.setdefault(word, en) == en, f"{where}: symbol word {word!r}"


def test_the_table_names_only_words_of_the_language() -> None:
    """No row for a kind or attribute the vocabulary does not have (a typo in the table)."""
    assert set(dutch.KINDS) == set(KINDS)
    for kind, attributes in dutch.ATTRIBUTES.items():
        assert kind in KINDS
        assert set(attributes) == set(KINDS[kind].attributes), kind
