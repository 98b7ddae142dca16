"""The reference parts of the documentation, generated from the data so they never drift.

Pure functions turn the data into Markdown:

- :func:`rules_reference`: the rule catalogue (``docs/rules.md``), from the
  rulesets in the rule language and the model diagnostic codes;
- :func:`rules_reference_nl`: the same catalogue for a Dutch reader
  (``docs/nl/regels.md``);
- :func:`vocabulary_reference`: every kind and attribute of the ``.gov``
  language (the generated section of ``docs/language.md``), from the model
  classes through :mod:`govrules.vocabulary`;
- :func:`vocabulary_reference_nl`: every kind, attribute, symbol and value
  word in Dutch and English (the generated section of ``docs/nl/taal.md``),
  from :mod:`govrules.model.dutch` through the vocabulary's word tables.

Only :func:`main` reads and writes files: ``python -m govrules.docgen``
rewrites ``docs/rules.md``, ``docs/nl/regels.md`` and the sections of
``docs/language.md`` and ``docs/nl/taal.md`` between :data:`START` and
:data:`END`; with ``--check`` it writes nothing and exits 1 when any of them is
out of date.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from govrules.diagnostics import MODEL_CODE_SEVERITY, MODEL_CODES, Severity
from govrules.model.schema import AttrSpec
from govrules.model.values import ValueType
from govrules.vocabulary import (
    INVERSES,
    KINDS,
    NESTED_KINDS,
    TOP_LEVEL_KINDS,
    KindSpec,
    Words,
)

if TYPE_CHECKING:
    # The rule engine pulls in lark; it is imported when the catalogue is rendered.
    from govrules.engine.rulelang import RuleDef, RulesetDef
    from govrules.engine.types import CompiledRule, Translation

START = "<!-- vocabulary:start -->"
END = "<!-- vocabulary:end -->"
"""The markers around the generated section of ``docs/language.md``."""

RULES_DOC = Path("docs") / "rules.md"
LANGUAGE_DOC = Path("docs") / "language.md"

REGENERATE = "python -m govrules.docgen"

_SLOT = re.compile(r"(?<!\{)\{([^{}]+)\}(?!\})")
"""A ``{expression}`` of a message template (``{{`` and ``}}`` are literal braces)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*<>\[\]|])")

_DIAGNOSTIC_GROUPS = {
    "1": "syntax",
    "2": "vocabulary and values",
    "3": "references",
    "4": "files",
    "5": "suppressions",
}


# --- Markdown helpers ----------------------------------------------------------


def _escape(text: str) -> str:
    """Prose that Markdown shows as written (``<organization>`` is not an HTML tag)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _paragraphs(text: str) -> list[str]:
    """A long text as Markdown paragraphs: blank lines separate, line breaks join."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [_escape(" ".join(line.strip() for line in block.splitlines())) for block in blocks]


def _code(text: str) -> str:
    """An inline code span that survives backticks inside ``text``."""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fence(text: str, info: str) -> list[str]:
    """A fenced code block, its fence longer than any backtick run inside."""
    runs = [len(m) for m in re.findall(r"`+", text)]
    fence = "`" * max(3, max(runs, default=0) + 1)
    return [f"{fence}{info}", *text.rstrip("\n").split("\n"), fence]


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("\n", " ") for c in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(r) for r in rows)]


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    kept = re.sub(r"[^\w\- ]", "", heading.lower())
    return kept.replace(" ", "-")


def _slots(template: str) -> str:
    """A message or fix template with its ``{expressions}`` shown as ``<slots>``."""
    shown = _SLOT.sub(lambda m: "<" + m.group(1).strip() + ">", template)
    return shown.replace("{{", "{").replace("}}", "}")


def _value(value: object) -> str:
    """A parameter default as it would be written in the rule language."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _words(words: Sequence[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


# --- the rule catalogue -------------------------------------------------------


def rules_reference(
    rulesets: Sequence[RulesetDef] | None = None,
    rules: Sequence[CompiledRule] | None = None,
) -> str:
    """The rule catalogue as Markdown: every ruleset, every rule, every model diagnostic code.

    By default the built-in rulesets; pass ``rulesets`` (as written) and
    ``rules`` (compiled from them) to document others.
    """
    if rulesets is None or rules is None:
        from govrules.engine.catalogue import builtin_rules, builtin_rulesets

        rulesets = builtin_rulesets() if rulesets is None else rulesets
        rules = builtin_rules() if rules is None else rules
    written = {r.code: r for d in rulesets for r in d.rules}
    by_ruleset: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        by_ruleset.setdefault(rule.ruleset, []).append(rule)

    out = [
        "# Rule catalogue",
        "",
        f"<!-- Generated by `{REGENERATE}` from rulesets/*.rules and govrules.diagnostics;"
        " do not edit. -->",
        f"_This file is generated from the rulesets; do not edit it by hand. After changing a"
        f" ruleset, regenerate it with `{REGENERATE}` (run from the repository root)._",
        "",
        f"govrules ships {len(rules)} rules in {len(by_ruleset)} rulesets. Each rule below"
        " gives its code (used in configuration and suppressions; a code never changes"
        " meaning), its default severity, why it exists, where it comes from, a model that"
        " fails it and one that passes, and how to fix a finding. `govrules explain CODE`"
        " shows the same on the command line. To write rules of your own, see"
        " [writing-rules.md](writing-rules.md).",
        "",
        "## All codes",
        "",
        *_table(
            ["code", "slug", "severity", "ruleset", "title"],
            (
                [
                    f"[{r.code}](#{anchor(f'{r.code} {r.slug}')})",
                    _code(r.slug),
                    r.severity.label,
                    r.ruleset,
                    _escape(r.title),
                ]
                for r in rules
            ),
        ),
        "",
        "Model diagnostics (codes `GR...`) are listed [at the end](#model-diagnostics).",
    ]
    for ruleset in rulesets:
        members = by_ruleset.pop(ruleset.name, [])
        if members:
            out += ["", *_ruleset_section(ruleset.name, ruleset.title, members, written)]
    for name, members in by_ruleset.items():  # compiled rules whose definition was not given
        out += ["", *_ruleset_section(name, name, members, written)]
    out += ["", *_diagnostics_section()]
    return "\n".join(out) + "\n"


def _ruleset_section(
    name: str, title: str, rules: Sequence[CompiledRule], written: Mapping[str, RuleDef]
) -> list[str]:
    out = [
        f"## Ruleset {_code(name)}",
        "",
        f"**{_escape(title)}**",
        "",
        f"Check only this ruleset with `govrules lint --ruleset {name}`, or name it in"
        " `rulesets` in the configuration.",
    ]
    for rule in rules:
        out += ["", *_rule_section(rule, written.get(rule.code))]
    return out


def _rule_section(rule: CompiledRule, written: RuleDef | None) -> list[str]:
    kinds = _words([_code(k) for k in rule.kinds])
    facts = [
        f"- **Severity:** {rule.severity.label}",
        f"- **Checks:** each {kinds}",
    ]
    if rule.source:
        facts.append(f"- **Source:** {_escape(rule.source)}")
    if rule.params:
        settings = ", ".join(
            f"{_code(name)} = {_code(_value(value))}" for name, value in rule.params.items()
        )
        example = next(iter(rule.params))
        facts.append(
            f"- **Parameters:** {settings} (set {_code(f'{rule.code}.{example}')} in"
            " `[tool.govrules.params]`)"
        )
    file = Path(rule.span.file).name
    facts.append(
        f"- **Defined in:** [`rulesets/{file}`](../rulesets/{file}), line {rule.span.line}"
    )

    out = [f"### {rule.code} {rule.slug}", "", f"**{_escape(rule.title)}**", "", *facts]
    if rule.why:
        out += ["", "**Why.** " + "\n\n".join(_paragraphs(rule.why))]
    message = _template(written, "message")
    if message:
        out += ["", f"**Reported as:** {_code(_slots(message))}"]
    for kind, heading in (("fail", "Fails"), ("pass", "Passes")):
        for shown in (e.text for e in rule.examples if e.kind == kind):
            out += ["", f"**{heading}:**", "", *_fence(shown, "gov")]
    if rule.fix_text:
        out += ["", f"**Fix:** {_code(_slots(rule.fix_text))}"]
    return out


def _template(rule: RuleDef | None, keyword: str) -> str:
    """The text of a rule's clause as written (templates keep their ``{expressions}``)."""
    if rule is None:
        return ""
    clauses = rule.all(keyword)
    if not clauses:
        return ""
    from govrules.engine.rulelang import unquote

    return unquote(clauses[0].args[0])


def _diagnostics_section() -> list[str]:
    rows = []
    for code, meaning in MODEL_CODES.items():
        severity = MODEL_CODE_SEVERITY.get(code, Severity.ERROR)
        group = _DIAGNOSTIC_GROUPS.get(code[2:3], "")
        rows.append([_code(code), group, severity.label, _escape(meaning)])
    notes = [c for c in MODEL_CODES if MODEL_CODE_SEVERITY.get(c, Severity.ERROR) < Severity.ERROR]
    return [
        "## Model diagnostics",
        "",
        "These are not rules: they say that a file is not a valid model (a syntax error, an"
        " unknown kind, attribute or word, a value of the wrong type, a reference to something"
        " undefined or of the wrong kind) or that a suppression comment is faulty. They are"
        " reported in the same output as rule findings, with the exact file, line and column."
        " They are always checked: they cannot be ignored, given another severity or"
        " suppressed; fix the model instead. They are errors, except the notes about"
        f" suppressions that do nothing ({_words([_code(c) for c in notes])}), which are"
        " warnings.",
        "",
        *_table(["code", "about", "severity", "meaning"], rows),
    ]


# --- the Dutch rule catalogue ------------------------------------------------
#
# The same catalogue for a Dutch reader (docs/nl/regels.md): Dutch headings and
# fixed texts, each rule's Dutch texts where its author wrote them (English where
# not, said so), examples written with the Dutch words (as `fmt --lang nl` writes
# them), ruleset titles in Dutch.

NL_RULES_DOC = Path("docs") / "nl" / "regels.md"

_NL_DIAGNOSTIC_GROUPS = {
    "1": "syntaxis",
    "2": "woorden en waarden",
    "3": "verwijzingen",
    "4": "bestanden",
    "5": "onderdrukkingen",
}

NL_MODEL_CODES: Mapping[str, str] = {
    "GR101": "syntaxfout: de tekst heeft niet de vorm van een declaratie",
    "GR102": "een tekst (string) is niet afgesloten",
    "GR103": "een teken dat niet in een .gov-bestand thuishoort",
    "GR104": "een onzichtbaar stuurteken voor de schrijfrichting in een tekst of commentaar"
    " (Trojan Source)",
    "GR201": "onbekende soort declaratie",
    "GR202": "onbekend attribuut voor deze soort",
    "GR203": "waarde van het verkeerde type voor het attribuut",
    "GR204": "onbekend woord (symbool) voor het attribuut",
    "GR205": "ongeldige waarde (een datum die niet bestaat, een verkeerd geschreven getal)",
    "GR206": "een attribuut met één waarde kreeg er meer, of werd twee keer gegeven",
    "GR207": "onjuiste kop van een declaratie (identificatie of label ontbreekt of is ongeldig)",
    "GR208": "een geneste declaratie op een plaats waar die niet thuishoort",
    "GR301": "dubbele identificatie",
    "GR302": "verwijzing naar iets dat niet is gedefinieerd",
    "GR303": "verwijzing naar een declaratie van de verkeerde soort",
    "GR304": "een identifier die eruitziet als een andere (Unicode-lookalikes, UTS #39)",
    "GR401": "bestand kan niet worden gelezen of gedecodeerd",
    "GR402": "bestand overschrijdt een groottelimiet",
    "GR501": "onderdrukking zonder reden (zij onderdrukt niets)",
    "GR502": "ongebruikte onderdrukking: zij onderdrukt geen bevinding",
    "GR503": "onderdrukking van een onbekende code",
    "GR504": "onjuist geschreven onderdrukkingscommentaar",
    "GR505": "onderdrukking van een code die niet onderdrukt mag worden"
    " (een modeldiagnose, of door de configuratie niet te onderdrukken)",
}
"""The meaning of each model diagnostic code in Dutch (English where a code is missing here)."""


def _severity_nl(severity: Severity) -> str:
    """The Dutch word for a severity, from the message catalogue (fout, waarschuwing, melding)."""
    from govrules.messages import msg

    return msg(f"report.severity.{severity.label}").render("nl")


def _kind_nl(kind: str) -> str:
    from govrules.vocabulary import KIND_WORDS

    return KIND_WORDS.word(kind, "nl")


def _example_nl(text: str) -> str:
    """A rule's example written with the Dutch words, as ``fmt --lang nl`` writes it."""
    from govrules.fmt import FormatError, format_text

    try:
        return format_text(text, "example.gov", "nl")
    except FormatError:  # an example that does not parse is shown as written
        return text


def _translation_of(rule: CompiledRule) -> Translation | None:
    return next((t for t in rule.translations if t.lang == "nl"), None)


def _title_nl(rule: CompiledRule) -> str:
    t = _translation_of(rule)
    return (t and t.title) or rule.title


def rules_reference_nl(
    rulesets: Sequence[RulesetDef] | None = None,
    rules: Sequence[CompiledRule] | None = None,
) -> str:
    """The rule catalogue in Dutch (``docs/nl/regels.md``): as :func:`rules_reference`."""
    if rulesets is None or rules is None:
        from govrules.engine.catalogue import builtin_rules, builtin_rulesets

        rulesets = builtin_rulesets() if rulesets is None else rulesets
        rules = builtin_rules() if rules is None else rules
    written = {r.code: r for d in rulesets for r in d.rules}
    by_ruleset: dict[str, list[CompiledRule]] = {}
    for rule in rules:
        by_ruleset.setdefault(rule.ruleset, []).append(rule)
    untranslated = [r.code for r in rules if _translation_of(r) is None]

    out = [
        "# Regelcatalogus",
        "",
        f"<!-- Generated by `{REGENERATE}` from rulesets/*.rules and govrules.diagnostics;"
        " do not edit. -->",
        "_Dit bestand wordt gemaakt uit de regelsets; pas het niet met de hand aan. Wie een"
        f" regelset wijzigt, maakt het opnieuw met `{REGENERATE}` (vanuit de hoofdmap van de"
        " repository)._",
        "",
        f"govrules kent {len(rules)} regels in {len(by_ruleset)} regelsets. Bij elke regel"
        " staan de code (die u gebruikt in de configuratie en in onderdrukkingen; een code"
        " verandert nooit van betekenis), de standaardernst, waarom de regel bestaat, waar"
        " hij op berust, een model dat de toets niet doorstaat en een dat hem wel doorstaat,"
        " en hoe u een bevinding oplost. `govrules explain CODE --lang nl` toont hetzelfde op"
        " de opdrachtregel. De voorbeelden zijn geschreven met de Nederlandse woorden van de"
        " taal ([taal.md](taal.md)); met de Engelse woorden betekenen ze hetzelfde. De"
        " Engelse catalogus staat in [../rules.md](../rules.md).",
    ]
    if untranslated:
        out += [
            "",
            f"Van {len(untranslated)} regels is nog geen Nederlandse tekst geschreven"
            f" ({_words([_code(c) for c in untranslated], 'en')}); bij die regels staat hieronder"
            " de Engelse tekst.",
        ]
    out += [
        "",
        "## Alle codes",
        "",
        *_table(
            ["code", "slug", "ernst", "regelset", "titel"],
            (
                [
                    f"[{r.code}](#{anchor(f'{r.code} {r.slug}')})",
                    _code(r.slug),
                    _severity_nl(r.severity),
                    r.ruleset,
                    _escape(_title_nl(r)),
                ]
                for r in rules
            ),
        ),
        "",
        "De modeldiagnoses (codes `GR...`) staan [aan het eind](#modeldiagnoses).",
    ]
    for ruleset in rulesets:
        members = by_ruleset.pop(ruleset.name, [])
        if members:
            title = ruleset.title_in("nl")
            out += ["", *_ruleset_section_nl(ruleset.name, title, members, written)]
    for name, members in by_ruleset.items():  # compiled rules whose definition was not given
        out += ["", *_ruleset_section_nl(name, name, members, written)]
    out += ["", *_diagnostics_section_nl()]
    return "\n".join(out) + "\n"


def _ruleset_section_nl(
    name: str, title: str, rules: Sequence[CompiledRule], written: Mapping[str, RuleDef]
) -> list[str]:
    out = [
        f"## Regelset {_code(name)}",
        "",
        f"**{_escape(title)}**",
        "",
        f"Toets alleen deze regelset met `govrules lint --ruleset {name}`, of noem hem onder"
        " `rulesets` in de configuratie.",
    ]
    for rule in rules:
        out += ["", *_rule_section_nl(rule, written.get(rule.code))]
    return out


def _rule_section_nl(rule: CompiledRule, written: RuleDef | None) -> list[str]:
    t = _translation_of(rule)
    kinds = _words([_code(_kind_nl(k)) for k in rule.kinds], "en")
    facts = [
        f"- **Ernst:** {_severity_nl(rule.severity)}",
        f"- **Geldt voor:** {kinds}",
    ]
    source = (t and t.source) or rule.source
    if source:
        facts.append(f"- **Bron:** {_escape(source)}")
    if rule.params:
        settings = ", ".join(
            f"{_code(name)} = {_code(_value(value))}" for name, value in rule.params.items()
        )
        example = next(iter(rule.params))
        facts.append(
            f"- **Parameters:** {settings} (in te stellen met {_code(f'{rule.code}.{example}')}"
            " onder `[tool.govrules.params]`)"
        )
    file = Path(rule.span.file).name
    facts.append(
        f"- **Vastgelegd in:** [`rulesets/{file}`](../../rulesets/{file}), regel {rule.span.line}"
    )

    out = [f"### {rule.code} {rule.slug}", "", f"**{_escape(_title_nl(rule))}**", ""]
    if t is None:
        out += ["_Deze regel heeft nog geen Nederlandse tekst; hieronder de Engelse._", ""]
    out += facts
    why = (t and t.why) or rule.why
    if why:
        out += ["", "**Waarom.** " + "\n\n".join(_paragraphs(why))]
    message = _template_in(written, "message", "nl") or _template(written, "message")
    if message:
        out += ["", f"**Gemeld als:** {_code(_slots(message))}"]
    for kind, heading in (("fail", "Voldoet niet"), ("pass", "Voldoet")):
        for shown in (e.text for e in rule.examples if e.kind == kind):
            out += ["", f"**{heading}:**", "", *_fence(_example_nl(shown), "gov")]
    fix = (t and t.fix_text) or rule.fix_text
    if fix:
        out += ["", f"**Oplossing:** {_code(_slots(fix))}"]
    return out


def _template_in(rule: RuleDef | None, keyword: str, lang: str) -> str:
    """The text of a rule's clause in ``lang`` as written, or "" when it has none."""
    if rule is None:
        return ""
    clauses = rule.texts(keyword, lang)
    if not clauses:
        return ""
    from govrules.engine.rulelang import text_node, unquote

    return unquote(text_node(clauses[0]))


def _diagnostics_section_nl() -> list[str]:
    rows = []
    for code, meaning in MODEL_CODES.items():
        severity = MODEL_CODE_SEVERITY.get(code, Severity.ERROR)
        group = _NL_DIAGNOSTIC_GROUPS.get(code[2:3], "")
        shown = NL_MODEL_CODES.get(code, meaning)
        rows.append([_code(code), group, _severity_nl(severity), _escape(shown)])
    notes = [c for c in MODEL_CODES if MODEL_CODE_SEVERITY.get(c, Severity.ERROR) < Severity.ERROR]
    return [
        "## Modeldiagnoses",
        "",
        "Dit zijn geen regels: ze zeggen dat een bestand geen geldig model is (een syntaxfout,"
        " een onbekende soort, een onbekend attribuut of woord, een waarde van het verkeerde"
        " type, een verwijzing naar iets dat niet bestaat of van de verkeerde soort is) of dat"
        " een onderdrukkingscommentaar niet klopt. Ze verschijnen in dezelfde uitvoer als de"
        " bevindingen van de regels, met het precieze bestand, de regel en de kolom. Ze worden"
        " altijd gecontroleerd: u kunt ze niet negeren, geen andere ernst geven of"
        " onderdrukken; pas in plaats daarvan het model aan. Het zijn fouten, behalve de"
        " opmerkingen over onderdrukkingen die niets doen"
        f" ({_words([_code(c) for c in notes], 'en')}): dat zijn waarschuwingen.",
        "",
        *_table(["code", "over", "ernst", "betekenis"], rows),
    ]


# --- the vocabulary -------------------------------------------------------------


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _plural(kind: str) -> str:
    spec = KINDS[kind]
    return spec.plural or kind + "s"


def _targets(attr: AttrSpec, owner: KindSpec) -> str:
    if not attr.targets:
        return ""
    words = _words([_code(t) for t in attr.targets], "or")
    if attr.scope == "siblings" and owner.parent is not None:
        words += f" of the same {_code(owner.parent)}"
    return words


def vocabulary_reference() -> str:
    """Every kind of the ``.gov`` language with its attributes, nested kinds and relations."""
    out = [
        f"<!-- Generated by `{REGENERATE}` from src/govrules/model/objects.py; do not edit. -->",
        "_This section is generated from the model classes; do not edit it by hand._",
        "",
        "### Value types",
        "",
        *_table(
            ["value type", "written as"],
            ([t.value, _escape(t.example)] for t in ValueType),
        ),
        "",
        "### Kinds",
        "",
        "Top-level kinds: "
        + ", ".join(f"[{_code(k)}](#{anchor(k)})" for k in TOP_LEVEL_KINDS)
        + ".",
        "",
        "Nested kinds, written inside the block of another declaration: "
        + ", ".join(
            f"[{_code(k)}](#{anchor(k)}) (in {_words([_code(p) for p in KINDS[k].parents], 'or')})"
            for k in NESTED_KINDS
        )
        + ".",
        "",
        "In the tables, *list* means the attribute takes several values separated by commas"
        " (and may be given on several lines); *one* means it takes a single value and may be"
        " given once. Every attribute is optional to the language; the rules say which ones a"
        " healthy model needs.",
    ]
    for name in (*TOP_LEVEL_KINDS, *NESTED_KINDS):
        out += ["", *_kind_section(KINDS[name])]
    return "\n".join(out) + "\n"


def _kind_section(spec: KindSpec) -> list[str]:
    out = [f"#### {spec.name}", "", _escape(spec.doc)]
    if spec.parent is not None:
        out += [
            "",
            f"Written inside {_words([_a(p) for p in spec.parents], 'or')}: "
            f"{_code(spec.name + ' IDENTIFIER { ... }')}.",
        ]
    if spec.identifier_ref is not None:
        ref = spec.identifier_ref
        targets = _words([_code(t) for t in ref.targets], "or")
        out += [
            "",
            f"Its identifier is itself a reference to {targets}"
            f" ({_code(f'{spec.name} gem_a')} names {_code('gem_a')}); in rules it is"
            f" {_code(f'{spec.name[0]}.{ref.name}')}.",
        ]
    rows = [
        [
            _code(attr.name),
            attr.type.value,
            "list" if attr.many else "one",
            _targets(attr, spec),
            ", ".join(_code(s) for s in attr.symbols),
            _escape(attr.doc),
        ]
        for attr in spec.attributes.values()
    ]
    if rows:
        out += [
            "",
            *_table(
                ["attribute", "value", "one or list", "refers to", "allowed words", "meaning"], rows
            ),
        ]
    else:
        out += ["", "It has no attributes of its own."]
    if spec.nested:
        out += ["", "Nested declarations, written inside its block:", ""]
        var = spec.name[0]
        out += [
            f"- [{_code(n.kind)}](#{anchor(n.kind)}): {_escape(n.doc)};"
            f" in rules {_code(f'{var}.{n.field}')}"
            for n in spec.nested.values()
        ]
    out += ["", *_relations(spec)]
    return out


def _relations(spec: KindSpec) -> list[str]:
    """What rules can reach from a declaration of this kind besides its attributes."""
    inverses = INVERSES[spec.name]
    extra = [_code("id"), _code("label")]
    if spec.parent is not None:
        extra.append(f"{_code('parent')} (the {' or '.join(spec.parents)} it is written in)")
    lines = [
        f"In rules, {_a(spec.name)} also has {_words(extra)}"
        + (", and these inverse relations:" if inverses else ".")
    ]
    if inverses:
        rows = [
            [
                _code(name),
                f"the {_plural(inv.source_kind)} whose identifier names it"
                if inv.attribute.identifier
                else f"the {_plural(inv.source_kind)} whose {_code(inv.attribute.name)} names it",
            ]
            for name, inv in inverses.items()
        ]
        lines += ["", *_table(["relation", "gives"], rows)]
    return lines


# --- the Dutch words of the vocabulary ------------------------------------------
#
# The generated section of docs/nl/taal.md: every kind, attribute, symbol and
# value word in Dutch and in English, read from the Words tables that
# govrules.vocabulary builds from govrules.model.dutch.

NL_LANGUAGE_DOC = Path("docs") / "nl" / "taal.md"

NL_VALUE_TYPES: Mapping[ValueType, str] = {
    ValueType.REFERENCE: "verwijzing",
    ValueType.SYMBOL: "woord",
    ValueType.TEXT: "tekst",
    ValueType.INTEGER: "geheel getal",
    ValueType.NUMBER: "getal",
    ValueType.MONEY: "geldbedrag",
    ValueType.DATE: "datum",
    ValueType.DURATION: "duur",
    ValueType.TARGET: "norm",
    ValueType.BOOLEAN: "ja of nee",
    ValueType.TEXT_OR_REFERENCE: "tekst of verwijzing",
}
"""The value types as a Dutch reader calls them (the English name where one is missing)."""


def _pairs_nl(words: Words, names: Iterable[str]) -> str:
    """``woord`` (`word`) for each English name: the Dutch words first, the English after."""
    shown = []
    for name in names:
        dutch = words.all_words(name, "nl")
        spelled = " of ".join(_code(w) for w in dutch)
        shown.append(spelled if dutch == (name,) else f"{spelled} ({_code(name)})")
    return ", ".join(shown)


def vocabulary_reference_nl() -> str:
    """Every kind, attribute, symbol and value word of the language in Dutch and English."""
    from govrules.vocabulary import (
        ATTRIBUTE_WORDS,
        BOOLEAN_WORDS,
        KIND_WORDS,
        PERIOD_WORDS,
        SYMBOL_WORDS,
        UNIT_WORDS,
    )

    def kind(name: str) -> str:
        return KIND_WORDS.word(name, "nl")

    out = [
        f"<!-- Generated by `{REGENERATE}` from src/govrules/model/dutch.py; do not edit. -->",
        "_Dit deel wordt gemaakt uit de woordenlijst van govrules; pas het niet met de hand aan._",
        "",
        "Elk woord mag Nederlands of Engels zijn, ook door elkaar; ze betekenen hetzelfde."
        " Staat er maar één woord, dan is het in beide talen gelijk.",
        "",
        "### Soorten",
        "",
        *_table(
            ["Nederlands", "English", "geschreven"],
            (
                [
                    f"[{_code(kind(k))}](#{anchor(kind(k))})",
                    _code(k),
                    "op het hoogste niveau"
                    if k in TOP_LEVEL_KINDS
                    else "in " + _words([_code(kind(p)) for p in KINDS[k].parents], "of"),
                ]
                for k in (*TOP_LEVEL_KINDS, *NESTED_KINDS)
            ),
        ),
        "",
        "### Woorden voor waarden",
        "",
        *_table(
            ["Nederlands", "English"],
            (
                [
                    ", ".join(" of ".join(_code(w) for w in t.all_words(n, "nl")) for n in names),
                    ", ".join(_code(n) for n in names),
                ]
                for t in (BOOLEAN_WORDS, PERIOD_WORDS, UNIT_WORDS)
                for names in [t.choices("en")]
            ),
        ),
        "",
        "Perioden staan na `per` (`EUR 250_000 per jaar`), eenheden van tijd na een getal"
        " (`25 jaar`, `6 maanden`, `1 maand`). Datums schrijft u als `2026-12-31`, getallen"
        " met een punt als decimaalteken en `_` tussen groepen cijfers (`14_500_000`).",
        "",
        "### Waardetypen",
        "",
        *_table(
            ["type", "English"],
            ([NL_VALUE_TYPES.get(t, t.value), t.value] for t in ValueType),
        ),
    ]
    for name in (*TOP_LEVEL_KINDS, *NESTED_KINDS):
        spec = KINDS[name]
        words = ATTRIBUTE_WORDS[name]
        out += ["", f"#### {kind(name)}", "", f"Engels: {_code(name)}."]
        if spec.parent is not None:
            out[-1] += (
                " Geschreven in het blok van "
                + _words([f"[{_code(kind(p))}](#{anchor(kind(p))})" for p in spec.parents], "of")
                + "."
            )
        if spec.identifier_ref is not None:
            targets = _words([_code(kind(t)) for t in spec.identifier_ref.targets], "of")
            out[-1] += f" De identificatie zelf verwijst naar een {targets}."
        rows = [
            [
                _code(words.word(attr.name, "nl")),
                _code(attr.name),
                NL_VALUE_TYPES.get(attr.type, attr.type.value),
                "lijst" if attr.many else "één",
                _words([_code(kind(t)) for t in attr.targets], "of")
                + (" in hetzelfde blok" if attr.scope == "siblings" and spec.parent else ""),
                _pairs_nl(SYMBOL_WORDS[(name, attr.name)], attr.symbols) if attr.symbols else "",
            ]
            for attr in spec.attributes.values()
        ]
        if rows:
            out += [
                "",
                *_table(
                    ["Nederlands", "English", "waarde", "één of lijst", "verwijst naar", "woorden"],
                    rows,
                ),
            ]
        else:
            out += ["", "Deze soort heeft geen eigen attributen."]
        if spec.nested:
            nested = [
                f"[{_code(kind(n.kind))}](#{anchor(kind(n.kind))})" for n in spec.nested.values()
            ]
            out += ["", f"Geneste declaraties in het blok: {_words(nested, 'en')}."]
    return "\n".join(out) + "\n"


# --- writing the files ------------------------------------------------------------


def splice(document: str, section: str) -> str:
    """``document`` with the text between :data:`START` and :data:`END` replaced by ``section``.

    Raises ``ValueError`` when the markers are missing or out of order.
    """
    start = document.find(START)
    end = document.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"the markers {START} and {END} are missing or out of order")
    head = document[: start + len(START)]
    return head + "\n" + section.rstrip("\n") + "\n" + document[end:]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated docs, or with ``--check`` report whether they are up to date."""
    parser = argparse.ArgumentParser(
        prog="python -m govrules.docgen",
        description="Regenerate docs/rules.md, docs/nl/regels.md and the vocabulary sections"
        " of docs/language.md and docs/nl/taal.md.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when a generated part is out of date",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the repository root holding docs/ (default: the current directory)",
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    rules_path = root / RULES_DOC
    language_path = root / LANGUAGE_DOC
    nl_language_path = root / NL_LANGUAGE_DOC
    wanted = {rules_path: rules_reference(), root / NL_RULES_DOC: rules_reference_nl()}
    for path, section in (
        (language_path, vocabulary_reference),
        (nl_language_path, vocabulary_reference_nl),
    ):
        try:
            wanted[path] = splice(path.read_text(encoding="utf-8"), section())
        except (OSError, ValueError) as exc:
            print(f"docgen: {path}: {exc}", file=sys.stderr)
            return 2
    stale = []
    for path, text in wanted.items():
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for path in stale:
        what = "is out of date" if args.check else "rewritten"
        print(f"docgen: {path} {what}", file=sys.stderr)
    if args.check and stale:
        print(f"docgen: run `{REGENERATE}` and commit the result", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
