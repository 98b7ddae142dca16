"""Pictures of a governance model: who pays, owns, supervises and mandates whom.

Drawing has two steps. :func:`build_graph` turns a :class:`~govrules.model.model.Model`
into a neutral :class:`Graph` (nodes, edges, groups), choosing relations
(``views``), a neighbourhood (``focus`` and ``depth``) and marking what carries
findings. :func:`to_dot` and :func:`to_mermaid` render that graph as Graphviz DOT
or a Mermaid flowchart. Everything here is pure: no files, no processes.

Output is deterministic (nodes, groups and edges sorted), so golden files of
a diagram only change when the model does.
"""

from __future__ import annotations

import decimal
import heapq
import textwrap
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs

from govrules.diagnostics import Finding, Severity
from govrules.errors import GovrulesError
from govrules.model.model import Model
from govrules.model.objects import Declaration, NestedDeclaration
from govrules.model.values import Money, Ref, Text
from govrules.suggest import suggestion_suffix
from govrules.vocabulary import NESTED_KINDS

RELATIONS: tuple[str, ...] = (
    "financing",
    "ownership",
    "supervision",
    "mandates",
    "dialogues",
    "agreements",
    "assignments",
    "contracts",
    "policies",
)
"""The relations a graph can show, in drawing order; ``views`` picks among them."""

NODE_KINDS: tuple[str, ...] = ("organization", "body", "product", "dialogue", "agreement")
"""What a node can stand for. Dialogues and agreements become nodes only among more
than two parties (a hub with a line to each); between two they are one edge."""

HUB_KINDS = frozenset({"dialogue", "agreement"})

_WRAP = 40
"""Edge and node labels are wrapped at about this many characters."""


class GraphError(GovrulesError):
    """The graph cannot be drawn as asked: an unknown view, focus or depth."""


@attrs.frozen(slots=True)
class Node:
    """One box in the picture: an organization, body or product (or a hub of a relation)."""

    id: str
    """The declaration's identifier (unique across the model)."""
    label: str
    """What the picture shows; lines are separated by ``\\n``."""
    kind: str = attrs.field(validator=attrs.validators.in_(NODE_KINDS))
    """One of :data:`NODE_KINDS`."""
    group: str | None = None
    """The organization whose cluster holds this node (a body's ``of``, or itself)."""
    subject: str | None = None
    """How findings name the declaration drawn: ``product burgerzaken``."""
    mark: Severity | None = None
    """The worst finding on the declaration (warning or error), when findings were given."""
    notes: tuple[str, ...] = ()
    """One line per finding on the declaration: ``OWN001 error: ...``."""


@attrs.frozen(slots=True)
class Edge:
    """One line in the picture: a relation from ``source`` to ``target``."""

    source: str
    target: str
    relation: str = attrs.field(validator=attrs.validators.in_(RELATIONS))
    """One of :data:`RELATIONS`."""
    label: str = ""
    directed: bool = True
    dashed: bool = False
    """Sub-mandates (a mandate ``via`` another) are drawn dashed."""
    subject: str | None = None
    """The declaration the edge draws (``financing bijdrage_2026``); ``None`` for
    ownership and supervision, which are attributes of the node at one end."""
    mark: Severity | None = None
    notes: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Relation in :data:`RELATIONS` order, then the ends, label and subject."""
        return (
            RELATIONS.index(self.relation),
            self.source,
            self.target,
            self.label,
            self.subject or "",
        )


@attrs.frozen(slots=True)
class Group:
    """A cluster: an organization with its bodies."""

    id: str
    """The organization's identifier."""
    label: str


@attrs.frozen(slots=True)
class Graph:
    """A neutral picture of a model, ready for :func:`to_dot` or :func:`to_mermaid`.

    Nodes are sorted by identifier, groups by identifier and edges by
    :attr:`Edge.sort_key`; ``legend`` asks the renderers for a key to the
    finding colours.
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[Group, ...] = ()
    legend: bool = False
    views: tuple[str, ...] = ()
    """The relations drawn, in :data:`RELATIONS` order (empty: all), named in the legend."""

    def node(self, identifier: str) -> Node | None:
        """The node with this identifier, if the graph has one."""
        return next((n for n in self.nodes if n.id == identifier), None)


# --- building -------------------------------------------------------------


def build_graph(
    model: Model,
    *,
    views: Collection[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    findings: Sequence[Finding] | None = None,
    all_bodies: bool = False,
) -> Graph:
    """The picture of ``model``.

    ``views`` selects relations from :data:`RELATIONS` (default: all).
    Organizations and bodies are always drawn, products only with the
    ``ownership`` view. ``focus`` keeps the neighbourhood of one identifier: the
    nodes within ``depth`` hops of it (a body is one hop from its organization;
    a dialogue or agreement among more than two parties is one hop between any
    two of them). Focusing on a relation (a financing, a mandate ...) starts
    from the parties it connects. ``findings`` marks the nodes and edges whose
    declaration carries an unsuppressed warning or error, and adds a legend.
    A body with no line to anything and no finding is left out (it only
    clutters the picture) unless ``all_bodies`` is true.

    Raises :class:`GraphError` for an unknown view, a negative depth, or a
    focus that is not in the picture (with a did-you-mean suggestion).
    """
    selected = check_views(views)
    graph = _Builder(model, selected).build()
    if selected != frozenset(RELATIONS):
        graph = attrs.evolve(graph, views=tuple(r for r in RELATIONS if r in selected))
    if findings is not None:
        graph = mark_findings(graph, findings, model)
    if focus is not None:
        if graph.node(focus) is None and not _edges_of(graph, focus):
            raise GraphError(_not_drawn(model, graph, focus, selected))
        graph = neighbourhood(graph, focus, depth)
    if not all_bodies:
        graph = without_lone_bodies(graph, keep=focus)
    return graph


def without_lone_bodies(graph: Graph, keep: str | None = None) -> Graph:
    """The graph without the bodies that have no line and no finding (``keep`` stays).

    An organization whose frame held only such bodies is then drawn on its own.
    """
    connected = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    lone = {
        n.id
        for n in graph.nodes
        if n.kind == "body" and n.id not in connected and n.mark is None and n.id != keep
    }
    if not lone:
        return graph
    nodes = [n for n in graph.nodes if n.id not in lone]
    framed = {n.group for n in nodes if n.kind == "body" and n.group is not None}
    nodes = [
        attrs.evolve(n, group=None)
        if n.kind == "organization" and n.group is not None and n.group not in framed
        else n
        for n in nodes
    ]
    return attrs.evolve(
        graph,
        nodes=tuple(nodes),
        groups=tuple(g for g in graph.groups if g.id in framed),
    )


def check_views(views: Collection[str] | None) -> frozenset[str]:
    """The views as a set; every relation when ``views`` is ``None`` or empty.

    Raises :class:`GraphError` naming the closest relation for an unknown one.
    """
    if isinstance(views, str):
        views = [views]
    if not views:
        return frozenset(RELATIONS)
    for view in sorted(views):
        if view not in RELATIONS:
            raise GraphError(
                f"unknown view {view!r}{suggestion_suffix(view, RELATIONS)} "
                f"(choose from {', '.join(RELATIONS)})"
            )
    return frozenset(views)


class _Builder:
    """Collects the nodes and edges of one model for a set of relations."""

    def __init__(self, model: Model, views: frozenset[str]) -> None:
        self.model = model
        self.views = views
        self.nodes: dict[str, Node] = {}
        self.edges: set[Edge] = set()

    def build(self) -> Graph:
        self._structure()
        steps = {
            "financing": self._financing,
            "ownership": self._ownership,
            "supervision": self._supervision,
            "mandates": self._mandates,
            "dialogues": self._dialogues,
            "agreements": self._agreements,
            "assignments": self._assignments,
            "contracts": self._contracts,
            "policies": self._policies,
        }
        for relation in RELATIONS:
            if relation in self.views:
                steps[relation]()
        groups = {n.group for n in self.nodes.values() if n.group is not None}
        organizations = self.model.organizations
        return Graph(
            nodes=tuple(self.nodes[k] for k in sorted(self.nodes)),
            edges=tuple(sorted(self.edges, key=lambda e: e.sort_key)),
            groups=tuple(Group(g, organizations[g].display) for g in sorted(groups)),
        )

    def _structure(self) -> None:
        model = self.model
        clustered = {
            body.of.target.id
            for body in model.bodies.values()
            if body.of is not None and body.of.target is not None
        }
        for org in model.organizations.values():
            group = org.id if org.id in clustered else None
            self._add(org, "organization", group)
        for body in model.bodies.values():
            owner = _target(body.of)
            self._add(body, "body", owner.id if owner is not None else None)
        if "ownership" in self.views:
            for product in model.products.values():
                self._add(product, "product", None)

    def _add(self, decl: Declaration, kind: str, group: str | None, label: str = "") -> None:
        self.nodes[decl.id] = Node(
            id=decl.id,
            label=label or "\n".join(_wrap([_clean(decl.display)])),
            kind=kind,
            group=group,
            subject=decl.subject,
        )

    def _edge(
        self,
        start: Declaration | None,
        end: Declaration | None,
        relation: str,
        label: str,
        subject: Declaration | None = None,
        *,
        dashed: bool = False,
    ) -> None:
        """An edge between two drawn declarations; unresolved references (None) draw nothing."""
        if start is None or end is None or start.id not in self.nodes or end.id not in self.nodes:
            return
        self.edges.add(
            Edge(
                start.id,
                end.id,
                relation,
                label,
                dashed=dashed,
                subject=subject.subject if subject is not None else None,
            )
        )

    def _financing(self) -> None:
        for financing in self.model.financings.values():
            lines = [money_label(financing.amount)] if financing.amount is not None else []
            lines.extend(_wrap(_names(financing.for_)))
            label = "\n".join(lines)
            self._edge(
                _target(financing.from_), _target(financing.to), "financing", label, financing
            )

    def _ownership(self) -> None:
        for product in self.model.products.values():
            for owner in product.owner:
                self._edge(_target(owner), product, "ownership", "owns")

    def _supervision(self) -> None:
        for body in self.model.bodies.values():
            for supervised in body.supervises:
                self._edge(body, _target(supervised), "supervision", "supervises")

    def _mandates(self) -> None:
        for mandate in self.model.mandates.values():
            sub = mandate.via is not None
            scope = _names(mandate.scope)
            head = "sub-mandate" if sub else "mandate"
            label = "\n".join(_wrap(scope, head + ":")) if scope else head
            start, end = _target(mandate.from_), _target(mandate.to)
            self._edge(start, end, "mandates", label, mandate, dashed=sub)

    def _dialogues(self) -> None:
        for dialogue in self.model.dialogues.values():
            words = [dialogue.frequency.value.replace("_", " ")] if dialogue.frequency else []
            if dialogue.open_agenda is not None and dialogue.open_agenda.value:
                words.append("open agenda")
            self._among(dialogue, dialogue.between, "dialogues", ", ".join(words))

    def _agreements(self) -> None:
        for agreement in self.model.agreements.values():
            count = len(agreement.results)
            lines = _wrap([_clean(agreement.display)])
            if count:
                lines.append(f"{count} result{'s' if count != 1 else ''}")
            label = "\n".join(lines)
            self._among(agreement, agreement.between, "agreements", label)

    def _assignments(self) -> None:
        for assignment in self.model.assignments.values():
            lines = [*_wrap([_clean(assignment.display)]), *_wrap(_names(assignment.covers))]
            label = "\n".join(lines)
            start, end = _target(assignment.from_), _target(assignment.to)
            self._edge(start, end, "assignments", label, assignment)

    def _contracts(self) -> None:
        for contract in self.model.contracts.values():
            lines = _wrap([_clean(contract.display)])
            if contract.payment is not None:
                lines.append(money_label(contract.payment))
            label = "\n".join(lines)
            start, end = _target(contract.client), _target(contract.contractor)
            self._edge(start, end, "contracts", label, contract)

    def _policies(self) -> None:
        for policy in self.model.policies.values():
            label = "\n".join(_wrap([_clean(policy.display)], "policy:"))
            for executor in policy.executed_by:
                self._edge(_target(policy.set_by), _target(executor), "policies", label, policy)

    def _among(self, decl: Declaration, parties: Sequence[Ref], relation: str, label: str) -> None:
        """A relation between parties: one edge between two, else a hub with a line to each."""
        ends: list[str] = []
        for ref in parties:
            target = _target(ref)
            if target is not None and target.id in self.nodes and target.id not in ends:
                ends.append(target.id)
        if len(ends) == 2:
            first, second = sorted(ends)
            self.edges.add(Edge(first, second, relation, label, False, subject=decl.subject))
            return
        if not ends:
            return
        title = "\n".join(_wrap([_clean(decl.display)]))
        hub_label = label if label.startswith(title) else "\n".join(filter(None, (title, label)))
        self._add(decl, decl.KIND, None, hub_label)
        for end in ends:
            self.edges.add(Edge(decl.id, end, relation, "", False, subject=decl.subject))


def _target(ref: Ref | None) -> Declaration | None:
    return ref.target if ref is not None else None


def _names(values: Iterable[Ref | Text]) -> list[str]:
    """Referenced declarations by their display name, texts as written."""
    names: list[str] = []
    for value in values:
        if isinstance(value, Ref):
            names.append(_clean(value.target.display if value.target is not None else value.name))
        else:
            names.append(_clean(value.value))
    return names


def _wrap(items: Sequence[str], head: str = "") -> list[str]:
    """``head`` and the comma-separated items on lines of about :data:`_WRAP` characters."""
    text = " ".join(filter(None, (head, ", ".join(items))))
    return textwrap.wrap(text, _WRAP, break_long_words=False, break_on_hyphens=False)


def _clean(text: str) -> str:
    """One line of text: runs of whitespace and control characters become one space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


_SCALES = (
    (decimal.Decimal(10**9), "bn"),
    (decimal.Decimal(10**6), "M"),
    (decimal.Decimal(1000), "k"),
)


def money_label(money: Money) -> str:
    """A short amount for a picture: ``EUR 14_500_000 per year`` -> ``EUR 14.5M per year``."""
    return f"{money.currency} {short_amount(money.amount)}" + (
        f" per {money.period}" if money.period else ""
    )


def short_amount(amount: decimal.Decimal) -> str:
    """``14_500_000`` -> ``14.5M``, ``350_000`` -> ``350k``, ``1_150_000`` -> ``1.15M``.

    At most two decimals, rounded half up; an amount that rounds up to the
    next scale moves to it, so ``999_999`` is ``1M``, not ``1000k``.
    """
    shown, suffix = _round(amount), ""
    for scale, name in reversed(_SCALES):
        if abs(amount) >= scale or abs(shown) >= 1000:
            shown, suffix = _round(amount / scale), name
    return _plain(shown) + suffix


def _round(value: decimal.Decimal) -> decimal.Decimal:
    return value.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)


def _plain(value: decimal.Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- findings -------------------------------------------------------------


def mark_findings(graph: Graph, findings: Iterable[Finding], model: Model | None = None) -> Graph:
    """The graph with every node and edge marked whose declaration carries findings.

    A finding is matched by its ``subject`` (``product burgerzaken``); a finding
    on a nested declaration (``risk asbest``, ``result afspraken.op_tijd``)
    marks the declaration it is nested in, which needs ``model``. Suppressed
    findings and infos mark nothing. The returned graph asks for a legend.
    """
    marks = _marks(findings, _nested_parents(model) if model is not None else {})

    def node(n: Node) -> Node:
        found = marks.get(n.id) if n.subject is not None else None
        return n if found is None else attrs.evolve(n, mark=found[0], notes=found[1])

    def edge(e: Edge) -> Edge:
        found = marks.get(_declaration_id(e.subject)) if e.subject is not None else None
        return e if found is None else attrs.evolve(e, mark=found[0], notes=found[1])

    return attrs.evolve(
        graph,
        nodes=tuple(node(n) for n in graph.nodes),
        edges=tuple(edge(e) for e in graph.edges),
        legend=True,
    )


def _marks(
    findings: Iterable[Finding], parents: Mapping[str, Collection[str]]
) -> dict[str, tuple[Severity, tuple[str, ...]]]:
    worst: dict[str, Severity] = {}
    notes: dict[str, set[str]] = defaultdict(set)
    for finding in findings:
        if finding.suppressed is not None or finding.severity < Severity.WARNING:
            continue
        if finding.subject is None:
            continue
        for identifier in parents.get(finding.subject, (_declaration_id(finding.subject),)):
            worst[identifier] = max(worst.get(identifier, finding.severity), finding.severity)
            notes[identifier].add(
                f"{finding.code} {finding.severity.label}: {_clean(finding.message)}"
            )
    return {k: (worst[k], tuple(sorted(notes[k]))) for k in worst}


def _nested_parents(model: Model) -> dict[str, set[str]]:
    """Subjects of nested declarations, in both spellings, to the identifiers they live in."""
    parents: dict[str, set[str]] = defaultdict(set)
    for kind in NESTED_KINDS:
        for decl in model.all(kind):
            if not isinstance(decl, NestedDeclaration):
                continue
            parent = _target(decl.parent)
            parent_id = parent.id if parent is not None else decl.parent.name
            parents[decl.subject].add(parent_id)
            parents[f"{decl.KIND} {decl.id}"].add(parent_id)
    return parents


def _declaration_id(subject: str) -> str:
    """``product burgerzaken`` -> ``burgerzaken``; ``result a.b`` -> ``a``."""
    return subject.partition(" ")[2].partition(".")[0]


# --- focus ----------------------------------------------------------------


def neighbourhood(graph: Graph, focus: str, depth: int) -> Graph:
    """The part of ``graph`` within ``depth`` hops of ``focus`` (see :func:`build_graph`).

    A body kept is always shown inside its organization. Raises
    :class:`GraphError` when ``depth`` is negative or ``focus`` is neither a
    node nor a relation in the graph.
    """
    if depth < 0:
        raise GraphError(f"the depth must be 0 or more, not {depth}")
    starts = {focus} if graph.node(focus) is not None else set()
    for edge in _edges_of(graph, focus):
        starts.update((edge.source, edge.target))
    if not starts:
        raise GraphError(_unknown_focus(graph, focus))
    distances = _distances(graph, starts)
    # Distances count half hops, so a hub between many parties costs one hop in all.
    keep = {n for n, d in distances.items() if d <= 2 * depth}
    by_id = {n.id: n for n in graph.nodes}
    for identifier in list(keep):
        group = by_id[identifier].group
        if group is not None and group in by_id:
            keep.add(group)
    groups = {by_id[n].group for n in keep}
    return attrs.evolve(
        graph,
        nodes=tuple(n for n in graph.nodes if n.id in keep),
        edges=tuple(e for e in graph.edges if e.source in keep and e.target in keep),
        groups=tuple(g for g in graph.groups if g.id in groups),
    )


def _edges_of(graph: Graph, identifier: str) -> list[Edge]:
    return [e for e in graph.edges if e.subject and _declaration_id(e.subject) == identifier]


def _distances(graph: Graph, starts: Iterable[str]) -> dict[str, int]:
    """Shortest distances in half hops from ``starts`` (Dijkstra on weights 1 and 2)."""
    hubs = {n.id for n in graph.nodes if n.kind in HUB_KINDS}
    adjacent: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for edge in graph.edges:
        weight = 1 if edge.source in hubs or edge.target in hubs else 2
        adjacent[edge.source].append((edge.target, weight))
        adjacent[edge.target].append((edge.source, weight))
    for node in graph.nodes:
        if node.group is not None and node.group != node.id:
            adjacent[node.id].append((node.group, 2))
            adjacent[node.group].append((node.id, 2))
    best: dict[str, int] = {}
    queue = [(0, s) for s in sorted(starts)]
    while queue:
        distance, current = heapq.heappop(queue)
        if current in best:
            continue
        best[current] = distance
        for neighbour, weight in adjacent[current]:
            if neighbour not in best:
                heapq.heappush(queue, (distance + weight, neighbour))
    return best


def _unknown_focus(graph: Graph, focus: str) -> str:
    candidates = {n.id for n in graph.nodes}
    candidates.update(_declaration_id(e.subject) for e in graph.edges if e.subject)
    return f"nothing named {focus!r} to focus on{suggestion_suffix(focus, candidates)}"


def _not_drawn(model: Model, graph: Graph, focus: str, views: frozenset[str]) -> str:
    decl = model.get(focus)
    if decl is None:
        return _unknown_focus(graph, focus)
    article = "an" if decl.KIND[0] in "aeiou" else "a"
    shown = ", ".join(r for r in RELATIONS if r in views)
    return f"{focus!r} is {article} {decl.KIND}, which the graph does not draw (views: {shown})"


# --- rendering: DOT -------------------------------------------------------

ERROR_COLOUR = "#d32f2f"
"""How a node or edge with an error finding is outlined, in every format."""
WARNING_COLOUR = "#ef6c00"
"""How a node or edge with a warning finding is outlined, in every format."""


def kind_rank(kind: str) -> int:
    """Where nodes of ``kind`` are drawn among the others: the order of :data:`NODE_KINDS`."""
    return NODE_KINDS.index(kind)
