"""What an import may write: kinds, attributes and their value types, read from the vocabulary.

The vocabulary (:mod:`govrules.vocabulary`) is the one source of truth. The
importer is written to emit the public-law structure of LANGUAGE.md
("Public-law structure (version 2)"): ``arrangement`` with ``participant``
blocks, and the new attributes of ``mandate``, ``participant`` and ``body``.
Until those land in the vocabulary, :data:`_PENDING_V2` declares the few of
them an import can fill, with the types LANGUAGE.md binds. It is consulted
only for what the vocabulary does not know, so the moment version 2 lands
the vocabulary's own declarations take over and this table is dead weight
to delete. Symbols are checked against the vocabulary's words and the
binding word table of :mod:`govrules.model.dutch` (which already lists the
version-2 symbols).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from govrules.model import dutch
from govrules.model.values import ValueType
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS

T = ValueType


@attrs.frozen(slots=True)
class Target:
    """One attribute an import may fill: its value type, whether a list, what it refers to."""

    kind: str
    name: str
    type: ValueType
    many: bool = False
    targets: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()

    @property
    def is_reference(self) -> bool:
        return self.type in (T.REFERENCE, T.TEXT_OR_REFERENCE)


_ORG = ("organization",)
_BODY = ("body",)
_ORG_OR_BODY = ("organization", "body")

# LANGUAGE.md, "Public-law structure (version 2)": only what the vocabulary may not know yet.
_PENDING_V2: Mapping[tuple[str, str], Target] = MappingProxyType(
    {
        (t.kind, t.name): t
        for t in (
            Target("arrangement", "form", T.SYMBOL),
            Target("arrangement", "basis", T.TEXT),
            Target("arrangement", "creates", T.REFERENCE, targets=_ORG),
            Target("arrangement", "lead", T.REFERENCE, targets=_ORG),
            Target("arrangement", "effective", T.DATE),
            Target("arrangement", "valid_until", T.DATE),
            Target("arrangement", "clauses", T.SYMBOL, many=True),
            Target("arrangement", "evaluated", T.DATE),
            Target("participant", "until", T.DATE),
            Target("participant", "entered_by", T.REFERENCE, many=True, targets=_BODY),
            Target("participant", "consent", T.REFERENCE, targets=_BODY),
            Target("mandate", "kind", T.SYMBOL),
            Target("mandate", "consent", T.TEXT),
            Target("mandate", "instructions", T.TEXT),
            Target("mandate", "limit", T.MONEY),
            Target("mandate", "valid_from", T.DATE),
            Target("mandate", "valid_until", T.DATE),
            Target("body", "accountable_to", T.REFERENCE, many=True, targets=_BODY),
            Target("body", "under", T.REFERENCE, many=True, targets=_ORG_OR_BODY),
            Target("product", "executed_by", T.REFERENCE, many=True, targets=_ORG),
        )
    }
)
_PENDING_TOP_LEVEL = ("arrangement",)
_PENDING_NESTED = {"arrangement": ("participant",)}


def v2_known() -> bool:
    """Whether the vocabulary knows the version-2 kinds (then the pending table is unused)."""
    return "arrangement" in KINDS


def top_level_kinds() -> tuple[str, ...]:
    """The kinds that may stand at the top of a file."""
    return tuple(dict.fromkeys((*TOP_LEVEL_KINDS, *_PENDING_TOP_LEVEL)))


def nested_kinds(kind: str) -> tuple[str, ...]:
    """The kinds that may be nested in ``kind``."""
    spec = KINDS.get(kind)
    known = tuple(spec.nested) if spec is not None else ()
    return tuple(dict.fromkeys((*known, *_PENDING_NESTED.get(kind, ()))))


def nested_parents() -> dict[str, tuple[str, ...]]:
    """Each nested kind with the kinds it may be nested in."""
    parents: dict[str, list[str]] = {}
    for kind in top_level_kinds():
        for child in nested_kinds(kind):
            parents.setdefault(child, []).append(kind)
    return {child: tuple(kinds) for child, kinds in parents.items()}


def identifier_targets(kind: str) -> tuple[str, ...]:
    """For a kind whose identifier is a reference (``participant``): the kinds it names."""
    spec = KINDS.get(kind)
    if spec is not None and spec.identifier_ref is not None:
        return spec.identifier_ref.targets
    return _ORG if kind == "participant" else ()


def _symbols(kind: str, name: str, declared: tuple[str, ...]) -> tuple[str, ...]:
    words = dutch.SYMBOLS.get((kind, name), {})
    return tuple(dict.fromkeys((*declared, *words)))


def attributes(kind: str) -> tuple[str, ...]:
    """The attribute names an import may fill on ``kind``."""
    spec = KINDS.get(kind)
    known = tuple(spec.attributes) if spec is not None else ()
    pending = tuple(n for (k, n) in _PENDING_V2 if k == kind)
    return tuple(dict.fromkeys((*known, *pending)))


def attribute(kind: str, name: str) -> Target | None:
    """The attribute ``name`` of ``kind``, or ``None`` when the language has no such attribute."""
    spec = KINDS.get(kind)
    if spec is not None and name in spec.attributes:
        a = spec.attributes[name]
        return Target(kind, name, a.type, a.many, a.targets, _symbols(kind, name, a.symbols))
    pending = _PENDING_V2.get((kind, name))
    if pending is None:
        return None
    return attrs.evolve(pending, symbols=_symbols(kind, name, pending.symbols))


def dutch_symbols(kind: str, name: str) -> Mapping[str, str]:
    """Dutch word -> English symbol for a symbol attribute (``gemeente`` -> ``municipality``)."""
    words = dutch.SYMBOLS.get((kind, name), {})
    return {nl: en for en, nls in words.items() for nl in nls}
