"""Which organizations a finding concerns, so a report can be filtered per organization.

A council wants the findings about its own municipality. A finding names its
subject (``product burgerzaken``) and the places that explain it (its related
locations); each of those declarations concerns organizations:

* an organization concerns itself, a body the organization it is ``of``;
* any other declaration concerns the organizations and bodies it refers to
  directly (a financing its payer and receiver, a product its owners, a
  mandate the bodies at both ends), nested declarations' references included.

A finding without a subject (a model diagnostic) concerns the declaration
written around its place. A finding concerns the organizations of its
subject and of its related declarations together: a product without an owner concerns the parties of
the financing that pays for it, because that financing is a related location.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from govrules.diagnostics import Finding
from govrules.model.model import Model
from govrules.model.objects import Body, Declaration, NestedDeclaration, Organization
from govrules.model.values import Ref


class Concerns:
    """Looks up the organizations of findings in one model (indexes built once)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._at: dict[tuple[str, int], Declaration] = {}
        self._in_file: dict[str, list[Declaration]] = {}
        for decl in model:
            self._at.setdefault((decl.span.file, decl.span.line), decl)
            self._in_file.setdefault(decl.span.file, []).append(decl)
        self._memo: dict[int, tuple[str, ...]] = {}

    def organizations(self, finding: Finding) -> tuple[str, ...]:
        """The identifiers of the organizations ``finding`` concerns, sorted (maybe none)."""
        found: set[str] = set()
        subject = self._subject(finding)
        if subject is not None:
            found.update(self._of(subject))
        for related in finding.related:
            decl = self._at.get((related.location.file, related.location.line))
            if decl is not None:
                found.update(self._of(decl))
        return tuple(sorted(found))

    def _subject(self, finding: Finding) -> Declaration | None:
        if finding.subject is not None:
            identifier = finding.subject.partition(" ")[2].partition(".")[0]
            decl = self.model.get(identifier)
            if decl is not None:
                return decl
        loc = finding.location
        found = self._at.get((loc.file, loc.line))
        if found is not None:
            return found
        # A diagnostic inside a block (an unknown attribute) concerns the declaration around it.
        around = [
            d
            for d in self._in_file.get(loc.file, ())
            if d.extent.line <= loc.line <= d.extent.end_line
        ]
        return max(around, key=lambda d: d.extent.line, default=None)

    def _of(self, decl: Declaration) -> tuple[str, ...]:
        key = id(decl)
        cached = self._memo.get(key)
        if cached is None:
            own = _organization_of(decl)
            if own is not None:
                cached = (own,)
            else:
                cached = tuple(
                    sorted({o for t in _references(decl) if (o := _organization_of(t)) is not None})
                )
            self._memo[key] = cached
        return cached


def _organization_of(decl: Declaration) -> str | None:
    if isinstance(decl, Organization):
        return decl.id
    if isinstance(decl, Body) and decl.of is not None and decl.of.target is not None:
        return decl.of.target.id
    return None


def _references(decl: Declaration, depth: int = 0) -> Iterator[Declaration]:
    """The declarations ``decl`` refers to, and those its nested declarations refer to."""
    for field in attrs.fields(type(decl)):
        if field.name == "parent":
            continue
        value = getattr(decl, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Ref) and item.target is not None:
                yield item.target
            elif isinstance(item, NestedDeclaration) and depth == 0:
                yield from _references(item, depth + 1)


def organization_names(model: Model) -> Mapping[str, str]:
    """Every organization's identifier with the name a reader knows it by (its label)."""
    return {org.id: org.display for org in model.organizations.values()}
