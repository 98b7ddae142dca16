"""The version-2 rules of RULES.md ("the law behind public collaborations"), checked again.

Written from the "holds when" column of RULES.md's version-2 section, over the
loaded model objects only (attributes and ``Ref.target``), like
:mod:`checker`; it builds its own inverses. Everything is judged on one date,
:data:`AS_OF`, which the comparison passes to the engine too.

Readings where the sentence leaves room (also in each docstring):

- *In force* on a date: no ``valid_from`` after it and no ``valid_until``
  before it (both ends inclusive; an absent end is open).
- *A mandate without* ``from`` (or a delegation without ``from``) is not
  judged by MAN004, MAN007, DEL003 or DEL004: there is no grantor to hold
  anything.
- *Its owner* (OWN004) is each of the product's owners; a product without an
  owner is OWN001's.
- *The organization of a decision* is its ``taken_by`` when that is an
  organization, else the organization the body is ``of``.
- *Comparisons with an absent date or amount are false*: a sub-mandate
  without a ``limit`` is not above its mandate's; a consultation without an
  ``asked`` date was not asked in time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from checker import Pair, contains, is_yes, kind_of, same, subject, target, targets

from govrules.model.model import Model
from govrules.model.objects import (
    Body,
    Declaration,
    Mandate,
    Organization,
    Power,
    Product,
)
from govrules.model.values import Date, Ref

AS_OF = datetime.date(2026, 6, 1)
"""The date every comparison is judged on."""

YEARS = 4
"""WGR005's default ``years``."""
WEEKS = 12
"""WGR006's default ``weeks``."""

V2_CODES = frozenset(
    {
        "OWN004",
        "SUP005",
        "SUP006",
        *(f"MAN00{i}" for i in (4, 5, 6, 7)),
        *(f"DEL00{i}" for i in (1, 2, 3, 4)),
        *(f"WGR00{i}" for i in (1, 2, 3, 4, 5, 6)),
        "WOR001",
    }
)
"""The 18 codes version 2 adds."""


def day(value: Date | None) -> datetime.date | None:
    return None if value is None else value.value


def in_force(valid_from: Date | None, valid_until: Date | None, on: datetime.date) -> bool:
    """No start after ``on`` and no end before it."""
    start, end = day(valid_from), day(valid_until)
    return not (start is not None and start > on) and not (end is not None and end < on)


def years_before(on: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` years earlier (29 February becomes the 28th)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def delegations_of(model: Model, power: Declaration) -> list[Declaration]:
    return [d for d in model.delegations.values() if contains(targets(d.powers), power)]


def holds_by_delegation(
    model: Model, power: Declaration, holder: Declaration, but: Declaration | None = None
) -> bool:
    """``holder`` received ``power`` by a delegation in force (other than ``but``)."""
    return any(
        d is not but and same(target(d.to), holder) and in_force(d.valid_from, d.valid_until, AS_OF)
        for d in delegations_of(model, power)
    )


def organization_of(actor: Declaration | None) -> Declaration | None:
    """An organization itself, or the organization a body is ``of``."""
    if isinstance(actor, Organization):
        return actor
    if isinstance(actor, Body):
        return target(actor.of)
    return None


def scope_of(m: Mandate, kind: type) -> list[Declaration]:
    """The declarations of ``kind`` a mandate's scope names (texts left out)."""
    return [d for d in targets(r for r in m.scope if isinstance(r, Ref)) if isinstance(d, kind)]


# --- responsibility -----------------------------------------------------------


def own004(model: Model) -> Iterator[Pair]:
    """Every product with an ``executed_by`` organization that is not its owner is covered by
    an agreement ``between`` its owner and that organization. Reading: each owner; products
    without an owner are left to OWN001."""
    for p in model.products.values():
        owners = targets(p.owner)
        if not owners:
            continue
        covering = [a for a in model.agreements.values() if contains(targets(a.covers), p)]
        for e in targets(p.executed_by):
            if contains(owners, e):
                continue
            agreed = all(
                any(
                    contains(targets(a.between), o) and contains(targets(a.between), e)
                    for a in covering
                )
                for o in owners
            )
            if not agreed:
                yield ("OWN004", subject(p))
                break


# --- supervision ---------------------------------------------------------------


def sup005(model: Model) -> Iterator[Pair]:
    """Every agreement a body ``assesses`` is in force as of the date. Once per body."""
    for b in model.bodies.values():
        if any(not in_force(a.valid_from, a.valid_until, AS_OF) for a in targets(b.assesses)):  # type: ignore[attr-defined]
            yield ("SUP005", subject(b))


def sup006(model: Model) -> Iterator[Pair]:
    """No result's ``by`` lies after its agreement's ``valid_until``."""
    for a in model.agreements.values():
        end = day(a.valid_until)
        for r in a.results:
            by = day(r.by)
            if by is not None and end is not None and by > end:
                yield ("SUP006", subject(r))


# --- mandates --------------------------------------------------------------------


def man004(model: Model) -> Iterator[Pair]:
    """A mandate without ``via``: every power in its scope is held by its ``from`` or delegated
    to it by a delegation in force; every product in its scope is owned by its ``from`` or by
    the organization its ``from`` is ``of``."""
    for m in model.mandates.values():
        grantor = target(m.from_)
        if m.via is not None or grantor is None:
            continue
        grantor_org = target(grantor.of) if isinstance(grantor, Body) else None
        bad = any(
            not same(target(x.held_by), grantor) and not holds_by_delegation(model, x, grantor)
            for x in scope_of(m, Power)  # type: ignore[attr-defined]
        ) or any(
            not any(same(o, grantor) or same(o, grantor_org) for o in targets(x.owner))  # type: ignore[attr-defined]
            for x in scope_of(m, Product)
        )
        if bad:
            yield ("MAN004", subject(m))


def man005(model: Model) -> Iterator[Pair]:
    """A sub-mandate's products and powers are in its mandate's scope; its ``limit`` is not
    above the mandate's; its ``valid_until`` is not after the mandate's."""
    for m in model.mandates.values():
        via = target(m.via)
        if not isinstance(via, Mandate):
            continue
        outer = targets(r for r in via.scope if isinstance(r, Ref))
        wider = any(not contains(outer, x) for x in [*scope_of(m, Power), *scope_of(m, Product)])
        higher = m.limit is not None and via.limit is not None and m.limit.amount > via.limit.amount
        end, via_end = day(m.valid_until), day(via.valid_until)
        later = end is not None and via_end is not None and end > via_end
        if wider or higher or later:
            yield ("MAN005", subject(m))


BARRED = {"general_rules", "qualified_majority", "approval"}


def man006(model: Model) -> Iterator[Pair]:
    """No mandate's scope holds a power with ``no_mandate yes`` or a barred ``nature``."""
    for m in model.mandates.values():
        for x in scope_of(m, Power):
            assert isinstance(x, Power)
            if is_yes(x.no_mandate) or {n.value for n in x.nature} & BARRED:
                yield ("MAN006", subject(m))
                break


def man007(model: Model) -> Iterator[Pair]:
    """A mandate whose holder does not work under the grantor's responsibility records
    ``consent``. Under it: a body of kind ``official`` whose ``under`` names the grantor or the
    grantor's organization, or without ``under``, that is ``of`` the grantor's organization."""
    for m in model.mandates.values():
        grantor, holder = target(m.from_), target(m.to)
        if grantor is None or holder is None:
            continue
        home = organization_of(grantor)
        inside = False
        if isinstance(holder, Body) and kind_of(holder) == "official":
            under = targets(holder.under)
            if under:
                inside = any(same(u, grantor) or same(u, home) for u in under)
            else:
                inside = same(target(holder.of), home)
        if not inside and m.consent is None:
            yield ("MAN007", subject(m))


# --- delegation ---------------------------------------------------------------------


def del001(model: Model) -> Iterator[Pair]:
    """Every delegation has a ``basis``."""
    for d in model.delegations.values():
        if d.basis is None:
            yield ("DEL001", subject(d))


def del002(model: Model) -> Iterator[Pair]:
    """No delegation goes ``to`` a body of kind ``official``."""
    for d in model.delegations.values():
        to = target(d.to)
        if isinstance(to, Body) and kind_of(to) == "official":
            yield ("DEL002", subject(d))


def del003(model: Model) -> Iterator[Pair]:
    """Every power in a delegation is held by its ``from`` or delegated to its ``from`` by
    another delegation in force."""
    for d in model.delegations.values():
        grantor = target(d.from_)
        if grantor is None:
            continue
        if any(
            not same(target(x.held_by), grantor) and not holds_by_delegation(model, x, grantor, d)  # type: ignore[attr-defined]
            for x in targets(d.powers)
        ):
            yield ("DEL003", subject(d))


def del004(model: Model) -> Iterator[Pair]:
    """No mandate without ``via`` is granted ``from`` a body or organization for a power it has
    delegated by a delegation in force."""
    for m in model.mandates.values():
        grantor = target(m.from_)
        if m.via is not None or grantor is None:
            continue
        if any(
            same(target(d.from_), grantor) and in_force(d.valid_from, d.valid_until, AS_OF)  # type: ignore[attr-defined]
            for x in scope_of(m, Power)
            for d in delegations_of(model, x)
        ):
            yield ("DEL004", subject(m))


# --- wgr ------------------------------------------------------------------------------


def bodies_of(model: Model, org: Declaration | None) -> list[Body]:
    return [b for b in model.bodies.values() if org is not None and same(target(b.of), org)]


def wgr001(model: Model) -> Iterator[Pair]:
    """Each form has what it requires (one finding per arrangement)."""
    for a in model.arrangements.values():
        form = None if a.form is None else a.form.value
        created = target(a.creates)
        kinds = {kind_of(b) for b in bodies_of(model, created)}
        members = targets(p.organization for p in a.participants)
        fault = False
        if form == "openbaar_lichaam":
            fault = created is None or not {"general_board", "executive", "chair"} <= kinds
        elif form == "bedrijfsvoeringsorganisatie":
            fault = created is None or "board" not in kinds
        elif form == "gemeenschappelijk_orgaan":
            staff = getattr(created, "staff", None)
            fault = created is None or (staff is not None and staff.value > 0)
        elif form == "centrumgemeente":
            fault = not contains(members, target(a.lead))
        elif form == "regeling_zonder_meer":
            fault = a.creates is not None
        if fault:
            yield ("WGR001", subject(a))


WITH_BODY = {"openbaar_lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk_orgaan"}


def wgr002(model: Model) -> Iterator[Pair]:
    """An arrangement in force as of a date on or after 2024-07-01 has the 2022 clauses."""
    if datetime.date(2024, 7, 1) > AS_OF:
        return
    for a in model.arrangements.values():
        if not in_force(a.effective, a.valid_until, AS_OF):
            continue
        need = {"citizen_participation", "evaluation", "withdrawal"}
        if a.form is not None and a.form.value in WITH_BODY:
            need.add("zienswijze")
        if not need <= {c.value for c in a.clauses}:
            yield ("WGR002", subject(a))


def wgr003(model: Model) -> Iterator[Pair]:
    """Every arrangement has clauses accession, withdrawal, amendment and dissolution."""
    for a in model.arrangements.values():
        if not {"accession", "withdrawal", "amendment", "dissolution"} <= {
            c.value for c in a.clauses
        }:
            yield ("WGR003", subject(a))


def wgr004(model: Model) -> Iterator[Pair]:
    """When a college or mayor entered, ``consent`` names a council of the same organization."""
    for a in model.arrangements.values():
        for p in a.participants:
            if not any(kind_of(b) in {"executive", "mayor"} for b in targets(p.entered_by)):
                continue
            council = target(p.consent)
            ok = (
                isinstance(council, Body)
                and kind_of(council) == "council"
                and same(target(council.of), target(p.organization))
            )
            if not ok:
                yield ("WGR004", subject(p))


def wgr005(model: Model, years: int = YEARS) -> Iterator[Pair]:
    """Effective more than ``years`` years before the date: ``evaluated`` within them."""
    since = years_before(AS_OF, years)
    for a in model.arrangements.values():
        effective, evaluated = day(a.effective), day(a.evaluated)
        if (
            effective is not None
            and effective < since
            and not (evaluated is not None and evaluated >= since)
        ):
            yield ("WGR005", subject(a))


def wgr006(model: Model, weeks: int = WEEKS) -> Iterator[Pair]:
    """A budget of the organization an openbaar lichaam or bedrijfsvoeringsorganisatie creates
    has, for every participant not withdrawn by its date, an opinion of that participant's
    council asked at least ``weeks`` weeks before its date."""
    for d in model.decisions.values():
        if d.kind is None or d.kind.value != "budget":
            continue
        org = organization_of(target(d.taken_by))
        arrangements = [
            a
            for a in model.arrangements.values()
            if org is not None
            and same(target(a.creates), org)
            and a.form is not None
            and a.form.value in {"openbaar_lichaam", "bedrijfsvoeringsorganisatie"}
        ]
        if not arrangements:
            continue
        date = day(d.date)
        current = [
            p
            for a in arrangements
            for p in a.participants
            if not (day(p.until) is not None and date is not None and day(p.until) <= date)  # type: ignore[operator]
        ]
        deadline = None if date is None else date - datetime.timedelta(weeks=weeks)
        for p in current:
            heard = any(
                c.kind is not None
                and c.kind.value == "opinion"
                and kind_of(target(c.of)) == "council"
                and same(target(target(c.of).of), target(p.organization))  # type: ignore[union-attr]
                and deadline is not None
                and day(c.asked) is not None
                and day(c.asked) <= deadline  # type: ignore[operator]
                for c in d.consultations
            )
            if not heard:
                yield ("WGR006", subject(d))
                break


# --- wor ----------------------------------------------------------------------------------

WOR_KINDS = {"cooperation", "transfer", "closure", "reorganization", "relocation", "investment"}


def wor001(model: Model) -> Iterator[Pair]:
    """A decision of a WOR art. 25 kind, of an organization with a works council, has an advice
    consultation of that works council asked before its date."""
    for d in model.decisions.values():
        if d.kind is None or d.kind.value not in WOR_KINDS:
            continue
        org = organization_of(target(d.taken_by))
        councils = [b for b in bodies_of(model, org) if kind_of(b) == "works_council"]
        if not councils:
            continue
        date = day(d.date)
        advised = any(
            c.kind is not None
            and c.kind.value == "advice"
            and contains(councils, target(c.of))
            and date is not None
            and day(c.asked) is not None
            and day(c.asked) < date  # type: ignore[operator]
            for c in d.consultations
        )
        if not advised:
            yield ("WOR001", subject(d))


# --- the version-1 rules version 2 narrows or widens ------------------------------------


def own003_steered(model: Model, o: Declaration) -> bool:
    """OWN003's version-2 exception: every supervising body is a council that gave its opinion on
    a budget decision taken by ``o`` or one of its bodies, or concerning ``o``."""
    supervisors = [b for b in model.bodies.values() if contains(targets(b.supervises), o)]

    def about_o(d: Declaration) -> bool:
        taker = target(d.taken_by)  # type: ignore[attr-defined]
        by_o = same(taker, o) or (isinstance(taker, Body) and same(target(taker.of), o))
        return by_o or contains(targets(d.concerns), o)  # type: ignore[attr-defined]

    budgets = [
        d
        for d in model.decisions.values()
        if d.kind is not None and d.kind.value == "budget" and about_o(d)
    ]
    return all(
        kind_of(s) == "council"
        and any(
            c.kind is not None and c.kind.value == "opinion" and same(target(c.of), s)
            for d in budgets
            for c in d.consultations
        )
        for s in supervisors
    )


def arrangement_participants(model: Model) -> Iterable[Declaration]:
    for a in model.arrangements.values():
        yield from a.participants


def col007_arrangements(model: Model) -> Iterator[Pair]:
    """COL007 widened: an arrangement has two participants not withdrawn before the date."""
    for a in model.arrangements.values():
        current = [
            p.organization
            for p in a.participants
            if not (day(p.until) is not None and day(p.until) < AS_OF)
        ]  # type: ignore[operator]
        if len(targets(current)) < 2:
            yield ("COL007", subject(a))


def col004_arrangements(model: Model) -> Iterator[Pair]:
    """COL004 widened: the participants of an arrangement state their motive too."""
    for p in arrangement_participants(model):
        if p.motive is None:  # type: ignore[attr-defined]
            yield ("COL004", subject(p))


RULES_V2 = (
    own004,
    sup005,
    sup006,
    man004,
    man005,
    man006,
    man007,
    del001,
    del002,
    del003,
    del004,
    wgr001,
    wgr002,
    wgr003,
    wgr004,
    wgr005,
    wgr006,
    wor001,
    col007_arrangements,
    col004_arrangements,
)
"""The version-2 rules, and the parts of widened version-1 rules that reach the new kinds."""
