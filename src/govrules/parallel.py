"""Parsing many files on several cores.

Workers parse and build files and hand back plain data (the cache's own
encoding, :func:`govrules.entry.encode_entry`), which the parent turns back
into model objects. Only worth it for a lot of text: starting workers and
moving the data costs time too.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from govrules.entry import Entry, SourceFile, decode_entry, encode_entry, file_entry
from govrules.model.codec import CodecError


def _work(batch: list[tuple[str, str]]) -> list[dict[str, Any] | None]:
    out: list[dict[str, Any] | None] = []
    for name, text in batch:
        try:
            out.append(encode_entry(file_entry(SourceFile(name, text))))
        except CodecError:
            out.append(None)  # the cache could not hold it either: the parent builds it itself
    return out


def parse_in_workers(sources: Sequence[SourceFile], jobs: int) -> list[Entry]:
    """The entries of ``sources`` (readable files), parsed in ``jobs`` processes."""
    items = [(s.name, s.text or "") for s in sources]
    size = max(1, len(items) // (jobs * 4))
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    # fork shares the already-built parser with the workers; elsewhere, spawn.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        results = list(pool.map(_work, batches))
    out: list[Entry] = []
    for batch, encoded in zip(batches, results, strict=True):
        for (name, text), data in zip(batch, encoded, strict=True):
            out.append(
                file_entry(SourceFile(name, text)) if data is None else decode_entry(data, name)
            )
    return out
