"""The vocabulary of the .gov language, read once from the model classes.

Kinds, attributes, value types, reference targets, allowed symbols and inverse
relations are declared on the classes in :mod:`govrules.model.objects`; this
module indexes them for the builder, the resolver, the rule language, the
formatter and the docs.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from govrules.model.objects import NESTED, TOP_LEVEL, Declaration
from govrules.model.schema import AttrSpec, NestedSpec, attr_specs


@attrs.frozen(slots=True)
class KindSpec:
    """One kind: its class, attributes, nested kinds and inverse relations."""

    name: str
    cls: type[Declaration]
    plural: str
    attributes: Mapping[str, AttrSpec]
    nested: Mapping[str, NestedSpec]
    parent: str | None
    """For nested kinds, the first kind they live in (see ``parents``)."""
    identifier_ref: AttrSpec | None
    """For ``participant``: the identifier is a reference to an organization."""
    doc: str
    parents: tuple[str, ...] = ()
    """For nested kinds, every kind they may be written in (``participant``: two)."""

    @property
    def is_nested(self) -> bool:
        return self.parent is not None


@attrs.frozen(slots=True)
class Inverse:
    """An inverse relation: ``product.financed_by`` is the financings whose ``for`` names it."""

    name: str
    source_kind: str
    attribute: AttrSpec


def _build() -> tuple[dict[str, KindSpec], dict[str, dict[str, Inverse]]]:
    kinds: dict[str, KindSpec] = {}
    parents: dict[str, list[str]] = {}
    specs = {}
    for cls in (*TOP_LEVEL, *NESTED):
        attributes, nests = attr_specs(cls)
        specs[cls.KIND] = (cls, attributes, nests)
        for n in nests:
            parents.setdefault(n.kind, []).append(cls.KIND)
    for name, (cls, attributes, nests) in specs.items():
        id_ref = next((a for a in attributes if a.identifier), None)
        kinds[name] = KindSpec(
            name=name,
            cls=cls,
            plural=cls.PLURAL,
            attributes=MappingProxyType({a.name: a for a in attributes if not a.identifier}),
            nested=MappingProxyType({n.kind: n for n in nests}),
            parent=parents[name][0] if name in parents else None,
            identifier_ref=id_ref,
            doc=(cls.__doc__ or "").strip().splitlines()[0],
            parents=tuple(parents.get(name, ())),
        )
    inverses: dict[str, dict[str, Inverse]] = {k: {} for k in kinds}
    for name, (_cls, attributes, _nests) in specs.items():
        for a in attributes:
            if a.inverse is None:
                continue
            for target in a.targets:
                table = inverses[target]
                clash = table.get(a.inverse)
                if clash is not None or a.inverse in kinds[target].attributes:
                    raise AssertionError(f"inverse {a.inverse!r} declared twice on {target}")
                table[a.inverse] = Inverse(a.inverse, name, a)
    return kinds, inverses


_KINDS, _INVERSES = _build()

KINDS: Mapping[str, KindSpec] = MappingProxyType(_KINDS)
"""Every kind, top-level and nested, by its keyword."""
TOP_LEVEL_KINDS: tuple[str, ...] = tuple(cls.KIND for cls in TOP_LEVEL)
NESTED_KINDS: tuple[str, ...] = tuple(cls.KIND for cls in NESTED)
INVERSES: Mapping[str, Mapping[str, Inverse]] = MappingProxyType(
    {k: MappingProxyType(v) for k, v in _INVERSES.items()}
)
"""Per target kind, the inverse relations that lead to it, by name."""


def describe_kinds(kinds: tuple[str, ...]) -> str:
    """``("organization", "body")`` -> ``"an organization or a body"``."""
    words = [("an " if k[0] in "aeiou" else "a ") + k for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


# --- the words of the language, in English and in Dutch ---------------------
#
# A .gov file may write every keyword, attribute, symbol and value word in
# English or in Dutch (DUTCH.md, tabled in govrules.model.dutch); both name the
# same thing, and the model holds the English name. The builder reads words
# through these tables; the formatter rewrites them with them; messages list
# the choices in the language the file is written in.

LANGUAGES: tuple[str, ...] = ("en", "nl")


@attrs.frozen(slots=True)
class Words:
    """One place where words are read: each written word -> the English name it stands for.

    Built from one table, :attr:`spelled`; the look-ups are derived from it once.
    """

    spelled: Mapping[str, Mapping[str, tuple[str, ...]]]
    """Per language: English name -> every word for it, the usual one first (vocabulary order)."""
    names: Mapping[str, str] = attrs.field(init=False)
    """Every accepted word (English or Dutch) -> the English name; English words win."""
    accepted: Mapping[str, frozenset[str]] = attrs.field(init=False)
    """Per language: every word of it."""
    only: Mapping[str, frozenset[str]] = attrs.field(init=False)
    """Per language: the words that belong to it alone (to tell a file's language)."""

    def __attrs_post_init__(self) -> None:
        names: dict[str, str] = {}
        for lang in LANGUAGES:  # English first: a Dutch word never hides an English name
            for name, words in self.spelled[lang].items():
                for word in words:
                    names.setdefault(word, name)
        accepted = {
            lang: frozenset(w for ws in self.spelled[lang].values() for w in ws)
            for lang in LANGUAGES
        }
        only = {
            lang: accepted[lang].difference(*(accepted[o] for o in LANGUAGES if o != lang))
            for lang in LANGUAGES
        }
        object.__setattr__(self, "names", MappingProxyType(names))
        object.__setattr__(self, "accepted", MappingProxyType(accepted))
        object.__setattr__(self, "only", MappingProxyType(only))

    def all_words(self, name: str, lang: str) -> tuple[str, ...]:
        """Every word ``lang`` has for ``name``, the usual one first."""
        return self.spelled.get(lang, {}).get(name, (name,))

    def name(self, word: str) -> str | None:
        """The English name ``word`` stands for, or None when it is no word here."""
        return self.names.get(word)

    def word(self, name: str, lang: str) -> str:
        """How ``lang`` writes the English ``name`` (its usual word)."""
        return self.all_words(name, lang)[0]

    def choices(self, lang: str) -> tuple[str, ...]:
        """The usual words of ``lang``, in the vocabulary's order (for messages)."""
        return tuple(words[0] for words in self.spelled[lang].values())

    def candidates(self, lang: str) -> tuple[str, ...]:
        """Every word, those of ``lang`` first (for 'did you mean')."""
        first = self.choices(lang)
        return (*first, *(w for w in self.names if w not in first))


def _words(english: tuple[str, ...], dutch: Mapping[str, tuple[str, ...]]) -> Words:
    return Words(
        MappingProxyType(
            {
                "en": MappingProxyType({n: (n,) for n in english}),
                "nl": MappingProxyType({n: tuple(dutch.get(n, (n,))) for n in english}),
            }
        )
    )


def _vocabulary_words() -> tuple[Words, dict[str, Words], dict[tuple[str, str], Words]]:
    from govrules.model import dutch

    kinds = _words(tuple(_KINDS), {k: (w,) for k, w in dutch.KINDS.items()})
    inside: dict[str, Words] = {}
    symbols: dict[tuple[str, str], Words] = {}
    for name, spec in _KINDS.items():
        table = dutch.ATTRIBUTES.get(name, {})
        words = {a: (table.get(a, a),) for a in spec.attributes}
        words.update({n: (dutch.KINDS.get(n, n),) for n in spec.nested})
        inside[name] = _words((*spec.attributes, *spec.nested), words)
        for attr in spec.attributes.values():
            if attr.symbols:
                symbols[(name, attr.name)] = _words(
                    attr.symbols, dutch.SYMBOLS.get((name, attr.name), {})
                )
    return kinds, inside, symbols


KIND_WORDS, ATTRIBUTE_WORDS, SYMBOL_WORDS = _vocabulary_words()
"""The kind keywords (top level and nested), the words inside each kind (attributes and
nested kinds), and the symbols of each symbol attribute (by kind and attribute)."""


def _value_words() -> tuple[Words, Words, Words]:
    from govrules.model import dutch
    from govrules.model.values import DURATION_UNITS, PERIODS

    return (
        _words(("yes", "no"), dutch.BOOLEANS),
        _words(PERIODS, dutch.PERIODS),
        _words(DURATION_UNITS, dutch.DURATION_UNITS),
    )


BOOLEAN_WORDS, PERIOD_WORDS, UNIT_WORDS = _value_words()
"""yes/no (ja/nee), the periods of money (per year / per jaar), units of time (plural English)."""


def _target_units() -> frozenset[str]:
    from govrules.model.values import DURATION_UNITS

    return frozenset(w for w in UNIT_WORDS.only["nl"] if w + "s" not in DURATION_UNITS)


DUTCH_TARGET_UNITS = _target_units()
"""Units only Dutch writes (``dagen``, not ``week``): in a target they read as the English
plural (``<= 5 dagen`` is ``<= 5 days``); every other unit word is kept as written."""
