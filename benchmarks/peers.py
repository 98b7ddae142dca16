"""The peers govrules is measured against: a hand-written floor and pySHACL.

* :func:`floor_check` is the fastest honest way to check OWN001 and SUP001 in
  Python: plain dicts and sets built from the loaded model's objects, no rule
  language, no messages. :func:`floor_check_inverse` is the same check on the
  model's own inverse indexes (built during resolve), so the index cost is
  not counted at all: the lowest floor there is.
* :func:`write_turtle` translates a loaded model to Turtle, one ``.ttl`` per
  ``.gov`` file, every fact as a triple; :data:`SHAPES` states OWN001 and
  SUP001 in SHACL; :func:`run_shacl` parses the Turtle files and validates
  them with pySHACL, end to end from files, as a user of that stack would.

pySHACL and rdflib are imported only inside :func:`run_shacl` and
:func:`shacl_versions`: they are not dependencies of govrules.
"""

from __future__ import annotations

import decimal
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govrules.model.model import Model
from govrules.model.objects import Declaration
from govrules.model.values import (
    Boolean,
    Date,
    Duration,
    Integer,
    Money,
    Number,
    Ref,
    Symbol,
    Target,
    Text,
)
from govrules.vocabulary import KINDS

# --- the floor --------------------------------------------------------------


def floor_check(model: Model) -> set[tuple[str, str]]:
    """OWN001 and SUP001 by hand, with plain dict/set indexes built here: (code, subject) pairs."""
    out: set[tuple[str, str]] = set()

    # OWN001: every product some financing is `for` has exactly one owner. A
    # financing from an organization to itself does not count (FIN002's fault).
    financed: dict[str, Declaration] = {}
    for f in model.financings.values():
        src = f.from_.target if f.from_ is not None else None
        dst = f.to.target if f.to is not None else None
        if src is dst:
            continue
        for ref in f.for_:
            if ref.target is not None:
                financed[ref.target.id] = ref.target
    for product in financed.values():
        owners = {id(r.target) for r in product.owner if r.target is not None}  # type: ignore[attr-defined]
        if len(owners) != 1:
            out.add(("OWN001", product.subject))

    # SUP001: every supervisory board assesses an agreement with a measurable result.
    measurable: set[int] = set()
    for a in model.agreements.values():
        for r in a.results:
            if r.indicator is not None and r.target is not None and r.by is not None:
                measurable.add(id(a))
                break
    for b in model.bodies.values():
        if b.kind is None or b.kind.value != "supervisory_board":
            continue
        if not any(ref.target is not None and id(ref.target) in measurable for ref in b.assesses):
            out.add(("SUP001", b.subject))
    return out


def floor_check_inverse(model: Model) -> set[tuple[str, str]]:
    """The same check on the model's inverse indexes (their cost was paid in resolve)."""
    out: set[tuple[str, str]] = set()
    for p in model.products.values():
        financings = model.inverse(p, "financed_by")
        if not financings:
            continue
        if all(_self_financing(f) for f in financings):
            continue
        if len({id(r.target) for r in p.owner if r.target is not None}) != 1:
            out.add(("OWN001", p.subject))
    for b in model.bodies.values():
        if b.kind is None or b.kind.value != "supervisory_board":
            continue
        ok = False
        for ref in b.assesses:
            agreement = ref.target
            if agreement is None:
                continue
            for r in agreement.results:  # type: ignore[attr-defined]
                if r.indicator is not None and r.target is not None and r.by is not None:
                    ok = True
                    break
            if ok:
                break
        if not ok:
            out.add(("SUP001", b.subject))
    return out


def _self_financing(f: Any) -> bool:
    src = f.from_.target if f.from_ is not None else None
    dst = f.to.target if f.to is not None else None
    return src is dst


# --- the model as RDF ---------------------------------------------------------

PREFIXES = """\
@prefix g: <urn:govrules:vocab#> .
@prefix d: <urn:govrules:decl/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix g: <urn:govrules:vocab#> .

# OWN001: every product that some financing is `for` has exactly one owner.
# (govrules also ignores a financing from an organization to itself, which is
# FIN002's fault; core SHACL cannot say that without SPARQL, and the
# generated models contain no self-financing, so the two agree.)
g:OWN001 a sh:NodeShape ;
  sh:targetObjectsOf g:for ;
  sh:property g:OWN001-owner .
g:OWN001-owner a sh:PropertyShape ;
  sh:path g:owner ;
  sh:minCount 1 ;
  sh:maxCount 1 .

# SUP001: every body of kind supervisory_board assesses at least one
# agreement with at least one measurable result (indicator, target and by).
g:MeasurableResult a sh:NodeShape ;
  sh:property [ sh:path g:indicator ; sh:minCount 1 ] ,
              [ sh:path g:target ; sh:minCount 1 ] ,
              [ sh:path g:by ; sh:minCount 1 ] .
g:SUP001 a sh:NodeShape ;
  sh:targetClass g:Body ;
  sh:or (
    [ sh:not [ sh:path g:kind ; sh:hasValue "supervisory_board" ] ]
    [ sh:path ( g:assesses g:results ) ;
      sh:qualifiedValueShape g:MeasurableResult ;
      sh:qualifiedMinCount 1 ]
  ) .
"""

SHAPE_CODES = {"urn:govrules:vocab#OWN001-owner": "OWN001", "urn:govrules:vocab#SUP001": "SUP001"}
"""The shape whose results count as each rule's violations (one per focus node)."""

_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def _local(name: str) -> str:
    """A Turtle local name: letters kept (Unicode ones too), anything else percent-encoded."""
    out = []
    for ch in name:
        if ch in _SAFE or (ord(ch) >= 0xC0 and ch.isalpha()):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def _literal(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
        + '"'
    )


def _decimal(value: decimal.Decimal) -> str:
    return f'"{value}"^^xsd:decimal'


class _Turtle:
    """Every fact of a model as triples, with an IRI for each declaration, nested ones too."""

    def __init__(self, model: Model) -> None:
        self.iri: dict[int, str] = {}
        for decl in model:
            self._name(decl, "d:" + _local(decl.id))

    def _name(self, decl: Declaration, iri: str) -> None:
        self.iri[id(decl)] = iri
        for nspec in KINDS[decl.KIND].nested.values():
            for child in getattr(decl, nspec.field):
                self._name(child, f"{iri}.{nspec.kind}.{_local(child.id)}")

    def value(self, v: Any) -> str | None:
        if isinstance(v, Ref):
            return self.iri.get(id(v.target)) if v.target is not None else None
        if isinstance(v, Text | Symbol):
            return _literal(v.value)
        if isinstance(v, Integer):
            return str(v.value)
        if isinstance(v, Number):
            return _decimal(v.value)
        if isinstance(v, Boolean):
            return "true" if v.value else "false"
        if isinstance(v, Date):
            return f'"{v.value.isoformat()}"^^xsd:date'
        if isinstance(v, Money):
            period = f" ; g:period {_literal(v.period)}" if v.period else ""
            return f"[ g:currency {_literal(v.currency)} ; g:amount {_decimal(v.amount)}{period} ]"
        if isinstance(v, Duration):
            return f"[ g:amount {_decimal(v.amount)} ; g:unit {_literal(v.unit)} ]"
        if isinstance(v, Target):
            unit = f" ; g:unit {_literal(v.unit)}" if v.unit else ""
            return f"[ g:op {_literal(v.op)} ; g:amount {_decimal(v.amount)}{unit} ]"
        raise TypeError(f"no RDF form for {v!r}")  # pragma: no cover - a new value type

    def decl(self, decl: Declaration, out: list[str]) -> int:
        """Append the triples of ``decl`` (and its nested declarations); return how many."""
        spec = KINDS[decl.KIND]
        subject = self.iri[id(decl)]
        facts = [f"a g:{type(decl).__name__}"]
        if decl.label is not None:
            facts.append(f"g:label {_literal(decl.label.value)}")
        attrs = list(spec.attributes.values())
        if spec.identifier_ref is not None:
            attrs.append(spec.identifier_ref)
        for attr in attrs:
            raw = getattr(decl, attr.field)
            if raw is None:
                continue
            for v in raw if isinstance(raw, tuple) else (raw,):
                obj = self.value(v)
                if obj is not None:
                    facts.append(f"g:{attr.name} {obj}")
        parent = getattr(decl, "parent", None)
        if isinstance(parent, Ref) and parent.target is not None:
            facts.append(f"g:parent {self.iri[id(parent.target)]}")
        children: list[Declaration] = []
        for nspec in spec.nested.values():
            for child in getattr(decl, nspec.field):
                facts.append(f"g:{nspec.field} {self.iri[id(child)]}")
                children.append(child)
        out.append(subject + " " + " ;\n    ".join(facts) + " .\n")
        count = len(facts)
        for child in children:
            count += self.decl(child, out)
        return count


def write_turtle(model: Model, root: Path, outdir: Path) -> tuple[list[Path], int]:
    """One ``.ttl`` per ``.gov`` file of the model under ``root``; returns the files and triples."""
    rdf = _Turtle(model)
    by_file: dict[str, list[Declaration]] = defaultdict(list)
    for decl in model:
        by_file[decl.span.file].append(decl)
    files: list[Path] = []
    triples = 0
    for name, decls in sorted(by_file.items()):
        target = outdir / Path(name).relative_to(root).with_suffix(".ttl")
        target.parent.mkdir(parents=True, exist_ok=True)
        chunks = [PREFIXES]
        for decl in decls:
            triples += rdf.decl(decl, chunks)
        target.write_text("\n".join(chunks), encoding="utf-8")
        files.append(target)
    return files, triples


def shacl_versions() -> dict[str, str] | None:
    """The versions of pySHACL and rdflib, or None when pySHACL is not installed."""
    try:
        import pyshacl
        import rdflib
    except ImportError:
        return None
    return {"pyshacl": pyshacl.__version__, "rdflib": rdflib.__version__}


def run_shacl(files: Iterable[Path], shapes: Path) -> dict[str, Any]:
    """Parse the Turtle files and the shapes, validate; seconds per step and violations per code."""
    import pyshacl
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    t0 = time.perf_counter()
    data = rdflib.Graph()
    for f in files:
        data.parse(f, format="turtle")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    t1 = time.perf_counter()
    # inference="none" and inplace=True: pySHACL neither infers nor copies the
    # data graph, its fastest configuration for this job.
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", inplace=True
    )
    t2 = time.perf_counter()
    found: dict[str, set[str]] = defaultdict(set)
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        code = SHAPE_CODES.get(str(results.value(r, sh.sourceShape)))
        if code is not None:
            found[code].add(str(results.value(r, sh.focusNode)))
    return {
        "parse_s": t1 - t0,
        "validate_s": t2 - t1,
        "total_s": t2 - t0,
        "triples": len(data),
        "conforms": bool(conforms),
        "violations": {code: len(v) for code, v in sorted(found.items())},
    }
