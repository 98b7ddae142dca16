"""Generate a realistic, national-scale synthetic governance model for benchmarking.

    python benchmarks/generate.py N OUTDIR [--seed S] [--fault-rate R]

writes exactly N top-level declarations (for N >= 500; smaller models come out
a little larger) over many ``.gov`` files, one directory per province plus
``rijk/`` for the national government:

* ``<province>/provincie.gov``: the province, its council and executive, and
  its DBFMO / DBFM / concession / service contracts (risks, terms, roles) with
  the consortia that hold them;
* ``<province>/gemeente_<name>.gov``: a municipality with its council,
  executive and mayor, its work organization (directors, management team,
  works council, supervisory board), the products it pays for, the
  financings, the agreements with measurable results, goals, policies,
  assignments, mandate chains and the dialogues between them;
* ``<province>/regio_<name>.gov``: a joint organization of the region's
  municipalities (participants with motives, a menu of products, boards) and
  an inclusive-education partnership of school boards, which passes on the
  ministry's money under agreements;
* ``rijk/*.gov``: ministries and agencies, the ministry's financing of each
  partnership, national mandates, and the state's own DBFMO contracts with
  consortia declared in the provinces' files.

References cross files everywhere (regions name municipalities, the state
pays partnerships, goals conflict with other municipalities' goals). A known,
seeded share of faults (``--fault-rate``, default 3 % of each opportunity) is
planted, and ``OUTDIR/MANIFEST.json`` records, per rule code, how many findings
the planted faults must produce, so the benchmark can check recall on the
way. Without planted faults the model is clean under every built-in rule.

The output is a pure function of (N, seed, fault rate): each unit (a
municipality, a region, a province) draws from its own random stream, so
changing one unit's size never changes another unit's content.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# --- names ------------------------------------------------------------------

PROVINCES: tuple[tuple[str, str], ...] = (
    ("groningen", "Groningen"),
    ("fryslân", "Fryslân"),
    ("drenthe", "Drenthe"),
    ("overijssel", "Overijssel"),
    ("flevoland", "Flevoland"),
    ("gelderland", "Gelderland"),
    ("utrecht", "Utrecht"),
    ("noord-holland", "Noord-Holland"),
    ("zuid-holland", "Zuid-Holland"),
    ("zeeland", "Zeeland"),
    ("noord-brabant", "Noord-Brabant"),
    ("limburg", "Limburg"),
)

_LABELS = dict(PROVINCES)

# fmt: off
_ROOTS = (
    "Aal", "Beek", "Berg", "Bloem", "Boek", "Bos", "Brak", "Breed", "Dal", "Eek", "Ekel", "Els",
    "Ens", "Gras", "Hazel", "Heem", "Hek", "Holt", "Hoorn", "Kamp", "Kolk", "Kroon", "Lin", "Lis",
    "Mark", "Meer", "Mol", "Neer", "Pol", "Ree", "Riet", "Rijs", "Schel", "Sloot", "Spaar",
    "Steen", "Stroom", "Uit", "Veen", "Vlie", "Vos", "Wad", "Wees", "Wier", "Wold", "Zand",
    "Ameide", "Bruin", "Dieren", "Eem", "Geer", "Hoog", "Laar", "Lede", "Maas", "Oever", "Rade",
    "Til", "Vecht",
)
_SUFFIXES = (
    "dam", "dijk", "dorp", "drecht", "veen", "wolde", "horst", "hoven", "broek", "zijl", "wijk",
    "haven", "burg", "meer", "um", "lo", "sum", "rade", "hout", "ward", "werd", "land", "stein",
    "ingen", "erveen",
)
# Frisian place names: non-ASCII identifiers are part of the language (LANGUAGE.md).
_FRISIAN_SUFFIXES = ("wâld", "fean", "dyk", "hûs", "terp", "bûren", "mar", "ryp", "jouwer", "sleat")
_PREFIXES = ("Noord-", "Zuid-", "Oost-", "West-", "Nieuw-", "Oud-", "Groot-", "Klein-")
_SURNAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer",
    "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn",
    "de Jong", "Hoekstra", "Postma", "Bosma", "Wiersma", "Çelik", "Yılmaz", "El Amrani", "Nguyễn",
    "Schouten", "Kuipers", "Huisman", "Koster",
)
# fmt: on
_INITIALS = "ABCDEFGHIJKLMNPRSTWY"

# Municipal products: (identifier stem, label, description).
_PRODUCTS: tuple[tuple[str, str, str], ...] = (
    ("burgerzaken", "Burgerzaken", "Registration of residents and civil status"),
    ("paspoorten", "Paspoorten en identiteitskaarten", "Travel documents and identity cards"),
    ("rijbewijzen", "Rijbewijzen", "Driving licences"),
    ("huishoudelijke_hulp", "Wmo huishoudelijke hulp", "Domestic help under the Wmo 2015"),
    ("jeugdhulp", "Jeugdhulp", "Youth care under the Jeugdwet"),
    ("bijstand", "Bijstand", "Income support under the Participatiewet"),
    ("schuldhulp", "Schuldhulpverlening", "Debt counselling"),
    ("leerlingenvervoer", "Leerlingenvervoer", "Transport of pupils to school"),
    ("afvalinzameling", "Afvalinzameling", "Household waste collection"),
    ("openbare_verlichting", "Openbare verlichting", "Street lighting"),
    ("groenonderhoud", "Groenonderhoud", "Maintenance of public green"),
    ("wegenbeheer", "Wegenbeheer", "Maintenance of municipal roads"),
    ("riolering", "Riolering", "Sewerage and drainage"),
    ("omgevingsvergunningen", "Omgevingsvergunningen", "Permits under the Omgevingswet"),
    ("evenementenvergunningen", "Evenementenvergunningen", "Permits for events"),
    ("parkeervergunningen", "Parkeervergunningen", "Parking permits"),
    ("belastingen", "Lokale belastingen", "Levying local taxes"),
    ("woz_waardering", "WOZ-waardering", "Valuation of real estate under the Wet WOZ"),
    ("begraafplaatsen", "Begraafplaatsen", "Municipal cemeteries"),
    ("sportaccommodaties", "Sportaccommodaties", "Sports facilities"),
    ("bibliotheek", "Bibliotheekwerk", "The public library"),
    ("cultuursubsidies", "Cultuursubsidies", "Grants for culture"),
    ("handhaving", "Handhaving openbare ruimte", "Enforcement in public space"),
    ("bouwtoezicht", "Bouwtoezicht", "Supervision of building work"),
    ("archief", "Archiefbeheer", "Municipal archives"),
    ("ict_beheer", "ICT-beheer", "Information technology operations"),
    ("personeelsadministratie", "Personeelsadministratie", "Payroll and HR records"),
    ("inkoop", "Inkoop en aanbesteding", "Procurement and tendering"),
    ("klantcontact", "Klantcontactcentrum", "Telephone, counter and chat"),
    ("verkiezingen", "Verkiezingen", "Organizing elections"),
    ("huwelijken", "Huwelijken en partnerschappen", "Weddings and registered partnerships"),
    ("naturalisatie", "Naturalisatie", "Naturalization ceremonies"),
    ("inburgering", "Inburgering", "Civic integration under the Wet inburgering 2021"),
    ("reintegratie", "Re-integratie", "Guidance to work"),
    ("minimaregelingen", "Minimaregelingen", "Support for households on low incomes"),
    ("kinderopvang_toezicht", "Toezicht kinderopvang", "Supervision of child care"),
    ("horecavergunningen", "Horecavergunningen", "Licences for bars and restaurants"),
    ("marktwezen", "Markten", "Weekly markets"),
    ("havenbeheer", "Havenbeheer", "Municipal harbours"),
    ("recreatie", "Recreatie en toerisme", "Recreation and tourism"),
    ("economische_zaken", "Economische zaken", "Local economy and business contacts"),
    ("grondzaken", "Grondzaken", "Land policy and land sales"),
    ("vastgoedbeheer", "Vastgoedbeheer", "Municipal buildings"),
    ("omgevingsplan", "Omgevingsplan", "The municipal environment plan"),
    ("monumentenzorg", "Monumentenzorg", "Listed buildings"),
    ("klimaatadaptatie", "Klimaatadaptatie", "Adapting public space to heavy rain and heat"),
    ("energietransitie", "Energietransitie", "Heat transition plan for neighbourhoods"),
    ("onderwijshuisvesting", "Onderwijshuisvesting", "School buildings"),
    ("leerplicht", "Leerplicht", "Compulsory education enforcement"),
    ("gezondheidsbeleid", "Lokaal gezondheidsbeleid", "Local public health policy"),
    ("integrale_veiligheid", "Integrale veiligheid", "Local safety policy"),
    ("wijkteams", "Wijkteams", "Neighbourhood social teams"),
    ("mantelzorg", "Mantelzorgondersteuning", "Support for informal carers"),
    ("beschermd_wonen", "Beschermd wonen", "Sheltered housing"),
    ("maatschappelijke_opvang", "Maatschappelijke opvang", "Shelter for the homeless"),
    ("dierenwelzijn", "Dierenwelzijn", "Animal welfare"),
    ("speelvoorzieningen", "Speelvoorzieningen", "Playgrounds"),
    ("gladheidsbestrijding", "Gladheidsbestrijding", "Gritting roads in winter"),
    ("straatreiniging", "Straatreiniging", "Street cleaning"),
    ("bruggen_sluizen", "Bruggen en sluizen", "Bridges and locks"),
    ("verkeersveiligheid", "Verkeersveiligheid", "Road safety"),
    ("burgerparticipatie", "Burgerparticipatie", "Involving residents in decisions"),
    ("communicatie", "Communicatie", "Public information"),
    ("juridische_zaken", "Juridische zaken", "Objections and appeals"),
    ("financiele_administratie", "Financiële administratie", "Bookkeeping and payments"),
    ("invordering", "Invordering", "Collecting taxes and claims"),
    ("informatiebeheer", "Documentaire informatievoorziening", "Records management"),
    ("privacy", "Privacy en gegevensbescherming", "Data protection under the AVG"),
    ("informatieveiligheid", "Informatieveiligheid", "Information security"),
    ("subsidies_welzijn", "Welzijnssubsidies", "Grants for social welfare"),
)

_INDICATORS: tuple[tuple[str, str], ...] = (
    ("Doorlooptijd vergunningaanvragen", "<= 8 weeks"),
    ("Klanttevredenheid burgerzaken", ">= 7.5"),
    ("Telefonische bereikbaarheid binnen 30 seconden", ">= 90 %"),
    ("Aanvragen bijstand afgehandeld binnen de wettelijke termijn", ">= 95 %"),
    ("Bezwaren gegrond verklaard", "<= 10 %"),
    ("Meldingen openbare ruimte afgehandeld", "<= 5 days"),
    ("Datalekken gemeld buiten 72 uur", "== 0"),
    ("Overschrijding van het budget", "< EUR 50_000"),
    ("Jongeren zonder startkwalificatie", "<= 2 %"),
    ("Ziekteverzuim", "<= 5.5 %"),
    ("Wachttijd jeugdhulp", "<= 6 weeks"),
    ("Huishoudens in de schuldhulp met een stabiele situatie", ">= 80 %"),
)

_MOTIVES = (
    "Shared expertise it cannot maintain on its own",
    "The law requires it to take part",
    "Lower cost through scale",
    "Continuity when key staff leave",
    "One point of contact for residents across the region",
    "Better negotiating position towards providers",
    "Staff with specialist knowledge are scarce in the region",
)

# --- text helpers -----------------------------------------------------------


def q(text: str) -> str:
    """A double-quoted .gov text with ``\\`` and ``"`` escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def long_text(text: str, indent: str) -> str:
    """A triple-quoted text over several lines (missions, definitions)."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > 64:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    inner = "\n".join(f"{indent}  {ln}" for ln in lines)
    return f'"""\n{inner}\n{indent}"""'


def refs(ids: Sequence[str], indent: str = "  ") -> str:
    """A comma list, continued on the next line after a comma near 88 columns (as people write)."""
    lines, line = [], ""
    for ident in ids:
        if line and len(line) + len(ident) > 80:
            lines.append(line + ",")
            line = ident
        else:
            line = f"{line}, {ident}" if line else ident
    lines.append(line)
    return f"\n{indent}    ".join(lines)


def amount(value: int) -> str:
    """``14_500_000``: digits grouped with underscores, the way the examples write money."""
    return f"{value:,}".replace(",", "_")


def money(value: int, period: str | None = None) -> str:
    """``EUR 14_500_000 per year``."""
    return f"EUR {amount(value)}" + (f" per {period}" if period else "")


def slug(name: str) -> str:
    """An identifier part from a display name: lower case, spaces to ``_``, letters kept."""
    out = name.lower().replace(" ", "_").replace("'", "").replace(".", "")
    return out


@dataclass
class Nested:
    """A nested declaration to render inside its parent's block."""

    kind: str
    ident: str
    label: str | None
    lines: list[str]


Line = str | Nested


def render(
    kind: str, ident: str, label: str | None, lines: Sequence[Line], indent: str = ""
) -> str:
    """One declaration as text; ``lines`` are attribute lines or nested declarations."""
    head = f"{indent}{kind} {ident}" + (f" {q(label)}" if label is not None else "")
    if not lines:
        return head
    body: list[str] = []
    for ln in lines:
        if isinstance(ln, Nested):
            body.append(render(ln.kind, ln.ident, ln.label, ln.lines, indent + "  "))
        else:
            body.append(f"{indent}  {ln}")
    return head + " {\n" + "\n".join(body) + f"\n{indent}}}"


# --- accumulating the model -------------------------------------------------


@dataclass
class Unit:
    """What one generator unit (a municipality, a region, a province) contributes."""

    files: dict[str, list[str]] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)
    nested: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    _pending: dict[str, str] = field(default_factory=dict)

    def add(
        self, path: str, kind: str, ident: str, label: str | None, lines: Sequence[Line]
    ) -> None:
        """Add a top-level declaration to ``path`` (counted, with its nested ones)."""
        text = render(kind, ident, label, lines)
        pending = self._pending.pop(path, None)
        self.files.setdefault(path, []).append(f"{pending}\n{text}" if pending else text)
        self.kinds[kind] += 1
        for ln in lines:
            if isinstance(ln, Nested):
                self.nested[ln.kind] += 1

    def comment(self, path: str, text: str) -> None:
        """A file header (when the file is empty), else a comment above the next declaration."""
        lines = "\n".join(f"# {t}" for t in text.split("\n"))
        if path in self.files:
            self._pending[path] = lines
        else:
            self.files[path] = [lines]

    @property
    def size(self) -> int:
        """Top-level declarations in this unit."""
        return sum(self.kinds.values())


def person(rng: random.Random, taken: set[str]) -> str:
    """A member's name, not yet used in this unit (so separation checks stay meaningful)."""
    while True:
        title = rng.choice(("dhr.", "mw.", ""))
        name = f"{rng.choice(_INITIALS)}. {rng.choice(_SURNAMES)}"
        full = f"{title} {name}".strip()
        if full not in taken:
            taken.add(full)
            return full


def date(rng: random.Random, start: int, stop: int) -> str:
    """A date between 1 January of ``start`` and 28 December of ``stop``."""
    return f"{rng.randint(start, stop)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


@dataclass
class Municipality:
    """A municipality as other units refer to it."""

    key: str
    name: str
    province: str
    path: str


@dataclass
class Region:
    """A group of municipalities sharing a joint organization and an education partnership."""

    key: str
    name: str
    province: str
    path: str
    members: list[Municipality]
    swv: str = ""
    swv_products: tuple[str, str] = ("", "")


class World:
    """The plan of the whole model and the random streams of its units."""

    def __init__(self, n: int, seed: int, fault_rate: float) -> None:
        self.n = n
        self.seed = seed
        self.rate = fault_rate
        plan = random.Random(f"{seed}/plan")
        # About 90 declarations per municipality, its share of the region
        # included: files of 50 to 100 declarations, half of them products
        # (the most numerous thing in a real register).
        n_muni = max(2, round(n / 90))
        n_prov = min(len(PROVINCES), max(1, n_muni // 4))
        self.provinces = PROVINCES[:n_prov]
        names = _municipality_names(plan, n_muni, self.provinces)
        self.municipalities: list[Municipality] = []
        for prov, name in names:
            key = slug(name)
            self.municipalities.append(
                Municipality(key, name, prov, f"{_dir(prov)}/gemeente_{key}.gov")
            )
        self.regions: list[Region] = []
        for prov, _label in self.provinces:
            members = [m for m in self.municipalities if m.province == prov]
            # Regions of about five municipalities, never fewer than two.
            n_regions = max(1, len(members) // 5)
            for r in range(n_regions):
                group = members[r::n_regions]
                rname = f"{group[0].name}-{group[-1].name}" if len(group) > 1 else group[0].name
                key = f"{slug(prov)}_{r + 1}"
                self.regions.append(
                    Region(key, rname, prov, f"{_dir(prov)}/regio_{r + 1:02d}.gov", group)
                )

    def rng(self, *parts: object) -> random.Random:
        """The random stream of one part of one unit: independent of every other part."""
        return random.Random("/".join(str(p) for p in (self.seed, *parts)))

    def fault(self, rng: random.Random, share: float = 1.0) -> bool:
        """Whether to plant a fault at this opportunity."""
        return rng.random() < self.rate * share


def _dir(province: str) -> str:
    return province.replace("â", "a")


def _municipality_names(
    rng: random.Random, n: int, provinces: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """``n`` distinct plausible municipality names, dealt over the provinces."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    i = 0
    while len(out) < n:
        prov = provinces[i % len(provinces)][0]
        root = rng.choice(_ROOTS)
        suffixes = _FRISIAN_SUFFIXES if prov == "fryslân" else _SUFFIXES
        name = root + rng.choice(suffixes)
        if name in seen:
            name = rng.choice(_PREFIXES) + name
        if name in seen or name.lower() in seen:
            continue
        seen.add(name)
        seen.add(name.lower())
        out.append((prov, name))
        i += 1
    return out


# --- units ------------------------------------------------------------------


def municipality_unit(w: World, m: Municipality, k: int, index: int) -> Unit:
    """A municipality and its work organization: always ``overhead + k`` declarations.

    Every structural choice comes from the ``struct`` stream and every
    product-level choice from the ``products`` stream, so changing ``k`` (to
    hit N exactly) changes nothing but the products.
    """
    u = Unit()
    rs = w.rng("muni", m.key, "struct")
    rp = w.rng("muni", m.key, "products")
    p, k_ = m.path, m.key
    gem, wo = f"gem_{k_}", f"wo_{k_}"
    raad, college, bm = f"raad_{k_}", f"college_{k_}", f"burgemeester_{k_}"
    directie, mt, ork, rvt = f"directie_{k_}", f"mt_{k_}", f"or_{k_}", f"rvt_{k_}"
    names: set[str] = set()

    u.comment(
        p,
        f"Gemeente {m.name} ({_LABELS[m.province]}): the municipality, its work organization,\n"
        "what it pays for and who decides, supervises and is consulted.",
    )
    goal_a, goal_b = f"doel_{k_}_dienstverlening", f"doel_{k_}_lasten"
    goal_ids = [goal_a, goal_b]
    if rs.random() < 0.5:
        goal_ids.append(f"doel_{k_}_duurzaam")
    conflicting = w.fault(rs)
    u.add(
        p,
        "organization",
        gem,
        f"Gemeente {m.name}",
        ["kind municipality", f"goals {refs(goal_ids)}"],
    )
    u.add(
        p,
        "body",
        raad,
        f"Gemeenteraad {m.name}",
        ["kind council", f"of {gem}", f"members {refs([q(person(rs, names)) for _ in range(5)])}"],
    )
    college_members = [q(person(rs, names)) for _ in range(4)]
    u.add(
        p,
        "body",
        college,
        f"College van burgemeester en wethouders {m.name}",
        ["kind executive", f"of {gem}", f"members {refs(college_members)}"],
    )
    u.add(p, "body", bm, f"Burgemeester van {m.name}", ["kind executive", f"of {gem}"])

    staff = rs.randint(60, 1400)
    u.comment(
        p,
        "The work organization does the work of the municipality since the merger of its services.",
    )
    u.add(
        p,
        "organization",
        wo,
        f"Werkorganisatie {m.name}",
        [
            "kind work_organization",
            "legal_form bedrijfsvoeringsorganisatie",
            f"established_by {gem}",
            "mission "
            + long_text(
                f"Delivers every service of Gemeente {m.name} to its residents and businesses, "
                "within the budget and policy the council sets, "
                "and reports on results every quarter.",
                "  ",
            ),
            f"staff {amount(staff)}",
        ],
    )
    directie_members = [person(rs, names) for _ in range(rs.randint(2, 3))]
    u.add(
        p,
        "body",
        directie,
        f"Directie {m.name}",
        ["kind board", f"of {wo}", f"members {refs([q(x) for x in directie_members])}"],
    )
    u.add(
        p,
        "body",
        mt,
        f"Managementteam {m.name}",
        [
            "kind advisory_committee",
            f"of {wo}",
            f"members {refs([q(person(rs, names)) for _ in range(4)])}",
        ],
    )
    if w.fault(rs):
        u.faults["COL006"] += 1  # works council left out although staff >= 50
    else:
        u.add(
            p,
            "body",
            ork,
            f"Ondernemingsraad {m.name}",
            [
                "kind works_council",
                f"of {wo}",
                f"members {refs([q(person(rs, names)) for _ in range(5)])}",
            ],
        )

    # The supervisory board: it assesses the service agreement (or, as a
    # planted fault, nothing, or only the SLA that has no results).
    afspraken, sla = f"afspraken_{k_}_2026", f"sla_{k_}"
    rvt_lines = ["kind supervisory_board", f"supervises {wo}"]
    # The second municipality always has this fault, so even the smallest
    # model gives the SUP001 peers something to find (the draw happens anyway).
    sup_fault = w.fault(rs) or index == 1
    if sup_fault:
        u.faults["SUP001"] += 1
        if rs.random() < 0.5:
            rvt_lines.append(f"assesses {sla}")
    else:
        rvt_lines.append(f"assesses {afspraken}")
    rvt_lines.append(f"members {refs([q(person(rs, names)) for _ in range(3)])}")
    u.add(p, "body", rvt, f"Raad van toezicht Werkorganisatie {m.name}", rvt_lines)

    # Goals: one conflicts with a goal of another municipality (a cross-file
    # reference); a planted fault makes two of this municipality's goals conflict.
    u.add(
        p,
        "goal",
        goal_a,
        "Goede dienstverlening",
        [
            "description "
            + q("Residents get an answer within the agreed time, at the counter and online")
        ],
    )
    b_lines = [f"description {q('Local taxes rise no faster than inflation')}"]
    conflicts = [goal_a] if conflicting else []
    if index > 0:
        other = w.municipalities[rs.randrange(index)]
        conflicts.append(f"doel_{other.key}_dienstverlening")
    if conflicts:
        b_lines.append(f"conflicts_with {refs(conflicts)}")
    if conflicting:
        u.faults["COL003"] += 1
    u.add(p, "goal", goal_b, "Lage lokale lasten", b_lines)
    if len(goal_ids) == 3:
        u.add(
            p,
            "goal",
            goal_ids[2],
            "Duurzame gemeente",
            [f"description {q('Energy-neutral by 2040')}"],
        )

    # Products: the first three always belong to the work organization, so
    # each of the three financings pays for at least one.
    stems = list(_PRODUCTS)
    rp.shuffle(stems)
    wo_products: list[str] = []
    gem_products: list[str] = []
    for i in range(k):
        stem, label, desc = stems[i % len(stems)]
        if i >= len(stems):
            stem, label = f"{stem}_{i // len(stems) + 1}", f"{label} ({i // len(stems) + 1})"
        pid = f"{k_}_{stem}"
        by_wo = i < 3 or rp.random() < 0.8
        lines = []
        if by_wo:
            wo_products.append(pid)
            if w.fault(rp, 0.6):
                u.faults["OWN001"] += 1  # financed, no owner
            elif w.fault(rp, 0.4):
                u.faults["OWN001"] += 1  # financed, two owners
                lines.append(f"owner {wo}, {gem}")
            else:
                lines.append(f"owner {wo}")
        else:
            gem_products.append(pid)
            lines.append(f"owner {gem}")
        if rp.random() < 0.9:
            lines.append(f"description {q(desc)}")
        u.add(p, "product", pid, label, lines)

    # Money: three contributions from the municipality to its work
    # organization; each product of the work organization is paid by one.
    u.comment(p, "The yearly contribution, split by budget programme.")
    for j, prog in enumerate(("sociaal", "fysiek", "bedrijfsvoering")):
        paid = wo_products[j::3]
        lines = [f"from {gem}", f"to {wo}", f"for {refs(paid)}"]
        if w.fault(rs):
            u.faults["FIN003"] += 1
        else:
            lines.append(f"amount {money(rs.randint(20, 900) * 10_000, 'year')}")
        lines.append(f"basis {q(f'Begroting 2026 {m.name}, programma {prog}')}")
        u.add(p, "financing", f"bijdrage_{k_}_{prog}", f"Bijdrage {prog} 2026", lines)

    # Agreements: the service agreement with measurable results, and an SLA without results.
    results: list[Line] = []
    for r, (indicator, target) in enumerate(rs.sample(_INDICATORS, rs.randint(2, 4))):
        rl = [f"indicator {q(indicator)}", f"target {target}"]
        if w.fault(rs, 0.5):
            u.faults["SUP002"] += 1  # no deadline; other results stay measurable
        else:
            rl.append(f"by {date(rs, 2026, 2028)}")
        results.append(Nested("result", f"r{r + 1}", None, rl))
    u.add(
        p,
        "agreement",
        afspraken,
        f"Dienstverleningsovereenkomst {m.name} 2026",
        [
            f"between {gem}, {wo}",
            f"covers {refs(wo_products)}",
            f"valid_until {date(rs, 2029, 2031)}",  # after every result's deadline (SUP006)
            *results,
        ],
    )
    u.add(
        p,
        "agreement",
        sla,
        f"SLA bedrijfsvoering {m.name}",
        [f"between {gem}, {wo}", f"covers {refs(wo_products[2::3])}"],
    )

    # Dialogues: one per pair joined by money or an assignment (POL004).
    for ident, pair, freq in (
        (f"overleg_{k_}", (gem, wo), "monthly"),
        (f"opdrachtgeversoverleg_{k_}", (college, wo), "quarterly"),
    ):
        if w.fault(rs, 0.5):
            u.faults["POL004"] += 1
            freq_line, agenda = "frequency ad_hoc", "open_agenda yes"
        else:
            freq_line, agenda = f"frequency {freq}", "open_agenda yes"
        u.add(p, "dialogue", ident, None, [f"between {', '.join(pair)}", freq_line, agenda])

    # Policies set by the council or the executive, carried out by the work organization.
    for name, setter, sanctions in (
        ("handhaving", raad, True),
        ("terugvordering", college, True),
        ("minima", raad, False),
    ):
        lines = [
            f"set_by {setter}",
            f"executed_by {wo}",
            f"sanctions {'yes' if sanctions else 'no'}",
        ]
        if sanctions and w.fault(rs):
            u.faults["POL001"] += 1
            lines.append("discretion no")
        elif name == "terugvordering":
            lines.append(
                "hardship_clause "
                + long_text(
                    "Recovery may be waived in whole or in part where it would be unreasonable "
                    "given the debtor's circumstances.",
                    "  ",
                )
            )
        else:
            lines.append("discretion yes")
        u.add(p, "policy", f"beleid_{k_}_{name}", f"Beleidsregels {name} {m.name}", lines)

    # Assignments from the executive to the work organization.
    for j, year in enumerate((2026, 2027)):
        lines = [f"from {college}", f"to {wo}", f"covers {refs(wo_products[j::2][:6])}"]
        if w.fault(rs):
            u.faults["POL002"] += 1
            lines.append("specifies what, how")
        else:
            lines.append("specifies what")
        if w.fault(rs):
            u.faults["POL003"] += 1
            lines.append(f"reporting_formats {rs.randint(4, 7)}")
        else:
            lines.append(f"reporting_formats {rs.randint(1, 3)}")
        u.add(p, "assignment", f"opdracht_{k_}_{year}", f"Opdracht {year}", lines)

    # Mandates: chains from the executive through the work organization to its directors.
    domains = rs.sample(
        ["sociaal", "vergunningen", "belastingen", "inkoop", "personeel", "handhaving"],
        rs.randint(2, 4),
    )
    for d in domains:
        top, sub, sub2 = f"mandaat_{k_}_{d}", f"ondermandaat_{k_}_{d}", f"ondermandaat2_{k_}_{d}"
        # One draw whatever the number of products, so the structure does not depend on k.
        # The products are the work organization's, which the college cannot mandate
        # (MAN004): the register names the decisions in words.
        product = wo_products[int(rs.random() * len(wo_products))]
        scope = q(f"Beslissingen {d} ({product})")
        deep = rs.random() < 0.5
        no_sub = deep and w.fault(rs)
        _mandate(
            u,
            w,
            rs,
            p,
            top,
            f"Mandaat {d} {m.name}",
            college,
            wo,
            scope,
            f"Awb art. 10:3; Mandaatbesluit college {m.name} 2025",
            True,
            None,
        )
        _mandate(
            u,
            w,
            rs,
            p,
            sub,
            f"Ondermandaat {d}",
            wo,
            directie,
            scope,
            f"Ondermandaatbesluit Werkorganisatie {m.name} 2025",
            not no_sub if deep else None,
            top,
        )
        if deep:
            if no_sub:
                u.faults["MAN002"] += 1  # passed on although the mandate above forbids it
            _mandate(
                u,
                w,
                rs,
                p,
                sub2,
                f"Ondermandaat {d} teamleiders",
                directie,
                mt,
                scope,
                f"Ondermandaatbesluit directie {m.name} 2025",
                None,
                sub,
            )
    # The mayor's permits: a planted fault makes the mandate and its
    # sub-mandate derive from each other (one cycle, one finding).
    cycle = w.fault(rs, 0.5)
    a, b = f"mandaat_{k_}_apv", f"ondermandaat_{k_}_apv"
    if cycle:
        u.faults["MAN003"] += 1
        _mandate(
            u,
            w,
            rs,
            p,
            a,
            "Mandaat APV-vergunningen",
            bm,
            wo,
            '"Permits under the APV"',
            f"Mandaatbesluit burgemeester {m.name} 2025",
            True,
            b,
        )
        _mandate(
            u,
            w,
            rs,
            p,
            b,
            "Ondermandaat APV-vergunningen",
            wo,
            bm,
            '"Permits under the APV"',
            f"Ondermandaatbesluit Werkorganisatie {m.name} 2025",
            True,
            a,
        )
    else:
        _mandate(
            u,
            w,
            rs,
            p,
            a,
            "Mandaat APV-vergunningen",
            bm,
            wo,
            '"Permits under the APV"',
            f"Mandaatbesluit burgemeester {m.name} 2025",
            True,
            None,
        )
        _mandate(
            u,
            w,
            rs,
            p,
            b,
            "Ondermandaat APV-vergunningen",
            wo,
            directie,
            '"Permits under the APV"',
            f"Ondermandaatbesluit Werkorganisatie {m.name} 2025",
            None,
            a,
        )
    return u


def _mandate(
    u: Unit,
    w: World,
    rs: random.Random,
    path: str,
    ident: str,
    label: str,
    grantor: str,
    holder: str,
    scope: str,
    basis: str,
    submandate: bool | None,
    via: str | None,
) -> None:
    # The holders work for another organization than the grantor: the register
    # records their consent (Awb 10:4, MAN007).
    lines = [f"from {grantor}", f"to {holder}", f"scope {scope}"]
    lines.append(f"consent {q(f'Instemming {holder}, mandaatregister 2025')}")
    if w.fault(rs, 0.5):
        u.faults["MAN001"] += 1
    else:
        lines.append(f"basis {q(basis)}")
    if submandate is not None:
        lines.append(f"submandate {'yes' if submandate else 'no'}")
    if via is not None:
        lines.append(f"via {via}")
    u.add(path, "mandate", ident, label, lines)


_JOINT = (
    (
        "ggd",
        "GGD",
        "Wet publieke gezondheid, art. 14",
        (
            "jeugdgezondheidszorg",
            "infectieziektebestrijding",
            "medische_milieukunde",
            "toezicht_kinderopvang_inspecties",
            "reizigersadvisering",
            "seksuele_gezondheid",
        ),
    ),
    (
        "odienst",
        "Omgevingsdienst",
        "Omgevingswet, art. 18.21",
        (
            "vergunningverlening_milieu",
            "toezicht_milieu",
            "handhaving_milieu",
            "bodemadvies",
            "geluidsmetingen",
            "asbestsloop",
        ),
    ),
    (
        "vrr",
        "Veiligheidsregio",
        "Wet veiligheidsregio's, art. 9",
        (
            "brandweerzorg",
            "rampenbestrijding",
            "crisisbeheersing",
            "risicobeheersing",
            "meldkamer",
            "bevolkingszorg",
        ),
    ),
    (
        "bsw",
        "Belastingsamenwerking",
        "",
        ("heffing", "invordering_regio", "woz_regio", "bezwaarbehandeling", "gegevensbeheer"),
    ),
)


def region_unit(w: World, reg: Region) -> Unit:
    """A region: a joint organization of its municipalities and an education partnership."""
    u = Unit()
    rs = w.rng("region", reg.key)
    p = reg.path
    names: set[str] = set()
    u.comment(
        p, f"Regio {reg.name} ({_LABELS[reg.province]}): what its municipalities arranged together."
    )

    # -- the joint organization (a gemeenschappelijke regeling) --
    code, label, law, stems = _JOINT[rs.randrange(len(_JOINT))]
    g = f"{code}_{reg.key}"
    products = [f"{g}_{s}" for s in stems[: rs.randint(4, len(stems))]]
    tailored = rs.random() < 0.5
    lines: list[Line] = [
        "kind joint_organization",
        "legal_form "
        + rs.choice(
            ("openbaar_lichaam", "gemeenschappelijk_orgaan", "bedrijfsvoeringsorganisatie")
        ),
        f"established_by {refs([f'gem_{m.key}' for m in reg.members])}",
    ]
    if law:
        lines.append(f"required_by {q(law)}")
        if w.fault(rs):
            u.faults["COL001"] += 1
        else:
            lines.append(
                "mission "
                + long_text(
                    f"Carries out the statutory tasks of {label} for the municipalities of "
                    f"{reg.name}, to the same standard in every municipality.",
                    "  ",
                )
            )
    lines.append(f"goals doel_{g}")
    if tailored:
        lines.append("serves each_participant")
        if w.fault(rs):
            u.faults["COL005"] += 1
        else:
            lines.append(f"menu {refs(products)}")
    else:
        lines.append("serves all_participants")
    lines.append(f"staff {rs.randint(80, 900)}")
    for m in reg.members:
        pl = []
        if w.fault(rs):
            u.faults["COL004"] += 1
        else:
            pl.append(f"motive {q(rs.choice(_MOTIVES))}")
        pl.append(f"since {date(rs, 1995, 2024)}")
        lines.append(Nested("participant", f"gem_{m.key}", None, pl))
    u.add(p, "organization", g, f"{label} {reg.name}", lines)
    u.add(
        p,
        "body",
        f"ab_{g}",
        f"Algemeen bestuur {label} {reg.name}",
        [
            "kind general_board",
            f"of {g}",
            f"members {refs([q(person(rs, names)) for _ in reg.members])}",
        ],
    )
    u.add(
        p,
        "body",
        f"db_{g}",
        f"Dagelijks bestuur {label} {reg.name}",
        ["kind executive", f"of {g}", f"members {refs([q(person(rs, names)) for _ in range(3)])}"],
    )
    u.add(p, "body", f"or_{g}", None, ["kind works_council", f"of {g}"])
    u.add(
        p,
        "body",
        f"auditcommissie_{g}",
        None,
        [
            "kind audit_committee",
            f"of {g}",
            f"members {refs([q(person(rs, names)) for _ in range(3)])}",
        ],
    )
    u.add(
        p,
        "goal",
        f"doel_{g}",
        None,
        [f"description {q('The same level of service in every participating municipality')}"],
    )
    for pid in products:
        u.add(p, "product", pid, pid.rsplit("_", 1)[-1].capitalize(), [f"owner {g}"])
    for m in reg.members:
        fl = [
            f"from gem_{m.key}",
            f"to {g}",
            f"for {refs(products)}",
            f"amount {money(rs.randint(5, 400) * 5_000, 'year')}",
            f"basis {q('Gemeenschappelijke regeling, art. 28')}",
        ]
        u.add(p, "financing", f"inwonerbijdrage_{g}_{m.key}", None, fl)
        u.add(
            p,
            "dialogue",
            f"overleg_{g}_{m.key}",
            None,
            [f"between gem_{m.key}, {g}", "frequency quarterly", "open_agenda yes"],
        )
    results = [
        Nested(
            "result",
            f"r{i + 1}",
            None,
            [f"indicator {q(ind)}", f"target {t}", f"by {date(rs, 2026, 2028)}"],
        )
        for i, (ind, t) in enumerate(rs.sample(_INDICATORS, 2))
    ]
    u.add(
        p,
        "agreement",
        f"afspraken_{g}",
        None,
        [
            f"between {refs([g, *[f'gem_{m.key}' for m in reg.members]])}",
            f"covers {refs(products)}",
            *results,
        ],
    )

    # -- the inclusive-education partnership (samenwerkingsverband passend onderwijs) --
    swv = f"swv_{reg.key}"
    reg.swv = swv
    steun, arr, thuis = f"{swv}_ondersteuning", f"{swv}_arrangementen", f"{swv}_thuiszitters"
    reg.swv_products = (steun, arr)
    boards = [f"sb_{reg.key}_{i + 1}" for i in range(rs.randint(3, 8))]
    u.comment(
        p,
        "Inclusive education: the school boards of the region,\n"
        "and the partnership the law requires of them.",
    )
    for i, sb in enumerate(boards):
        foundation = rs.choice(("Stichting", "Vereniging"))
        school = rs.choice(_ROOTS) + rs.choice(("school", "college", "lyceum", "kring"))
        sname = f'{foundation} "{school}"'  # quotes inside a label: escaped by q()
        u.add(
            p,
            "organization",
            sb,
            sname,
            [
                "kind school_board",
                f"legal_form {'stichting' if foundation == 'Stichting' else 'vereniging'}",
                f"staff {rs.randint(60, 1200)}",
            ],
        )
        u.add(
            p,
            "body",
            f"bestuur_{sb}",
            None,
            ["kind board", f"of {sb}", f"members {refs([q(person(rs, names)) for _ in range(2)])}"],
        )
        u.add(p, "body", f"or_{sb}", None, ["kind works_council", f"of {sb}"])
        if i % 2 == 0:
            rl = ["kind supervisory_board", f"supervises {sb}"]
            if w.fault(rs):
                u.faults["SUP001"] += 1
            else:
                rl.append(f"assesses afspraken_{sb}")
            rl.append(f"members {refs([q(person(rs, names)) for _ in range(3)])}")
            u.add(p, "body", f"rvt_{sb}", None, rl)
    lines = [
        "kind partnership",
        "legal_form stichting",
        f"required_by {q('Wet op het primair onderwijs, art. 18a')}",
        "mission "
        + long_text(
            "Every child in the region gets the support it needs at a school that suits it; "
            "no child stays at home without education.",
            "  ",
        ),
        f"established_by {refs(boards)}",
        "serves all_participants",
        f"staff {rs.randint(8, 45)}",
    ]
    for sb in boards:
        lines.append(
            Nested(
                "participant",
                sb,
                None,
                [
                    f"motive {q('The Wpo requires every school board to take part')}",
                    f"since {date(rs, 2014, 2020)}",
                ],
            )
        )
    u.add(p, "organization", swv, f"Samenwerkingsverband Passend Onderwijs {reg.name}", lines)
    u.add(
        p,
        "body",
        f"bestuur_{swv}",
        None,
        ["kind board", f"of {swv}", f"members {refs([q(person(rs, names)) for _ in range(3)])}"],
    )
    u.add(
        p, "body", f"opr_{swv}", "Ondersteuningsplanraad", ["kind advisory_committee", f"of {swv}"]
    )
    for pid, plabel in (
        (steun, "Basisondersteuning"),
        (arr, "Arrangementen"),
        (thuis, "Thuiszitterspact"),
    ):
        pl = []
        if pid != thuis and w.fault(rs):
            u.faults["OWN001"] += 1
            pl.append(f"owner {swv}, {boards[0]}")  # two owners, neither clearly in charge
        else:
            pl.append(f"owner {swv}")
        u.add(p, "product", pid, plabel, pl)
    u.add(
        p,
        "policy",
        f"beleid_{swv}_toelaatbaarheid",
        "Toelaatbaarheidsverklaringen",
        [f"set_by bestuur_{swv}", f"executed_by {swv}", "sanctions no", "discretion yes"],
    )
    # Money passed on: the partnership receives the ministry's money (in
    # rijk/) and passes it on to each school board under an agreement.
    for sb in boards:
        u.add(
            p,
            "financing",
            f"doorbetaling_{sb}",
            None,
            [
                f"from {swv}",
                f"to {sb}",
                f"for {steun}",
                f"amount {money(rs.randint(10, 300) * 10_000, 'year')}",
                f"basis {q('Ondersteuningsplan 2026-2030')}",
            ],
        )
        covered = steun
        if w.fault(rs):
            u.faults["COL002"] += 1
            covered = arr  # the agreement is about something else
        results = [
            Nested(
                "result",
                "r1",
                None,
                [
                    f"indicator {q('Leerlingen met een passend aanbod')}",
                    "target >= 98 %",
                    f"by {date(rs, 2026, 2028)}",
                ],
            )
        ]
        u.add(
            p,
            "agreement",
            f"afspraken_{sb}",
            None,
            [
                f"between {swv}, {sb}",
                f"covers {covered}",
                f"valid_until {date(rs, 2029, 2031)}",  # after every result's deadline (SUP006)
                *results,
            ],
        )
        u.add(
            p,
            "dialogue",
            f"overleg_{sb}",
            None,
            [f"between {swv}, {sb}", "frequency monthly", "open_agenda yes"],
        )
    return u


_CONTRACTS = (
    ("dbfmo", "Provinciehuis", "provinciehuis"),
    ("dbfm", "Verbreding provinciale weg", "weg"),
    ("concession", "Concessie streekvervoer", "ov"),
    ("service", "Gladheidsbestrijding provinciale wegen", "gladheid"),
    ("dbm", "Onderhoud vaarwegen", "vaarweg"),
)


def province_unit(w: World, prov: str, label: str) -> Unit:
    """A province, its bodies and its long-term contracts with consortia."""
    u = Unit()
    rs = w.rng("province", prov)
    p = f"{_dir(prov)}/provincie.gov"
    names: set[str] = set()
    pid = f"prov_{slug(prov)}"
    u.comment(p, f"Provincie {label}: the province, its bodies and its long-term contracts.")
    u.add(p, "organization", pid, f"Provincie {label}", ["kind province", f"goals doel_{pid}"])
    u.add(
        p,
        "body",
        f"ps_{slug(prov)}",
        f"Provinciale Staten van {label}",
        ["kind council", f"of {pid}", f"members {refs([q(person(rs, names)) for _ in range(6)])}"],
    )
    u.add(
        p,
        "body",
        f"gs_{slug(prov)}",
        f"Gedeputeerde Staten van {label}",
        [
            "kind executive",
            f"of {pid}",
            f"members {refs([q(person(rs, names)) for _ in range(4)])}",
        ],
    )
    u.add(
        p,
        "goal",
        f"doel_{pid}",
        "Bereikbare regio",
        [f"description {q('Every town within 45 minutes of a city by public transport')}"],
    )
    u.add(
        p,
        "policy",
        f"subsidiebeleid_{slug(prov)}",
        None,
        [
            f"set_by ps_{slug(prov)}",
            f"executed_by {pid}",
            "sanctions yes",
            "hardship_clause "
            + q("Gedeputeerde Staten may deviate where recovery would be disproportionate"),
        ],
    )
    for ckind, clabel, cslug in rs.sample(_CONTRACTS, rs.randint(2, 4)):
        _contract(u, w, rs, p, f"{cslug}_{slug(prov)}", ckind, f"{clabel} {label}", pid)
    # A consortium for the state's own contract (in rijk/): a cross-file reference.
    cons = f"consortium_rijk_{slug(prov)}"
    u.add(
        p,
        "organization",
        cons,
        f"Consortium Rijkskantoor {label} B.V.",
        ["kind consortium", "legal_form bv"],
    )
    return u


def _contract(
    u: Unit, w: World, rs: random.Random, path: str, cid: str, ckind: str, label: str, client: str
) -> None:
    """A contract with a consortium of the province, the builder behind it, and their dialogue."""
    cons, builder = f"consortium_{cid}", f"bouwer_{cid}"
    u.add(
        path, "organization", cons, f"Consortium {label} B.V.", ["kind consortium", "legal_form bv"]
    )
    u.add(
        path,
        "organization",
        builder,
        f"Bouwcombinatie {rs.choice(_ROOTS)} N.V.",
        ["kind company", "legal_form nv"],
    )
    _contract_body(u, w, rs, path, cid, ckind, label, client, cons, builder)
    u.add(
        path,
        "dialogue",
        f"contractoverleg_{cid}",
        None,
        [f"between {client}, {cons}", "frequency monthly", "open_agenda yes"],
    )


def _contract_body(
    u: Unit,
    w: World,
    rs: random.Random,
    path: str,
    cid: str,
    ckind: str,
    label: str,
    client: str,
    contractor: str,
    outsider: str,
) -> None:
    lines: list[Line] = [
        f"kind {ckind}",
        f"client {client}",
        f"contractor {contractor}",
        f"duration {rs.choice((10, 15, 20, 25, 30))} years",
        f"payment {money(rs.randint(20, 300) * 5_000, 'month')}",
    ]
    for r, (rid, rlabel) in enumerate(
        rs.sample(
            [
                ("ontwerp", "Ontwerprisico"),
                ("bodem", "Bodemverontreiniging"),
                ("energieprijs", "Energieprijs"),
                ("vergunningen", "Vergunningen"),
                ("beschikbaarheid", "Beschikbaarheid"),
                ("rente", "Renterisico"),
                ("asbest", "Asbest"),
            ],
            rs.randint(3, 6),
        )
    ):
        bearer = contractor if r % 2 == 0 else client
        if w.fault(rs):
            u.faults["CON001"] += 1
            bearer = outsider if rs.random() < 0.5 else f"{client}, {contractor}"
        lines.append(Nested("risk", rid, rlabel, [f"bearer {bearer}"]))
    for tid, tlabel, definition in rs.sample(
        [
            (
                "beschikbaarheid",
                "Beschikbaarheid",
                "A part is available when it can be used for its agreed function "
                "during the agreed hours.",
            ),
            (
                "tekortkoming",
                "Tekortkoming",
                "A failure to meet a requirement of the output specification, "
                "counted from report to repair.",
            ),
            (
                "oplevering",
                "Oplevering",
                "The moment the client accepts the works as complete in writing.",
            ),
            (
                "prestatiekorting",
                "Prestatiekorting",
                "The deduction from the fee for each shortcoming, by category and duration.",
            ),
        ],
        rs.randint(2, 4),
    ):
        tl = []
        if w.fault(rs):
            u.faults["CON002"] += 1
        else:
            tl.append("definition " + long_text(definition, "    "))
        lines.append(Nested("term", tid, tlabel, tl))
    for pair in range(rs.randint(1, 2)):
        a, b = (
            f"contractmanager_{pair + 1}_opdrachtgever",
            f"contractmanager_{pair + 1}_opdrachtnemer",
        )
        counterpart_b = a
        if w.fault(rs):
            u.faults["CON003"] += 1
            # The contractor's role names another contractor role as its counterpart.
            lines.append(
                Nested(
                    "role",
                    f"{b}_extra",
                    None,
                    [
                        f"party {contractor}",
                        f"expects {q('Backs up the contract manager')}",
                        f"counterpart {b}",
                    ],
                )
            )
        lines.append(
            Nested(
                "role",
                a,
                None,
                [
                    f"party {client}",
                    f"expects {q('Approves deductions and signs changes')}",
                    f"counterpart {b}",
                ],
            )
        )
        lines.append(
            Nested(
                "role",
                b,
                None,
                [
                    f"party {contractor}",
                    f"expects {q('Reports performance every month')}",
                    f"counterpart {counterpart_b}",
                ],
            )
        )
    u.add(path, "contract", cid, label, lines)


_MINISTRIES = (
    ("min_ocw", "Ministerie van Onderwijs, Cultuur en Wetenschap", "ministry"),
    ("min_bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "ministry"),
    ("min_vws", "Ministerie van Volksgezondheid, Welzijn en Sport", "ministry"),
    ("min_jenv", "Ministerie van Justitie en Veiligheid", "ministry"),
    ("min_ienw", "Ministerie van Infrastructuur en Waterstaat", "ministry"),
    ("rvb", "Rijksvastgoedbedrijf", "agency"),
    ("duo", "Dienst Uitvoering Onderwijs", "agency"),
    ("rws", "Rijkswaterstaat", "agency"),
)


def rijk_unit(w: World) -> Unit:
    """The state: ministries, agencies and the national mandates."""
    u = Unit()
    rs = w.rng("rijk")
    p = "rijk/organisaties.gov"
    names: set[str] = set()
    u.comment(p, "The national government, as far as the regions deal with it.")
    for ident, label, kind in _MINISTRIES:
        u.add(p, "organization", ident, label, [f"kind {kind}"])
    u.add(
        p,
        "body",
        "directie_duo",
        "Directie DUO",
        ["kind board", "of duo", f"members {refs([q(person(rs, names)) for _ in range(3)])}"],
    )
    u.add(p, "body", "minister_ocw", "Minister van OCW", ["kind executive", "of min_ocw"])
    pm = "rijk/mandaten.gov"
    u.comment(pm, "Mandates of the minister for education funding.")
    u.add(
        pm,
        "mandate",
        "mandaat_ocw_bekostiging",
        "Mandaat bekostiging onderwijs",
        [
            "from minister_ocw",
            "to duo",
            f"scope {q('Funding decisions under the WPO and WVO')}",
            f"consent {q('Instemming DUO, mandaatregister 2024')}",
            f"basis {q('Mandaatbesluit OCW 2024')}",
            "submandate yes",
        ],
    )
    u.add(
        pm,
        "mandate",
        "ondermandaat_duo_bekostiging",
        "Ondermandaat bekostiging",
        [
            "from duo",
            "to directie_duo",
            f"scope {q('Funding decisions under the WPO and WVO')}",
            f"consent {q('Instemming DUO, mandaatregister 2024')}",
            f"basis {q('Ondermandaatbesluit DUO 2024')}",
            "via mandaat_ocw_bekostiging",
        ],
    )
    return u


def rijk_region_unit(w: World, prov: str, label: str, regions: Sequence[Region]) -> Unit:
    """The ministry's money for a province's partnerships, and the state's office contract there."""
    u = Unit()
    rs = w.rng("rijk", prov)
    p = f"rijk/{_dir(prov)}.gov"
    u.comment(p, f"State funding and contracts in {label}.")
    for reg in regions:
        steun, arr = reg.swv_products
        u.add(
            p,
            "financing",
            f"ocw_{reg.swv}",
            None,
            [
                "from min_ocw",
                f"to {reg.swv}",
                f"for {steun}, {arr}",
                f"amount {money(rs.randint(200, 4000) * 10_000, 'year')}",
                f"basis {q('Wet op het primair onderwijs, art. 18a')}",
            ],
        )
        u.add(
            p,
            "dialogue",
            f"overleg_ocw_{reg.swv}",
            None,
            [f"between min_ocw, {reg.swv}", "frequency yearly", "open_agenda yes"],
        )
    cid = f"rijkskantoor_{slug(prov)}"
    _contract_body(
        u,
        w,
        rs,
        p,
        cid,
        "dbfmo",
        f"Rijkskantoor {label}",
        "rvb",
        f"consortium_rijk_{slug(prov)}",
        "rws",
    )
    u.add(
        p,
        "dialogue",
        f"contractoverleg_{cid}",
        None,
        [f"between rvb, consortium_rijk_{slug(prov)}", "frequency monthly", "open_agenda yes"],
    )
    return u


# --- the whole model --------------------------------------------------------


@dataclass
class Model:
    """The generated model: files and what they contain."""

    files: dict[str, list[str]]
    kinds: Counter[str]
    nested: Counter[str]
    faults: Counter[str]

    @property
    def size(self) -> int:
        return sum(self.kinds.values())


def generate(n: int, seed: int = 1, fault_rate: float = 0.03) -> Model:
    """The model of ``n`` top-level declarations (exactly, for n >= 500)."""
    w = World(n, seed, fault_rate)
    fixed: list[Unit] = [rijk_unit(w)]
    for prov, label in w.provinces:
        fixed.append(province_unit(w, prov, label))
    for reg in w.regions:
        fixed.append(region_unit(w, reg))
    for prov, label in w.provinces:
        fixed.append(rijk_region_unit(w, prov, label, [r for r in w.regions if r.province == prov]))

    # Municipalities: first with a drawn number of products, then with the
    # numbers scaled so the total is exactly n (overheads do not depend on k).
    ks = [w.rng("muni", m.key, "k").randint(15, 60) for m in w.municipalities]
    first = [
        municipality_unit(w, m, k, i)
        for i, (m, k) in enumerate(zip(w.municipalities, ks, strict=True))
    ]
    overhead = [u.size - k for u, k in zip(first, ks, strict=True)]
    budget = n - sum(u.size for u in fixed) - sum(overhead)
    ks = _share(budget, ks, minimum=8)
    munis = [
        municipality_unit(w, m, k, i)
        for i, (m, k) in enumerate(zip(w.municipalities, ks, strict=True))
    ]

    files: dict[str, list[str]] = {}
    kinds: Counter[str] = Counter()
    nested: Counter[str] = Counter()
    faults: Counter[str] = Counter()
    for u in (*fixed, *munis):
        for path, chunks in u.files.items():
            files.setdefault(path, []).extend(chunks)
        kinds.update(u.kinds)
        nested.update(u.nested)
        faults.update(u.faults)
    return Model(files, kinds, nested, faults)


def _share(total: int, weights: Sequence[int], minimum: int) -> list[int]:
    """Split ``total`` over the units in proportion to ``weights``, each at least ``minimum``."""
    if total <= minimum * len(weights):
        return [minimum] * len(weights)
    spare = total - minimum * len(weights)
    wsum = sum(weights)
    out = [minimum + spare * wt // wsum for wt in weights]
    for i in range(total - sum(out)):  # the remainder, one each, so the sum is exact
        out[i % len(out)] += 1
    return out


def write(model: Model, outdir: Path, seed: int, fault_rate: float, n: int) -> None:
    """Write the files and ``MANIFEST.json`` (replacing whatever was in ``outdir``)."""
    if outdir.exists():
        shutil.rmtree(outdir)
    for path, chunks in model.files.items():
        target = outdir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join(chunks) + "\n", encoding="utf-8")
    manifest = {
        "requested": n,
        "declarations": model.size,
        "nested_declarations": sum(model.nested.values()),
        "files": len(model.files),
        "seed": seed,
        "fault_rate": fault_rate,
        "kinds": dict(sorted(model.kinds.items())),
        "nested": dict(sorted(model.nested.items())),
        "expected_findings": dict(sorted(model.faults.items())),
    }
    (outdir / "MANIFEST.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def iter_sizes(values: Iterable[str]) -> list[int]:
    """``1k``, ``10k``, ``100000`` to integers."""
    out = []
    for v in values:
        v = v.strip().lower()
        out.append(int(float(v[:-1]) * 1000) if v.endswith("k") else int(v))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``generate.py N OUTDIR [--seed S] [--fault-rate R] [--check]``."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", help="top-level declarations (e.g. 10000 or 10k)")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--fault-rate", type=float, default=0.03, help="share of opportunities with a planted fault"
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="load and lint the result and compare with the manifest",
    )
    args = ap.parse_args(argv)
    n = iter_sizes([args.n])[0]
    model = generate(n, args.seed, args.fault_rate)
    write(model, args.outdir, args.seed, args.fault_rate, n)
    print(
        f"{model.size} declarations (+{sum(model.nested.values())} nested) "
        f"in {len(model.files)} files -> {args.outdir}"
    )
    if args.check:
        return check(args.outdir)
    return 0


def check(outdir: Path) -> int:
    """Load the model with govrules: no model diagnostics, and the planted findings, exactly."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import govrules
    from govrules.linting import lint

    manifest = json.loads((outdir / "MANIFEST.json").read_text(encoding="utf-8"))
    model = govrules.load([outdir])
    status = 0
    if model.diagnostics:
        status = 1
        print(f"{len(model.diagnostics)} model diagnostics, first:", file=sys.stderr)
        for f in model.diagnostics[:10]:
            print(
                f"  {f.location.file}:{f.location.line}:{f.location.column} {f.code} {f.message}",
                file=sys.stderr,
            )
    if len(model) != manifest["declarations"]:
        status = 1
        print(
            f"loaded {len(model)} declarations, manifest says {manifest['declarations']}",
            file=sys.stderr,
        )
    found = Counter(f.code for f in lint(model).findings)
    expected = Counter(manifest["expected_findings"])
    for code in sorted(set(found) | set(expected)):
        mark = "ok" if found[code] == expected[code] else "MISMATCH"
        if mark != "ok":
            status = 1
        print(f"  {code}: expected {expected[code]}, found {found[code]} {mark}")
    print(
        "model diagnostics: 0"
        if not model.diagnostics
        else f"model diagnostics: {len(model.diagnostics)}"
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
