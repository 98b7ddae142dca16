"""Keep the Dutch ``.po`` catalogue in step with the English one.

Run as ``python -m govrules.messages.po``. It also keeps the catalogue of the
``--help`` texts (``govrules-help.po``; context = where the text comes from,
``msgid`` = the English text) in step with the commands.

Adds every message id the English catalogue has and the ``.po`` file lacks
(with an empty translation), marks an entry ``fuzzy`` when its English has
changed since it was translated (the old English is kept as ``#| msgid``),
drops ids that no longer exist, and writes the entries in the English
catalogue's order. Translators then fill in the empty and fuzzy entries;
``tests/messages/test_dutch.py`` fails while any is left.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from importlib import resources
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from govrules.atomic import write_atomic
from govrules.messages.dutch import PO_FILE
from govrules.messages.english import CATALOG


def po_path() -> Path:
    return Path(str(resources.files("govrules").joinpath(*PO_FILE)))


def synchronised(old: Catalog, english: Mapping[str, str], *, reuse: bool = False) -> Catalog:
    """``old`` with every id of ``english``, in its order, stale ones marked fuzzy.

    With ``reuse``, a new entry whose English is already translated elsewhere
    takes that translation (the same help text on another command's option).
    """
    by_id = {m.context: m for m in old if m.context}
    known = {
        m.id: m.string
        for m in old
        if reuse
        and isinstance(m.id, str)
        and isinstance(m.string, str)
        and m.string
        and "fuzzy" not in m.flags
    }
    new = Catalog(
        locale="nl",
        project="govrules",
        header_comment=old.header_comment,
        msgid_bugs_address="https://github.com/govrules/govrules/issues",
        last_translator="govrules developers",
        language_team="govrules",
        creation_date=old.creation_date,
        revision_date=old.revision_date,
        fuzzy=False,
    )
    for ident, template in english.items():
        found = by_id.get(ident)
        if found is None or not isinstance(found.string, str) or not found.string:
            new.add(template, known.get(template, ""), context=ident)
            continue
        if found.id == template:
            new.add(template, found.string, context=ident, flags=found.flags - {"fuzzy"})
        else:
            new.add(
                template,
                found.string,
                context=ident,
                flags={*found.flags, "fuzzy"},
                previous_id=found.id,
            )
    return new


def help_entries() -> dict[str, str]:
    """Where each English ``--help`` text comes from (``govrules lint --format``) -> the text."""
    from govrules.cli import COMMANDS, cli
    from govrules.cli.helptext import help_texts

    return dict(help_texts(cli, {name: entry[2] for name, entry in COMMANDS.items()}))


def help_po_path(lang: str = "nl") -> Path:
    from govrules.cli.helptext import HELP_PO

    parts = [p.format(lang=lang) for p in HELP_PO]
    return Path(str(resources.files("govrules").joinpath(*parts)))


def sync(path: Path, english: Mapping[str, str], *, reuse: bool = False) -> Catalog:
    """Bring the ``.po`` file at ``path`` in step with ``english`` (context -> text); write it."""
    if path.exists():
        with path.open("rb") as fh:
            old = read_po(fh)
    else:
        old = Catalog(locale="nl", project="govrules")
    new = synchronised(old, english, reuse=reuse)
    out = BytesIO()
    write_po(out, new, width=0, omit_header=False, include_previous=True)
    write_atomic(path, out.getvalue())
    empty = [m.context for m in new if m.context and not m.string]
    fuzzy = [m.context for m in new if m.context and "fuzzy" in m.flags]
    print(f"{path}: {len(new)} entries, {len(empty)} untranslated, {len(fuzzy)} fuzzy")
    return new


def main(argv: list[str] | None = None) -> int:
    sync(po_path(), CATALOG)
    sync(help_po_path(), help_entries(), reuse=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
