"""Drawing a DOT picture as SVG with Graphviz's ``dot``, for the library.

The command line's ``govrules graph --format svg`` stops the run when dot is
missing or fails; the HTML report must still be written without a picture,
so here those cases are :class:`DotMissing` and :class:`DotFailed`, which the
caller turns into a note.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from govrules.errors import GovrulesError

DOT_TIMEOUT = 120
"""Seconds Graphviz may take to lay out a picture before the drawing is given up."""


class DotMissing(GovrulesError):
    """Graphviz's ``dot`` is not on the PATH."""


class DotFailed(GovrulesError):
    """``dot`` ran but gave no picture (an error, a time-out)."""


def draw_svg(dot_source: str, *, fmt: str = "svg", timeout: float = DOT_TIMEOUT) -> str:
    """The picture ``dot_source`` laid out by ``dot -T<fmt>`` (``svg``, or ``json`` to measure).

    Raises :class:`DotMissing` when Graphviz is not installed and
    :class:`DotFailed` when it fails or takes longer than ``timeout`` seconds.
    """
    executable = shutil.which("dot")
    if executable is None:
        raise DotMissing("Graphviz's dot is not installed (apt-get install graphviz)")
    try:
        done = subprocess.run(  # noqa: S603 -- a fixed argument list, no shell
            [executable, f"-T{fmt}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DotFailed(f"Graphviz's dot took more than {timeout:g} s") from None
    except OSError as exc:
        raise DotFailed(f"cannot run Graphviz's dot: {exc.strerror or exc}") from None
    if done.returncode != 0:
        problem = " ".join(done.stderr.decode("utf-8", "replace").split()) or "no message"
        raise DotFailed(f"Graphviz's dot failed (exit {done.returncode}): {problem}")
    return done.stdout.decode("utf-8")


_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_svg(svg: str) -> str:
    """An SVG document from dot as an element to place in HTML: no XML prologue or comments.

    dot writes an XML declaration, a DOCTYPE and comments naming its version
    and the graph; inside an HTML page only the ``<svg>`` element belongs.
    """
    return _COMMENT.sub("", _PROLOGUE.sub("", svg, count=1)).strip()
