"""The typed, frozen model objects, one class per kind of LANGUAGE.md.

These classes are the single declaration of the vocabulary: each field says,
through :func:`~govrules.model.schema.attribute`, what the attribute is called
in a ``.gov`` file, its value type, which kinds it may refer to, which words it
allows and the name of its inverse relation. Adding an attribute is adding one
field here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

import attrs

from govrules.model.schema import attribute, nested
from govrules.model.values import (
    Boolean,
    Date,
    Duration,
    Integer,
    Money,
    Ref,
    Symbol,
    Target,
    Text,
    ValueType,
)
from govrules.source import Span

T = ValueType


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Declaration:
    """What every declaration has: identifier, optional label and where it was written."""

    KIND: ClassVar[str] = ""
    PLURAL: ClassVar[str] = ""

    id: str
    label: Text | None = None
    span: Span
    """The header: from the kind keyword to the end of the identifier or label."""
    extent: Span
    """The whole declaration, its block included."""
    attribute_spans: Mapping[str, Span] = attrs.field(factory=dict, repr=False)
    """Where each attribute given was written (first line when given on several)."""

    @property
    def subject(self) -> str:
        """How findings name this declaration: ``product burgerzaken``."""
        return f"{self.KIND} {self.id}"

    @property
    def display(self) -> str:
        """The label when there is one, else the identifier."""
        return self.label.value if self.label is not None else self.id

    @property
    def top(self) -> Declaration:
        """The top-level declaration this one is, or is nested in."""
        return self

    def span_of(self, attribute: str) -> Span:
        """The span of an attribute's line, or the header when it was not given."""
        return self.attribute_spans.get(attribute, self.span)


@attrs.frozen(slots=True, eq=False, kw_only=True)
class NestedDeclaration(Declaration):
    """A declaration inside another (a result in an agreement, a risk in a contract)."""

    parent: Ref

    @property
    def subject(self) -> str:
        return f"{self.KIND} {self.parent.name}.{self.id}"

    @property
    def top(self) -> Declaration:
        parent = self.parent.target
        return self if parent is None else parent.top


# --- nested kinds ---------------------------------------------------------

CONSULTATION_KINDS = ("advice", "opinion", "consent")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Participant(NestedDeclaration):
    """A member of a joint organization; its identifier names the participating organization."""

    KIND = "participant"
    organization: Ref = attribute(
        T.REFERENCE,
        targets=("organization",),
        inverse="participations",
        identifier=True,
        doc="the participating organization (the identifier of the participant block)",
    )
    motive: Text | None = attribute(T.TEXT, doc="why this participant takes part")
    since: Date | None = attribute(T.DATE, doc="when it joined")
    until: Date | None = attribute(T.DATE, doc="when it withdrew (uittreding)")
    entered_by: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("body",),
        inverse="entered",
        doc="in an arrangement: the participant's bodies that entered it (raad, college, "
        "burgemeester)",
    )
    consent: Ref | None = attribute(
        T.REFERENCE,
        targets=("body",),
        inverse="consented",
        doc="in an arrangement: the council that consented to a college's or mayor's entry "
        "(Wgr art. 1 lid 2)",
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Result(NestedDeclaration):
    """One measurable result of an agreement: indicator, target and deadline."""

    KIND = "result"
    indicator: Text | None = attribute(T.TEXT, doc="what is measured")
    target: Target | None = attribute(T.TARGET, doc="the value to reach")
    by: Date | None = attribute(T.DATE, doc="the deadline")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Risk(NestedDeclaration):
    """A risk under a contract, with exactly one bearer in the healthy case."""

    KIND = "risk"
    bearer: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="bears",
        doc="who carries the risk: exactly one, a party to the contract",
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Term(NestedDeclaration):
    """A word the contract relies on, with a fixed meaning."""

    KIND = "term"
    definition: Text | None = attribute(T.TEXT, doc="what the term means")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Role(NestedDeclaration):
    """What a party does under a contract, with a counterpart on the other side."""

    KIND = "role"
    party: Ref | None = attribute(
        T.REFERENCE, targets=("organization",), inverse="roles", doc="who holds the role"
    )
    expects: Text | None = attribute(T.TEXT, doc="what the other side may expect of this role")
    counterpart: Ref | None = attribute(
        T.REFERENCE,
        targets=("role",),
        scope="siblings",
        inverse="counterpart_of",
        doc="the role on the other side (a role of the same contract)",
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Consultation(NestedDeclaration):
    """A body asked for its advice, opinion or consent before a decision is taken."""

    KIND = "consultation"
    of: Ref | None = attribute(
        T.REFERENCE,
        targets=("body",),
        inverse="consultations",
        doc="the body asked: a works council, a council",
    )
    kind: Symbol | None = attribute(
        T.SYMBOL,
        symbols=CONSULTATION_KINDS,
        doc="advice (WOR art. 25), opinion (zienswijze) or consent (instemming)",
    )
    asked: Date | None = attribute(T.DATE, doc="when the body was asked")
    answered: Date | None = attribute(T.DATE, doc="when it answered")


# --- top-level kinds ------------------------------------------------------

ORGANIZATION_KINDS = (
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
    "water_board",
)
ARRANGEMENT_FORMS = (
    "openbaar_lichaam",
    "bedrijfsvoeringsorganisatie",
    "gemeenschappelijk_orgaan",
    "centrumgemeente",
    "regeling_zonder_meer",
)
LEGAL_FORMS = (
    *ARRANGEMENT_FORMS,
    "stichting",
    "vereniging",
    "bv",
    "nv",
)
BODY_KINDS = (
    "council",
    "executive",
    "general_board",
    "board",
    "supervisory_board",
    "works_council",
    "audit_committee",
    "advisory_committee",
    "mayor",
    "chair",
    "official",
    "audit_office",
    "participation_council",
)
MANDATE_KINDS = ("mandate", "power_of_attorney", "authorization")
CLAUSES = (
    "interests",
    "powers",
    "finance",
    "accession",
    "withdrawal",
    "amendment",
    "dissolution",
    "archives",
    "information",
    "zienswijze",
    "citizen_participation",
    "evaluation",
)
POWER_ACTS = ("decision", "private_law", "factual")
POWER_NATURES = ("general_rules", "qualified_majority", "approval", "objection")
DECISION_KINDS = (
    "budget",
    "accounts",
    "amend_arrangement",
    "join",
    "withdraw",
    "dissolve",
    "reorganization",
    "cooperation",
    "transfer",
    "closure",
    "relocation",
    "investment",
    "other",
)
CONTRACT_KINDS = ("dbfmo", "dbfm", "dbm", "service", "concession")
FREQUENCIES = ("weekly", "monthly", "quarterly", "yearly", "ad_hoc")
ORG_OR_BODY = ("organization", "body")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Organization(Declaration):
    """A legal or administrative entity: municipality, work organization, partnership ..."""

    KIND = "organization"
    PLURAL = "organizations"
    kind: Symbol | None = attribute(
        T.SYMBOL, symbols=ORGANIZATION_KINDS, doc="what sort of organization"
    )
    legal_form: Symbol | None = attribute(T.SYMBOL, symbols=LEGAL_FORMS, doc="its legal form")
    established_by: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="establishes",
        doc="the organizations that set it up",
    )
    required_by: Text | None = attribute(T.TEXT, doc="the law that requires this collaboration")
    mission: Text | None = attribute(T.TEXT, doc="what it is for")
    goals: tuple[Ref, ...] = attribute(
        T.REFERENCE, many=True, targets=("goal",), inverse="pursued_by", doc="the goals it pursues"
    )
    menu: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("product",),
        inverse="on_menu_of",
        doc="services participants choose from",
    )
    serves: Symbol | None = attribute(
        T.SYMBOL,
        symbols=("each_participant", "all_participants"),
        doc="tailored service (each_participant) or uniform service (all_participants)",
    )
    staff: Integer | None = attribute(T.INTEGER, doc="number of employees")
    participants: tuple[Participant, ...] = nested(
        "participant", doc="its members, with their motives"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Body(Declaration):
    """An organ: council, executive, board, supervisory board, works council ..."""

    KIND = "body"
    PLURAL = "bodies"
    kind: Symbol | None = attribute(T.SYMBOL, symbols=BODY_KINDS, doc="what sort of body")
    of: Ref | None = attribute(
        T.REFERENCE,
        targets=("organization",),
        inverse="bodies",
        doc="the organization it belongs to",
    )
    supervises: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=ORG_OR_BODY,
        inverse="supervised_by",
        doc="the organizations or bodies it supervises",
    )
    assesses: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("agreement",),
        inverse="assessed_by",
        doc="the agreements it tests results against",
    )
    members: tuple[Text | Ref, ...] = attribute(
        T.TEXT_OR_REFERENCE,
        many=True,
        targets=ORG_OR_BODY,
        inverse="member_of",
        doc="its members (names, organizations or bodies), for separation checks",
    )
    accountable_to: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("body",),
        inverse="held_to_account",
        doc="the bodies it renders account to (verantwoording)",
    )
    under: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=ORG_OR_BODY,
        inverse="officials",
        doc="for an official: under whose responsibility the post works (Awb 10:4); "
        "when absent, the organization it is of",
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Product(Declaration):
    """Something an organization delivers and someone pays for."""

    KIND = "product"
    PLURAL = "products"
    owner: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="owns",
        doc="who owns it: exactly one is the healthy case",
    )
    description: Text | None = attribute(T.TEXT, doc="what it is")
    executed_by: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="carries_out",
        doc="who carries it out for its owner; the owner stays the one that answers for it",
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Financing(Declaration):
    """A flow of money from one party to another for products."""

    KIND = "financing"
    PLURAL = "financings"
    from_: Ref | None = attribute(
        T.REFERENCE, targets=("organization",), inverse="pays", doc="who pays"
    )
    to: Ref | None = attribute(
        T.REFERENCE, targets=("organization",), inverse="receives", doc="who receives"
    )
    for_: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("product",),
        inverse="financed_by",
        doc="the products paid for",
    )
    amount: Money | None = attribute(T.MONEY, doc="how much")
    basis: Text | None = attribute(T.TEXT, doc="the law or decision behind it")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Mandate(Declaration):
    """The power to decide in the name of another (Awb title 10.1)."""

    KIND = "mandate"
    PLURAL = "mandates"
    from_: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="grants", doc="the grantor"
    )
    to: Ref | None = attribute(T.REFERENCE, targets=ORG_OR_BODY, inverse="holds", doc="the holder")
    scope: tuple[Text | Ref, ...] = attribute(
        T.TEXT_OR_REFERENCE,
        many=True,
        targets=("product", "power"),
        inverse="mandated_by",
        doc="what may be decided: products, powers, or a text",
    )
    basis: Text | None = attribute(T.TEXT, doc="the legal basis")
    submandate: Boolean | None = attribute(
        T.BOOLEAN, doc="whether the holder may pass it on (default no)"
    )
    via: Ref | None = attribute(
        T.REFERENCE,
        targets=("mandate",),
        inverse="submandates",
        doc="the mandate this one is a sub-mandate of",
    )
    kind: Symbol | None = attribute(
        T.SYMBOL,
        symbols=MANDATE_KINDS,
        doc="mandate (the default), power_of_attorney (volmacht) or authorization "
        "(machtiging); Awb 10:1, 10:12",
    )
    consent: Text | None = attribute(
        T.TEXT, doc="where the consent of the holder and its employer is recorded (Awb 10:4)"
    )
    instructions: Text | None = attribute(T.TEXT, doc="the instructions given (Awb 10:6)")
    limit: Money | None = attribute(T.MONEY, doc="the highest amount the holder may commit")
    valid_from: Date | None = attribute(T.DATE, doc="in force from")
    valid_until: Date | None = attribute(T.DATE, doc="in force until")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Agreement(Declaration):
    """Agreed results between parties."""

    KIND = "agreement"
    PLURAL = "agreements"
    between: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="agreements",
        doc="the parties",
    )
    covers: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("product",),
        inverse="covered_by",
        doc="the products it is about",
    )
    valid_from: Date | None = attribute(T.DATE, doc="when it starts")
    valid_until: Date | None = attribute(T.DATE, doc="when it ends")
    results: tuple[Result, ...] = nested("result", doc="the measurable results agreed")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Goal(Declaration):
    """What an organization aims for; it may conflict with another goal."""

    KIND = "goal"
    PLURAL = "goals"
    conflicts_with: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("goal",),
        inverse="conflicted_by",
        doc="goals that cannot be pursued together with this one",
    )
    description: Text | None = attribute(T.TEXT, doc="what the goal is")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Contract(Declaration):
    """A contract such as a DBFMO, with its risks, terms and roles."""

    KIND = "contract"
    PLURAL = "contracts"
    kind: Symbol | None = attribute(T.SYMBOL, symbols=CONTRACT_KINDS, doc="what sort of contract")
    client: Ref | None = attribute(
        T.REFERENCE, targets=("organization",), inverse="client_of", doc="the commissioning party"
    )
    contractor: Ref | None = attribute(
        T.REFERENCE, targets=("organization",), inverse="contractor_of", doc="the executing party"
    )
    duration: Duration | None = attribute(T.DURATION, doc="how long it runs")
    payment: Money | None = attribute(
        T.MONEY, doc="what is paid, e.g. an availability fee per month"
    )
    risks: tuple[Risk, ...] = nested("risk", doc="the risks and who bears them")
    terms: tuple[Term, ...] = nested("term", doc="the words with a fixed meaning")
    roles: tuple[Role, ...] = nested("role", doc="the roles of each party")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Policy(Declaration):
    """Rules set by a political body and executed by others."""

    KIND = "policy"
    PLURAL = "policies"
    set_by: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="sets_policy", doc="who sets the policy"
    )
    executed_by: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization",),
        inverse="executes",
        doc="who carries it out",
    )
    sanctions: Boolean | None = attribute(T.BOOLEAN, doc="whether it imposes sanctions")
    discretion: Boolean | None = attribute(T.BOOLEAN, doc="whether executors may use discretion")
    hardship_clause: Text | None = attribute(
        T.TEXT, doc="room to deviate where the rule would be unjust"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Assignment(Declaration):
    """What a client asks of an executing organization."""

    KIND = "assignment"
    PLURAL = "assignments"
    from_: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="assigns", doc="who commissions"
    )
    to: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="assigned", doc="who executes"
    )
    covers: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("product",),
        inverse="assigned_in",
        doc="the products it is about",
    )
    specifies: tuple[Symbol, ...] = attribute(
        T.SYMBOL, many=True, symbols=("what", "how"), doc="whether it specifies what, how, or both"
    )
    reporting_formats: Integer | None = attribute(
        T.INTEGER, doc="how many reporting formats it demands"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Dialogue(Declaration):
    """Regular consultation between parties, ideally with an open agenda."""

    KIND = "dialogue"
    PLURAL = "dialogues"
    between: tuple[Ref, ...] = attribute(
        T.REFERENCE, many=True, targets=ORG_OR_BODY, inverse="dialogues", doc="who talks"
    )
    frequency: Symbol | None = attribute(T.SYMBOL, symbols=FREQUENCIES, doc="how often")
    open_agenda: Boolean | None = attribute(
        T.BOOLEAN, doc="whether either side may put anything on the agenda"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Arrangement(Declaration):
    """A gemeenschappelijke regeling: its form, the body it creates, its clauses, participants."""

    KIND = "arrangement"
    PLURAL = "arrangements"
    form: Symbol | None = attribute(
        T.SYMBOL, symbols=ARRANGEMENT_FORMS, doc="the form of the arrangement (Wgr art. 8)"
    )
    basis: Text | None = attribute(T.TEXT, doc="the law it is made under")
    creates: Ref | None = attribute(
        T.REFERENCE,
        targets=("organization",),
        inverse="created_by",
        doc="the public body, bedrijfsvoeringsorganisatie or joint body it sets up",
    )
    lead: Ref | None = attribute(
        T.REFERENCE,
        targets=("organization",),
        inverse="leads",
        doc="for a centrumgemeente: the municipality whose bodies do the work",
    )
    effective: Date | None = attribute(T.DATE, doc="in force from")
    valid_until: Date | None = attribute(T.DATE, doc="ends on (opheffing)")
    clauses: tuple[Symbol, ...] = attribute(
        T.SYMBOL, many=True, symbols=CLAUSES, doc="what the text of the arrangement provides for"
    )
    evaluated: Date | None = attribute(T.DATE, doc="the last evaluation")
    participants: tuple[Participant, ...] = nested(
        "participant", doc="the participants, with the bodies that entered and consented"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Power(Declaration):
    """A power (bevoegdheid) the law gives to a bestuursorgaan (attributie)."""

    KIND = "power"
    PLURAL = "powers"
    held_by: Ref | None = attribute(
        T.REFERENCE,
        targets=ORG_OR_BODY,
        inverse="powers",
        doc="the bestuursorgaan the law gives it to",
    )
    basis: Text | None = attribute(T.TEXT, doc="the statutory article")
    concerns: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("product",),
        inverse="decided_by",
        doc="the products the power decides on",
    )
    act: Symbol | None = attribute(
        T.SYMBOL, symbols=POWER_ACTS, doc="decision (the default), private_law or factual"
    )
    nature: tuple[Symbol, ...] = attribute(
        T.SYMBOL,
        many=True,
        symbols=POWER_NATURES,
        doc="the kinds of power Awb 10:3 lid 2 and 3 name",
    )
    no_mandate: Boolean | None = attribute(
        T.BOOLEAN, doc="a statute or the power's nature excludes mandate (Awb 10:3 lid 1)"
    )


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Delegation(Declaration):
    """The transfer of a power to another body, which then exercises it itself (Awb 10:13)."""

    KIND = "delegation"
    PLURAL = "delegations"
    from_: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="delegates", doc="the delegans"
    )
    to: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="delegated", doc="the delegataris"
    )
    powers: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("power",),
        inverse="delegations",
        doc="the powers delegated",
    )
    basis: Text | None = attribute(T.TEXT, doc="the statutory provision that allows it (Awb 10:15)")
    valid_from: Date | None = attribute(T.DATE, doc="in force from")
    valid_until: Date | None = attribute(T.DATE, doc="in force until")


@attrs.frozen(slots=True, eq=False, kw_only=True)
class Decision(Declaration):
    """A decision of a body, with the advice, opinions or consent it needs first."""

    KIND = "decision"
    PLURAL = "decisions"
    taken_by: Ref | None = attribute(
        T.REFERENCE, targets=ORG_OR_BODY, inverse="decisions", doc="who takes it"
    )
    date: Date | None = attribute(T.DATE, doc="when it is (to be) taken")
    kind: Symbol | None = attribute(T.SYMBOL, symbols=DECISION_KINDS, doc="what it decides")
    concerns: tuple[Ref, ...] = attribute(
        T.REFERENCE,
        many=True,
        targets=("organization", "arrangement"),
        inverse="decisions_about",
        doc="the organizations or arrangements it is about",
    )
    consultations: tuple[Consultation, ...] = nested(
        "consultation", doc="the bodies asked before it is taken"
    )


TOP_LEVEL: tuple[type[Declaration], ...] = (
    Organization,
    Body,
    Product,
    Financing,
    Mandate,
    Agreement,
    Goal,
    Contract,
    Policy,
    Assignment,
    Dialogue,
    Arrangement,
    Power,
    Delegation,
    Decision,
)
NESTED: tuple[type[NestedDeclaration], ...] = (
    Participant,
    Result,
    Risk,
    Term,
    Role,
    Consultation,
)
