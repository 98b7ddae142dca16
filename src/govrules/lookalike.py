"""Look-alike identifiers: two names that read the same but are different (UTS #39).

``gemeente`` and ``g\u0435meente`` (a Cyrillic ``e``, U+0435) are two organizations to
govrules and one to a reader, so a reference can bind to the impostor while
the model lints clean. Unicode Technical Standard #39 calls two strings
*confusable* when their *skeletons* coincide: each character mapped to the
prototype it can be mistaken for. The confusables data is Unicode's, as
shipped by the ``confusable_homoglyphs`` package (kept, MIT, the data of
UTS #39's ``confusables.txt``); it is read as JSON data, never imported as code.

Only a pair with a character outside ASCII is reported: ``l1`` and ``ll``
are confusable by the standard but are how people write identifiers, and a
model of plain ASCII names never loads the data at all.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from govrules.diagnostics import Finding, Related, Severity
from govrules.messages import msg
from govrules.model.objects import Declaration
from govrules.suggest import character_differences


@cache
def _prototypes() -> dict[str, str]:
    """Each character's stand-in: one per class of characters that can be taken for each other.

    The package's table is symmetric (each character lists what it looks
    like, both ways). Sources in ``confusables.txt`` are single characters,
    so the classes of single characters, joined where they meet, are the
    standard's prototype classes; a class that meets a sequence (``m`` and
    ``rn``) maps to that sequence, spelt in its own characters' stand-ins.
    """
    data = json.loads(
        resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8")
    )
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        root = c
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(c, c) != root:
            parent[c], c = root, parent[c]
        return root

    sequences: dict[str, list[str]] = {}
    for key, homoglyphs in data.items():
        for entry in homoglyphs:
            other = _bare(entry["c"])
            a, b = _bare(key), other
            if len(a) == 1 and len(b) == 1:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            elif len(a) == 1:
                sequences.setdefault(a, []).append(b)
            elif len(b) == 1:
                sequences.setdefault(b, []).append(a)
    single = {c: find(c) for c in list(parent)}
    by_root: dict[str, str] = {}
    for c, seqs in sequences.items():
        root = single.get(c, c)
        spelt = min("".join(single.get(x, x) for x in s) for s in seqs)
        by_root[root] = min(by_root.get(root, spelt), spelt)
    out = {c: by_root.get(root, root) for c, root in single.items()}
    for c in sequences:
        out.setdefault(c, by_root[c])
    return out


def _bare(text: str) -> str:
    """A table entry without the left-to-right marks the package puts around RTL letters."""
    return text.replace("\u200e", "").replace("\u200f", "")


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again."""
    table = _prototypes()
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def lookalike_findings(declarations: Sequence[Declaration]) -> list[Finding]:
    """A GR304 at each non-ASCII identifier whose skeleton another identifier shares."""
    if all(decl.id.isascii() for decl in declarations):
        return []
    groups: dict[str, list[Declaration]] = {}
    for decl in _firsts(declarations):
        groups.setdefault(skeleton(decl.id), []).append(decl)
    findings = []
    for group in groups.values():
        if len(group) < 2:
            continue
        for decl in group:
            if decl.id.isascii():
                continue
            other = next(d for d in group if d is not decl)
            findings.append(
                Finding(
                    "GR304",
                    Severity.ERROR,
                    msg(
                        "GR304.lookalike",
                        name=decl.id,
                        other=other.id,
                        subject=other.subject,
                        line=other.span.line,
                        differences=character_differences(decl.id, other.id),
                    ),
                    decl.span,
                    subject=decl.subject,
                    related=(Related(other.span, msg("GR304.other", subject=other.subject)),),
                )
            )
    return findings


def _firsts(declarations: Iterable[Declaration]) -> list[Declaration]:
    """Each identifier once (a duplicate is GR301's, not a look-alike)."""
    seen: dict[str, Declaration] = {}
    for decl in declarations:
        seen.setdefault(decl.id, decl)
    return list(seen.values())
