"""Dutch: the catalogue (a gettext ``.po`` file read with Babel) and the grammar around values.

The catalogue is ``govrules/locale/nl/LC_MESSAGES/govrules.po``, where
translators expect it: each entry's ``msgctxt`` is the message id, its
``msgid`` the English template and its ``msgstr`` the Dutch one. It is read
once, the first time a Dutch message is rendered, so an English run never
pays for it. An entry whose English has changed since it was translated
(``msgid`` no longer the English template) is not used: the English text is
shown until a translator updates it, and a test lists such entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from govrules.messages.render import LANGUAGES, Language
from govrules.model.dutch import KINDS as KIND_WORDS

PO_FILE = ("locale", "nl", "LC_MESSAGES", "govrules.po")
"""Where the Dutch catalogue lies inside the package."""


@cache
def po_entries() -> Mapping[str, tuple[str, str]]:
    """Every entry of the Dutch ``.po`` file: id -> (English it translates, Dutch)."""
    from babel.messages.pofile import read_po

    path = resources.files("govrules").joinpath(*PO_FILE)
    with path.open("rb") as fh:
        catalog = read_po(fh)
    entries: dict[str, tuple[str, str]] = {}
    for message in catalog:
        english, dutch = message.id, message.string
        if message.context and isinstance(english, str) and isinstance(dutch, str) and dutch:
            entries[message.context] = (english, dutch)
    return MappingProxyType(entries)


@cache
def catalogue() -> Mapping[str, str]:
    """The Dutch templates whose English source is current."""
    from govrules.messages.english import CATALOG

    return MappingProxyType(
        {
            ident: dutch
            for ident, (english, dutch) in po_entries().items()
            if CATALOG.get(ident) == english
        }
    )


class Dutch(Language):
    """Dutch words and grammar: ``een organisatie of een orgaan``, ``ja``/``nee``, ``geen``."""

    code = "nl"
    yes = "ja"
    no = "nee"
    none = "geen"
    alternative = " of "

    def catalogue(self) -> Mapping[str, str]:
        return catalogue()

    def kind(self, kind: str) -> str:
        return KIND_WORDS.get(kind, kind)

    def article(self, kind: str) -> str:
        return "een " + self.kind(kind)

    def suggestion(self, word: str) -> str:
        return f"; bedoelt u {word!r}?"


DUTCH = Dutch()
LANGUAGES["nl"] = DUTCH
