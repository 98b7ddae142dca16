"""Messages as data: an id and its arguments, rendered in a language at the edge.

A finding does not carry a sentence but a :class:`Message`: the id of a
template in a catalogue (``"GR302.undefined"``) and the values that fill it
(``name="gemeente"``). The text is made when a face shows it, in the
language the user asked for, so another language is another catalogue, not
an edit of the modules that find problems.

Templates are ``str.format`` strings over the argument names, with a small
set of format specs for the grammar a language builds around a value
(articles, lists, yes/no): see :mod:`govrules.messages.render`. English is
the source language: its text of a message is computed once, when the
message is made, because identities (baselines, SARIF fingerprints) and the
order of findings are keyed on it and must not depend on the language of the
run.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Mapping
from typing import Final, TypeAlias

import attrs

Arg: TypeAlias = (
    "str | int | bool | decimal.Decimal | datetime.date | tuple[Arg, ...] | Message | None"
)
"""What a message argument may be: plain values, tuples of them, or another message."""

LANGUAGE_CODES: Final = ("en", "nl")
"""The languages govrules speaks; English is the source language and the default."""

VERBATIM = "verbatim"
"""The id of a message that is its one argument, as written (text from a user's file)."""


def _check_arg(name: str, value: object) -> Arg:
    if isinstance(value, list):
        value = tuple(value)
    if isinstance(value, tuple):
        return tuple(_check_arg(name, v) for v in value)
    if value is None or isinstance(value, str | int | decimal.Decimal | datetime.date | Message):
        return value  # bool is an int
    raise TypeError(f"message argument {name!r} of type {type(value).__name__}")


@attrs.frozen(slots=True)
class Message:
    """A message id and its arguments; ``str(message)`` is its English text."""

    id: str
    args: tuple[tuple[str, Arg], ...] = ()
    english: str = attrs.field(default="", eq=False, hash=False, repr=False)
    """The English text, made once (see the module docstring)."""

    def __attrs_post_init__(self) -> None:
        if not self.english:
            from govrules.messages.render import render

            object.__setattr__(self, "english", render(self, "en"))

    @property
    def arguments(self) -> Mapping[str, Arg]:
        return dict(self.args)

    def render(self, lang: str = "en") -> str:
        """The text of this message in ``lang`` (English when the catalogue lacks it)."""
        if lang == "en":
            return self.english
        from govrules.messages.render import render

        return render(self, lang)

    def __str__(self) -> str:
        return self.english

    def __add__(self, other: Message | str) -> Message:
        """Two messages shown one after the other (a note added to a finding's message)."""
        return msg("concat", first=self, second=as_message(other))


def msg(id: str, /, **args: object) -> Message:
    """The message ``id`` with ``args``; an unknown id is a programming error (KeyError)."""
    from govrules.messages.english import CATALOG

    if id not in CATALOG:
        raise KeyError(f"no message {id!r} in the catalogue")
    return Message(id, tuple((k, _check_arg(k, v)) for k, v in args.items()))


def counted(id: str, count: int, /, **args: object) -> Message:
    """``id.one`` for one thing, ``id.many`` (with ``count``) for any other number."""
    return msg(f"{id}.{'one' if count == 1 else 'many'}", count=count, **args)


def verbatim(text: str) -> Message:
    """A message that is ``text`` as it is, in every language (a user's own words)."""
    return Message(VERBATIM, (("text", text),), english=text)


TRANSLATED = "translated"
"""The id of a text its author wrote in several languages (a rule's message and fix)."""


def translated(texts: Mapping[str, str]) -> Message:
    """A text given per language (``{"en": ..., "nl": ...}``); English must be among them.

    It renders as the text of the language asked for, or the English one where
    that language has none: a rule written only in English still reads in Dutch.
    """
    english = texts["en"]
    if len(texts) == 1:
        return verbatim(english)
    args = tuple((code, texts[code]) for code in LANGUAGE_CODES if code in texts)
    return Message(TRANSLATED, args, english=english)


def as_message(value: Message | str) -> Message:
    """``value`` as a message: a plain string is taken verbatim.

    Library users and rule files may still hand over plain text; it is shown
    as written in every language.
    """
    return value if isinstance(value, Message) else verbatim(value)


def as_optional_message(value: Message | str | None) -> Message | None:
    return None if value is None else as_message(value)


__all__ = [
    "LANGUAGE_CODES",
    "TRANSLATED",
    "VERBATIM",
    "Arg",
    "Message",
    "as_message",
    "as_optional_message",
    "counted",
    "msg",
    "translated",
    "verbatim",
]
