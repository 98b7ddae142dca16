"""The words of the language an editor offers and explains, read from the vocabulary.

Hovers and completions take every word and its documentation from
:mod:`govrules.vocabulary` (the ``doc`` of each kind and attribute, declared
once on the model classes), in one place: when the vocabulary carries its
documentation in Dutch as well, :func:`kind_doc` and :func:`attribute_doc`
are where the language is chosen.
"""

from __future__ import annotations

from govrules.model.schema import AttrSpec
from govrules.model.values import ValueType
from govrules.vocabulary import INVERSES, KINDS, TOP_LEVEL_KINDS, describe_kinds

BOOLEAN_WORDS = ("yes", "no")


def top_level_kinds() -> tuple[str, ...]:
    """The kinds a file may declare at the top."""
    return TOP_LEVEL_KINDS


def words_inside(kind: str) -> tuple[list[AttrSpec], list[str]]:
    """The attributes of ``kind`` and the kinds that may be nested in it."""
    spec = KINDS.get(kind)
    if spec is None:
        return [], []
    return list(spec.attributes.values()), list(spec.nested)


def kind_doc(kind: str, lang: str = "en") -> str:
    """What a kind is, in ``lang`` where the vocabulary has it (else English)."""
    spec = KINDS[kind]
    return spec.doc


def value_description(attr: AttrSpec) -> str:
    """What the attribute takes: its type, the kinds it refers to, its words, one or a list."""
    if attr.symbols:
        what = "one of " + ", ".join(f"`{s}`" for s in attr.symbols)
    elif attr.type in (ValueType.REFERENCE, ValueType.TEXT_OR_REFERENCE) or attr.targets:
        what = attr.type.example if not attr.targets else describe_kinds(attr.targets)
        if attr.type is ValueType.TEXT_OR_REFERENCE:
            what = f"a text or {what}"
    else:
        what = attr.type.example
    return ("a list of: " if attr.many else "") + what


def attribute_doc(kind: str, attr: AttrSpec, lang: str = "en") -> str:
    """What an attribute means, in ``lang`` where the vocabulary has it (else English)."""
    return attr.doc


def inverse_of(kind: str, attr: AttrSpec) -> str | None:
    """The inverse relation an attribute gives its targets (``financed_by`` for ``for``)."""
    if attr.inverse is None or not attr.targets:
        return None
    target = attr.targets[0]
    return attr.inverse if attr.inverse in INVERSES.get(target, {}) else None
