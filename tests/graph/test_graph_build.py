"""Building the neutral graph: nodes, groups, edges per relation, views, focus and findings."""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from govrules import Finding, Model, Severity, Span, load, loads
from govrules.graph import (
    RELATIONS,
    Edge,
    Graph,
    GraphError,
    Node,
    build_graph,
    check_views,
    mark_findings,
    neighbourhood,
    short_amount,
    to_dot,
    to_mermaid,
)


def _edges(graph: Graph, relation: str) -> list[Edge]:
    return [e for e in graph.edges if e.relation == relation]


def _ids(graph: Graph) -> set[str]:
    return {n.id for n in graph.nodes}


def _finding(subject: str | None, severity: Severity = Severity.ERROR, **kw: str) -> Finding:
    return Finding(
        kw.get("code", "OWN001"),
        severity,
        kw.get("message", f"{subject} is wrong"),
        Span("small.gov", 1, 1, 1, 2),
        subject=subject,
        suppressed=kw.get("suppressed"),
    )


# --- nodes and groups -------------------------------------------------------


def test_organizations_bodies_and_products_become_nodes(small_model: Model) -> None:
    """Every organization, body and product is a node of its kind, labelled with its display."""
    graph = build_graph(small_model)
    kinds = {n.id: n.kind for n in graph.nodes}
    assert {k for k, v in kinds.items() if v == "organization"} == {
        "gemeente",
        "werkorganisatie",
        "gemeente_súdwâld-oost",
        "leverancier",
    }
    assert {k for k, v in kinds.items() if v == "body"} == {
        "raad",
        "college",
        "directie",
        "raad_van_toezicht",
    }
    assert {k for k, v in kinds.items() if v == "product"} == {"burgerzaken", "sociaal_domein"}
    gemeente = graph.node("gemeente")
    assert gemeente is not None
    assert gemeente.label == 'Gemeente "Oostdal"'
    assert gemeente.subject == "organization gemeente"


def test_nodes_and_edges_are_sorted(small_model: Model) -> None:
    """Nodes come sorted by identifier and edges by relation, then their ends."""
    graph = build_graph(small_model)
    assert [n.id for n in graph.nodes] == sorted(n.id for n in graph.nodes)
    assert list(graph.edges) == sorted(graph.edges, key=lambda e: e.sort_key)


def test_bodies_are_grouped_in_their_organization(small_model: Model) -> None:
    """A body's group is its ``of``; an organization with bodies heads its own group."""
    graph = build_graph(small_model)
    groups = {n.id: n.group for n in graph.nodes}
    assert [g.id for g in graph.groups] == ["gemeente", "werkorganisatie"]
    assert [g.label for g in graph.groups] == ['Gemeente "Oostdal"', "Werkorganisatie Oostdal"]
    assert groups["raad"] == groups["college"] == groups["gemeente"] == "gemeente"
    assert groups["directie"] == groups["werkorganisatie"] == "werkorganisatie"
    assert groups["raad_van_toezicht"] is None
    assert groups["leverancier"] is None


# --- edges per relation -----------------------------------------------------


def test_financing_edge_carries_amount_and_products(small_model: Model) -> None:
    """A financing runs from payer to receiver, labelled with the short amount and the products."""
    graph = build_graph(small_model)
    edges = {e.subject: e for e in _edges(graph, "financing")}
    main = edges["financing bijdrage_2026"]
    assert (main.source, main.target) == ("gemeente", "werkorganisatie")
    assert main.label == "EUR 14.5M per year\nBurgerzaken, Sociaal domein"
    assert edges["financing bijdrage_oost"].label == "EUR 350k\nBurgerzaken"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("14500000", "14.5M"),
        ("350000", "350k"),
        ("1150000", "1.15M"),
        ("12345", "12.35k"),
        ("999", "999"),
        ("999999", "1M"),
        ("2000000000", "2bn"),
        ("2.5", "2.5"),
        ("0", "0"),
    ],
)
def test_short_amount(amount: str, expected: str) -> None:
    """Amounts are shortened to k, M and bn with at most two decimals."""
    assert short_amount(decimal.Decimal(amount)) == expected


def test_ownership_edges_run_from_owner_to_product(small_model: Model) -> None:
    """Each owner of a product gets an ``owns`` edge; a product with two owners gets two."""
    graph = build_graph(small_model)
    pairs = {(e.source, e.target) for e in _edges(graph, "ownership")}
    assert pairs == {
        ("werkorganisatie", "burgerzaken"),
        ("werkorganisatie", "sociaal_domein"),
        ("gemeente", "sociaal_domein"),
    }
    assert {e.label for e in _edges(graph, "ownership")} == {"owns"}


def test_supervision_runs_from_body_to_organization(small_model: Model) -> None:
    """A supervising body points at the organization it supervises."""
    graph = build_graph(small_model)
    [edge] = _edges(graph, "supervision")
    assert (edge.source, edge.target, edge.label) == (
        "raad_van_toezicht",
        "werkorganisatie",
        "supervises",
    )


def test_mandates_run_from_grantor_to_holder_and_submandates_are_dashed(
    small_model: Model,
) -> None:
    """A mandate is labelled with its scope; a mandate ``via`` another is dashed."""
    graph = build_graph(small_model)
    edges = {e.subject: e for e in _edges(graph, "mandates")}
    mandate = edges["mandate mandaat_bijstand"]
    sub = edges["mandate ondermandaat_bijstand"]
    assert (mandate.source, mandate.target, mandate.dashed) == ("college", "werkorganisatie", False)
    assert mandate.label == "mandate: Sociaal domein"
    assert (sub.source, sub.target, sub.dashed) == ("werkorganisatie", "directie", True)
    assert sub.label == 'sub-mandate: Beslissen op\n"spoedaanvragen"'


def test_dialogue_between_two_is_one_undirected_edge(small_model: Model) -> None:
    """A dialogue between two parties is an undirected edge labelled with its frequency."""
    graph = build_graph(small_model)
    [edge] = [e for e in graph.edges if e.subject == "dialogue opdrachtgeversoverleg"]
    assert (edge.source, edge.target, edge.directed) == ("gemeente", "werkorganisatie", False)
    assert edge.label == "monthly, open agenda"


def test_dialogue_among_three_is_a_hub(small_model: Model) -> None:
    """A dialogue among more than two parties becomes a node with an undirected line to each."""
    graph = build_graph(small_model)
    hub = graph.node("regio_overleg")
    assert hub is not None
    assert (hub.kind, hub.label) == ("dialogue", "Regio-overleg\nquarterly")
    spokes = [e for e in graph.edges if e.subject == "dialogue regio_overleg"]
    assert {(e.source, e.target) for e in spokes} == {
        ("regio_overleg", "gemeente"),
        ("regio_overleg", "werkorganisatie"),
        ("regio_overleg", "gemeente_súdwâld-oost"),
    }
    assert not any(e.directed for e in spokes)


def test_agreements_assignments_contracts_and_policies(small_model: Model) -> None:
    """The remaining relations draw one edge each, between the parties they name."""
    graph = build_graph(small_model)
    found = {e.relation: (e.source, e.target, e.label) for e in graph.edges if e.subject}
    assert found["agreements"] == (
        "gemeente",
        "werkorganisatie",
        "Resultaatafspraken 2026\n1 result",
    )
    assert found["assignments"] == ("college", "werkorganisatie", "Opdracht 2026\nSociaal domein")
    assert found["contracts"] == (
        "werkorganisatie",
        "leverancier",
        "ICT-contract\nEUR 12k per month",
    )
    assert found["policies"] == ("raad", "werkorganisatie", "policy: Handhavingsbeleid")


def test_unresolved_references_draw_no_edge() -> None:
    """A model with diagnostics still draws what loaded; dangling references draw nothing."""
    model = loads(
        "organization a\n"
        "financing f {\n  from a\n  to nowhere\n  amount EUR 10\n}\n"
        "product p {\n  owner a, ghost\n}\n"
        "body b {\n  of missing\n  supervises a\n}\n",
        "broken.gov",
    )
    assert model.diagnostics
    graph = build_graph(model)
    assert _ids(graph) == {"a", "p", "b"}
    assert _edges(graph, "financing") == []
    assert [(e.source, e.target) for e in graph.edges] == [("a", "p"), ("b", "a")]
    assert graph.node("b") == Node("b", "b", "body", None, "body b")


def test_long_names_are_wrapped() -> None:
    """Labels longer than about forty characters are broken over lines at spaces."""
    model = loads(
        'organization swv "Samenwerkingsverband Passend Primair Onderwijs Oostdal"\n', "x.gov"
    )
    node = build_graph(model).node("swv")
    assert node is not None
    assert node.label == "Samenwerkingsverband Passend Primair\nOnderwijs Oostdal"


def test_graph_is_independent_of_file_order(tmp_path: Path, small_path: Path) -> None:
    """A model split over files draws the same DOT and Mermaid whatever order they load in."""
    text = small_path.read_text(encoding="utf-8")
    middle = text.index("\nproduct burgerzaken")
    (tmp_path / "a.gov").write_text(text[:middle], encoding="utf-8")
    (tmp_path / "b.gov").write_text(text[middle:], encoding="utf-8")
    forward = build_graph(load([tmp_path / "a.gov", tmp_path / "b.gov"]))
    backward = build_graph(load([tmp_path / "b.gov", tmp_path / "a.gov"]))
    assert to_dot(forward) == to_dot(backward)
    assert to_mermaid(forward) == to_mermaid(backward)


# --- views ------------------------------------------------------------------


def test_views_select_relations(small_model: Model) -> None:
    """Only the relations named are drawn; products only appear with ``ownership``."""
    graph = build_graph(small_model, views={"financing", "supervision"})
    assert {e.relation for e in graph.edges} == {"financing", "supervision"}
    assert not any(n.kind == "product" for n in graph.nodes)
    assert graph.node("regio_overleg") is None


def test_default_views_are_every_relation(small_model: Model) -> None:
    """Without views (or with none) every relation is drawn."""
    assert check_views(None) == check_views([]) == frozenset(RELATIONS)
    assert {e.relation for e in build_graph(small_model).edges} == set(RELATIONS)


def test_unknown_view_suggests_the_closest() -> None:
    """An unknown view is a GraphError naming the closest relation and the choices."""
    with pytest.raises(GraphError, match=r"unknown view 'mandate'; did you mean 'mandates'\?"):
        check_views(["mandate"])


# --- focus and depth --------------------------------------------------------


def test_focus_depth_zero_keeps_only_the_focus(small_model: Model) -> None:
    """Depth 0 keeps the focus itself and no edge."""
    graph = build_graph(small_model, focus="leverancier", depth=0)
    assert _ids(graph) == {"leverancier"}
    assert graph.edges == ()
    assert graph.groups == ()


def test_focus_depth_one_keeps_direct_neighbours(small_model: Model) -> None:
    """Depth 1 keeps the nodes one edge away, and the edges among what is kept."""
    graph = build_graph(small_model, focus="leverancier", depth=1)
    assert _ids(graph) == {"leverancier", "werkorganisatie"}
    assert [e.relation for e in graph.edges] == ["contracts"]
    assert [g.id for g in graph.groups] == ["werkorganisatie"]


def test_focus_depth_two_reaches_further(small_model: Model) -> None:
    """Depth 2 adds the neighbours' neighbours, bodies of the organizations included."""
    graph = build_graph(small_model, focus="leverancier", depth=2)
    assert {"gemeente", "directie", "raad_van_toezicht", "college"} <= _ids(graph)


def test_focus_counts_a_hub_as_one_hop(small_model: Model) -> None:
    """Parties of a dialogue among three are one hop apart, as if they had a direct edge."""
    graph = build_graph(small_model, focus="gemeente_súdwâld-oost", depth=1)
    assert _ids(graph) == {"gemeente_súdwâld-oost", "werkorganisatie", "regio_overleg", "gemeente"}
    assert "college" not in _ids(graph)


def test_focus_on_a_body_shows_its_organization(small_model: Model) -> None:
    """A body kept by the focus is drawn inside its organization."""
    graph = build_graph(small_model, focus="directie", depth=0)
    assert _ids(graph) == {"directie", "werkorganisatie"}
    assert [e.subject for e in graph.edges] == ["mandate ondermandaat_bijstand"]


def test_focus_on_a_relation_starts_from_its_parties(small_model: Model) -> None:
    """Focusing on a financing or a dialogue keeps the parties it connects."""
    financing = build_graph(small_model, focus="bijdrage_oost", depth=0)
    assert _ids(financing) == {"gemeente_súdwâld-oost", "werkorganisatie"}
    assert [e.subject for e in financing.edges] == ["financing bijdrage_oost"]
    hub = build_graph(small_model, focus="regio_overleg", depth=0)
    assert _ids(hub) == {"regio_overleg", "gemeente", "werkorganisatie", "gemeente_súdwâld-oost"}


def test_unknown_focus_suggests_the_closest(small_model: Model) -> None:
    """An identifier that is not in the model is a GraphError with a did-you-mean."""
    with pytest.raises(GraphError, match=r"did you mean 'werkorganisatie'\?"):
        build_graph(small_model, focus="werkorganisatei")


def test_focus_on_something_not_drawn_says_why(small_model: Model) -> None:
    """A declaration the chosen views do not draw is named with its kind and the views."""
    with pytest.raises(GraphError, match=r"'burgerzaken' is a product, which the graph"):
        build_graph(small_model, views={"financing"}, focus="burgerzaken")


def test_negative_depth_is_refused(small_model: Model) -> None:
    """A depth below zero is a GraphError."""
    with pytest.raises(GraphError, match="depth"):
        neighbourhood(build_graph(small_model), "gemeente", -1)


# --- findings ---------------------------------------------------------------


def test_findings_mark_nodes_and_edges(small_model: Model) -> None:
    """Nodes and edges whose declaration has findings carry the worst severity and the notes."""
    findings = [
        _finding("product burgerzaken", code="OWN001", message="no owner"),
        _finding("financing bijdrage_2026", Severity.WARNING, code="POL004"),
        _finding("organization werkorganisatie", Severity.WARNING, code="COL006"),
        _finding("organization werkorganisatie", Severity.ERROR, code="OWN003"),
    ]
    graph = build_graph(small_model, findings=findings)
    product = graph.node("burgerzaken")
    assert product is not None
    assert product.mark is Severity.ERROR
    assert product.notes == ("OWN001 error: no owner",)
    werkorganisatie = graph.node("werkorganisatie")
    assert werkorganisatie is not None
    assert werkorganisatie.mark is Severity.ERROR
    assert len(werkorganisatie.notes) == 2
    [financing] = [e for e in graph.edges if e.subject == "financing bijdrage_2026"]
    assert financing.mark is Severity.WARNING
    assert graph.legend
    unmarked = [n.id for n in graph.nodes if n.mark is None]
    assert "gemeente" in unmarked


def test_attribute_edges_are_not_marked(small_model: Model) -> None:
    """Ownership and supervision edges belong to the node's declaration: only the node is marked."""
    graph = build_graph(small_model, findings=[_finding("product sociaal_domein")])
    assert all(e.mark is None for e in _edges(graph, "ownership"))


def test_nested_findings_mark_their_parent(small_model: Model) -> None:
    """A finding on a risk or a result marks the contract or agreement it belongs to."""
    for subject in ("risk storing", "risk contract_ict.storing"):
        graph = build_graph(small_model, findings=[_finding(subject, code="CON001")])
        [contract] = _edges(graph, "contracts")
        assert contract.mark is Severity.ERROR, subject
    graph = build_graph(small_model, findings=[_finding("result op_tijd", Severity.WARNING)])
    [agreement] = _edges(graph, "agreements")
    assert agreement.mark is Severity.WARNING


def test_suppressed_infos_and_subjectless_findings_mark_nothing(small_model: Model) -> None:
    """Accepted (suppressed) findings, infos and findings without a subject leave no mark."""
    findings = [
        _finding("product burgerzaken", suppressed="moves to the new GR"),
        _finding("product burgerzaken", Severity.INFO),
        _finding(None),
    ]
    graph = build_graph(small_model, findings=findings)
    assert all(n.mark is None for n in graph.nodes)
    assert all(e.mark is None for e in graph.edges)
    assert graph.legend


def test_no_findings_no_legend(small_model: Model) -> None:
    """Without findings nothing is marked and there is no legend; an empty list asks for one."""
    assert not build_graph(small_model).legend
    assert build_graph(small_model, findings=[]).legend


def test_mark_findings_without_model_matches_top_level_subjects(small_model: Model) -> None:
    """``mark_findings`` on a built graph matches top-level subjects even without the model."""
    marked = mark_findings(build_graph(small_model), [_finding("body raad")])
    node = marked.node("raad")
    assert node is not None
    assert node.mark is Severity.ERROR


def test_nodes_and_edges_refuse_unknown_kinds_and_relations() -> None:
    """A node kind or edge relation outside the vocabulary is refused, naming the field."""
    with pytest.raises(ValueError, match="'kind' must be in"):
        Node("a", "A", "castle")
    with pytest.raises(ValueError, match="'relation' must be in"):
        Edge("a", "b", "friendship")
