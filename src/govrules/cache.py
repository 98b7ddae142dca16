"""A content-addressed cache of loaded files, so a re-lint re-parses only what changed.

Entries live in ``.govrules_cache/`` (with its own ``.gitignore``) in the
project directory, one JSON file per file content, keyed on the content's
hash and on everything that decides what a file loads to: the govrules
version, the cache and codec formats, the grammar and the vocabulary. A
cache is data from disk and a cloned repository can carry a crafted one, so
it follows no link and believes nothing it did not write:

- it is plain JSON, never pickle, marshal or code;
- each entry carries an HMAC, keyed with a secret kept in the user's own
  cache directory, over its format, its key, the hash of the source text it
  was made from and its payload: an entry this user's govrules did not
  write, or one moved or linked to another name, fails verification;
- every file is opened relative to a directory opened without following
  links (``O_NOFOLLOW``), never blocks on opening (``O_NONBLOCK``), must be a
  regular file and is read only up to a size bound, so a FIFO, a device or
  a link leads nowhere and costs nothing;
- files are only ever created new (``O_EXCL``) in the cache's real directory
  and renamed into place, so nothing outside the cache is written,
  truncated or touched, and concurrent runs never see half an entry;
- a cache directory (or a subdirectory of it) that is a link, or that
  govrules did not make, is refused: the run goes on without the cache and
  says so once (:attr:`Cache.refused`);
- anything else unexpected (damage, a wrong shape, a mismatch) is a miss.

Entries are never rewritten, so the cache only grows as files change: a lint
prunes it (:meth:`Cache.prune`), at most once a day, of the entries it did
not use that are older than :data:`PRUNE_AFTER_DAYS`.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govrules import __version__
from govrules.cachefs import CacheDir, Refused
from govrules.entry import Entry, decode_entry, encode_entry
from govrules.model.codec import CodecError
from govrules.resources import data_dir

__all__ = [
    "DIRNAME",
    "FORMAT",
    "MARKER",
    "PRUNE_AFTER_DAYS",
    "PRUNE_EVERY_S",
    "Cache",
    "Entry",
]

DIRNAME = ".govrules_cache"
PRUNE_AFTER_DAYS = 30
"""An entry a lint did not use is deleted once it is this old (by its file's time)."""
PRUNE_EVERY_S = 24 * 3600
"""A lint prunes at most this often (the time of the ``last-pruned`` file says when)."""
_PRUNED = "last-pruned"
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json\Z")
_TMP_AGE_S = 3600
"""A temporary file this old was left by a run that died while writing."""
FORMAT = 4
"""The layout of an entry file (3: the MAC covers the key and the source hash)."""
CODEC_FORMAT = 3
"""The layout of :func:`govrules.entry.encode_entry`'s data; bump it when that changes.

(3: an entry holds GR104 warnings for bidirectional controls in texts and comments.)"""
MARKER = "CACHEDIR.TAG"
_TAG = b"Signature: 8a477f597d28d172789f06886806bc55\n# govrules cache: safe to delete\n"
_GITIGNORE = b"# written by govrules\n*\n"
ENTRY_SLACK_BYTES = 64 * 1024
ENTRY_BYTES_PER_SOURCE_BYTE = 16
"""An entry larger than slack + this many bytes per byte of its source is not read.

Entries of the examples and generated models are 1 to 3 times their source;
the bound only keeps a crafted file from costing memory or time.
"""


@functools.cache
def grammar_digest() -> str:
    """A digest of the grammar file, read once per process."""
    text = (data_dir("grammar") / "govrules.lark").read_bytes()
    return hashlib.sha256(text).hexdigest()[:16]


@functools.cache
def vocabulary_digest() -> str:
    """A digest of the vocabulary: each kind, attribute, type, target, symbol and word.

    Computed once per process from :data:`govrules.vocabulary.KINDS` (a
    fraction of a millisecond), so an attribute added in development never
    serves entries built without it (a stale "unknown attribute" finding).
    """
    from govrules import vocabulary as v
    from govrules.vocabulary import INVERSES, KINDS

    # The words of both languages decide what a file means.
    words = [v.KIND_WORDS, *v.ATTRIBUTE_WORDS.values(), *v.SYMBOL_WORDS.values()]
    words += [v.BOOLEAN_WORDS, v.PERIOD_WORDS, v.UNIT_WORDS]
    parts = [repr(sorted(w.names.items())) for w in words]
    for name in sorted(KINDS):
        k = KINDS[name]
        parts.append(
            repr(
                (
                    name,
                    k.cls.__qualname__,
                    k.plural,
                    k.parent,
                    k.identifier_ref,
                    sorted(k.attributes.items()),
                    sorted(k.nested.items()),
                    sorted(INVERSES[name].items()),
                )
            )
        )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


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


def _stderr_warning(message: str) -> None:
    print(f"govrules: warning: {message}", file=sys.stderr)


class Cache:
    """The cache directory of one project.

    ``warn`` is told once, in one line, when the cache is refused (by
    default it is printed on standard error); :attr:`refused` holds the reason.
    """

    def __init__(self, root: Path, *, warn: Callable[[str], None] | None = _stderr_warning) -> None:
        self.dir = root / DIRNAME
        self._salt = (
            f"{FORMAT}:{CODEC_FORMAT}:{__version__}:{grammar_digest()}:{vocabulary_digest()}"
        ).encode()
        self._secret: bytes | None = None
        self._fs = CacheDir(self.dir, MARKER)
        self._warn = warn
        self.refused: str | None = None
        """Why the cache is not used in this run (it said so once), or None."""
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()
        """The keys this run read or wrote: :meth:`prune` keeps them, however old."""

    def close(self) -> None:
        """Close the directories held open (also done when the object goes)."""
        self._fs.close()

    def _refuse(self, exc: Refused) -> None:
        if self.refused is None:
            self.refused = str(exc)
            self._fs.close()
            if self._warn is not None:
                self._warn(f"not using the cache: {exc}")

    @staticmethod
    def source_digest(text: str) -> str:
        """The hash of a file's text, which its entry's key and MAC are bound to."""
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def key(self, text: str) -> str:
        """The name of the entry for this text (in this govrules and vocabulary)."""
        return self._key(self.source_digest(text))

    def _key(self, source: str) -> str:
        return hashlib.sha256(self._salt + b"\0" + source.encode()).hexdigest()

    def _mac(self, key: str, source: str, payload: bytes) -> str:
        if self._secret is None:
            self._secret = _user_secret()
        signed = f"{FORMAT}\0{key}\0{source}\0".encode() + payload
        return hmac.new(self._secret, signed, hashlib.sha256).hexdigest()

    def get(self, text: str, file: str) -> Entry | None:
        """The entry for this content, rebuilt for ``file``, or None (a miss) on any doubt."""
        source = self.source_digest(text)
        key = self._key(source)
        if self.refused is not None:
            self.misses += 1
            return None
        limit = ENTRY_SLACK_BYTES + ENTRY_BYTES_PER_SOURCE_BYTE * len(text)
        try:
            raw = self._fs.read(key[:2], f"{key}.json", limit)
            if raw is None:
                raise CodecError("no entry")
            header, _, payload = raw.partition(b"\n")
            meta = json.loads(header)
            if not (
                isinstance(meta, dict)
                and meta.get("format") == FORMAT
                and meta.get("key") == key
                and meta.get("source") == source
            ):
                raise CodecError("header")
            if not hmac.compare_digest(str(meta.get("mac")), self._mac(key, source, payload)):
                raise CodecError("mac")
            entry = decode_entry(json.loads(payload), file)
        except Refused as exc:
            self._refuse(exc)
            self.misses += 1
            return None
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
        if self.refused is not None:
            return
        try:
            data = encode_entry(entry)
        except CodecError:
            return
        payload = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8", "surrogatepass"
        )
        source = self.source_digest(text)
        key = self._key(source)
        header = json.dumps(
            {"format": FORMAT, "key": key, "source": source, "mac": self._mac(key, source, payload)}
        ).encode()
        self.used.add(key)
        try:
            self._fs.prepare({".gitignore": _GITIGNORE, MARKER: _TAG})
            self._fs.write(key[:2], f"{key}.json", header + b"\n" + payload)
        except Refused as exc:
            self._refuse(exc)
        except OSError:
            return

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
        if self.refused is not None:
            return 0
        now = time.time() if now is None else now
        try:
            if not self._fs.is_ours():
                return 0
            if not force:
                stamp = self._fs.mtime(None, _PRUNED)
                if stamp is not None and now - stamp < PRUNE_EVERY_S:
                    return 0
            cutoff = now - older_than_days * 86400
            removed = 0
            for sub in self._fs.subdirs():
                for name, mtime in self._fs.files(sub):
                    if _ENTRY_NAME.match(name):
                        stale = mtime < cutoff and name[:-5] not in self.used
                    elif name.endswith(".tmp"):
                        stale = mtime < now - _TMP_AGE_S
                    else:
                        stale = False
                    if stale and self._fs.unlink(sub, name):
                        removed += 1
                self._fs.rmdir_if_empty(sub)
            self._fs.stamp(_PRUNED, now)
        except Refused as exc:
            self._refuse(exc)
            return 0
        except OSError:
            return 0
        return removed

    def clean(self) -> bool:
        """Delete the cache directory; only one govrules made (it holds the marker), not a link."""
        try:
            if not self._fs.is_ours():
                return False
        except (Refused, OSError):
            return False
        self._fs.close()
        # On systems with fd-based directory functions rmtree does not follow
        # links inside the tree, and it refuses a link as the top directory.
        shutil.rmtree(self.dir)
        return True
