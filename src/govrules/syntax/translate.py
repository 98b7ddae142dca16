"""Rewrite a file's keywords, attribute names and symbols into one language (``fmt --lang``).

Works on the syntax tree, like the formatter: a token that is a word of the
language (a kind keyword, an attribute or nested kind inside a block, a
symbol, ``yes``/``no``, a period of money, a unit of time) is replaced by the
word the other language uses for the same thing; identifiers, labels, texts,
numbers, dates and comments are never touched. Words the vocabulary does not
know are left as written (the linter reports them). A word that already
belongs to the target language stays as the user wrote it (``dagelijks_bestuur``
and ``college`` are both Dutch for ``executive``).

The builder reads the result as the same model: every replacement maps a
word to one of the words the builder reads as the same English name.
"""

from __future__ import annotations

from lark import Token

from govrules.model.schema import AttrSpec
from govrules.model.values import DURATION_UNITS, ValueType
from govrules.syntax.tree import Block, Item, ParsedFile, Stmt
from govrules.vocabulary import (
    ATTRIBUTE_WORDS,
    BOOLEAN_WORDS,
    DUTCH_TARGET_UNITS,
    KIND_WORDS,
    KINDS,
    PERIOD_WORDS,
    SYMBOL_WORDS,
    UNIT_WORDS,
    Words,
)


def translate(parsed: ParsedFile, lang: str) -> ParsedFile:
    """``parsed`` with every word of the language written in ``lang``."""
    stmts = tuple(_top(stmt, lang) for stmt in parsed.stmts)
    return parsed._replace(stmts=stmts)


def _word(tok: Token, words: Words, lang: str) -> Token:
    """``tok`` in ``lang`` when it is one of ``words`` and not already of that language."""
    name = words.name(tok.value)
    if name is None or tok.value in words.accepted[lang]:
        return tok
    return Token.new_borrow_pos(tok.type, words.word(name, lang), tok)


def _top(stmt: Stmt, lang: str) -> Stmt:
    kind = KIND_WORDS.name(stmt.head.value)
    head = _word(stmt.head, KIND_WORDS, lang)
    if kind is None or KINDS[kind].is_nested:
        return stmt._replace(head=head)
    return _inside(stmt._replace(head=head), kind, lang)


def _inside(stmt: Stmt, kind: str, lang: str) -> Stmt:
    """The statements of ``kind``'s block in ``lang``."""
    if stmt.block is None:
        return stmt
    words = ATTRIBUTE_WORDS[kind]
    spec = KINDS[kind]
    inner: list[Stmt] = []
    for child in stmt.block.stmts:
        name = words.name(child.head.value)
        head = _word(child.head, words, lang)
        if name is not None and name in spec.nested:
            inner.append(_inside(child._replace(head=head), name, lang))
            continue
        attr = spec.attributes.get(name) if name is not None else None
        items = (
            child.items if attr is None else tuple(_value(i, kind, attr, lang) for i in child.items)
        )
        inner.append(child._replace(head=head, items=items))
    block = Block(stmt.block.open, tuple(inner), stmt.block.close)
    return stmt._replace(block=block)


def _value(item: Item, kind: str, attr: AttrSpec, lang: str) -> Item:
    """One value of ``attr`` with its words in ``lang``."""
    if attr.type is ValueType.SYMBOL and len(item) == 1 and item[0].type == "NAME":
        return (_word(item[0], SYMBOL_WORDS[(kind, attr.name)], lang),)
    if attr.type is ValueType.BOOLEAN and len(item) == 1 and item[0].type == "NAME":
        return (_word(item[0], BOOLEAN_WORDS, lang),)
    if attr.type is ValueType.MONEY and len(item) == 4 and item[2].value == "per":
        return (*item[:3], _word(item[3], PERIOD_WORDS, lang))
    if attr.type is ValueType.DURATION and len(item) == 2 and item[1].type == "NAME":
        return (item[0], _unit(item[1], item[0].value, lang))
    if attr.type is ValueType.TARGET and len(item) == 3 and item[2].type == "NAME":
        return (*item[:2], _target_unit(item[2], lang))
    return item


def _unit(tok: Token, number: str, lang: str) -> Token:
    """A duration's unit in ``lang``, singular for one (``1 maand``, ``1 year``)."""
    written = str(tok.value)
    name = UNIT_WORDS.name(written)
    if name is None and written + "s" in DURATION_UNITS:
        name = written + "s"  # an English singular, as in "1 year"
    english = written in DURATION_UNITS or written + "s" in DURATION_UNITS
    if name is None or (english if lang == "en" else written in UNIT_WORDS.accepted[lang]):
        return tok
    one = number.replace("_", "") in ("1", "1.0")
    if lang == "en":
        word = name[:-1] if one else name
    else:
        plural, *singular = UNIT_WORDS.all_words(name, lang)
        word = singular[0] if one and singular else plural
    return Token.new_borrow_pos(tok.type, word, tok)


def _target_unit(tok: Token, lang: str) -> Token:
    """A target's unit of time, swapped only for a word the builder reads as the same unit.

    ``<= 5 days`` and ``<= 5 dagen`` are the same target; any other unit word
    (``<= 1 day``, ``<= 2 week``, ``%``) is read as written, so it stays.
    """
    written = str(tok.value)
    if lang == "en" and written in DUTCH_TARGET_UNITS:
        name = UNIT_WORDS.name(written)
        return tok if name is None else Token.new_borrow_pos(tok.type, name, tok)
    if lang != "en" and written in DURATION_UNITS:
        for word in UNIT_WORDS.all_words(written, lang):
            if word in DUTCH_TARGET_UNITS:
                return Token.new_borrow_pos(tok.type, word, tok)
    return tok


__all__ = ["translate"]
