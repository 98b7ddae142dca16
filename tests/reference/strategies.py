"""Hypothesis strategies for small, random, well-formed ``.gov`` models.

:func:`gov_models` draws 1-25 top-level declarations of every kind, then fills
their attributes with references to declared names only (so a model loads
without diagnostics), choosing from small pools so that the situations the
rules care about come up often: self-financing, money passed on, shared
members, sub-mandate cycles, risks borne outside the contract, roles whose
counterpart is of the same party, and so on.

Pure chance rarely builds the healthy case of a relational rule (an agreement
between exactly the two parties of a passed-on financing, a regular dialogue
between the two parties of an assignment), so some declarations copy parts of
earlier ones ("motifs"); which ones, and whether, is drawn like everything
else, so hypothesis still shrinks a failure to a minimal model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hypothesis import strategies as st

ORG_KINDS = (
    "municipality",
    "province",
    "ministry",
    "agency",
    "work_organization",
    "joint_organization",
    "partnership",
    "school_board",
    "company",
    "consortium",
    "foundation",
    "association",
)
LEGAL_FORMS = ("openbaar_lichaam", "bedrijfsvoeringsorganisatie", "stichting", "bv")
BODY_KINDS = (
    "council",
    "executive",
    "general_board",
    "board",
    "supervisory_board",
    "works_council",
    "audit_committee",
    "advisory_committee",
)
FOCUS_BODY_KINDS = ("supervisory_board", "supervisory_board", "board", "executive", "works_council")
"""Drawn more often: SUP001, SUP003, SUP004 and COL006 are about them."""
BOARD_KINDS = ("board", "executive", "general_board")
CONTRACT_KINDS = ("dbfmo", "dbfm", "dbm", "service", "concession")
FREQUENCIES = ("weekly", "monthly", "quarterly", "yearly", "ad_hoc")
PEOPLE = ('"A. de Vries"', '"D. \\"Dirk\\" Smit"', '"C. Bakker"')
OUTSIDER = '"Z. Onafhankelijk"'
"""A member only ever given to supervisory boards kept apart from a board."""
TARGETS = ("<= 5 days", ">= 95 %", "== 0", "< EUR 10_000", ">= 7.5")
MONEY = ("EUR 1_200_000", "EUR 250_000 per year", "EUR 10 per month", "EUR 0")

KINDS = (
    "organization",
    "body",
    "product",
    "financing",
    "mandate",
    "agreement",
    "goal",
    "contract",
    "policy",
    "assignment",
    "dialogue",
)
MOST = {
    "organization": 5,
    "body": 4,
    "product": 3,
    "financing": 4,
    "mandate": 3,
    "agreement": 3,
    "goal": 3,
    "contract": 2,
    "policy": 2,
    "assignment": 3,
    "dialogue": 3,
}
"""How many declarations of each kind a model has at most (25 in all)."""
MAX_DECLARATIONS = 25
PREFIX = {
    "organization": "org",
    "body": "body",
    "product": "prod",
    "financing": "fin",
    "mandate": "man",
    "agreement": "agr",
    "goal": "goal",
    "contract": "con",
    "policy": "pol",
    "assignment": "asg",
    "dialogue": "dia",
}

Draw = Callable[[st.SearchStrategy[object]], object]


def _maybe(draw: Draw, value: st.SearchStrategy[str]) -> str | None:
    """``None`` or a drawn value (half and half, shrinking towards ``None``)."""
    return draw(st.none() | value)  # type: ignore[return-value]


def _refs(draw: Draw, pool: Sequence[str], lo: int = 0, hi: int = 3) -> list[str]:
    """0-3 names from ``pool`` (repeats allowed: ``owner a, a`` is well-formed)."""
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), min_size=lo, max_size=hi))  # type: ignore[return-value]


def _distinct(draw: Draw, pool: Sequence[str], hi: int = 3) -> list[str]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), max_size=hi, unique=True))  # type: ignore[return-value]


def _ref(draw: Draw, pool: Sequence[str]) -> str | None:
    """A name from ``pool`` or, one time in ``len(pool) + 1``, none (shrinking towards none)."""
    return draw(st.sampled_from([None, *pool])) if pool else None  # type: ignore[return-value]


class _Block:
    """Lines of one declaration, written with one statement per line."""

    def __init__(self, header: str) -> None:
        self.header = header
        self.lines: list[str] = []

    def add(self, name: str, value: object) -> None:
        if value is None or value == []:
            return
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        self.lines.append(f"{name} {value}")

    def nest(self, block: _Block) -> None:
        self.lines.extend(block.render().splitlines())

    def render(self) -> str:
        if not self.lines:
            return self.header
        body = "".join(f"  {line}\n" for line in self.lines)
        return f"{self.header} {{\n{body}}}"


Link = tuple[str | None, str | None, list[str]]
"""``from``, ``to`` and products of a financing or assignment already drawn."""


@st.composite
def gov_models(draw: Draw) -> str:  # type: ignore[misc]
    """The text of a random well-formed model of 1-25 top-level declarations."""
    counts = {kind: draw(st.integers(0, MOST[kind])) for kind in KINDS}
    while sum(counts.values()) > MAX_DECLARATIONS:  # type: ignore[arg-type]
        counts[max(KINDS, key=counts.__getitem__)] -= 1  # type: ignore[operator]
    if not any(counts.values()):
        counts[draw(st.sampled_from(KINDS))] = 1  # type: ignore[index]
    names = {k: [f"{PREFIX[k]}{i + 1}" for i in range(counts[k])] for k in KINDS}  # type: ignore[call-overload]
    orgs, bodies, products = names["organization"], names["body"], names["product"]
    agreements, goals, mandates = names["agreement"], names["goal"], names["mandate"]
    actors = orgs + bodies
    yes_no = st.sampled_from(("yes", "no"))
    text = st.sampled_from(('"x"', '"Wgr art. 8"', '"""long\ntext"""'))
    # Members: people, texts that spell an organization's name, and organizations.
    members = st.sampled_from(PEOPLE) | (
        st.sampled_from([f'"{o}"' for o in orgs] + orgs) if orgs else st.nothing()
    )
    blocks: list[str] = []

    staffed: list[str] = []
    for name in orgs:
        b = _Block(f"organization {name}")
        b.add("kind", _maybe(draw, st.sampled_from(ORG_KINDS)))
        b.add("legal_form", _maybe(draw, st.sampled_from(LEGAL_FORMS)))
        b.add("established_by", _refs(draw, orgs))
        b.add("required_by", _maybe(draw, text))
        b.add("mission", _maybe(draw, text))
        b.add("goals", _refs(draw, goals))
        b.add("menu", _refs(draw, products, hi=2))
        b.add("serves", _maybe(draw, st.sampled_from(("each_participant", "all_participants"))))
        staff = _maybe(draw, st.sampled_from(("0", "49", "50", "51", "1_200")))
        if staff in ("50", "51", "1_200"):
            staffed.append(name)
        b.add("staff", staff)
        for participant in _distinct(draw, orgs):
            p = _Block(f"participant {participant}")
            p.add("motive", _maybe(draw, text))
            p.add("since", _maybe(draw, st.just("2020-01-01")))
            b.nest(p)
        blocks.append(b.render())

    drawn_bodies = []
    for name in bodies:
        kind = draw(st.sampled_from((None, *BODY_KINDS, *FOCUS_BODY_KINDS)))
        if kind in BOARD_KINDS and orgs:
            # A board of no organization, or without members, separates nothing.
            of = draw(st.sampled_from(orgs))
            people = draw(st.lists(members, min_size=1, max_size=3))
        else:
            if kind == "works_council" and staffed and draw(st.booleans()):
                of = draw(st.sampled_from(staffed))
            else:
                of = _ref(draw, orgs)
            people = draw(st.lists(members, max_size=3))
        drawn_bodies.append((name, kind, of, people))
    boards = [(of, m) for _n, k, of, m in drawn_bodies if k in BOARD_KINDS and of and m]
    for name, kind, of, people in drawn_bodies:
        supervises = _refs(draw, orgs, hi=2)
        motif = draw(st.sampled_from(("none", "share", "apart"))) if boards else "none"
        if kind == "supervisory_board" and motif != "none":
            # Supervise a board's organization and share one of its members, or none.
            board_of, board_members = draw(st.sampled_from(boards))  # type: ignore[misc]
            supervises.append(board_of)
            if motif == "share":
                people = [*people, draw(st.sampled_from(board_members))]
            else:
                people = [OUTSIDER]
        b = _Block(f"body {name}")
        b.add("kind", kind)
        b.add("of", of)
        b.add("supervises", supervises)
        b.add("assesses", _refs(draw, agreements, hi=2))
        b.add("members", people)
        blocks.append(b.render())

    for name in products:
        b = _Block(f'product {name} "Product {name}"')
        b.add("owner", _refs(draw, orgs, hi=2))
        b.add("description", _maybe(draw, text))
        blocks.append(b.render())

    links: list[Link] = []
    passed_on: list[Link] = []
    for name in names["financing"]:
        source, sink, paid = _ref(draw, orgs), _ref(draw, orgs), _refs(draw, products)
        passable = [(sink, paid) for _s, sink, paid in links if sink and paid]
        if passable and draw(st.booleans()):
            # Pass money on: pay from where an earlier financing went, for one of its products.
            source, earlier = draw(st.sampled_from(passable))  # type: ignore[misc]
            paid = [draw(st.sampled_from(earlier)), *paid]
            passed_on.append((source, sink, paid))
        links.append((source, sink, paid))
        b = _Block(f"financing {name}")
        b.add("from", source)
        b.add("to", sink)
        b.add("for", paid)
        b.add("amount", _maybe(draw, st.sampled_from(MONEY)))
        b.add("basis", _maybe(draw, text))
        blocks.append(b.render())

    drawn_mandates = {
        name: (_ref(draw, actors), _ref(draw, actors), _maybe(draw, yes_no)) for name in mandates
    }
    for name, (grantor, holder, submandate) in drawn_mandates.items():
        via = _ref(draw, mandates)
        if via is not None and draw(st.booleans()):
            # A proper sub-mandate: granted by the holder of the mandate it passes on.
            grantor = drawn_mandates[via][1]
        b = _Block(f"mandate {name}")
        b.add("from", grantor)
        b.add("to", holder)
        scope = st.just(_refs(draw, products, hi=2)) | text.map(lambda t: [t])
        b.add("scope", draw(scope))
        b.add("basis", _maybe(draw, text))
        b.add("submandate", submandate)
        b.add("via", via)
        blocks.append(b.render())

    for name in agreements:
        b = _Block(f"agreement {name}")
        between, covers = _refs(draw, orgs), _refs(draw, products, hi=2)
        if links and draw(st.booleans()):
            # Agree on a financing (money passed on more often): its parties and products.
            source, sink, paid = draw(st.sampled_from(passed_on + links))  # type: ignore[misc]
            between = [*between, *(x for x in (source, sink) if x)]
            covers = [*covers, *paid]
        b.add("between", between)
        b.add("covers", covers)
        b.add("valid_until", _maybe(draw, st.just("2027-12-31")))
        for i in range(draw(st.integers(0, 2))):  # type: ignore[call-overload]
            r = _Block(f"result r{i + 1}")
            complete = draw(st.booleans())
            present = st.just(True) if complete else st.booleans()
            if draw(present):
                r.add("indicator", draw(text))
            if draw(present):
                r.add("target", draw(st.sampled_from(TARGETS)))
            if draw(present):
                r.add("by", "2027-06-30")
            b.nest(r)
        blocks.append(b.render())

    for name in goals:
        b = _Block(f"goal {name}")
        b.add("conflicts_with", _refs(draw, goals, hi=2))
        b.add("description", _maybe(draw, text))
        blocks.append(b.render())

    for name in names["contract"]:
        b = _Block(f"contract {name}")
        b.add("kind", _maybe(draw, st.sampled_from(CONTRACT_KINDS)))
        b.add("client", _ref(draw, orgs))
        b.add("contractor", _ref(draw, orgs))
        b.add("duration", _maybe(draw, st.just("25 years")))
        b.add("payment", _maybe(draw, st.sampled_from(MONEY)))
        for i in range(draw(st.integers(0, 2))):  # type: ignore[call-overload]
            r = _Block(f"risk k{i + 1}")
            r.add("bearer", _refs(draw, orgs, hi=2))
            b.nest(r)
        for i in range(draw(st.integers(0, 2))):  # type: ignore[call-overload]
            t = _Block(f"term t{i + 1}")
            t.add("definition", _maybe(draw, text))
            b.nest(t)
        roles = [f"role{i + 1}" for i in range(draw(st.integers(0, 3)))]  # type: ignore[call-overload]
        for role in roles:
            r = _Block(f"role {role}")
            r.add("party", _ref(draw, orgs))
            r.add("expects", _maybe(draw, text))
            r.add("counterpart", _ref(draw, roles))
            b.nest(r)
        blocks.append(b.render())

    for name in names["policy"]:
        b = _Block(f"policy {name}")
        b.add("set_by", _ref(draw, actors))
        b.add("executed_by", _refs(draw, orgs, hi=2))
        b.add("sanctions", _maybe(draw, yes_no))
        b.add("discretion", _maybe(draw, yes_no))
        b.add("hardship_clause", _maybe(draw, text))
        blocks.append(b.render())

    for name in names["assignment"]:
        source, sink = _ref(draw, actors), _ref(draw, actors)
        links.append((source, sink, []))
        b = _Block(f"assignment {name}")
        b.add("from", source)
        b.add("to", sink)
        b.add("covers", _refs(draw, products, hi=2))
        b.add("specifies", draw(st.lists(st.sampled_from(("what", "how")), unique=True)))
        b.add("reporting_formats", _maybe(draw, st.sampled_from(("0", "3", "4", "12"))))
        blocks.append(b.render())

    for name in names["dialogue"]:
        between = _refs(draw, actors)
        frequency = _maybe(draw, st.sampled_from(FREQUENCIES))
        open_agenda = _maybe(draw, yes_no)
        if links and draw(st.booleans()):
            # Talk about a financing or assignment: between its two parties, mostly regularly.
            source, sink, _p = draw(st.sampled_from(links))  # type: ignore[misc]
            between = [*between, *(x for x in (source, sink) if x)]
            frequency = draw(st.sampled_from(FREQUENCIES))
            open_agenda = draw(st.sampled_from(("yes", "yes", "no")))
        b = _Block(f"dialogue {name}")
        b.add("between", between)
        b.add("frequency", frequency)
        b.add("open_agenda", open_agenda)
        blocks.append(b.render())

    order = draw(st.permutations(range(len(blocks))))
    return "\n".join(blocks[i] for i in order) + "\n"  # type: ignore[attr-defined]
