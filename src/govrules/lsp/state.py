"""The server's memory: open documents, the models linted from them, what was published.

The workspace is one model per workspace folder, linted as ``govrules lint
FOLDER`` lints it (the configuration found as ``lint`` finds it), with the
text of every open document in place of what is on disk. A document outside
every folder is linted as ``govrules lint FILE`` would (its directory or
project is its model), and only its own diagnostics are published.

After an edit the folder is linted again through
:func:`govrules.workspace.lint_workspace` with a :class:`MemoryCache`: only
the edited file is parsed and built again (every other file is a cache hit
on its text), and the model is resolved and evaluated whole, which is cheap
enough (measured in ``benchmarks/lsp.py``: see ``docs/performance.md``). The
findings of every file are compared with what was last published, so a
renamed organization republishes the files whose references it broke and
nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import attrs

from govrules.diagnostics import Finding
from govrules.errors import GovrulesError
from govrules.lsp.index import Index
from govrules.lsp.positions import UTF16, LineIndex
from govrules.model.model import Model
from govrules.workspace import Linted, MemoryCache, lint_workspace


@attrs.frozen(slots=True)
class Document:
    """An open document: its text and the version the client gave it."""

    text: str
    version: int | None


@attrs.define(slots=True, eq=False)
class Snapshot:
    """One lint of one target: the report, the model and the texts it was made from."""

    target: str
    linted: Linted
    files: tuple[str, ...]
    """Every file of the model, as an absolute path."""
    texts: Mapping[str, str]
    """The text of each file as it was linted (absolute path -> prepared text)."""
    findings: Mapping[str, tuple[Finding, ...]]
    """The unsuppressed findings of each file (absolute path), in order."""
    versions: Mapping[str, int | None]
    """The version of each open document that went into this lint."""
    names: Mapping[str, str] = attrs.field(factory=dict)
    """The name each file has in the model and its findings (absolute path -> name)."""
    _indexes: dict[str, LineIndex] = attrs.field(factory=dict, alias="indexes")
    _index: Index | None = attrs.field(default=None, alias="index")

    @property
    def model(self) -> Model | None:
        return self.linted.models[0] if self.linted.models else None

    def index(self) -> Index | None:
        """Every identifier's definition and references (made on first use)."""
        if self._index is None and self.model is not None:
            self._index = Index(self.model)
        return self._index

    def name_of(self, path: str) -> str:
        """The name of a file (absolute path) in the model."""
        return self.names.get(path, path)

    def lines(self, path: str, encoding: str = UTF16) -> LineIndex:
        """The line index of a file of this snapshot (made on first use)."""
        index = self._indexes.get(path)
        if index is None or index.encoding != encoding:
            index = self._indexes[path] = LineIndex(self.texts.get(path, ""), encoding)
        return index


def absolute(name: str) -> str:
    """The absolute, normalised path of a file name as a report or a client gives it."""
    return os.path.normpath(os.path.abspath(name))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class WorkspaceState:
    """Open documents, workspace folders and the last lint of each target."""

    def __init__(self, folders: Sequence[str] = (), lang: str | None = None) -> None:
        self.folders = [absolute(f) for f in folders]
        self.lang = lang
        self.cache = MemoryCache()
        self.documents: dict[str, Document] = {}
        self.snapshots: dict[str, Snapshot] = {}
        self.errors: dict[str, GovrulesError] = {}
        """The last lint of a target that could not lint at all (a bad configuration)."""

    # --- documents ---------------------------------------------------------------

    def open(self, path: str, text: str, version: int | None) -> str:
        """Keep an opened or changed document; the target to lint again."""
        path = absolute(path)
        self.documents[path] = Document(text, version)
        return self.target_of(path)

    def close(self, path: str) -> str:
        """Forget a closed document (the file on disk counts again); the target to lint again."""
        path = absolute(path)
        self.documents.pop(path, None)
        target = self.target_of(path)
        if not self._in_folder(path):
            self.snapshots.pop(target, None)
        return target

    def text_of(self, path: str) -> str | None:
        """The text of a file: the open document, else the text last linted, else the disk."""
        path = absolute(path)
        doc = self.documents.get(path)
        if doc is not None:
            return doc.text
        snapshot = self.snapshots.get(self.target_of(path))
        if snapshot is not None and path in snapshot.texts:
            return snapshot.texts[path]
        try:
            with open(path, encoding="utf-8") as fh:
                return fh.read()
        except (OSError, UnicodeDecodeError):
            return None

    def _in_folder(self, path: str) -> bool:
        return any(_inside(path, f) for f in self.folders)

    def target_of(self, path: str) -> str:
        """The folder a file belongs to (the innermost), or the file itself when outside all."""
        path = absolute(path)
        inside = [f for f in self.folders if _inside(path, f)]
        return max(inside, key=len) if inside else path

    def targets(self) -> list[str]:
        """Every target: the folders, and the open documents outside them."""
        outside = [p for p in self.documents if not self._in_folder(p)]
        return [*self.folders, *outside]

    def snapshot_for(self, path: str) -> Snapshot | None:
        """The last lint that the file took part in."""
        return self.snapshots.get(self.target_of(path))

    # --- linting -------------------------------------------------------------------

    def lint(self, target: str) -> Snapshot | None:
        """Lint one target again with the open documents' texts; None when it is gone.

        A target that cannot be linted at all (a bad configuration, a folder
        that no longer exists) keeps its last snapshot and records the error
        in :attr:`errors`.
        """
        texts = {p: d.text for p, d in self.documents.items() if os.path.isfile(p)}
        if not os.path.exists(target):
            self.snapshots.pop(target, None)
            return None
        try:
            linted = lint_workspace([target], lang=self.lang, cache=self.cache, jobs=1, texts=texts)
        except GovrulesError as exc:
            self.errors[target] = exc
            return self.snapshots.get(target)
        self.errors.pop(target, None)
        snapshot = self._snapshot(target, linted)
        self.snapshots[target] = snapshot
        return snapshot

    def _snapshot(self, target: str, linted: Linted) -> Snapshot:
        report = linted.report
        files = tuple(absolute(f) for f in report.files)
        findings: dict[str, list[Finding]] = {f: [] for f in files}
        for finding in report.findings:
            if finding.suppressed is None:
                findings.setdefault(absolute(finding.location.file), []).append(finding)
        texts = {absolute(name): text for name, text in report.sources.items()}
        versions = {p: d.version for p, d in self.documents.items() if p in texts}
        return Snapshot(
            target,
            linted,
            files,
            texts,
            {f: tuple(v) for f, v in findings.items()},
            versions,
            names={absolute(name): name for name in report.files},
        )

    def published_files(self, snapshot: Snapshot) -> Iterable[str]:
        """The files whose diagnostics a snapshot gives: all of a folder's, else the one file."""
        if snapshot.target in self.folders:
            return snapshot.findings.keys()
        return [snapshot.target]

    def all_snapshots(self) -> list[Snapshot]:
        return list(self.snapshots.values())


def folder_paths(uris: Iterable[str | None]) -> list[str]:
    """Local folder paths of the given ``file:`` URIs (others are left out)."""
    from pygls.uris import to_fs_path

    out = []
    for uri in uris:
        if not uri:
            continue
        path = to_fs_path(uri)
        if path is not None and Path(path).is_dir():
            out.append(path)
    return list(dict.fromkeys(out))
