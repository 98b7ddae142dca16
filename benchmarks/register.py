"""Generate a realistic national register of gemeenschappelijke regelingen, with its dirt.

    python benchmarks/register.py OUT.csv [--arrangements N] [--seed S] [--xlsx]
    python benchmarks/register.py OUT.csv --rows 100000          # about 100k rows

One row per participant, with the columns of the shipped mapping
``gemeenschappelijke-regelingen``: Deelnemer, Regeling, Postcode, Plaats,
Provincie. The municipalities are real names (with ``'s-Hertogenbosch``,
``Súdwest-Fryslân``, ``Bergen (NH)`` and ``Bergen (L)``), topped up with
made-up ones to the 342 the country has; provinces and water boards are the
real ones. Arrangements are the kinds every region has (veiligheidsregio,
GGD, omgevingsdienst, belastingsamenwerking, werkvoorzieningschap,
bedrijfsvoeringsorganisaties of two or three municipalities ...), each with
the municipalities of one region, sometimes the province or a water board.

The usual dirt is planted at seeded rates: spaces around and inside names,
non-breaking spaces, a name in other casing, mojibake (UTF-8 read as
Windows-1252: ``FryslÃ¢n``), rows repeated, empty rows, rows without an
arrangement and cells holding a spreadsheet error. :func:`generate` returns
the rows and a manifest of what an import must make of them (arrangements,
organizations, participant blocks, rows skipped, merged and empty), so a test
can assert exact numbers. The output is a pure function of the arguments.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("Deelnemer", "Regeling", "Postcode", "Plaats", "Provincie")

# fmt: off
PROVINCES = (
    "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
    "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
)
# Real municipalities by province (a selection; the rest are made up below).
MUNICIPALITIES: dict[str, tuple[str, ...]] = {
    "Groningen": ("Groningen", "Eemsdelta", "Het Hogeland", "Westerkwartier", "Midden-Groningen",
                  "Oldambt", "Veendam", "Pekela", "Stadskanaal", "Westerwolde"),
    "Fryslân": ("Leeuwarden", "Súdwest-Fryslân", "De Fryske Marren", "Noardeast-Fryslân",
                "Tytsjerksteradiel", "Dantumadiel", "Achtkarspelen", "Waadhoeke", "Harlingen",
                "Heerenveen", "Smallingerland", "Opsterland", "Ooststellingwerf",
                "Weststellingwerf", "Ameland", "Terschelling", "Vlieland", "Schiermonnikoog"),
    "Drenthe": ("Assen", "Emmen", "Hoogeveen", "Meppel", "Coevorden", "Aa en Hunze",
                "Borger-Odoorn", "De Wolden", "Midden-Drenthe", "Noordenveld", "Tynaarlo",
                "Westerveld"),
    "Overijssel": ("Zwolle", "Enschede", "Hengelo", "Almelo", "Deventer", "Kampen", "Hardenberg",
                   "Ommen", "Raalte", "Olst-Wijhe", "Dalfsen", "Staphorst", "Steenwijkerland",
                   "Zwartewaterland", "Oldenzaal", "Losser", "Dinkelland", "Tubbergen",
                   "Twenterand", "Wierden", "Hof van Twente", "Rijssen-Holten", "Haaksbergen",
                   "Borne", "Hellendoorn"),
    "Flevoland": ("Almere", "Lelystad", "Dronten", "Noordoostpolder", "Urk", "Zeewolde"),
    "Gelderland": ("Arnhem", "Nijmegen", "Apeldoorn", "Ede", "Doetinchem", "Zutphen",
                   "Harderwijk", "Barneveld", "Tiel", "Culemborg", "Wageningen", "Renkum",
                   "Rheden", "Rozendaal", "Lochem", "Berkelland", "Oost Gelre", "Winterswijk",
                   "Aalten", "Oude IJsselstreek", "Montferland", "Bronckhorst", "Brummen",
                   "Voorst", "Epe", "Heerde", "Hattem", "Oldebroek", "Elburg", "Nunspeet",
                   "Ermelo", "Putten", "Nijkerk", "Scherpenzeel", "Buren", "West Betuwe",
                   "Maasdriel", "Zaltbommel", "West Maas en Waal", "Druten", "Wijchen",
                   "Beuningen", "Heumen", "Berg en Dal", "Overbetuwe", "Lingewaard", "Duiven",
                   "Westervoort", "Zevenaar", "Neder-Betuwe"),
    "Utrecht": ("Utrecht", "Amersfoort", "Veenendaal", "Nieuwegein", "Zeist", "Houten",
                "IJsselstein", "Woerden", "De Bilt", "Bunnik", "Stichtse Vecht", "De Ronde Venen",
                "Montfoort", "Oudewater", "Lopik", "Vijfheerenlanden", "Wijk bij Duurstede",
                "Utrechtse Heuvelrug", "Rhenen", "Renswoude", "Woudenberg", "Leusden",
                "Soest", "Baarn", "Eemnes", "Bunschoten"),
    "Noord-Holland": ("Amsterdam", "Haarlem", "Zaanstad", "Haarlemmermeer", "Alkmaar",
                      "Hilversum", "Amstelveen", "Purmerend", "Hoorn", "Velsen", "Den Helder",
                      "Bergen (NH)", "Heiloo", "Castricum", "Uitgeest", "Heemskerk",
                      "Beverwijk", "Bloemendaal", "Heemstede", "Zandvoort", "Diemen",
                      "Ouder-Amstel", "Aalsmeer", "Uithoorn", "Gooise Meren", "Huizen",
                      "Blaricum", "Laren", "Wijdemeren", "Edam-Volendam", "Waterland",
                      "Landsmeer", "Oostzaan", "Wormerland", "Koggenland", "Drechterland",
                      "Stede Broec", "Enkhuizen", "Medemblik", "Opmeer", "Hollands Kroon",
                      "Schagen", "Texel", "Dijk en Waard"),
    "Zuid-Holland": ("'s-Gravenhage", "Rotterdam", "Leiden", "Dordrecht", "Zoetermeer", "Delft",
                     "Westland", "Alphen aan den Rijn", "Gouda", "Schiedam", "Vlaardingen",
                     "Maassluis", "Capelle aan den IJssel", "Krimpen aan den IJssel",
                     "Zuidplas", "Lansingerland", "Pijnacker-Nootdorp", "Rijswijk",
                     "Leidschendam-Voorburg", "Wassenaar", "Voorschoten", "Oegstgeest",
                     "Katwijk", "Noordwijk", "Teylingen", "Hillegom", "Lisse", "Kaag en Braassem",
                     "Nieuwkoop", "Zoeterwoude", "Leiderdorp", "Waddinxveen", "Bodegraven-Reeuwijk",
                     "Krimpenerwaard", "Molenlanden", "Gorinchem", "Alblasserdam",
                     "Hendrik-Ido-Ambacht", "Papendrecht", "Sliedrecht", "Zwijndrecht",
                     "Barendrecht", "Ridderkerk", "Albrandswaard", "Nissewaard", "Voorne aan Zee",
                     "Goeree-Overflakkee", "Hoeksche Waard", "Midden-Delfland"),
    "Zeeland": ("Middelburg", "Vlissingen", "Goes", "Terneuzen", "Hulst", "Sluis", "Veere",
                "Borsele", "Kapelle", "Reimerswaal", "Noord-Beveland", "Schouwen-Duiveland",
                "Tholen"),
    "Noord-Brabant": ("'s-Hertogenbosch", "Eindhoven", "Tilburg", "Breda", "Helmond", "Oss",
                      "Roosendaal", "Bergen op Zoom", "Waalwijk", "Vught", "Boxtel", "Heusden",
                      "Sint-Michielsgestel", "Maashorst", "Meierijstad", "Bernheze",
                      "Land van Cuijk",
                      "Boekel", "Gemert-Bakel", "Laarbeek", "Nuenen, Gerwen en Nederwetten",
                      "Son en Breugel", "Best", "Oirschot", "Veldhoven", "Waalre", "Valkenswaard",
                      "Heeze-Leende", "Geldrop-Mierlo", "Someren", "Asten", "Deurne", "Cranendonck",
                      "Bergeijk", "Bladel", "Eersel", "Reusel-De Mierden", "Oisterwijk",
                      "Hilvarenbeek", "Goirle", "Dongen", "Loon op Zand", "Gilze en Rijen",
                      "Oosterhout", "Drimmelen", "Geertruidenberg", "Altena", "Moerdijk",
                      "Halderberge", "Etten-Leur", "Zundert", "Rucphen", "Steenbergen",
                      "Woensdrecht", "Alphen-Chaam", "Baarle-Nassau"),
    "Limburg": ("Maastricht", "Venlo", "Sittard-Geleen", "Heerlen", "Roermond", "Weert",
                "Kerkrade", "Landgraaf", "Brunssum", "Beekdaelen", "Voerendaal", "Simpelveld",
                "Vaals", "Gulpen-Wittem", "Eijsden-Margraten", "Valkenburg aan de Geul",
                "Meerssen", "Beek", "Stein", "Echt-Susteren", "Maasgouw", "Roerdalen",
                "Leudal", "Nederweert", "Peel en Maas", "Horst aan de Maas", "Beesel",
                "Venray", "Bergen (L)", "Gennep", "Mook en Middelaar"),
}
WATER_BOARDS: dict[str, tuple[str, ...]] = {
    "Groningen": ("Waterschap Noorderzijlvest", "Waterschap Hunze en Aa's"),
    "Fryslân": ("Wetterskip Fryslân",),
    "Drenthe": ("Waterschap Drents Overijsselse Delta",),
    "Overijssel": ("Waterschap Vechtstromen",),
    "Flevoland": ("Waterschap Zuiderzeeland",),
    "Gelderland": ("Waterschap Vallei en Veluwe",
                   "Waterschap Rijn en IJssel"),
    "Utrecht": ("Hoogheemraadschap De Stichtse Rijnlanden",),
    "Noord-Holland": ("Hoogheemraadschap Hollands Noorderkwartier",
                      "Waterschap Amstel, Gooi en Vecht"),
    "Zuid-Holland": ("Hoogheemraadschap van Rijnland", "Hoogheemraadschap van Delfland",
                     "Waterschap Hollandse Delta",
                     "Hoogheemraadschap van Schieland en de Krimpenerwaard"),
    "Zeeland": ("Waterschap Scheldestromen",),
    "Noord-Brabant": ("Waterschap Brabantse Delta", "Waterschap De Dommel",
                      "Waterschap Aa en Maas"),
    "Limburg": ("Waterschap Limburg",),
}
# Arrangements every region has, and those of a few municipalities ({a}, {b}, {c}: members).
REGIONAL = (
    "Veiligheidsregio {r}", "GGD {r}", "Omgevingsdienst {r}", "Belastingsamenwerking {r}",
    "Werkvoorzieningschap {r}", "Regionaal Historisch Centrum {r}", "Recreatieschap {r}",
    "Gemeenschappelijke regeling Sociaal Domein {r}", "Regio {r}", "Leerplicht {r}",
    "Afvalschap {r}", "Jeugdhulp {r}", "Inkoopbureau {r}", "Samenwerkingsverband Wmo {r}",
    "Regionaal Bureau Leerlingzaken {r}", "ICT-samenwerking {r}", "Milieudienst {r}",
)
SMALL = (
    "Bedrijfsvoeringsorganisatie {a}-{b}", "Werkorganisatie {a} en {b}",
    "ICT-samenwerking {a}, {b} en {c}", "Belastingen {a}-{b}", "Sociale Dienst {a} {b}",
    "Samenwerking {a}, {b} en {c}",
)
_MADE_UP_ROOTS = ("Aal", "Beek", "Berg", "Bloem", "Bos", "Dal", "Eek", "Els", "Hazel", "Heem",
                  "Holt", "Hoorn", "Kamp", "Lin", "Meer", "Mol", "Neer", "Ree", "Riet", "Steen",
                  "Veen", "Vos", "Wier", "Zand")
_MADE_UP_SUFFIXES = ("dam", "dijk", "drecht", "wolde", "horst", "hoven", "broek", "wijk",
                     "burg", "lo", "rade", "werd", "wâld", "fean", "bûren")
_PLACES = ("Noord", "Zuid", "Oost", "West", "Midden")
# fmt: on
SPREADSHEET_ERRORS = ("#N/A", "#REF!", "#VALUE!")


@dataclass
class Manifest:
    """What an import with the shipped mapping must make of the rows."""

    rows: int = 0
    arrangements: int = 0
    organizations: int = 0
    participants: int = 0
    skipped: int = 0
    merged: int = 0
    empty: int = 0
    mojibake: int = 0
    casing: int = 0
    planted: dict[str, int] = field(default_factory=dict)


def _municipalities(rng: random.Random) -> dict[str, list[str]]:
    """342 municipalities: the real ones above, topped up with made-up names per province."""
    by_province = {p: list(MUNICIPALITIES[p]) for p in PROVINCES}
    existing = {m for ms in by_province.values() for m in ms}
    total = sum(len(ms) for ms in by_province.values())
    i = 0
    while total < 342:
        province = PROVINCES[i % len(PROVINCES)]
        name = rng.choice(_MADE_UP_ROOTS) + rng.choice(_MADE_UP_SUFFIXES)
        if rng.random() < 0.2:
            name = f"{rng.choice(_PLACES)}-{name}"
        if name not in existing:
            existing.add(name)
            by_province[province].append(name)
            total += 1
        i += 1
    return by_province


def _mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252; the text itself where a byte has no such reading."""
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return text


@dataclass
class _Arrangement:
    name: str
    province: str
    members: list[str]
    postcode: str
    place: str


def _arrangements(
    rng: random.Random, count: int, towns: dict[str, list[str]]
) -> list[_Arrangement]:
    made: list[_Arrangement] = []
    names: set[str] = set()
    serial = 0
    while len(made) < count:
        province = PROVINCES[serial % len(PROVINCES)]
        serial += 1
        pool = towns[province]
        if rng.random() < 0.55:
            size = min(len(pool), rng.randint(4, 22))
            members = rng.sample(pool, size)
            region = rng.choice(
                [
                    f"{rng.choice(_PLACES)}-{province}",
                    province,
                    f"{members[0]} en omstreken",
                    f"Regio {members[0]}",
                    f"{members[0]}-{members[1]}",
                ]
            )
            name = rng.choice(REGIONAL).format(r=region)
        else:
            size = rng.choice((2, 2, 3, 3, 4))
            members = rng.sample(pool, min(size, len(pool)))
            a, b, c = (members + members)[:3]
            name = rng.choice(SMALL).format(a=a, b=b, c=c)
        if name in names:
            name = f"{name} {serial}"
        if name in names:
            continue
        names.add(name)
        participants = [f"Gemeente {m}" for m in members]
        if rng.random() < 0.15:
            participants.append(f"Provincie {province}")
        if rng.random() < 0.10:
            participants.append(rng.choice(WATER_BOARDS[province]))
        letters = "ABCDEFGHJKLMNPRSTVWXZ"
        postcode = f"{rng.randint(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"
        made.append(_Arrangement(name, province, participants, postcode, members[0]))
    return made


def _dirty(rng: random.Random, name: str) -> str:
    """A name with the whitespace and casing dirt registers collect (meaning kept)."""
    r = rng.random()
    if r < 0.03:
        return f"  {name} "
    if r < 0.05:
        return name.replace(" ", "  ", 1)
    if r < 0.06:
        return name.replace(" ", "\u00a0", 1)
    return name


def generate(arrangements: int = 600, seed: int = 1) -> tuple[list[list[str]], Manifest]:
    """The rows (header first) of a register of ``arrangements`` arrangements, and its manifest."""
    rng = random.Random(seed)
    towns = _municipalities(rng)
    made = _arrangements(rng, arrangements, towns)
    m = Manifest()
    rows: list[list[str]] = [list(COLUMNS)]
    organizations: set[str] = set()
    seen_rows: set[tuple[str, ...]] = set()
    casing_variants: set[str] = set()
    for arrangement in made:
        for participant in arrangement.members:
            name = participant
            if rng.random() < 0.02 and participant not in casing_variants:
                # Another spelling of the same name: one organization all the same.
                name = participant.lower() if rng.random() < 0.5 else participant.upper()
                casing_variants.add(participant)
            if not name.isascii() and rng.random() < 0.2:
                name = _mojibake(name)
                m.mojibake += 1
            regeling = arrangement.name
            if not regeling.isascii() and rng.random() < 0.2:
                regeling = _mojibake(regeling)
                m.mojibake += 1
            row = [
                _dirty(rng, name),
                _dirty(rng, regeling),
                arrangement.postcode,
                arrangement.place,
                arrangement.province,
            ]
            rows.append(row)
            organizations.add(participant)
            m.participants += 1
            key = (participant, arrangement.name)
            seen_rows.add(key)
            if rng.random() < 0.02:  # the same row pasted twice
                rows.append(list(row))
                m.merged += 1
        if rng.random() < 0.03:
            rows.append(["", "", "", "", ""])
            m.empty += 1
        if rng.random() < 0.04:  # a participant without its arrangement
            rows.append([rng.choice(arrangement.members), "", arrangement.postcode, "", ""])
            m.skipped += 1
        if rng.random() < 0.02:  # a formula that failed
            rows.append(
                [
                    rng.choice(SPREADSHEET_ERRORS),
                    arrangement.name,
                    arrangement.postcode,
                    arrangement.place,
                    arrangement.province,
                ]
            )
            m.skipped += 1
    m.rows = len(rows) - 1
    m.arrangements = len(made)
    m.organizations = len(organizations)
    m.casing = len(casing_variants)
    return rows, m


def for_rows(target: int, seed: int = 1) -> tuple[list[list[str]], Manifest]:
    """A register of about ``target`` rows (arrangements average about eight participants)."""
    return generate(max(1, round(target / 8.2)), seed)


def write_csv(path: Path, rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> None:
    """Write the register as Excel writes CSV in the Netherlands: ``;``, CRLF."""
    with path.open("w", encoding=encoding, newline="", errors="replace") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerows(rows)


def write_xlsx(path: Path, rows: Sequence[Sequence[str]]) -> None:
    """Write the register as a workbook with one sheet, ``Register``."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    for row in rows:
        sheet.append([cell if cell != "" else None for cell in row])
    workbook.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--arrangements", type=int, default=600)
    parser.add_argument("--rows", type=int, help="about this many rows instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx", action="store_true")
    args = parser.parse_args(argv)
    rows, manifest = (
        for_rows(args.rows, args.seed) if args.rows else generate(args.arrangements, args.seed)
    )
    if args.xlsx:
        write_xlsx(args.out, rows)
    else:
        write_csv(args.out, rows)
    json.dump(manifest.__dict__, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
