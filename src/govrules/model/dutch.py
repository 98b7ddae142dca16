"""The Dutch words of the language: a Dutch name for every kind, attribute, symbol and value word.

Binding: ``DUTCH.md``. A ``.gov`` file may use the English words, the Dutch
words, or both; they name the same kinds, attributes and symbols, so the
model, and every finding, is the same. The vocabulary
(:mod:`govrules.vocabulary`) reads these tables when it is built, so each
kind, attribute and symbol carries its Dutch word next to its English one;
a test checks that every word of the vocabulary has one and that no Dutch
word means two things where it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

KINDS: Mapping[str, str] = MappingProxyType(
    {
        "organization": "organisatie",
        "body": "orgaan",
        "product": "product",
        "financing": "financiering",
        "mandate": "mandaat",
        "agreement": "afspraak",
        "goal": "doel",
        "contract": "contract",
        "policy": "beleid",
        "assignment": "opdracht",
        "dialogue": "overleg",
        "arrangement": "regeling",
        "power": "bevoegdheid",
        "delegation": "delegatie",
        "decision": "besluit",
        "participant": "deelnemer",
        "result": "resultaat",
        "risk": "risico",
        "term": "begrip",
        "role": "rol",
        "consultation": "raadpleging",
    }
)
"""English kind -> its Dutch keyword."""


def _pairs(english: str, dutch: str) -> dict[str, str]:
    en = [w.strip() for w in english.split(",")]
    nl = [w.strip() for w in dutch.split(",")]
    if len(en) != len(nl):  # pragma: no cover - a mistake in the table below
        raise AssertionError(f"{english!r} and {dutch!r} differ in length")
    return dict(zip(en, nl, strict=True))


ATTRIBUTES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        kind: MappingProxyType(_pairs(english, dutch))
        for kind, english, dutch in (
            (
                "organization",
                "kind, legal_form, established_by, required_by, mission, goals, menu, serves, "
                "staff",
                "soort, rechtsvorm, opgericht_door, verplicht_door, missie, doelen, menukaart, "
                "bedient, personeel",
            ),
            (
                "participant",
                "motive, since, until, entered_by, consent",
                "motief, sinds, tot, aangegaan_door, toestemming",
            ),
            (
                "body",
                "kind, of, supervises, assesses, members, accountable_to, under",
                "soort, van, houdt_toezicht_op, toetst, leden, verantwoording_aan, onder",
            ),
            (
                "product",
                "owner, description, executed_by",
                "eigenaar, omschrijving, uitgevoerd_door",
            ),
            (
                "financing",
                "from, to, for, amount, basis",
                "van, aan, voor, bedrag, grondslag",
            ),
            (
                "mandate",
                "from, to, scope, basis, submandate, via, kind, consent, instructions, limit, "
                "valid_from, valid_until",
                "van, aan, reikwijdte, grondslag, ondermandaat, via, soort, instemming, "
                "instructies, limiet, geldig_vanaf, geldig_tot",
            ),
            (
                "agreement",
                "between, covers, valid_from, valid_until",
                "tussen, betreft, geldig_vanaf, geldig_tot",
            ),
            ("result", "indicator, target, by", "indicator, norm, uiterlijk"),
            ("goal", "conflicts_with, description", "strijdig_met, omschrijving"),
            (
                "contract",
                "kind, client, contractor, duration, payment",
                "soort, opdrachtgever, opdrachtnemer, looptijd, vergoeding",
            ),
            ("risk", "bearer", "drager"),
            ("term", "definition", "definitie"),
            ("role", "party, expects, counterpart", "partij, verwacht, tegenhanger"),
            (
                "policy",
                "set_by, executed_by, sanctions, discretion, hardship_clause",
                "vastgesteld_door, uitgevoerd_door, sanctioneert, beleidsruimte, hardheidsclausule",
            ),
            (
                "assignment",
                "from, to, covers, specifies, reporting_formats",
                "van, aan, betreft, bepaalt, rapportageformats",
            ),
            (
                "dialogue",
                "between, frequency, open_agenda",
                "tussen, frequentie, open_agenda",
            ),
            (
                "arrangement",
                "form, basis, creates, lead, effective, valid_until, clauses, evaluated",
                "vorm, grondslag, stelt_in, centrum, in_werking, geldig_tot, bepalingen, "
                "laatste_evaluatie",
            ),
            (
                "power",
                "held_by, basis, concerns, act, nature, no_mandate",
                "toegekend_aan, grondslag, betreft, handeling, aard, mandaat_uitgesloten",
            ),
            (
                "delegation",
                "from, to, powers, basis, valid_from, valid_until",
                "van, aan, bevoegdheden, grondslag, geldig_vanaf, geldig_tot",
            ),
            (
                "decision",
                "taken_by, date, kind, concerns",
                "genomen_door, datum, soort, betreft",
            ),
            (
                "consultation",
                "of, kind, asked, answered",
                "van, soort, gevraagd, beantwoord",
            ),
        )
    }
)
"""Kind -> English attribute -> its Dutch word."""

_LEGAL_FORMS = (
    "openbaar_lichaam, bedrijfsvoeringsorganisatie, gemeenschappelijk_orgaan, centrumgemeente, "
    "regeling_zonder_meer"
)

SYMBOLS: Mapping[tuple[str, str], Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        where: MappingProxyType({en: (nl,) for en, nl in _pairs(english, dutch).items()})
        for where, english, dutch in (
            (
                ("organization", "kind"),
                "municipality, province, ministry, agency, work_organization, "
                "joint_organization, partnership, school_board, company, consortium, "
                "foundation, association, water_board",
                "gemeente, provincie, ministerie, agentschap, werkorganisatie, "
                "samenwerkingsorganisatie, samenwerkingsverband, schoolbestuur, bedrijf, "
                "consortium, stichting, vereniging, waterschap",
            ),
            (
                ("organization", "legal_form"),
                _LEGAL_FORMS + ", stichting, vereniging, bv, nv",
                _LEGAL_FORMS + ", stichting, vereniging, bv, nv",
            ),
            (("arrangement", "form"), _LEGAL_FORMS, _LEGAL_FORMS),
            (
                ("organization", "serves"),
                "each_participant, all_participants",
                "elke_deelnemer, alle_deelnemers",
            ),
            (
                ("contract", "kind"),
                "dbfmo, dbfm, dbm, service, concession",
                "dbfmo, dbfm, dbm, dienstverlening, concessie",
            ),
            (("assignment", "specifies"), "what, how", "wat, hoe"),
            (
                ("dialogue", "frequency"),
                "weekly, monthly, quarterly, yearly, ad_hoc",
                "wekelijks, maandelijks, driemaandelijks, jaarlijks, ad_hoc",
            ),
            (
                ("mandate", "kind"),
                "mandate, power_of_attorney, authorization",
                "mandaat, volmacht, machtiging",
            ),
            (
                ("arrangement", "clauses"),
                "interests, powers, finance, accession, withdrawal, amendment, dissolution, "
                "archives, information, zienswijze, citizen_participation, evaluation",
                "belangen, bevoegdheden, financien, toetreding, uittreding, wijziging, "
                "opheffing, archief, verantwoording, zienswijze, burgerparticipatie, evaluatie",
            ),
            (
                ("power", "act"),
                "decision, private_law, factual",
                "besluit, privaatrechtelijk, feitelijk",
            ),
            (
                ("power", "nature"),
                "general_rules, qualified_majority, approval, objection",
                "algemeen_verbindend, gekwalificeerde_meerderheid, goedkeuring, bezwaar",
            ),
            (
                ("decision", "kind"),
                "budget, accounts, amend_arrangement, join, withdraw, dissolve, reorganization, "
                "cooperation, transfer, closure, relocation, investment, other",
                "begroting, jaarrekening, wijziging_regeling, toetreding, uittreding, opheffing, "
                "reorganisatie, samenwerking, overdracht, sluiting, verplaatsing, investering, "
                "overig",
            ),
            (
                ("consultation", "kind"),
                "advice, opinion, consent",
                "advies, zienswijze, instemming",
            ),
        )
    }
    | {
        ("body", "kind"): MappingProxyType(
            {
                en: (nl,) if en != "executive" else (nl, "dagelijks_bestuur")
                for en, nl in _pairs(
                    "council, executive, general_board, board, supervisory_board, "
                    "works_council, audit_committee, advisory_committee, mayor, chair, "
                    "official, audit_office, participation_council",
                    "raad, college, algemeen_bestuur, bestuur, raad_van_toezicht, "
                    "ondernemingsraad, auditcommissie, adviescommissie, burgemeester, "
                    "voorzitter, functionaris, rekenkamer, medezeggenschapsraad",
                ).items()
            }
        )
    }
)
"""(kind, attribute) -> English symbol -> its Dutch words, the usual one first.

``executive`` has two: ``college`` (a municipality's) and
``dagelijks_bestuur`` (a public body's); ``fmt`` keeps the one a user chose.
"""

BOOLEANS: Mapping[str, tuple[str, ...]] = MappingProxyType({"yes": ("ja",), "no": ("nee",)})
"""The words for yes and no."""

PERIODS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"year": ("jaar",), "month": ("maand",), "quarter": ("kwartaal",)}
)
"""The periods of money (``per year`` / ``per jaar``)."""

DURATION_UNITS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "years": ("jaar",),
        "months": ("maanden", "maand"),
        "weeks": ("weken", "week"),
        "days": ("dagen", "dag"),
    }
)
"""Duration units (plural English) -> the Dutch words, plural first (``1 maand``, ``25 jaar``)."""
