"""Messages as data: ids in the catalogue, templates that place only arguments, a safe codec."""

from __future__ import annotations

import ast
import datetime
import decimal
import string
from pathlib import Path

import pytest

import govrules
from govrules.diagnostics import Finding, Related, Severity
from govrules.messages import Message, as_message, msg, verbatim
from govrules.messages.data import from_data, to_data
from govrules.messages.english import CATALOG
from govrules.messages.render import ENGLISH, render
from govrules.source import Span

SRC = Path(govrules.__file__).parent
SPECS = {"", "q", "a", "kind", "kinds", "value", "list", "qlist", "suggest"}


def _ids_used_in_source() -> dict[str, set[str]]:
    """Every literal id passed to msg(...) in src/govrules, with the argument names given."""
    used: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "msg"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                ident = node.args[0].value
                assert isinstance(ident, str)
                used.setdefault(ident, set()).update(k.arg for k in node.keywords if k.arg)
    return used


def _fields(template: str) -> dict[str, str]:
    return {
        name: spec or ""
        for _text, name, spec, _conv in string.Formatter().parse(template)
        if name is not None
    }


def test_every_id_used_in_the_code_is_in_the_catalogue_with_the_arguments_it_places() -> None:
    used = _ids_used_in_source()
    assert used, "the scan found no msg(...) calls"
    for ident, given in used.items():
        assert ident in CATALOG, f"{ident} is used but not in the English catalogue"
        assert set(_fields(CATALOG[ident])) <= given, (ident, _fields(CATALOG[ident]), given)


def test_every_template_places_plain_argument_names_with_known_specs() -> None:
    for ident, template in CATALOG.items():
        for name, spec in _fields(template).items():
            assert name.isidentifier(), (ident, name)
            assert spec in SPECS, (ident, spec)


def test_an_unknown_id_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match=r"no message 'GR999\.nothing'"):
        msg("GR999.nothing")


def test_english_text_is_made_once_and_equals_rendering() -> None:
    m = msg("GR503.unknown-code", code="OWN01", suggestion="OWN001")
    assert m.english == "unknown code 'OWN01' in suppression; did you mean 'OWN001'?"
    assert str(m) == m.render("en") == render(m, "en") == m.english
    assert msg("GR503.unknown-code", code="X", suggestion=None).english == (
        "unknown code 'X' in suppression"
    )


def test_a_language_without_a_catalogue_falls_back_to_english() -> None:
    m = msg("GR505.model-code", code="GR101")
    assert m.render("xx") == m.english


def test_specs_dress_values_in_english() -> None:
    assert ENGLISH.kinds(("organization", "body")) == "an organization or a body"
    assert ENGLISH.kinds(("agreement", "body", "product")) == ("an agreement, a body or a product")
    assert ENGLISH.value(()) == "none"
    assert ENGLISH.value((True, False, None)) == "yes, no, none"
    assert ENGLISH.value(decimal.Decimal("2.50")) == "2.50"
    assert ENGLISH.value(decimal.Decimal("1E+3")) == "1000"
    assert ENGLISH.value(datetime.date(2026, 12, 31)) == "2026-12-31"


def test_templates_cannot_reach_into_arguments() -> None:
    # A template with attribute access is refused, whoever wrote the catalogue.
    from govrules.messages.render import _Formatter

    with pytest.raises(KeyError, match="only argument names"):
        _Formatter(ENGLISH).vformat("{text.__class__}", (), {"text": "x"})


def test_concatenation_keeps_both_messages_as_data() -> None:
    base = msg("GR502.unused", code="OWN001")
    note = msg("suppression.expired", until="2026-01-01", reason="moving")
    joined = base + note
    assert joined.id == "concat"
    assert joined.english == (
        "unused suppression of OWN001 (accepted until 2026-01-01 -- moving; "
        "that acceptance has expired)"
    )


@pytest.mark.parametrize(
    "message",
    [
        msg("GR503.unknown-code", code="A1", suggestion=None),
        msg("GR501.no-reason", codes=("OWN001", "SUP002")),
        msg("GR502.unused", code="X1") + msg("suppression.remove"),
        verbatim("a user's own words {not a field}"),
    ],
)
def test_codec_round_trip(message: Message) -> None:
    back = from_data(to_data(message))
    assert back == message
    assert back.english == message.english


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (["GR999.x", []], "unknown message id"),
        (["GR502.unused", []], "cannot be filled"),
        (["GR502.unused", [["code", {"x": 1}]]], "bad message argument value"),
        (["verbatim", [["text", 5]]], "bad verbatim"),
        ("GR502.unused", "bad message"),
        (["GR502.unused", [["code", {"n": "not a number"}]]], "bad number"),
    ],
)
def test_codec_believes_nothing(data: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        from_data(data)


def test_codec_refuses_deep_nesting() -> None:
    data: object = ["verbatim", [["text", "x"]]]
    for _ in range(20):
        data = ["concat", [["first", {"m": data}], ["second", {"m": data}]]]
    with pytest.raises(ValueError, match="nested too deeply"):
        from_data(data)


def test_findings_take_plain_text_or_messages_and_keep_english_identity() -> None:
    span = Span("a.gov", 1, 1, 1, 2)
    plain = Finding("OWN001", Severity.ERROR, "product p has 0 owners", span, fix="add one")
    assert plain.message == "product p has 0 owners"
    assert plain.fix == "add one"
    assert plain.text == as_message("product p has 0 owners")
    data = Finding("GR502", Severity.WARNING, msg("GR502.unused", code="X1"), span)
    assert data.message == "unused suppression of X1"
    assert data.identity == "GR502 unused suppression of X1"
    assert Related(span, "here").message == "here"
