"""Bind references to the declarations they name, index the inverses, report what does not resolve.

Top-level identifiers share one namespace across all files; nested identifiers
are unique within their parent, and a reference with ``siblings`` scope
(``counterpart``) looks among the parent's nested declarations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from govrules.diagnostics import Finding, Related, Severity, sort_findings
from govrules.messages import msg
from govrules.model.model import Model
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.model.schema import AttrSpec
from govrules.model.values import Ref, bind
from govrules.source import Comment
from govrules.suggest import did_you_mean, look_alike_note
from govrules.vocabulary import INVERSES, KINDS, TOP_LEVEL_KINDS

_Plan = tuple[tuple[tuple[str, AttrSpec, bool], ...], tuple[str, ...]]


def _plans() -> dict[str, _Plan]:
    """Per kind, once: reference fields (field, spec, among siblings?) and nested fields."""
    plans: dict[str, _Plan] = {}
    for name, spec in KINDS.items():
        refs = [a for a in spec.attributes.values() if a.is_reference]
        if spec.identifier_ref is not None:
            refs.append(spec.identifier_ref)
        plans[name] = (
            tuple((a.field, a, a.scope == "siblings") for a in refs),
            tuple(n.field for n in spec.nested.values()),
        )
    return plans


_PLANS = _plans()


def resolve(
    declarations: Sequence[Declaration],
    *,
    files: Sequence[str],
    sources: dict[str, str],
    comments: dict[str, tuple[Comment, ...]],
    diagnostics: Iterable[Finding] = (),
    damaged_names: frozenset[str] = frozenset(),
) -> Model:
    """Make one :class:`Model` of the declarations of all files."""
    findings = list(diagnostics)
    namespace: dict[str, Declaration] = {}
    per_kind: dict[str, dict[str, Declaration]] = {k: {} for k in TOP_LEVEL_KINDS}
    by_kind: dict[str, list[Declaration]] = defaultdict(list)
    for decl in declarations:
        first = namespace.get(decl.id)
        if first is not None:
            findings.append(_duplicate(decl, first))
            continue
        namespace[decl.id] = decl
        per_kind[decl.KIND][decl.id] = decl
        by_kind[decl.KIND].append(decl)

    inverses: dict[str, dict[int, list[Declaration]]] = {
        name: {} for relations in INVERSES.values() for name in relations
    }
    resolver = _Resolver(namespace, inverses, findings, damaged_names)
    for decl in namespace.values():
        resolver.decl(decl, by_kind)

    return Model(
        organizations=per_kind["organization"],  # type: ignore[arg-type]
        bodies=per_kind["body"],  # type: ignore[arg-type]
        products=per_kind["product"],  # type: ignore[arg-type]
        financings=per_kind["financing"],  # type: ignore[arg-type]
        mandates=per_kind["mandate"],  # type: ignore[arg-type]
        agreements=per_kind["agreement"],  # type: ignore[arg-type]
        goals=per_kind["goal"],  # type: ignore[arg-type]
        contracts=per_kind["contract"],  # type: ignore[arg-type]
        policies=per_kind["policy"],  # type: ignore[arg-type]
        assignments=per_kind["assignment"],  # type: ignore[arg-type]
        dialogues=per_kind["dialogue"],  # type: ignore[arg-type]
        arrangements=per_kind["arrangement"],  # type: ignore[arg-type]
        powers=per_kind["power"],  # type: ignore[arg-type]
        delegations=per_kind["delegation"],  # type: ignore[arg-type]
        decisions=per_kind["decision"],  # type: ignore[arg-type]
        files=tuple(files),
        sources=sources,
        comments=comments,
        diagnostics=tuple(sort_findings(findings)),
        by_kind={k: tuple(v) for k, v in by_kind.items()},
        namespace=namespace,
        inverses={r: {k: tuple(v) for k, v in rel.items()} for r, rel in inverses.items()},
    )


def _duplicate(decl: Declaration, first: Declaration) -> Finding:
    where = "" if decl.span.file == first.span.file else msg("GR301.in-file", file=first.span.file)
    kind, name = first.KIND, first.id
    return Finding(
        "GR301",
        Severity.ERROR,
        msg("GR301.twice", id=decl.id, kind=kind, name=name, line=first.span.line, where=where),
        decl.span,
        subject=decl.subject,
        related=(Related(first.span, msg("GR301.first", kind=kind, name=name)),),
    )


class _Resolver:
    def __init__(
        self,
        namespace: dict[str, Declaration],
        inverses: dict[str, dict[int, list[Declaration]]],
        findings: list[Finding],
        damaged: frozenset[str],
    ) -> None:
        self.namespace = namespace
        self.inverses = inverses
        self.findings = findings
        self.damaged = damaged
        self._by_target: dict[tuple[str, ...], list[str]] = {}

    def decl(self, decl: Declaration, by_kind: dict[str, list[Declaration]]) -> None:
        # The common case written out (found, of a right kind): this runs for every
        # reference of the model; anything else goes to ref().
        namespace = self.namespace
        inverses = self.inverses
        fields, nested = _PLANS[decl.KIND]
        for field, attr, siblings in fields:
            value = getattr(decl, field)
            if value is None:
                continue
            for ref in value if type(value) is tuple else (value,):
                if not isinstance(ref, Ref):
                    continue
                if siblings:
                    self.ref(decl, attr, ref)
                    continue
                target = namespace.get(ref.name)
                if target is None or target.KIND not in attr.targets:
                    self.ref(decl, attr, ref)
                    continue
                bind(ref, target)
                if attr.inverse is not None:
                    by_target = inverses[attr.inverse]
                    referrers = by_target.get(id(target))
                    if referrers is None:
                        by_target[id(target)] = [decl]
                    else:
                        referrers.append(decl)
        for field in nested:
            for child in getattr(decl, field):
                by_kind[child.KIND].append(child)
                self.decl(child, by_kind)

    def ref(self, decl: Declaration, attr: AttrSpec, ref: Ref) -> None:
        if attr.scope == "siblings" and isinstance(decl, NestedDeclaration):
            target = self.sibling(decl, attr, ref)
        else:
            target = self.namespace.get(ref.name)
        if target is None:
            if ref.name not in self.damaged:
                self.undefined(decl, attr, ref)
            return
        if target.KIND not in attr.targets:
            self.findings.append(
                Finding(
                    "GR303",
                    Severity.ERROR,
                    msg(
                        "GR303.wrong-kind",
                        word=attr.name,
                        kinds=attr.targets,
                        name=ref.name,
                        kind=target.KIND,
                    ),
                    ref.span,
                    subject=decl.subject,
                    related=(
                        Related(
                            target.span,
                            msg("GR303.declared-here", kind=target.KIND, name=target.id),
                        ),
                    ),
                )
            )
            return
        bind(ref, target)
        if attr.inverse is not None:
            self.inverses[attr.inverse].setdefault(id(target), []).append(decl)

    def sibling(self, decl: NestedDeclaration, attr: AttrSpec, ref: Ref) -> Declaration | None:
        parent = decl.parent.target
        if parent is None:
            return None
        for kind in attr.targets:
            field = KINDS[parent.KIND].nested[kind].field
            for other in getattr(parent, field):
                if other.id == ref.name:
                    return other  # type: ignore[no-any-return]
        return None

    def candidates(self, decl: Declaration, attr: AttrSpec) -> list[str]:
        if attr.scope == "siblings" and isinstance(decl, NestedDeclaration):
            parent = decl.parent.target
            if parent is None:
                return []
            return [
                o.id
                for kind in attr.targets
                for o in getattr(parent, KINDS[parent.KIND].nested[kind].field)
            ]
        names = self._by_target.get(attr.targets)
        if names is None:
            names = [n for n, d in self.namespace.items() if d.KIND in attr.targets]
            self._by_target[attr.targets] = names
        return names

    def undefined(self, decl: Declaration, attr: AttrSpec, ref: Ref) -> None:
        where = (
            msg("GR302.among", kind=attr.targets[0], parent=decl.parent.name)  # type: ignore[attr-defined]
            if attr.scope == "siblings"
            else msg("GR302.anywhere")
        )
        suggestion = did_you_mean(ref.name, self.candidates(decl, attr))
        note = look_alike_note(suggestion, ref.name)
        self.findings.append(
            Finding(
                "GR302",
                Severity.ERROR,
                msg(
                    "GR302.undeclared",
                    word=attr.name,
                    name=ref.name,
                    where=where,
                    suggestion=suggestion,
                    note=note,
                ),
                ref.span,
                subject=decl.subject,
            )
        )
