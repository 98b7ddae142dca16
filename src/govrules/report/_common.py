"""Helpers shared by the output formats, so every format counts and cleans alike."""

from __future__ import annotations

import json
import re
from typing import Any

from govrules.diagnostics import Report

# C0 and C1 control characters (tab, line feed and carriage return excepted), lone
# surrogates and the two non-characters XML forbids. Messages quote names taken
# from user files: these characters could drive a terminal (ANSI escapes), break
# an XML document or fail to encode as UTF-8 when the output is written.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with control characters, lone surrogates and XML non-characters as U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def file_count(report: Report) -> int:
    """The files the report covers: those read, plus any a finding names (an unreadable one)."""
    return len(set(report.files).union(f.location.file for f in report.findings))


def files_in_order(report: Report) -> list[str]:
    """The files of :func:`file_count`, in the order read, then in the order findings name them."""
    return list(dict.fromkeys([*report.files, *(f.location.file for f in report.findings)]))


def dump_json(document: Any) -> str:
    """``document`` as indented JSON text with a trailing newline, non-ASCII kept readable.

    ``ensure_ascii=False`` would copy a lone surrogate (from a file name decoded with
    ``surrogateescape``) into the output raw, where writing it as UTF-8 fails; such a
    character can only stand inside a JSON string, so it is written as the ``\\uXXXX``
    escape ``ensure_ascii=True`` would have used.
    """
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
