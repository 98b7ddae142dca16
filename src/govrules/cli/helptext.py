"""``--help`` in the user's language.

The English help is what the commands declare (docstrings, ``help=`` of the
options, the short helps of :data:`govrules.cli.COMMANDS`). Other languages
translate those texts in a gettext catalogue where each ``msgid`` is the
English text, as gettext intends (``locale/nl/LC_MESSAGES/govrules-help.po``,
kept in step by ``python -m govrules.messages.po``). Every command's context
makes a :class:`HelpFormatter` that looks each text up as it is written, so
the commands themselves hold no translation and English help is untouched.
A text without a current translation is shown in English.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import click

from govrules.messages import LANGUAGE_CODES

HELP_PO = ("locale", "{lang}", "LC_MESSAGES", "govrules-help.po")
"""Where a language's help catalogue lies inside the package."""

_WORDS: Mapping[str, Mapping[str, str]] = {
    "nl": {
        "Usage: ": "Gebruik: ",
        "Options": "Opties",
        "Commands": "Commando's",
        "Arguments": "Argumenten",
        "default: ": "standaard: ",
        "env var: ": "omgevingsvariabele: ",
        "required": "verplicht",
    }
}
"""click's own words around the texts (headings, the usage prefix, option extras)."""


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """English help text -> its translation in ``lang`` (empty for English)."""
    if lang == "en":
        return MappingProxyType({})
    from importlib import resources

    from babel.messages.pofile import read_po

    parts = [p.format(lang=lang) for p in HELP_PO]
    path = resources.files("govrules").joinpath(*parts)
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh)
    except FileNotFoundError:
        return MappingProxyType({})
    return MappingProxyType(
        {
            m.id: m.string
            for m in catalog
            if isinstance(m.id, str)
            and m.id
            and isinstance(m.string, str)
            and m.string
            and "fuzzy" not in m.flags
        }
    )


class HelpFormatter(click.HelpFormatter):
    """click's formatter, writing each text of the help in ``lang``."""

    def __init__(self, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.texts = catalogue(lang)
        self.words = _WORDS.get(lang, {})

    def translate(self, text: str) -> str:
        found = self.texts.get(text)
        if found is not None or not self.texts:
            return text if found is None else found
        if text.endswith("..."):
            # A short help click cut to the terminal's width: cut the translation alike.
            start = text[:-3]
            for english, other in self.texts.items():
                if english.startswith(start):
                    return _shorten(other, len(text))
        return text

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        super().write_usage(prog, args, self.words.get(prefix, prefix))

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.words.get(heading, heading))

    def write_text(self, text: str) -> None:
        super().write_text(self.translate(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        shown = [(term, self._definition(text)) for term, text in rows]
        super().write_dl(shown, col_max, col_spacing)

    def _definition(self, text: str) -> str:
        """An option's help with click's extras (``  [default: x; required]``) in ``lang``."""
        help_text, sep, extras = text.rpartition("  [") if text.endswith("]") else (text, "", "")
        if not sep:
            if text.startswith("[") and text.endswith("]"):
                return self._extras(text)
            return self.translate(text)
        return self.translate(help_text) + "  " + self._extras("[" + extras)

    def _extras(self, text: str) -> str:
        for english, other in self.words.items():
            if english.endswith(": ") or english == "required":
                text = text.replace(english, other)
        return text


def _shorten(text: str, width: int) -> str:
    """The first words of ``text`` that fit in ``width`` with ``...`` after them."""
    shown = ""
    for word in text.split("\n\n", 1)[0].split():
        longer = f"{shown} {word}" if shown else word
        if len(longer) + 3 > width:
            break
        shown = longer
    return shown + "..."


def help_language(ctx: click.Context | None) -> str:
    """``--lang`` of this command or a parent (for help: given before ``--help``), else
    ``GOVRULES_LANG``, else English; an unknown value is English (it is reported where read)."""
    current = ctx
    while current is not None:
        lang = current.params.get("lang")
        if lang in LANGUAGE_CODES:
            return str(lang)
        current = current.parent
    env = os.environ.get("GOVRULES_LANG", "").strip()
    return env if env in LANGUAGE_CODES else "en"


class HelpContext(click.Context):
    """A context whose help is written in the user's language."""

    def make_formatter(self) -> click.HelpFormatter:
        return HelpFormatter(
            help_language(self), width=self.terminal_width, max_width=self.max_content_width
        )


def help_texts(group: click.Group, short_helps: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Every English text ``--help`` can show, with where it comes from (``lint --format``).

    For the catalogue and its test; ``short_helps`` are the root's command
    list (declared beside the lazy commands so that listing them imports nothing).
    """
    ctx = click.Context(group, info_name="govrules")
    yield from _own_texts(group, ctx)
    for name, short in short_helps.items():
        yield f"govrules {name} (short)", short
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None:
            yield from _texts(command, click.Context(command, info_name=name, parent=ctx))


def _texts(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str]]:
    yield from _own_texts(command, ctx)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                sub_ctx = click.Context(sub, info_name=name, parent=ctx)
                yield f"{sub_ctx.command_path} (short)", sub.get_short_help_str(limit=10_000)
                yield from _texts(sub, sub_ctx)


def _own_texts(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str]]:
    if command.help:
        yield ctx.command_path, inspect.cleandoc(command.help).partition("\f")[0]
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.help:
            yield f"{ctx.command_path} {max(param.opts, key=len)}", param.help


def use_help_context(command: click.Command) -> click.Command:
    """``command`` (and its subcommands) writing ``--help`` in the user's language."""
    command.context_class = HelpContext
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            use_help_context(sub)
    return command


__all__ = [
    "HELP_PO",
    "HelpContext",
    "HelpFormatter",
    "catalogue",
    "help_language",
    "help_texts",
    "use_help_context",
]
