"""The loaded model: every declaration by kind, with references bound and inverses indexed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from govrules.diagnostics import Finding
from govrules.model.objects import (
    Agreement,
    Arrangement,
    Assignment,
    Body,
    Contract,
    Decision,
    Declaration,
    Delegation,
    Dialogue,
    Financing,
    Goal,
    Mandate,
    Organization,
    Policy,
    Power,
    Product,
)
from govrules.source import Comment

_EMPTY: tuple[Any, ...] = ()
_NONE: Mapping[int, tuple[Declaration, ...]] = {}


@attrs.frozen(slots=True, eq=False)
class Model:
    """A governance model: all ``.gov`` files given, as one immutable whole.

    Each top-level kind is a mapping from identifier to object
    (``model.products["burgerzaken"].owner``). Inverse relations (the
    financings that are ``for`` a product, the bodies ``of`` an organization)
    come from :meth:`inverse` without scanning the model.
    """

    organizations: Mapping[str, Organization]
    bodies: Mapping[str, Body]
    products: Mapping[str, Product]
    financings: Mapping[str, Financing]
    mandates: Mapping[str, Mandate]
    agreements: Mapping[str, Agreement]
    goals: Mapping[str, Goal]
    contracts: Mapping[str, Contract]
    policies: Mapping[str, Policy]
    assignments: Mapping[str, Assignment]
    dialogues: Mapping[str, Dialogue]
    arrangements: Mapping[str, Arrangement]
    powers: Mapping[str, Power]
    delegations: Mapping[str, Delegation]
    decisions: Mapping[str, Decision]
    files: tuple[str, ...]
    """Every file read, in the order read."""
    sources: Mapping[str, str] = attrs.field(repr=False)
    """The text of each file (newlines normalized), for excerpts in reports."""
    comments: Mapping[str, tuple[Comment, ...]] = attrs.field(repr=False)
    diagnostics: tuple[Finding, ...] = ()
    """Model diagnostics (syntax, vocabulary, references), sorted."""
    by_kind: Mapping[str, tuple[Declaration, ...]] = attrs.field(repr=False, factory=dict)
    """Every declaration of each kind, nested kinds included, in source order."""
    namespace: Mapping[str, Declaration] = attrs.field(repr=False, factory=dict)
    _inverses: Mapping[str, Mapping[int, tuple[Declaration, ...]]] = attrs.field(
        repr=False, factory=dict, alias="inverses"
    )
    """Per relation, per ``id()`` of the declaration referred to, who refers to it."""

    def get(self, identifier: str) -> Declaration | None:
        """The top-level declaration with this identifier, of any kind."""
        return self.namespace.get(identifier)

    def inverse(self, decl: Declaration, relation: str) -> tuple[Declaration, ...]:
        """The declarations that refer to ``decl`` through ``relation``.

        ``model.inverse(product, "financed_by")`` is every financing whose
        ``for`` names the product. The relation names are listed per kind in
        :data:`govrules.vocabulary.INVERSES`.
        """
        return self._inverses.get(relation, _NONE).get(id(decl), _EMPTY)

    def inverse_index(self) -> Mapping[str, Mapping[int, tuple[Declaration, ...]]]:
        """Every inverse relation at once: relation name to ``id(decl)`` to referrers.

        For evaluators that look up many inverses in a loop; :meth:`inverse`
        is the same lookup for one declaration.
        """
        return self._inverses

    def all(self, kind: str) -> tuple[Declaration, ...]:
        """Every declaration of a kind, nested kinds included (``model.all("risk")``)."""
        return self.by_kind.get(kind, _EMPTY)

    def __iter__(self) -> Iterator[Declaration]:
        """Every top-level declaration."""
        return iter(self.namespace.values())

    def __len__(self) -> int:
        return len(self.namespace)
