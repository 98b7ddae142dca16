"""The prebuilt parser tables match the grammars, and parsers built from them behave the same."""

from __future__ import annotations

import json

from lark import Lark

from govrules.resources import data_dir
from govrules.syntax import tables


def test_tables_are_current() -> None:
    """grammar/*.tables.json were made from the grammars as they are now."""
    for name in ("govrules", "rules"):
        stored = json.loads((data_dir("grammar") / f"{name}.tables.json").read_text("utf-8"))
        assert stored["grammar_sha256"] == tables.digest(name), (
            f"{name}.tables.json is stale: run python -m govrules.syntax.tables"
        )


def test_parser_from_tables_parses_like_one_from_the_grammar() -> None:
    """A parser loaded from the tables gives the same tree as one built from the grammar."""
    text = (
        'organization a "A" {\n  kind municipality\n  goals x,\n    y\n}\nproduct p { owner a }\n'
    )
    from_tables = tables.build("govrules", **tables.GOVRULES_OPTIONS)
    grammar = (data_dir("grammar") / "govrules.lark").read_text("utf-8")
    from_grammar = Lark(grammar, **tables.GOVRULES_OPTIONS)
    assert from_tables.parse(text) == from_grammar.parse(text)


def test_stale_tables_fall_back_to_the_grammar(monkeypatch: object) -> None:
    """When the digest does not match, the parser is built from the grammar instead."""
    import pytest

    mp: pytest.MonkeyPatch = monkeypatch  # type: ignore[assignment]
    mp.setattr(tables, "digest", lambda name: "0" * 64)
    parser = tables.build("rules", **tables.RULES_OPTIONS)
    assert parser.parse("count(p.owner) == 1", start="expr").data == "compare"


def test_parsed_rulesets_are_current() -> None:
    """rulesets/builtin.parsed.json holds the trees of the rule files as they are now."""
    import hashlib

    stored = tables.parsed_rulesets()
    for path in sorted(data_dir("rulesets").glob("*.rules")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert stored[path.stem]["sha256"] == digest, (
            f"{path.name} changed: run python -m govrules.syntax.tables"
        )


def test_stored_rule_trees_equal_fresh_parses() -> None:
    """A rule file's stored tree is the tree the parser gives, positions included."""
    parser = tables.build("rules", **tables.RULES_OPTIONS)
    for name, entry in tables.parsed_rulesets().items():
        text = (data_dir("rulesets") / f"{name}.rules").read_text("utf-8")
        fresh = parser.parse(text, start="start")
        stored = tables.tree_from_data(entry["tree"])
        assert stored == fresh
        assert [t.meta.line for t in stored.iter_subtrees()] == [
            t.meta.line for t in fresh.iter_subtrees()
        ]


def test_stored_template_expressions_equal_fresh_parses() -> None:
    """Every stored template expression is the tree the parser gives for its text."""
    parser = tables.build("rules", **tables.RULES_OPTIONS)
    stored = tables.parsed_expressions()
    assert "count(p.owner)" in stored
    for text, tree in stored.items():
        assert tree == parser.parse(text, start="expr"), text
