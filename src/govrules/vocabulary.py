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
