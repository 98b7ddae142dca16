"""Helpers of the HTML report tests: a small model and a parsed page (imported by name)."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import attrs

# A municipality whose label is markup, a work organization with a suppressed finding
# (until 2026-06-30) and a product financed without an owner (OWN001, an error).
SMALL_MODEL = """\
organization gemeente "Gemeente <script>alert(1)</script>" {
  kind municipality
}

# govrules: ignore[COL006] until 2026-06-30 -- de ondernemingsraad wordt opgericht
organization werk "Werk & \\"Co\\" </svg>" {
  staff 180
  established_by gemeente
}

body raad "Raad" {
  kind council
  of gemeente
}

product paspoort "Paspoort"

financing bijdrage "Bijdrage" {
  from gemeente
  to werk
  for paspoort
  amount EUR 100_000 per year
}
"""


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = attrs.field(factory=list)

    @property
    def content(self) -> str:
        return " ".join(" ".join(self.text).split())


class Page(HTMLParser):
    """Every element of an HTML document with its attributes and the text inside it."""

    VOID = frozenset({"meta", "input", "br", "link", "img", "hr", "col", "source"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attributes})
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attributes}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[Element]:
        """The elements ``tag`` whose attributes include ``wanted`` (``class_`` for class)."""
        found = []
        for e in self.elements:
            if e.tag != tag:
                continue
            if all(
                (v in e.attrs.get("class", "").split())
                if k == "class_"
                else e.attrs.get(k.replace("_", "-")) == v
                for k, v in wanted.items()
            ):
                found.append(e)
        return found

    def one(self, tag: str, **wanted: str) -> Element:
        found = self.all(tag, **wanted)
        assert len(found) == 1, (tag, wanted, len(found))
        return found[0]


def chromium_path() -> str | None:
    """Debian's chromium (``GOVRULES_CHROMIUM`` names another), if installed."""
    named = os.environ.get("GOVRULES_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")
