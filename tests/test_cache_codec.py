"""The cache's codec: what it writes comes back exactly; what it did not write is a miss."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govrules.cache import Cache
from govrules.entry import Entry, SourceFile, decode_entry, encode_entry, file_entry
from govrules.loader import model_from
from govrules.model.codec import CodecError, _kind_info, pack_spans, unpack_spans
from govrules.model.objects import Declaration, NestedDeclaration, Product
from govrules.source import Span
from govrules.vocabulary import KINDS

sys.path.insert(0, str(Path(__file__).resolve().parent / "fmt"))
from fmt_strategies import gov_texts

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
_EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.gov"))


def _decl_facts(d: Declaration) -> list[Any]:
    """Everything a declaration holds, nested ones and the attribute spans' order included."""
    spec = KINDS[d.KIND]
    out: list[Any] = [
        type(d),
        d.id,
        repr(d.label),
        d.span,
        d.extent,
        list(d.attribute_spans.items()),
        repr(d),
    ]
    for a in [*spec.attributes.values(), *filter(None, [spec.identifier_ref])]:
        value = getattr(d, a.field)
        values = value if isinstance(value, tuple) else (value,)
        out.append([(type(v), repr(v), None if v is None else v.span) for v in values])
    for n in spec.nested.values():
        for child in getattr(d, n.field):
            assert isinstance(child, NestedDeclaration)
            assert child.parent.target is d
            assert (child.parent.name, child.parent.span) == (d.id, d.span)
            out.append(_decl_facts(child))
    return out


def _entry_facts(e: Entry) -> list[Any]:
    return [
        [_decl_facts(d) for d in e.declarations],
        list(e.findings),
        list(e.comments),
        e.damaged,
    ]


def _round_trip(entry: Entry, file: str) -> Entry:
    return decode_entry(json.loads(json.dumps(encode_entry(entry))), file)


def _entry(text: str, name: str = "m.gov") -> Entry:
    return file_entry(SourceFile(name, text))


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gov_texts())
def test_generated_models_come_back_exactly(text: str) -> None:
    """Any generated model (wrong values and duplicates included) decodes to what was encoded."""
    entry = _entry(text)
    back = _round_trip(entry, "m.gov")
    assert _entry_facts(back) == _entry_facts(entry)
    source = [SourceFile("m.gov", text)]
    cold, warm = model_from(source, [entry]), model_from(source, [back])
    assert warm.diagnostics == cold.diagnostics


@pytest.mark.parametrize("path", _EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_files_come_back_exactly(path: Path) -> None:
    entry = _entry(path.read_text(encoding="utf-8"), str(path))
    assert _entry_facts(_round_trip(entry, str(path))) == _entry_facts(entry)


@given(st.lists(st.integers(0, 2**32 - 1), max_size=40).map(lambda xs: xs[: len(xs) // 4 * 4]))
def test_span_numbers_round_trip(numbers: list[int]) -> None:
    """Spans with small and large numbers pack as 16 or 32 bits and come back."""
    width, text = pack_spans(numbers)
    assert width == (2 if max(numbers, default=0) < 0x10000 else 4)
    spans = unpack_spans(width, json.loads(json.dumps(text)), "f.gov")
    assert all(type(s) is Span for s in spans)
    assert [n for s in spans for n in s[1:]] == numbers
    assert {s.file for s in spans} <= {"f.gov"}


@pytest.mark.parametrize("numbers", [[-1, 1, 1, 1], [2**32, 1, 1, 1], [None, 1, 1, 1]])
def test_span_numbers_that_do_not_fit_are_refused(numbers: list[Any]) -> None:
    with pytest.raises(CodecError):
        pack_spans(numbers)


def test_an_entry_the_codec_cannot_give_back_is_not_stored(tmp_path: Path) -> None:
    """A declaration with a span the codec cannot hold is parsed again next time, not cached."""
    text = "product p {\n  owner o\n}\n"
    entry = _entry(text)
    d = entry.declarations[0]
    bad = Entry(
        (type(d)(id=d.id, span=Span("m.gov", -1, 1, 1, 1), extent=d.extent),),
        (),
        (),
        frozenset(),
    )
    cache = Cache(tmp_path)
    cache.put(text, bad)
    assert cache.get(text, "m.gov") is None
    cache.put(text, entry)
    assert cache.get(text, "m.gov") is not None


# --- damaged entries ---------------------------------------------------------------

_RICH = """
organization gem_a "Gemeente A" {
  kind municipality
}
organization wo "Werkorganisatie" {
  kind work_organization
  legal_form openbaar_lichaam
  staff 120
  participant gem_a {
    motive "shared services"
    since 2014-08-01
  }
}
product p "Product" {
  owner wo
}
financing f {
  for p
  from gem_a
  amount EUR 250_000 per year
}
agreement ag {
  between gem_a, wo
  result r1 {
    indicator "answered in time"
    target >= 95 %
    by 2026-12-31
  }
}
body raad "Raad" {
  kind council
  of gem_a
  members "A. de Vries", gem_a
}
mandate m {
  from raad
  to wo
  scope p, "permits"
  submandate no
}
policy beleid {
  set_by raad
  executed_by wo
  sanctions yes
}
contract c {
  kind dbfmo
  duration 25 years
  risk vraagrisico {
    bearer wo
  }
}
"""


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the data: keys of dicts and indexes of lists, leaves and containers."""
    out = [path]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*path, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*path, i)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


def _encoded() -> dict[str, Any]:
    entry = _entry(_RICH)
    assert not entry.findings, entry.findings
    data = json.loads(json.dumps(encode_entry(entry)))
    assert isinstance(data, dict)
    return data


_DATA = _encoded()
_PLACES = _paths(_DATA)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=5,
)


def _kind(x: Any) -> str:
    if x is None or isinstance(x, str):
        return "str or null"  # a label, period or unit may be either: swapping is not a shape error
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int | float):
        return "int" if type(x) is int else "float"
    return type(x).__name__


def _replaced(path: tuple[Any, ...], new: Any) -> Any:
    data = json.loads(json.dumps(_DATA))
    if not path:
        return new
    _get(data, path[:-1])[path[-1]] = new
    return data


def test_the_rich_model_decodes() -> None:
    entry = _entry(_RICH)
    assert _entry_facts(decode_entry(json.loads(json.dumps(_DATA)), "m.gov")) == _entry_facts(entry)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_PLACES), _JSON)
def test_anything_anywhere_is_an_entry_or_a_miss(path: tuple[Any, ...], new: Any) -> None:
    """Whatever is put in any place, decoding gives an entry or a CodecError, never a crash."""
    try:
        entry = decode_entry(_replaced(path, new), "m.gov")
    except CodecError:
        return
    assert isinstance(entry, Entry)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(_PLACES), _JSON)
def test_a_value_of_another_type_is_a_miss(path: tuple[Any, ...], new: Any) -> None:
    """Any place given a value of another JSON type than the encoder wrote there is a miss."""
    if _kind(new) == _kind(_get(_DATA, path)):
        return
    with pytest.raises(CodecError):
        decode_entry(_replaced(path, new), "m.gov")


_LIST_ITEMS = [p for p in _PLACES if p and p[0] == "d" and len(p) >= 2 and isinstance(p[-1], int)]


@pytest.mark.parametrize("path", _LIST_ITEMS, ids=str)
def test_a_declaration_missing_any_item_is_a_miss(path: tuple[Any, ...]) -> None:
    """Dropping one item anywhere in the declarations leaves a shape the decoder refuses."""
    data = json.loads(json.dumps(_DATA))
    del _get(data, path[:-1])[path[-1]]
    with pytest.raises(CodecError):
        decode_entry(data, "m.gov")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(s=d["s"][:-4]),  # one number short
        lambda d: d.update(s=d["s"] + "0100"),  # one number more
        lambda d: d.update(s=d["s"] + "0100" * 4),  # a span more
        lambda d: d.update(s=d["s"][:-16]),  # a span short
        lambda d: d.update(s=d["s"][:-1]),  # half a byte
        lambda d: d.update(s="zz" + d["s"][2:]),  # not hexadecimal
        lambda d: d.update(w=4),  # another width
        lambda d: d.update(w=3),
        lambda d: d.update(w=2.0),
        lambda d: d.update(w=True),
        lambda d: d["d"][0].__setitem__(0, "participant"),  # a nested kind at the top
        lambda d: d["d"].append(d["d"][0]),  # a declaration more, without spans
        lambda d: d["d"][0].extend(["kind", "municipality"]),  # a field twice
        lambda d: d["d"][0].extend(["no_such_field", "x"]),
        lambda d: d["d"][0].extend(["description"]),  # a field without a value
        lambda d: d.update(x={"a": 1}),
        lambda d: d.update(f={}),
        lambda d: d.pop("c"),
    ],
)
def test_damaged_entries_are_misses(change: Any) -> None:
    data = json.loads(json.dumps(_DATA))
    change(data)
    with pytest.raises(CodecError):
        decode_entry(data, "m.gov")


_NUMBERS = [p for p in _PLACES if isinstance(_get(_DATA, p), str) and _get(_DATA, p).isdigit()]


@pytest.mark.parametrize("number", ["NaN", "sNaN", "Infinity", "-Infinity", "1E+999999999"])
@pytest.mark.parametrize("path", _NUMBERS, ids=str)
def test_a_number_the_parser_never_makes_is_a_miss(path: tuple[Any, ...], number: str) -> None:
    """NaN, infinities and absurd exponents would break comparisons or messages: a miss."""
    assert len(_NUMBERS) == 3  # money, a target, a duration: each kind of number is tried
    with pytest.raises(CodecError):
        decode_entry(_replaced(path, number), "m.gov")


def test_a_symbol_not_allowed_is_a_miss() -> None:
    data = json.loads(json.dumps(_DATA))
    first = data["d"][0]
    first[first.index("kind") + 1] = "castle"
    with pytest.raises(CodecError):
        decode_entry(data, "m.gov")


# --- the decoder's constructors -----------------------------------------------------


def test_a_missing_required_field_is_a_miss() -> None:
    """A participant without the organization its identifier names is refused, not half made."""
    data = json.loads(json.dumps(_DATA))
    wo = next(d for d in data["d"] if d[1] == "wo")
    participant = wo[wo.index("participants") + 1][0]
    at = participant.index("organization")
    del participant[at : at + 2]
    with pytest.raises(CodecError, match="required"):
        decode_entry(data, "m.gov")


def test_missing_fields_get_the_defaults_of_init() -> None:
    """Fields an entry does not hold are what the class's __init__ would make them."""
    entry = _entry("product p {\n}\nagreement a {\n  result r {\n  }\n}\n")
    back = _round_trip(entry, "m.gov").declarations
    for x in (*back, *back[1].results):  # type: ignore[attr-defined]
        given = {
            f.name: getattr(x, f.name)
            for f in attrs.fields(type(x))
            if getattr(x, f.name) not in (None, ())
        }
        made = type(x)(**given)
        assert len(given) < len(attrs.fields(type(x)))
        for f in attrs.fields(type(x)):
            assert getattr(x, f.name) == getattr(made, f.name), f.name
            assert type(getattr(x, f.name)) is type(getattr(made, f.name)), f.name


def _product_like(**fields: Any) -> Any:
    """A product class with changed or added fields, as a maintainer might write one."""
    cls = attrs.make_class(
        "Product", fields, bases=(Product,), slots=True, frozen=True, eq=False, kw_only=True
    )
    return attrs.evolve(KINDS["product"], cls=cls)


def _post_init(self: Any) -> None:
    pass


@pytest.mark.parametrize(
    "spec",
    [
        _product_like(extra=attrs.field(default=0)),  # a field the vocabulary does not know
        _product_like(description=attrs.field(default=None, validator=lambda *a: None)),
        _product_like(description=attrs.field(default=None, converter=str)),
        _product_like(description=attrs.field(factory=lambda: None)),  # a factory
        _product_like(description=attrs.field(default="none")),  # another default
        _product_like(description=attrs.field(default=None, alias="text")),
        _product_like(description=attrs.field(default=None, init=False)),
        attrs.evolve(
            KINDS["product"],
            cls=attrs.frozen(slots=True, eq=False, kw_only=True)(
                type("Product", (Product,), {"__attrs_post_init__": _post_init})
            ),
        ),
    ],
    ids=["extra", "validator", "converter", "factory", "default", "alias", "no-init", "hook"],
)
def test_the_fast_constructor_refuses_a_class_it_does_not_fit(spec: Any) -> None:
    """The import-time check: a declaration class the decoder would make wrongly fails loudly."""
    with pytest.raises(AssertionError, match="fast constructor does not fit"):
        _kind_info(spec)


def test_the_fast_constructor_fits_every_kind() -> None:
    for spec in KINDS.values():
        _kind_info(spec)
