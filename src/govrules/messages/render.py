"""Rendering a :class:`~govrules.messages.Message` in a language.

A template is a ``str.format`` string whose fields name the message's
arguments; attribute and index look-ups (``{x.y}``, ``{x[0]}``) are refused,
so a catalogue can only place arguments, never reach into them. A format
spec says how the language dresses a value:

=========== ============================================== =====================
spec        argument                                       English
=========== ============================================== =====================
(none)      anything                                       as text; a tuple joined by ", "
``q``       a word                                         quoted: ``'ownr'``
``a``       a kind                                         ``an organization``
``kind``    a kind                                         ``organization``
``kinds``   kinds                                          ``an organization or a body``
``value``   a value (yes/no, none, numbers, dates, lists)  ``yes``, ``none``, ``1.5``
``list``    words                                          ``a, b``
``qlist``   words                                          ``'a', 'b'``
``suggest`` a word or nothing                              ``; did you mean 'x'?``
=========== ============================================== =====================
"""

from __future__ import annotations

import datetime
import decimal
import string
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from govrules.messages import TRANSLATED, Arg, Message


class Language:
    """How one language writes the grammar around a value; English by default."""

    code = "en"
    yes = "yes"
    no = "no"
    none = "none"
    separator = ", "
    alternative = " or "

    def catalogue(self) -> Mapping[str, str]:
        from govrules.messages.english import CATALOG

        return CATALOG

    def kind(self, kind: str) -> str:
        return kind

    def article(self, kind: str) -> str:
        """``organization`` -> ``an organization``."""
        word = self.kind(kind)
        return ("an " if word[:1] in ("a", "e", "i", "o", "u") else "a ") + word

    def kinds(self, kinds: Sequence[str]) -> str:
        """``("organization", "body")`` -> ``an organization or a body``."""
        words = [self.article(k) for k in kinds]
        if len(words) <= 1:
            return "".join(words)
        return self.separator.join(words[:-1]) + self.alternative + words[-1]

    def suggestion(self, word: str) -> str:
        return f"; did you mean {word!r}?"

    def value(self, value: Arg) -> str:
        """How a value of a model appears in a message."""
        if isinstance(value, tuple):
            if not value:
                return self.none
            return self.separator.join(self.value(v) for v in value)
        if isinstance(value, bool):
            return self.yes if value else self.no
        if value is None:
            return self.none
        if isinstance(value, decimal.Decimal):
            return format(value.normalize(), "f") if value == value.to_integral() else str(value)
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Message):
            return render(value, self.code)
        return str(value)


ENGLISH = Language()

LANGUAGES: dict[str, Language] = {"en": ENGLISH}
"""The languages messages can be rendered in, by code."""


def language(code: str) -> Language:
    """The language ``code``; English for a code without a catalogue."""
    if code == "nl" and "nl" not in LANGUAGES:
        import govrules.messages.dutch  # noqa: F401 - registers itself; read only when asked
    return LANGUAGES.get(code, ENGLISH)


def _text(lang: Language, value: Any) -> str:
    if isinstance(value, Message):
        return render(value, lang.code)
    if isinstance(value, tuple):
        return lang.separator.join(_text(lang, v) for v in value)
    return str(value)


_SPECS: dict[str, Callable[[Language, Any], str]] = {
    "": _text,
    "q": lambda lang, v: repr(v),
    "a": lambda lang, v: lang.article(v),
    "kind": lambda lang, v: lang.kind(v),
    "kinds": lambda lang, v: lang.kinds(v),
    "value": lambda lang, v: lang.value(v),
    "list": lambda lang, v: lang.separator.join(str(x) for x in v),
    "qlist": lambda lang, v: lang.separator.join(repr(x) for x in v),
    "suggest": lambda lang, v: "" if v is None else lang.suggestion(v),
}


class _Formatter(string.Formatter):
    def __init__(self, lang: Language) -> None:
        self.lang = lang

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not field_name.isidentifier():
            raise KeyError(f"field {field_name!r}: only argument names may be placed")
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            spec = _SPECS[format_spec]
        except KeyError:
            raise KeyError(f"unknown message format spec {format_spec!r}") from None
        return spec(self.lang, value)


def template(message: Message, lang: str) -> str:
    """The template of ``message`` in ``lang``, falling back to English."""
    chosen = language(lang).catalogue().get(message.id)
    if chosen is None:
        chosen = ENGLISH.catalogue()[message.id]
    return chosen


def render(message: Message, lang: str = "en") -> str:
    """The text of ``message`` in the language ``lang``."""
    if message.id == TRANSLATED:
        texts = dict(message.args)
        text = texts.get(lang, texts.get("en", ""))
        return text if isinstance(text, str) else ""
    chosen = language(lang)
    return _Formatter(chosen).vformat(template(message, lang), (), dict(message.args))


__all__ = ["ENGLISH", "LANGUAGES", "Language", "language", "render", "template"]
