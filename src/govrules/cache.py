"""A content-addressed cache of loaded files, so a re-lint re-parses only what changed.

Entries live in ``.govrules_cache/`` (with its own ``.gitignore``) in the
project directory, one JSON file per file content, keyed on the content's
hash, the govrules version and the grammar. A cache is data from disk and a
cloned repository can carry a crafted one, so:

- it is plain JSON, never pickle, marshal or code;
- each entry carries a format version and an HMAC of its payload, keyed with
  a secret kept in the user's own cache directory, so entries this user's
  govrules did not write (a crafted or foreign cache) fail verification;
- anything unexpected (damage, a wrong shape, a mismatch) is a miss;
- entries are written to a temporary file and renamed, so concurrent runs
  never see half an entry.

Entries are never rewritten, so the cache only grows as files change: a lint
prunes it (:meth:`Cache.prune`), at most once a day, of the entries it did
not use that are older than :data:`PRUNE_AFTER_DAYS`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from govrules import __version__
from govrules.diagnostics import Finding
from govrules.model.codec import (
    CodecError,
    decode_comment,
    decode_declarations,
    decode_finding,
    encode_comment,
    encode_declaration,
    encode_finding,
    pack_spans,
    unpack_spans,
)
from govrules.model.objects import Declaration
from govrules.resources import data_dir
from govrules.source import Comment

DIRNAME = ".govrules_cache"
PRUNE_AFTER_DAYS = 30
"""An entry a lint did not use is deleted once it is this old (by its file's time)."""
PRUNE_EVERY_S = 24 * 3600
"""A lint prunes at most this often (the time of the ``last-pruned`` file says when)."""
_PRUNED = "last-pruned"
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json\Z")
_TMP_AGE_S = 3600
"""A temporary file this old was left by a run that died while writing."""
FORMAT = 2
MARKER = "CACHEDIR.TAG"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# govrules cache: safe to delete\n"


@attrs.frozen(slots=True)
class Entry:
    """What one file contributes to a model, as it was built from its text."""

    declarations: tuple[Declaration, ...]
    findings: tuple[Finding, ...]
    comments: tuple[Comment, ...]
    damaged: frozenset[str]


def _grammar_digest() -> str:
    text = (data_dir("grammar") / "govrules.lark").read_bytes()
    return hashlib.sha256(text).hexdigest()[:16]


def _user_secret() -> bytes:
    """A per-user key for the entries' HMAC, created on first use."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govrules"
    path = base / "cache-key"
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError:
        pass  # no writable home: entries still verify within this process
    return key


class Cache:
    """The cache directory of one project."""

    def __init__(self, root: Path) -> None:
        self.dir = root / DIRNAME
        self._salt = f"{FORMAT}:{__version__}:{_grammar_digest()}".encode()
        self._secret: bytes | None = None
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        """The keys this run read or wrote: :meth:`prune` keeps them, however old."""

    def key(self, text: str) -> str:
        return hashlib.sha256(
            self._salt + b"\0" + text.encode("utf-8", "surrogatepass")
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def _mac(self, payload: bytes) -> str:
        if self._secret is None:
            self._secret = _user_secret()
        return hmac.new(self._secret, payload, hashlib.sha256).hexdigest()

    def get(self, text: str, file: str) -> Entry | None:
        """The entry for this content, rebuilt for ``file``, or None (a miss) on any doubt."""
        key = self.key(text)
        try:
            raw = self._path(key).read_bytes()
            header, _, payload = raw.partition(b"\n")
            meta = json.loads(header)
            if not (isinstance(meta, dict) and meta.get("format") == FORMAT):
                raise CodecError("format")
            if not hmac.compare_digest(str(meta.get("mac")), self._mac(payload)):
                raise CodecError("mac")
            entry = _decode(json.loads(payload), file)
        except (OSError, ValueError, CodecError, RecursionError):
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return entry

    def put(self, text: str, entry: Entry) -> None:
        """Store an entry; failures to write are ignored (a cache is an optimisation).

        So is an entry the codec cannot give back exactly: it is not stored.
        """
        try:
            data = _encode(entry)
        except CodecError:
            return
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8", "surrogatepass"
        )
        header = json.dumps({"format": FORMAT, "mac": self._mac(payload)}).encode()
        key = self.key(text)
        self.used.add(key)
        path = self._path(key)
        try:
            self._prepare()
            path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(header + b"\n" + payload)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return

    def _prepare(self) -> None:
        if (self.dir / MARKER).exists():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / ".gitignore").write_text("# written by govrules\n*\n", encoding="utf-8")
        (self.dir / MARKER).write_text(_TAG, encoding="utf-8")

    def prune(
        self,
        *,
        older_than_days: float = PRUNE_AFTER_DAYS,
        force: bool = False,
        now: float | None = None,
    ) -> int:
        """Delete old entries this run did not use; returns how many files went.

        An entry goes when it was written more than ``older_than_days`` ago and
        this run neither read nor wrote it (another branch's files, an older
        version of govrules, a file since changed); a temporary file goes when
        it is an hour old (a run died while writing it). Without ``force`` this
        happens at most once a day. Only in a directory govrules made (it holds
        the marker), only files named as govrules names them, never through a
        link: a cloned repository can carry a crafted cache directory.
        """
        if not (self.dir / MARKER).is_file():
            return 0
        now = time.time() if now is None else now
        stamp = self.dir / _PRUNED
        if not force:
            with contextlib.suppress(OSError):
                if now - stamp.stat().st_mtime < PRUNE_EVERY_S:
                    return 0
        cutoff = now - older_than_days * 86400
        removed = 0
        try:
            subdirs = [
                d
                for d in os.scandir(self.dir)
                if len(d.name) == 2 and d.is_dir(follow_symlinks=False)
            ]
        except OSError:
            return 0
        for sub in subdirs:
            try:
                files = list(os.scandir(sub.path))
            except OSError:
                continue
            for item in files:
                if not item.is_file(follow_symlinks=False):
                    continue
                try:
                    mtime = item.stat(follow_symlinks=False).st_mtime
                except OSError:
                    continue
                if _ENTRY_NAME.match(item.name):
                    stale = mtime < cutoff and item.name[:-5] not in self.used
                elif item.name.endswith(".tmp"):
                    stale = mtime < now - _TMP_AGE_S
                else:
                    stale = False
                if stale:
                    with contextlib.suppress(OSError):
                        os.unlink(item.path)
                        removed += 1
            with contextlib.suppress(OSError):
                os.rmdir(sub.path)  # only when it is empty now
        with contextlib.suppress(OSError):
            stamp.write_bytes(b"")
            os.utime(stamp, (now, now))
        return removed

    def clean(self) -> bool:
        """Delete the cache directory; only one govrules made (it holds the marker)."""
        if not (self.dir / MARKER).is_file():
            return False
        shutil.rmtree(self.dir)
        return True


def _encode(entry: Entry) -> dict[str, Any]:
    """An entry as plain data; CodecError if it could not be decoded to the same entry."""
    numbers: list[int] = []
    decls = [encode_declaration(d, numbers) for d in entry.declarations]
    width, spans = pack_spans(numbers)
    return {
        "w": width,
        "s": spans,
        "d": decls,
        "f": [encode_finding(f) for f in entry.findings],
        "c": [encode_comment(c) for c in entry.comments],
        "x": sorted(entry.damaged),
    }


def _decode(data: Any, file: str) -> Entry:
    if type(data) is not dict:
        raise CodecError("bad entry")
    try:
        findings, comments, damaged = data["f"], data["c"], data["x"]
        if not (type(findings) is list and type(comments) is list and type(damaged) is list):
            raise CodecError("bad entry")
        if not all(type(x) is str for x in damaged):
            raise CodecError("bad damaged names")
        return Entry(
            declarations=decode_declarations(data["d"], unpack_spans(data["w"], data["s"], file)),
            findings=tuple([decode_finding(f, file) for f in findings]),
            comments=tuple([decode_comment(c, file) for c in comments]),
            damaged=frozenset(damaged),
        )
    except (KeyError, TypeError) as exc:
        raise CodecError(str(exc)) from None
