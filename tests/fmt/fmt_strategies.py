"""Hypothesis strategies that write random valid .gov models in random layouts.

A model is drawn from the vocabulary (kinds, their attributes and nested kinds,
values of each attribute's type), then written out with random indentation,
spacing, list wrapping, blank lines, single-line blocks, trailing blanks,
comments in every position (suppressions among them), CRLF or LF and maybe a
byte-order mark. Some values are deliberately wrong (an unknown word, a text
where a number belongs) so the model diagnostics are exercised too.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import strategies as st

from govrules.model.schema import AttrSpec
from govrules.model.values import ValueType
from govrules.vocabulary import KINDS, TOP_LEVEL_KINDS

IDENTIFIERS = [
    "gemeente",
    "werkorganisatie",
    "gem_a",
    "gem-b",
    "x",
    "gemeente_súdwest-fryslân",
    "ĳsbaan",
    "p2",
]
COMMENTS = [
    "#",
    "# a note",
    "#no space",
    "#   indented text",
    "# ünïcode, tabs\tand # hashes",
    '# looks like code: product p { owner "x" }',
    "# govrules: ignore[OWN001] -- accepted for now",
    "# govrules: ignore[SUP001,OWN002] until 2030-01-01 -- transition",
    "# govrules: ignore[OWN001]",
]
LABELS = [
    '"Label"',
    '""',
    '"Gemeente \\"Oost\\" \\\\ dal"',
    '"Súdwest-Fryslân"',
    '"a # not a comment"',
]
LONG_TEXTS = [
    '"""short"""',
    '"""\n    Two lines\n    of text.\n  """',
    '"""First line\n        deeper\n  shallower   \n"""',
    '"""\n\n   blank lines around\n\n"""',
]


def _value(draw: Any, attr: AttrSpec) -> list[str]:
    """One value of the attribute's type, as a list of atoms (sometimes a wrong one)."""
    t = attr.type
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([["12"], ['"text"'], ["wrong_word"], ["2026-02-30"]]))
    if t is ValueType.REFERENCE:
        return [draw(st.sampled_from(IDENTIFIERS))]
    if t is ValueType.SYMBOL:
        return [draw(st.sampled_from(attr.symbols))]
    if t is ValueType.TEXT:
        return [draw(st.sampled_from(LABELS + LONG_TEXTS))]
    if t is ValueType.TEXT_OR_REFERENCE:
        return [draw(st.sampled_from(LABELS + IDENTIFIERS))]
    if t in (ValueType.INTEGER, ValueType.NUMBER):
        return [draw(st.sampled_from(["0", "120", "14_500", "0007", "2.5"]))]
    if t is ValueType.MONEY:
        period = draw(st.sampled_from([[], ["per", "year"], ["per", "month"], ["per", "quarter"]]))
        return ["EUR", draw(st.sampled_from(["1_200_000", "250_000", "0.50"])), *period]
    if t is ValueType.DATE:
        return [draw(st.sampled_from(["2026-12-31", "2014-08-01", "2030-07-31"]))]
    if t is ValueType.DURATION:
        return [draw(st.sampled_from(["25", "6", "1"])), draw(st.sampled_from(["years", "month"]))]
    if t is ValueType.TARGET:
        return draw(
            st.sampled_from(
                [["<=", "5", "days"], [">=", "95", "%"], ["==", "0"], ["<", "EUR", "10_000"]]
            )
        )
    if t is ValueType.BOOLEAN:
        return [draw(st.sampled_from(["yes", "no"]))]
    raise AssertionError(f"no strategy for {t}")


@st.composite
def declarations(draw: Any, kind: str, depth: int = 0) -> dict[str, Any]:
    """A declaration of ``kind``: identifier, maybe a label, maybe a block of entries."""
    spec = KINDS[kind]
    decl: dict[str, Any] = {
        "head": kind,
        "items": [[draw(st.sampled_from(IDENTIFIERS))]],
        "block": None,
    }
    if draw(st.booleans()):
        decl["items"][0].append(draw(st.sampled_from(LABELS)))
    if draw(st.integers(0, 4)) == 0:
        return decl
    entries: list[dict[str, Any]] = []
    names = list(spec.attributes)
    for _ in range(draw(st.integers(0, 5))):
        if spec.nested and depth < 2 and draw(st.integers(0, 3)) == 0:
            nested_kind = draw(st.sampled_from(list(spec.nested)))
            entries.append(draw(declarations(nested_kind, depth + 1)))
            continue
        if not names:
            continue
        name = draw(st.sampled_from(names))
        attr = spec.attributes[name]
        count = draw(st.integers(1, 7)) if attr.many else 1
        if draw(st.integers(0, 29)) == 0:
            name = "unknown_attribute"
        entries.append(
            {"head": name, "items": [_value(draw, attr) for _ in range(count)], "block": None}
        )
    decl["block"] = entries
    return decl


@st.composite
def models(draw: Any) -> list[dict[str, Any]]:
    """A list of top-level declarations."""
    kinds = st.sampled_from(TOP_LEVEL_KINDS)
    return [draw(declarations(draw(kinds))) for _ in range(draw(st.integers(0, 5)))]


class _Writer:
    """Writes a drawn model as text, drawing every layout choice."""

    def __init__(self, draw: Any) -> None:
        self.draw = draw
        self.lines: list[str] = []
        self.current = ""

    def choice(self, *options: str) -> str:
        return str(self.draw(st.sampled_from(options)))

    def coin(self, one_in: int = 2) -> bool:
        return bool(self.draw(st.integers(0, one_in - 1)) == 0)

    def space(self, allow_none: bool = False) -> str:
        return self.choice(*([""] if allow_none else []), " ", " ", "  ", "\t", " \t ")

    def indent(self, level: int) -> str:
        return self.choice("  " * level, "    " * level, "\t" * level, " " * level, "")

    def comment(self) -> str:
        return str(self.draw(st.sampled_from(COMMENTS)))

    def end_line(self, *, comment_ok: bool = True) -> None:
        """Finish the current line, maybe with an end-of-line comment and trailing blanks."""
        line = self.current
        if comment_ok and self.coin(4):
            line += self.space(allow_none=True) + self.comment()
        if self.coin(6):
            line += self.choice(" ", "\t", "   ")
        self.lines.append(line)
        self.current = ""

    def filler(self, level: int) -> None:
        """Blank lines and full-line comments between statements."""
        for _ in range(self.draw(st.integers(0, 3))):
            if self.coin(2):
                self.lines.append(self.choice("", "  ", "\t"))
            else:
                self.lines.append(self.indent(level) + self.comment())

    def items(self, items: list[list[str]], level: int) -> None:
        for k, item in enumerate(items):
            if k:
                self.current += self.space(allow_none=True) + ","
                if self.coin(3):
                    self.end_line()
                    if self.coin(4):
                        self.lines.append(self.indent(level + 1) + self.comment())
                    self.current = self.indent(level + 1) + self.choice("", "  ")
                else:
                    self.current += self.space(allow_none=True)
            self.current += self.atoms(item)

    def atoms(self, atoms: list[str]) -> str:
        out = atoms[0]
        for prev, atom in itertools.pairwise(atoms):
            # Atoms may touch where the lexer still splits them: after an operator, before '%'.
            together = prev in ("<=", ">=", "==", "<") or atom == "%"
            out += self.space(allow_none=together) + atom
        return out

    def statement(self, stmt: dict[str, Any], level: int, *, inline: bool = False) -> None:
        """Write one statement; ``inline`` means it continues the current line."""
        if not inline:
            self.current = self.indent(level)
        self.current += stmt["head"]
        if stmt["items"]:
            self.current += self.space()
            self.items(stmt["items"], level)
        block = stmt["block"]
        if block is None:
            return
        self.current += self.space(allow_none=True) + "{"
        simple = len(block) == 1 and block[0]["block"] is None
        if not block or (simple and self.coin(3)):
            # All on one line: `{}` or `{ owner a }`.
            for inner in block:
                self.current += self.space(allow_none=True)
                self.statement(inner, level + 1, inline=True)
            self.current += self.space(allow_none=True) + "}"
            return
        self.end_line()
        for k, inner in enumerate(block):
            if k or self.coin(3):
                self.filler(level + 1)
            self.statement(inner, level + 1)
            if k < len(block) - 1 or self.coin(3):
                self.end_line()
            else:
                self.current += self.space(allow_none=True)  # '}' right after the last statement
                self.current += "}"
                return
        self.filler(level + 1)
        self.current = self.indent(level) + "}"


@st.composite
def gov_texts(draw: Any) -> str:
    """The text of a random valid model in a random layout."""
    writer = _Writer(draw)
    writer.filler(0)
    for decl in draw(models()):
        writer.statement(decl, 0)
        writer.end_line()
        writer.filler(0)
    text = "\n".join(writer.lines)
    if writer.lines and draw(st.booleans()):
        text += "\n"
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n")
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text
