"""Hypothesis strategies for random well-formed models with the version-2 kinds.

:func:`gov_models_v2` draws a small public-law world: municipalities and the
bodies that work for them (councils, colleges, mayors, officials, boards,
works councils), products with owners and executors, agreements with dates,
arrangements with forms, clauses and participants, powers, delegations,
mandates with scopes, limits, consent and dates, and decisions with
consultations. Names only refer to declared names, so every model loads
without diagnostics. Dates come from a few values around
:data:`checker_v2.AS_OF`, so "in force", "ended", "in time" and "too late"
all come up.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st
from strategies import Draw, _Block, _distinct, _maybe, _ref, _refs

ORG_KINDS = ("municipality", "work_organization", "joint_organization", "water_board")
BODY_KINDS = (
    "council",
    "executive",
    "mayor",
    "official",
    "official",
    "board",
    "general_board",
    "chair",
    "works_council",
    "supervisory_board",
)
FORMS = (
    "openbaar_lichaam",
    "bedrijfsvoeringsorganisatie",
    "gemeenschappelijk_orgaan",
    "centrumgemeente",
    "regeling_zonder_meer",
)
CLAUSES = (
    "accession",
    "withdrawal",
    "amendment",
    "dissolution",
    "zienswijze",
    "citizen_participation",
    "evaluation",
)
NATURES = ("general_rules", "qualified_majority", "approval", "objection")
DECISION_KINDS = ("budget", "budget", "reorganization", "cooperation", "closure", "accounts")
CONSULTATION_KINDS = ("opinion", "opinion", "advice", "consent")
DATES = (
    "2020-01-01",
    "2022-05-31",
    "2026-03-01",
    "2026-03-09",
    "2026-06-01",
    "2026-06-02",
    "2027-12-31",
)
"""Around the as-of date 2026-06-01: before, at and after it (12 weeks before it is 2026-03-09)."""
LIMITS = ("EUR 10_000", "€ 50_000", "EUR 50_000 per year")


def _date(draw: Draw) -> str | None:
    return _maybe(draw, st.sampled_from(DATES))


def _clauses(draw: Draw) -> list[str]:
    if draw(st.booleans()):
        return list(CLAUSES)  # the healthy case, often
    return draw(st.lists(st.sampled_from(CLAUSES), max_size=5, unique=True))  # type: ignore[return-value]


@st.composite
def gov_models_v2(draw: Draw) -> str:  # type: ignore[misc]
    """The text of a random well-formed model with arrangements, powers, delegations, decisions."""
    n = {
        k: draw(st.integers(lo, hi))
        for k, lo, hi in (
            ("org", 1, 4),
            ("body", 1, 7),
            ("prod", 0, 3),
            ("agr", 0, 2),
            ("arr", 0, 2),
            ("pow", 0, 3),
            ("del", 0, 2),
            ("man", 0, 4),
            ("dec", 0, 2),
        )
    }
    names = {k: [f"{k}{i + 1}" for i in range(c)] for k, c in n.items()}  # type: ignore[call-overload]
    orgs, bodies, prods = names["org"], names["body"], names["prod"]
    powers, mandates, agreements = names["pow"], names["man"], names["agr"]
    actors = orgs + bodies
    blocks: list[str] = []
    for name in orgs:
        b = _Block(f"organization {name}")
        b.add("kind", _maybe(draw, st.sampled_from(ORG_KINDS)))
        b.add("staff", _maybe(draw, st.sampled_from(("0", "12"))))
        blocks.append(b.render())
    body_kind: dict[str, str | None] = {}
    for name in bodies:
        kind = draw(st.sampled_from((None, *BODY_KINDS)))
        body_kind[name] = kind
        b = _Block(f"body {name}")
        b.add("kind", kind)
        b.add("of", _ref(draw, orgs) if draw(st.integers(0, 4)) else None)
        if kind == "official":
            b.add("under", _refs(draw, actors, hi=1))
        b.add("supervises", _refs(draw, actors, hi=2))
        b.add("assesses", _refs(draw, agreements, hi=2))
        b.add("members", draw(st.lists(st.sampled_from(('"A. de Vries"', *bodies)), max_size=2)))
        b.add("accountable_to", _refs(draw, bodies, hi=1))
        blocks.append(b.render())
    for name in prods:
        b = _Block(f"product {name}")
        b.add("owner", _refs(draw, orgs, hi=2))
        b.add("executed_by", _refs(draw, orgs, hi=2))
        blocks.append(b.render())
    for i in range(draw(st.integers(0, 2))):  # type: ignore[call-overload]
        # Money for a product, to its owner, its executor or someone else (OWN002).
        b = _Block(f"financing fin{i + 1}")
        b.add("from", _ref(draw, orgs))
        b.add("to", _ref(draw, orgs))
        b.add("for", _refs(draw, prods, lo=1, hi=1))
        blocks.append(b.render())
    for name in agreements:
        b = _Block(f"agreement {name}")
        b.add("between", _refs(draw, orgs, hi=3))
        b.add("covers", _refs(draw, prods, hi=2))
        b.add("valid_from", _date(draw))
        b.add("valid_until", _date(draw))
        for i in range(draw(st.integers(0, 2))):  # type: ignore[call-overload]
            r = _Block(f"result r{i + 1}")
            r.add("by", _date(draw))
            b.nest(r)
        blocks.append(b.render())
    created: list[str] = []
    for name in names["arr"]:
        b = _Block(f"arrangement {name}")
        b.add(
            "form",
            draw(st.sampled_from((*FORMS, "openbaar_lichaam", "bedrijfsvoeringsorganisatie"))),
        )
        creates = _ref(draw, orgs)
        if creates is not None:
            created.append(creates)
        b.add("creates", creates)
        b.add("lead", _ref(draw, orgs))
        b.add("effective", _date(draw))
        b.add("valid_until", _maybe(draw, st.sampled_from(("2025-01-01", "2030-01-01"))))
        b.add("clauses", _clauses(draw))
        b.add("evaluated", _date(draw))
        for member in _distinct(draw, orgs):
            p = _Block(f"participant {member}")
            p.add("motive", _maybe(draw, st.just('"samen"')))
            p.add("entered_by", _refs(draw, bodies, hi=2))
            p.add("consent", _ref(draw, bodies))
            p.add(
                "until", _maybe(draw, st.sampled_from(("2026-05-31", "2026-06-01", "2027-01-01")))
            )
            b.nest(p)
        blocks.append(b.render())
    for name in powers:
        b = _Block(f"power {name}")
        b.add("held_by", _ref(draw, actors))
        b.add("concerns", _refs(draw, prods, hi=1))
        b.add("nature", _distinct(draw, NATURES, hi=1))
        b.add("no_mandate", _maybe(draw, st.sampled_from(("yes", "no"))))
        blocks.append(b.render())
    delegated: list[tuple[str, list[str]]] = []
    for name in names["del"]:
        b = _Block(f"delegation {name}")
        delegans, handed = _ref(draw, actors), _refs(draw, powers, hi=2)
        if delegans is not None and handed:
            delegated.append((delegans, handed))
        b.add("from", delegans)
        b.add("to", _ref(draw, actors))
        b.add("powers", handed)
        b.add("basis", _maybe(draw, st.just('"Gemeentewet art. 156"')))
        b.add("valid_from", _maybe(draw, st.sampled_from(("2020-01-01", "2030-01-01"))))
        b.add("valid_until", _maybe(draw, st.sampled_from(("2025-01-01", "2030-01-01"))))
        blocks.append(b.render())
    drawn: dict[str, str | None] = {}
    for name in mandates:
        holder = _ref(draw, actors)
        drawn[name] = holder
        via = _ref(draw, [m for m in mandates if m != name])
        grantor = drawn.get(via) if via is not None and draw(st.booleans()) else _ref(draw, actors)
        scope = _refs(draw, [*prods, *powers], hi=2) + draw(
            st.lists(st.just('"tekst"'), max_size=1)
        )
        if delegated and draw(st.booleans()):
            # The delegans mandating what it delegated (DEL004), or after the delegation ended.
            grantor, scope = draw(st.sampled_from(delegated))  # type: ignore[misc]
            via = None
        b = _Block(f"mandate {name}")
        b.add("from", grantor)
        b.add("to", holder)
        b.add("scope", scope)
        b.add("basis", '"Mandaatbesluit"')
        b.add("submandate", "yes")
        b.add("via", via)
        b.add("consent", _maybe(draw, st.just('"Instemming"')))
        b.add("limit", _maybe(draw, st.sampled_from(LIMITS)))
        b.add("valid_until", _date(draw))
        blocks.append(b.render())
    for name in names["dec"]:
        b = _Block(f"decision {name}")
        # Often the body an arrangement creates, so that WGR006 has budgets to judge.
        motif = bool(created) and draw(st.booleans())
        taker = _ref(draw, created) if motif else _ref(draw, actors)
        b.add("taken_by", taker)
        b.add("date", _maybe(draw, st.sampled_from(("2026-06-01", "2026-07-01"))))
        b.add("kind", "budget" if motif else draw(st.sampled_from(DECISION_KINDS)))
        b.add("concerns", _refs(draw, orgs, hi=1))
        for i in range(draw(st.integers(0, 3))):  # type: ignore[call-overload]
            c = _Block(f"consultation c{i + 1}")
            c.add("of", _ref(draw, bodies))
            c.add("kind", _maybe(draw, st.sampled_from(CONSULTATION_KINDS)))
            c.add("asked", _date(draw))
            b.nest(c)
        blocks.append(b.render())
    order: Sequence[str] = draw(st.permutations(blocks))  # type: ignore[assignment]
    return "\n".join(order) + "\n"
