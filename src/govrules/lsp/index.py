"""Where every identifier of a model is written: its definition and each reference to it.

Made once per snapshot, on the first navigation request after a lint. A
declaration's span covers its whole header (kind keyword to label), so the
identifier's own span is found in the header's text; a participant's
identifier is a reference to the organization it names, and is indexed as
one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

import attrs

from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.model.schema import AttrSpec
from govrules.model.values import Ref
from govrules.source import Span
from govrules.vocabulary import KINDS

_IDENTIFIER = re.compile(r"\S+[ \t]+([^\W\d][\w\-]*)")


@attrs.frozen(slots=True, eq=False)
class Occurrence:
    """One identifier as written: the definition of a declaration, or a reference."""

    span: Span
    name: str
    target: Declaration | None
    """The declaration it names (None: a reference that does not resolve)."""
    owner: Declaration
    """The declaration it is written in (for a definition: the declaration itself)."""
    attribute: AttrSpec | None = None
    """For a reference: the attribute it is the value of."""

    @property
    def is_definition(self) -> bool:
        return self.attribute is None


def identifier_span(decl: Declaration, sources: Mapping[str, str]) -> Span | None:
    """The span of a declaration's identifier, read from its header's text."""
    text = sources.get(decl.span.file)
    if text is None:
        return None
    lines = text.split("\n", decl.span.line)
    if len(lines) < decl.span.line:
        return None
    line = lines[decl.span.line - 1]
    start = decl.span.column - 1
    match = _IDENTIFIER.match(line, start)
    if match is None:
        return None
    line_no = decl.span.line
    return Span(decl.span.file, line_no, match.start(1) + 1, line_no, match.end(1) + 1)


def _refs(decl: Declaration) -> Iterator[tuple[AttrSpec, Ref]]:
    spec = KINDS[decl.KIND]
    for attr in spec.attributes.values():
        if not attr.is_reference:
            continue
        value = getattr(decl, attr.field)
        for item in value if type(value) is tuple else (value,):
            if isinstance(item, Ref):
                yield attr, item
    if spec.identifier_ref is not None:
        ref = getattr(decl, spec.identifier_ref.field)
        if isinstance(ref, Ref):
            yield spec.identifier_ref, ref


class Index:
    """Every occurrence of every identifier of a model, by file and by declaration."""

    def __init__(self, model: Model) -> None:
        self.by_file: dict[str, list[Occurrence]] = defaultdict(list)
        self.by_target: dict[int, list[Occurrence]] = defaultdict(list)
        self.definitions: dict[int, Occurrence] = {}
        self.declarations: list[Declaration] = []
        for kind in KINDS:
            for decl in model.all(kind):
                self._add(decl, model.sources)
        for occurrences in self.by_file.values():
            occurrences.sort(key=lambda o: (o.span.line, o.span.column))

    def _add(self, decl: Declaration, sources: Mapping[str, str]) -> None:
        self.declarations.append(decl)
        if KINDS[decl.KIND].identifier_ref is None:
            span = identifier_span(decl, sources)
            if span is not None:
                occurrence = Occurrence(span, decl.id, decl, decl)
                self.definitions[id(decl)] = occurrence
                self.by_file[span.file].append(occurrence)
        for attr, ref in _refs(decl):
            occurrence = Occurrence(ref.span, ref.name, ref.target, decl, attr)
            self.by_file[ref.span.file].append(occurrence)
            if ref.target is not None:
                self.by_target[id(ref.target)].append(occurrence)

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under a cursor at (line, column), 1-based (its end included)."""
        for occurrence in self.by_file.get(file, ()):
            span = occurrence.span
            if span.line > line:
                break
            if span.line == line and span.column <= column <= span.end_column:
                return occurrence
        return None

    def references(self, decl: Declaration) -> Sequence[Occurrence]:
        """Every reference to ``decl``, in no particular order."""
        return self.by_target.get(id(decl), ())

    def definition(self, decl: Declaration) -> Occurrence | None:
        """Where ``decl``'s identifier is written (a participant has none of its own)."""
        return self.definitions.get(id(decl))
