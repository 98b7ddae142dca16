"""A second, independent implementation of the rule catalogue of RULES.md.

Written straight from the "holds when" column of ``shared/design/RULES.md``,
over the loaded model objects only: attributes and ``Ref.target``. It builds
its own inverse relations and uses nothing from ``govrules.engine`` or
``Model.inverse``, so that a fault in the rule language, its evaluator or a
ruleset shows up as a disagreement with this module.

:func:`check` returns ``(code, subject)`` pairs, subjects named the way
findings name them (``product burgerzaken``, ``risk <contract>.<risk>``).

Readings of RULES.md where its sentence leaves room (each rule's docstring
repeats the reading that applies to it):

- *Absent is not equal.* An attribute that is not given equals nothing, not
  even another absent attribute: a financing without ``from`` and ``to`` is
  not self-financing, a sub-mandate without ``from`` is not granted by a
  holder that is absent too.
- *Self-financing* is a financing whose ``from`` and ``to`` are both given and
  name the same organization. OWN001, OWN002, COL002 and POL004 ignore it
  altogether: it neither finances a product, nor counts as receiving money,
  nor joins a pair of parties.
- *Counting references* counts the distinct declarations named: ``owner a, a``
  is one owner, ``bearer a, a`` one bearer, ``established_by a, a`` one
  participant.
- *Identity*: two references are the same when they name the same
  declaration; members given as texts are the same when their texts are
  equal, and a text member never equals a reference member (a text names a
  person, a reference an organization).
- *Where a finding is reported* (its subject): at the declaration the rule is
  about (``each ...`` in the sentence), see each rule.

Rule-specific readings (see the rule's docstring): OWN002 judges a financing
without ``to`` (it does not go to the owner); COL003 needs two distinct goals;
CON003 needs a party on both the role and its counterpart; POL004 counts no
self-assignment as joining a pair; SUP003 and SUP004 report once per body,
CON004 once per contract, OWN002 and COL002 once per financing. The engine
disagrees with the first two (see ``test_reference.DISAGREEMENTS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from govrules.model.model import Model
from govrules.model.objects import (
    Assignment,
    Body,
    Declaration,
    Financing,
    Mandate,
    NestedDeclaration,
    Product,
)
from govrules.model.values import Ref, Text

Pair = tuple[str, str]

THRESHOLD = 50
"""COL006's default ``threshold``."""
LIMIT = 3
"""POL003's default ``limit``."""

V1_CODES = frozenset(
    {
        *(f"OWN00{i}" for i in (1, 2, 3)),
        *(f"SUP00{i}" for i in (1, 2, 3, 4)),
        *(f"COL00{i}" for i in (1, 2, 3, 4, 5, 6, 7)),
        *(f"CON00{i}" for i in (1, 2, 3, 4)),
        *(f"POL00{i}" for i in (1, 2, 3, 4)),
        *(f"MAN00{i}" for i in (1, 2, 3)),
        *(f"FIN00{i}" for i in (1, 2, 3)),
    }
)
"""The 28 codes of RULES.md's version 1 (:data:`ALL_CODES` adds version 2's)."""


# --- small helpers ----------------------------------------------------------


def subject(decl: Declaration) -> str:
    """``product burgerzaken``; nested: ``risk <contract>.<risk>``."""
    if isinstance(decl, NestedDeclaration):
        parent = decl.parent.target
        parent_id = parent.id if parent is not None else decl.parent.name
        return f"{decl.KIND} {parent_id}.{decl.id}"
    return f"{decl.KIND} {decl.id}"


def target(ref: Ref | None) -> Declaration | None:
    """The declaration a reference names; ``None`` when not given."""
    return None if ref is None else ref.target


def targets(refs: Iterable[Ref]) -> list[Declaration]:
    """The distinct declarations named, in order of first mention."""
    out: list[Declaration] = []
    for ref in refs:
        decl = ref.target
        if decl is not None and all(decl is not seen for seen in out):
            out.append(decl)
    return out


def contains(decls: Iterable[Declaration], decl: Declaration | None) -> bool:
    """Membership by identity (``None`` is in nothing)."""
    return decl is not None and any(d is decl for d in decls)


def same(a: Declaration | None, b: Declaration | None) -> bool:
    """Both given and the same declaration."""
    return a is not None and b is not None and a is b


def is_yes(value: object) -> bool:
    """A boolean attribute given as ``yes``."""
    return value is not None and value.value is True  # type: ignore[attr-defined]


def is_self_financing(f: Financing) -> bool:
    """``from`` and ``to`` both given and the same organization (FIN002)."""
    return same(target(f.from_), target(f.to))


def counted_financings(model: Model) -> list[Financing]:
    """The financings the relational rules look at: all but self-financing."""
    return [f for f in model.financings.values() if not is_self_financing(f)]


def receives_for(model: Model) -> dict[int, list[Declaration]]:
    """Organization (by ``id()``) -> the products it receives (non-self) financing for."""
    out: dict[int, list[Declaration]] = defaultdict(list)
    for f in counted_financings(model):
        to = target(f.to)
        if to is not None:
            out[id(to)].extend(targets(f.for_))
    return out


# --- responsibility ---------------------------------------------------------


def own001(model: Model) -> Iterator[Pair]:
    """Every product some (non-self) financing is ``for`` has exactly one (distinct) owner.

    Reported at the product.
    """
    financed: list[Declaration] = []
    for f in counted_financings(model):
        financed.extend(targets(f.for_))
    for p in model.products.values():
        if contains(financed, p) and len(targets(p.owner)) != 1:
            yield ("OWN001", subject(p))


def own002(model: Model) -> Iterator[Pair]:
    """Every (non-self) financing for a product with exactly one owner goes ``to`` that owner.

    Products without exactly one owner are skipped (OWN001's). A product the
    financing's ``from`` itself receives (non-self) financing for is money
    passed on, left to COL002.

    Reading: a financing without ``to`` does not go to the owner, so it is a
    finding when it pays for a product with one owner (RULES.md gives no
    exception for an absent ``to``). Reported once per financing.
    """
    received = receives_for(model)
    for f in counted_financings(model):
        to = target(f.to)
        payer = target(f.from_)
        payer_receives = received.get(id(payer), []) if payer is not None else []
        for p in targets(f.for_):
            assert isinstance(p, Product)
            owners = targets(p.owner)
            if len(owners) != 1 or same(to, owners[0]):
                continue
            if contains(targets(p.executed_by), to):
                continue  # version 2: money may go to whoever carries the product out
            if contains(payer_receives, p):
                continue
            yield ("OWN002", subject(f))
            break


def own003(model: Model) -> Iterator[Pair]:
    """Every organization some body ``supervises`` is ``between`` in at least one agreement,
    unless (version 2) every body supervising it is a council whose opinion was asked on a
    budget decision of the organization, of one of its bodies, or concerning it."""
    supervised: list[Declaration] = []
    for b in model.bodies.values():
        supervised.extend(targets(b.supervises))
    parties: list[Declaration] = []
    for a in model.agreements.values():
        parties.extend(targets(a.between))
    from checker_v2 import own003_steered

    for o in model.organizations.values():
        if contains(supervised, o) and not contains(parties, o) and not own003_steered(model, o):
            yield ("OWN003", subject(o))


# --- supervision ------------------------------------------------------------


def measurable(result: object) -> bool:
    """SUP002: an ``indicator``, a ``target`` and a ``by`` date."""
    return all(getattr(result, name) is not None for name in ("indicator", "target", "by"))


def kind_of(decl: object) -> str | None:
    kind = getattr(decl, "kind", None)
    return None if kind is None else kind.value


def sup001(model: Model) -> Iterator[Pair]:
    """Every supervisory board ``assesses`` an agreement with at least one measurable result."""
    for b in model.bodies.values():
        if kind_of(b) != "supervisory_board":
            continue
        agreements = targets(b.assesses)
        if not any(measurable(r) for a in agreements for r in a.results):  # type: ignore[attr-defined]
            yield ("SUP001", subject(b))


def sup002(model: Model) -> Iterator[Pair]:
    """Every result has an ``indicator``, a ``target`` and a ``by`` date."""
    for a in model.agreements.values():
        for r in a.results:
            if not measurable(r):
                yield ("SUP002", subject(r))


def member_keys(body: Body) -> set[tuple[str, object]]:
    """Members as comparable keys: texts by their text, references by what they name."""
    keys: set[tuple[str, object]] = set()
    for m in body.members:
        if isinstance(m, Text):
            keys.add(("text", m.value))
        elif m.target is not None:
            keys.add(("ref", id(m.target)))
    return keys


def sup003(model: Model) -> Iterator[Pair]:
    """A supervisory board shares no members with a board, executive or general board ``of``
    an organization it supervises.

    Reported once per supervisory board, at the supervisory board (the
    sentence is about it).
    """
    boards_of: dict[int, list[Body]] = defaultdict(list)
    for b in model.bodies.values():
        owner = target(b.of)
        if kind_of(b) in {"board", "executive", "general_board"} and owner is not None:
            boards_of[id(owner)].append(b)
    for s in model.bodies.values():
        if kind_of(s) != "supervisory_board":
            continue
        mine = member_keys(s)
        boards = [x for o in targets(s.supervises) for x in boards_of.get(id(o), [])]
        # Version 2: a body supervised directly counts, whatever its kind.
        boards += [x for x in targets(s.supervises) if isinstance(x, Body)]
        if any(mine & member_keys(x) for x in boards):
            yield ("SUP003", subject(s))


def sup004(model: Model) -> Iterator[Pair]:
    """Every agreement a body ``assesses`` is ``between`` at least one organization that body
    ``supervises``.

    Any kind of body. Reported once per body, at the body.
    """
    for b in model.bodies.values():
        supervised = targets(b.supervises)
        for a in targets(b.assesses):
            if not any(contains(supervised, o) for o in targets(a.between)):  # type: ignore[attr-defined]
                yield ("SUP004", subject(b))
                break


# --- collaboration ----------------------------------------------------------


def col001(model: Model) -> Iterator[Pair]:
    """Every organization with ``required_by`` has a ``mission``."""
    for o in model.organizations.values():
        if o.required_by is not None and o.mission is None:
            yield ("COL001", subject(o))


def col002(model: Model) -> Iterator[Pair]:
    """When X receives (non-self) financing for P and itself finances Y for P (a non-self
    financing), an agreement ``between`` X and Y ``covers`` P. One finding per financing X -> Y.

    A financing without ``from`` or ``to`` passes nothing on from X to Y.
    """
    received = receives_for(model)
    agreements = list(model.agreements.values())
    for f in counted_financings(model):
        x, y = target(f.from_), target(f.to)
        if x is None or y is None:
            continue
        for p in targets(f.for_):
            if not contains(received.get(id(x), []), p):
                continue
            covered = any(
                contains(targets(a.between), x)
                and contains(targets(a.between), y)
                and contains(targets(a.covers), p)
                for a in agreements
            )
            if not covered:
                yield ("COL002", subject(f))
                break


def col003(model: Model) -> Iterator[Pair]:
    """No organization has two goals where one ``conflicts_with`` the other (either direction).

    Reading: "two goals" are two distinct goals; a goal declared to conflict
    with itself does not make an organization that pursues it pursue two
    conflicting goals.
    """
    for o in model.organizations.values():
        goals = targets(o.goals)
        clash = any(
            g is not h
            and (contains(targets(g.conflicts_with), h) or contains(targets(h.conflicts_with), g))  # type: ignore[attr-defined]
            for g in goals
            for h in goals
        )
        if clash:
            yield ("COL003", subject(o))


def col004(model: Model) -> Iterator[Pair]:
    """Every ``participant`` has a ``motive``."""
    for o in model.organizations.values():
        for p in o.participants:
            if p.motive is None:
                yield ("COL004", subject(p))


def col005(model: Model) -> Iterator[Pair]:
    """An organization that ``serves each_participant`` has a non-empty ``menu``."""
    for o in model.organizations.values():
        if o.serves is not None and o.serves.value == "each_participant" and not o.menu:
            yield ("COL005", subject(o))


def col006(model: Model, threshold: int = THRESHOLD) -> Iterator[Pair]:
    """An organization with ``staff`` >= threshold has a ``works_council`` body ``of`` it."""
    councils = [
        target(b.of) for b in model.bodies.values() if kind_of(b) == "works_council" and b.of
    ]
    for o in model.organizations.values():
        if o.staff is not None and o.staff.value >= threshold and not any(c is o for c in councils):
            yield ("COL006", subject(o))


def col007(model: Model) -> Iterator[Pair]:
    """A ``joint_organization`` or ``partnership`` has at least two distinct participant
    organizations, counting its ``participant`` blocks and ``established_by`` together."""
    for o in model.organizations.values():
        if kind_of(o) not in {"joint_organization", "partnership"}:
            continue
        members = targets([*(p.organization for p in o.participants), *o.established_by])
        if len(members) < 2:
            yield ("COL007", subject(o))


# --- contracts --------------------------------------------------------------


def con001(model: Model) -> Iterator[Pair]:
    """Every ``risk`` has exactly one (distinct) ``bearer``, the contract's ``client`` or
    ``contractor``."""
    for c in model.contracts.values():
        parties = [d for d in (target(c.client), target(c.contractor)) if d is not None]
        for r in c.risks:
            bearers = targets(r.bearer)
            if len(bearers) != 1 or not contains(parties, bearers[0]):
                yield ("CON001", subject(r))


def con002(model: Model) -> Iterator[Pair]:
    """Every ``term`` has a ``definition``."""
    for c in model.contracts.values():
        for t in c.terms:
            if t.definition is None:
                yield ("CON002", subject(t))


def con003(model: Model) -> Iterator[Pair]:
    """Every ``role`` has a ``counterpart`` whose ``party`` is a different party.

    Reading: "a different party" compares two parties, so both the role and
    its counterpart must name a party, and they must differ. A role without a
    party, or whose counterpart has none, fails; so does a role that is its
    own counterpart.
    """
    for c in model.contracts.values():
        for r in c.roles:
            other = target(r.counterpart)
            mine = target(r.party)
            theirs = target(other.party) if other is not None else None  # type: ignore[attr-defined]
            if mine is None or theirs is None or mine is theirs:
                yield ("CON003", subject(r))


def con004(model: Model) -> Iterator[Pair]:
    """The ``client`` and the ``contractor`` each hold at least one ``role`` of the contract.

    Only roles of the same contract count; an absent client or contractor has
    nothing to hold. One finding per contract, at the contract.
    """
    for c in model.contracts.values():
        holders = [target(r.party) for r in c.roles]
        for party in (target(c.client), target(c.contractor)):
            if party is not None and not any(h is party for h in holders):
                yield ("CON004", subject(c))
                break


# --- policy -----------------------------------------------------------------


def pol001(model: Model) -> Iterator[Pair]:
    """Every policy with ``sanctions yes`` has ``discretion yes`` or a ``hardship_clause``."""
    for p in model.policies.values():
        if is_yes(p.sanctions) and not (is_yes(p.discretion) or p.hardship_clause is not None):
            yield ("POL001", subject(p))


def pol002(model: Model) -> Iterator[Pair]:
    """No assignment ``specifies how``."""
    for a in model.assignments.values():
        if any(s.value == "how" for s in a.specifies):
            yield ("POL002", subject(a))


def pol003(model: Model, limit: int = LIMIT) -> Iterator[Pair]:
    """No assignment has more ``reporting_formats`` than ``limit``."""
    for a in model.assignments.values():
        if a.reporting_formats is not None and a.reporting_formats.value > limit:
            yield ("POL003", subject(a))


def joined_pair(c: Financing | Assignment) -> frozenset[int] | None:
    """The two parties a financing or assignment joins (by ``id()``), or ``None``.

    Reading: it joins a pair only when ``from`` and ``to`` are both given and
    differ; a self-financing is FIN002's, and a self-assignment joins no pair.
    """
    a, b = target(c.from_), target(c.to)
    if a is None or b is None or a is b:
        return None
    return frozenset({id(a), id(b)})


def pol004(model: Model) -> Iterator[Pair]:
    """For every pair of parties joined by a financing or an assignment, some dialogue
    ``between`` both has a ``frequency`` other than ``ad_hoc`` and ``open_agenda yes``.

    One finding per unordered pair, at the first financing or assignment
    joining it (which one is immaterial: compare with :func:`normalise`).
    """
    talking: set[frozenset[int]] = set()
    for d in model.dialogues.values():
        regular = d.frequency is not None and d.frequency.value != "ad_hoc"
        if regular and is_yes(d.open_agenda):
            parties = targets(d.between)
            talking.update(
                frozenset({id(x), id(y)}) for x in parties for y in parties if x is not y
            )
    reported: set[frozenset[int]] = set()
    joining: list[Financing | Assignment] = [
        *model.financings.values(),
        *model.assignments.values(),
    ]
    for c in joining:
        pair = joined_pair(c)
        if pair is None or pair in talking or pair in reported:
            continue
        reported.add(pair)
        yield ("POL004", subject(c))


# --- mandates ---------------------------------------------------------------


def man001(model: Model) -> Iterator[Pair]:
    """Every mandate has a ``basis``."""
    for m in model.mandates.values():
        if m.basis is None:
            yield ("MAN001", subject(m))


def man002(model: Model) -> Iterator[Pair]:
    """A mandate ``via`` M is granted by M's holder (``from`` = M's ``to``), and M has
    ``submandate yes``.

    Reading: absent is not equal, so a sub-mandate without ``from``, or of an M
    without ``to``, fails; ``submandate`` defaults to ``no``.
    """
    for m in model.mandates.values():
        parent = target(m.via)
        if parent is None:
            continue
        assert isinstance(parent, Mandate)
        if not (same(target(m.from_), target(parent.to)) and is_yes(parent.submandate)):
            yield ("MAN002", subject(m))


def cycle_of(m: Mandate) -> frozenset[str] | None:
    """The ids of the mandates on the ``via`` cycle through ``m``, or ``None`` when following
    ``via`` from ``m`` never returns to ``m``."""
    path: list[Mandate] = []
    current: Declaration | None = m
    while isinstance(current, Mandate) and all(current is not seen for seen in path):
        path.append(current)
        current = target(current.via)
    if current is m:
        return frozenset(x.id for x in path)
    return None


def man003(model: Model) -> Iterator[Pair]:
    """Following ``via`` never returns to the same mandate. One finding per cycle, at the
    mandate of the cycle with the smallest id (immaterial: compare with :func:`normalise`)."""
    seen: set[frozenset[str]] = set()
    for m in model.mandates.values():
        cycle = cycle_of(m)
        if cycle is not None and cycle not in seen:
            seen.add(cycle)
            yield ("MAN003", f"mandate {min(cycle)}")


# --- financing --------------------------------------------------------------


def fin001(model: Model) -> Iterator[Pair]:
    """Every financing names the products it is ``for``."""
    for f in model.financings.values():
        if not f.for_:
            yield ("FIN001", subject(f))


def fin002(model: Model) -> Iterator[Pair]:
    """No financing goes ``from`` and ``to`` the same organization."""
    for f in model.financings.values():
        if is_self_financing(f):
            yield ("FIN002", subject(f))


def fin003(model: Model) -> Iterator[Pair]:
    """Every financing has an ``amount``."""
    for f in model.financings.values():
        if f.amount is None:
            yield ("FIN003", subject(f))


RULES = (
    own001,
    own002,
    own003,
    sup001,
    sup002,
    sup003,
    sup004,
    col001,
    col002,
    col003,
    col004,
    col005,
    col006,
    col007,
    con001,
    con002,
    con003,
    con004,
    pol001,
    pol002,
    pol003,
    pol004,
    man001,
    man002,
    man003,
    fin001,
    fin002,
    fin003,
)


def check(model: Model) -> set[Pair]:
    """Every ``(code, subject)`` RULES.md's catalogue finds in ``model`` (default parameters),
    version 2 included, judged on :data:`checker_v2.AS_OF`."""
    from checker_v2 import RULES_V2

    return {pair for rule in (*RULES, *RULES_V2) for pair in rule(model)}


# --- comparing with the engine ----------------------------------------------


def _decl(model: Model, subj: str) -> Declaration | None:
    """The financing, assignment or mandate a subject names."""
    kind, _, ident = subj.partition(" ")
    table = {
        "financing": model.financings,
        "assignment": model.assignments,
        "mandate": model.mandates,
    }.get(kind, {})
    return table.get(ident)


def normalise(pairs: Iterable[Pair], model: Model) -> list[Pair]:
    """Map the subjects that RULES.md leaves open to what they stand for.

    MAN003 is one finding per cycle, at any mandate on it: ``mandate m``
    becomes ``cycle a,b,c``. POL004 is one finding per pair of parties, at any
    financing or assignment joining them: its subject becomes ``pair x,y``.
    A subject that cannot be mapped (a MAN003 at a mandate on no cycle, a
    POL004 at something joining no pair) is kept, marked, so it shows as a
    difference. Returns a list, so duplicates stay visible.
    """
    out: list[Pair] = []
    for code, subj in pairs:
        decl = _decl(model, subj)
        if code == "MAN003":
            cycle = cycle_of(decl) if isinstance(decl, Mandate) else None
            subj = f"cycle {','.join(sorted(cycle))}" if cycle else f"{subj} (on no cycle)"
        elif code == "POL004":
            joining = isinstance(decl, Financing | Assignment) and joined_pair(decl) is not None
            if joining:
                ends = sorted(d.id for d in (target(decl.from_), target(decl.to)) if d)  # type: ignore[union-attr]
                subj = f"pair {','.join(ends)}"
            else:
                subj = f"{subj} (joins no pair)"
        out.append((code, subj))
    return out


def _all_codes() -> frozenset[str]:
    from checker_v2 import V2_CODES

    return V1_CODES | V2_CODES


ALL_CODES = _all_codes()
"""Every code of RULES.md, versions 1 and 2."""
