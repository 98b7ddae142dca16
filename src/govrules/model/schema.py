"""How model classes declare their attributes: the metadata the vocabulary is read from.

Each attribute of a model class is declared once, with :func:`attribute`, naming
its value type, whether it takes a list, which kinds it may refer to, which
words it allows and, for references, the name of the inverse relation. The
builder, the resolver, the rule language, the formatter and the docs all read
these declarations through :mod:`govrules.vocabulary`.
"""

from __future__ import annotations

from typing import Any

import attrs

from govrules.model.values import ValueType

META_KEY = "govrules"


@attrs.frozen(slots=True)
class AttrSpec:
    """One attribute of one kind, as declared in the model classes."""

    name: str
    """The word used in ``.gov`` files (``from``, not the Python field ``from_``)."""
    field: str
    type: ValueType
    many: bool
    targets: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    doc: str = ""
    inverse: str | None = None
    """Name of the inverse relation on the target kinds (``financed_by`` for ``financing.for``)."""
    scope: str = "model"
    """Where references are looked up: ``model`` (top-level names) or ``siblings`` (same parent)."""
    identifier: bool = False
    """True for a nested kind whose identifier is itself a reference (``participant gem_a``)."""

    @property
    def is_reference(self) -> bool:
        return self.type in (ValueType.REFERENCE, ValueType.TEXT_OR_REFERENCE) or bool(self.targets)


@attrs.frozen(slots=True)
class NestedSpec:
    """A nested kind inside a kind (``result`` in ``agreement``)."""

    kind: str
    field: str
    doc: str = ""


def attribute(
    type: ValueType,
    *,
    doc: str,
    many: bool = False,
    targets: tuple[str, ...] = (),
    symbols: tuple[str, ...] = (),
    name: str | None = None,
    inverse: str | None = None,
    scope: str = "model",
    identifier: bool = False,
) -> Any:
    """Declare a model attribute; its default is ``()`` for lists and ``None`` otherwise."""
    meta = {
        "type": type,
        "many": many,
        "targets": targets,
        "symbols": symbols,
        "name": name,
        "doc": doc,
        "inverse": inverse,
        "scope": scope,
        "identifier": identifier,
    }
    if identifier:
        return attrs.field(metadata={META_KEY: meta})
    return attrs.field(default=() if many else None, metadata={META_KEY: meta})


def nested(kind: str, *, doc: str) -> Any:
    """Declare a field holding nested declarations of ``kind``."""
    return attrs.field(default=(), metadata={META_KEY: {"nested": kind, "doc": doc}})


def attr_specs(cls: type) -> tuple[tuple[AttrSpec, ...], tuple[NestedSpec, ...]]:
    """Read the attribute and nested-kind declarations of a model class."""
    specs: list[AttrSpec] = []
    nests: list[NestedSpec] = []
    for f in attrs.fields(cls):
        meta = f.metadata.get(META_KEY)
        if meta is None:
            continue
        if "nested" in meta:
            nests.append(NestedSpec(meta["nested"], f.name, meta["doc"]))
            continue
        specs.append(
            AttrSpec(
                name=meta["name"] or f.name.rstrip("_"),
                field=f.name,
                type=meta["type"],
                many=meta["many"],
                targets=meta["targets"],
                symbols=meta["symbols"],
                doc=meta["doc"],
                inverse=meta["inverse"],
                scope=meta["scope"],
                identifier=meta["identifier"],
            )
        )
    return tuple(specs), tuple(nests)
