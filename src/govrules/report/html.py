"""The HTML report: a :class:`~govrules.report.html_page.Page` through a Jinja2 template.

One self-contained file: the style sheet and the script are placed inline
and a Content-Security-Policy allows exactly those two (by their SHA-256
hashes) and nothing from the network, so the page cannot fetch anything
even if a text in it tried. Escaping is Jinja2's autoescape, never string
concatenation; the only markup placed unescaped is the package's own style
sheet and script and the SVG that Graphviz drew (it escapes every label).
"""

from __future__ import annotations

import base64
import functools
import hashlib

import jinja2
from markupsafe import Markup

from govrules.messages import msg
from govrules.report.html_page import SEVERITIES, Page

TEMPLATE = "report.html.j2"


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("govrules.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _asset(name: str) -> str:
    loader = _environment().loader
    assert loader is not None
    source, _filename, _uptodate = loader.get_source(_environment(), name)
    return source


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def render_html(page: Page) -> str:
    """The report as one HTML document."""
    style, script = _asset("report.css"), _asset("report.js")

    def t(ident: str, **args: object) -> str:
        return msg(ident, **args).render(page.lang)

    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            page=page,
            t=t,
            severities=[s.label for s in SEVERITIES],
            style=Markup(style),  # noqa: S704 -- the package's own file, not user input
            script=Markup(script),  # noqa: S704 -- the package's own file, not user input
            style_hash=csp_hash(style),
            script_hash=csp_hash(script),
        )
    )
