"""Hover: what a kind, attribute, symbol or identifier is, and what a finding asks."""

from __future__ import annotations

import os

from lsprotocol import types

from govrules.diagnostics import MODEL_CODES, Finding, RuleInfo
from govrules.lsp import vocab
from govrules.lsp.context import Context, cursor_context
from govrules.lsp.features.navigation import occurrence_at
from govrules.lsp.positions import contains
from govrules.lsp.state import Snapshot, absolute
from govrules.model.objects import Declaration
from govrules.vocabulary import KINDS


def _kind(word: str, lang: str) -> str:
    return f"**{word}** (kind)\n\n{vocab.kind_doc(word, lang)}"


def _attribute(kind: str, word: str, lang: str) -> str | None:
    attr = KINDS[kind].attributes.get(word)
    if attr is None:
        return None
    parts = [
        f"**{kind}.{word}** (attribute)",
        vocab.attribute_doc(kind, attr, lang),
        f"Takes {vocab.value_description(attr)}.",
    ]
    inverse = vocab.inverse_of(kind, attr)
    if inverse is not None:
        parts.append(f"Read backwards in rules as `{attr.targets[0]}.{inverse}`.")
    return "\n\n".join(parts)


def _symbol(kind: str, attribute: str, word: str, lang: str) -> str | None:
    attr = KINDS[kind].attributes[attribute]
    if word not in attr.symbols:
        return None
    others = ", ".join(f"`{s}`" for s in attr.symbols if s != word)
    return (
        f"**{word}** (a value of {kind}.{attribute})\n\n"
        f"{vocab.attribute_doc(kind, attr, lang)}\n\nThe other values: {others}."
    )


def _declaration(decl: Declaration, snapshot: Snapshot, lang: str) -> str:
    label = f' "{decl.label.value}"' if decl.label is not None else ""
    path = absolute(decl.span.file)
    folder = snapshot.target if os.path.isdir(snapshot.target) else os.path.dirname(path)
    where = f"{os.path.relpath(path, folder)}:{decl.span.line}"
    return f"**{decl.subject}**{label}\n\n{vocab.kind_doc(decl.KIND, lang)}\n\nDeclared at {where}."


def word_hover(context: Context, lang: str) -> str | None:
    """The documentation of the vocabulary word under the cursor, if it is one."""
    word = context.word
    if not word:
        return None
    inner = context.kind
    if context.in_head:
        if not context.kinds:
            return _kind(word, lang) if word in vocab.top_level_kinds() else None
        if inner is None:
            return None
        if word in KINDS[inner].nested:
            return _kind(word, lang)
        return _attribute(inner, word, lang)
    attribute = context.attribute
    if inner is not None and attribute is not None:
        return _symbol(inner, attribute, word, lang)
    return None


def explanation(finding: Finding, rules: dict[str, RuleInfo], lang: str) -> str:
    """A finding's message, with its rule's title, why and fix (or the model code's meaning)."""
    parts = [f"**{finding.code}** {finding.text.render(lang)}"]
    info = rules.get(finding.code)
    if finding.code in MODEL_CODES:
        parts.append(f"{finding.code}: {MODEL_CODES[finding.code]}.")
    elif info is not None:
        parts.append(f"*{info.title}*")
        if info.why:
            parts.append(info.why)
    if finding.fix_text is not None:
        parts.append(f"Fix: {finding.fix_text.render(lang)}")
    elif info is not None and info.fix:
        parts.append(f"Fix: {info.fix}")
    return "\n\n".join(parts)


def hover(
    snapshot: Snapshot, path: str, text: str, position: types.Position, encoding: str
) -> types.Hover | None:
    """Everything there is to say about the place under the cursor."""
    lang = snapshot.linted.report.lang
    lines = snapshot.lines(path, encoding)
    line, column = lines.point(position)
    parts: list[str] = []
    rules = {r.code: r for r in snapshot.linted.report.rules}
    for finding in snapshot.findings.get(path, ()):
        if contains(finding.location, line, column):
            parts.append(explanation(finding, rules, lang))
    occurrence = occurrence_at(snapshot, path, position, encoding)
    if occurrence is not None and occurrence.target is not None:
        parts.insert(0, _declaration(occurrence.target, snapshot, lang))
    elif occurrence is None:
        about = word_hover(cursor_context(text, line, column), lang)
        if about is not None:
            parts.insert(0, about)
    if not parts:
        return None
    value = "\n\n---\n\n".join(parts)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value))
