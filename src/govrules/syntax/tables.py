"""Prebuilt LALR tables and parsed built-in rulesets, so a process does not redo them at start-up.

Building a lark LALR parser analyses the grammar (tens to hundreds of
milliseconds); a pre-commit hook that lints one file would spend most of its
time there. ``python -m govrules.syntax.tables`` writes each grammar's tables
as JSON next to it (``grammar/*.tables.json``, shipped in the wheel). At run
time they are used only when their recorded grammar digest and lark version
match; otherwise the parser is built from the grammar as usual.

The tables are JSON, read with ``json.loads``; lark rebuilds its parser
objects from them through its own deserializer, which knows only lark's own
classes. lark's ``cache=True`` is not used because it pickles to a shared
temporary directory.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

import lark
import lark.exceptions
from lark import Lark, Token, Tree
from lark.grammar import Rule
from lark.lexer import TerminalDef

from govrules.resources import data_dir

FORMAT = 1


def _encode(o: Any) -> Any:
    # JSON has no tuples, sets or non-string keys; lark's tables use all three.
    if isinstance(o, dict):
        return {"D": [[_encode(k), _encode(v)] for k, v in o.items()]}
    if isinstance(o, tuple):
        return {"T": [_encode(x) for x in o]}
    if isinstance(o, list):
        return [_encode(x) for x in o]
    if isinstance(o, set | frozenset):
        # Sorted, so the file does not change with Python's string-hash seed.
        return {"S": sorted((_encode(x) for x in o), key=repr)}
    if o is None or isinstance(o, str | int | float | bool):
        return o
    raise TypeError(f"cannot store {type(o).__name__} in parser tables")


def _decode(o: Any) -> Any:
    if isinstance(o, list):
        return [_decode(x) for x in o]
    if isinstance(o, dict):
        ((tag, items),) = o.items()
        if tag == "D":
            return {_decode(k): _decode(v) for k, v in items}
        if tag == "T":
            return tuple(_decode(x) for x in items)
        if tag == "S":
            return frozenset(_decode(x) for x in items)
        raise ValueError(f"unknown tag {tag!r}")
    return o


def _paths(name: str) -> tuple[Path, Path]:
    grammar = data_dir("grammar") / f"{name}.lark"
    return grammar, grammar.with_suffix(".tables.json")


def digest(name: str) -> str:
    """The SHA-256 of a grammar file: the tables are valid for exactly this text."""
    return hashlib.sha256(_paths(name)[0].read_bytes()).hexdigest()


_RUNTIME = ("transformer", "lexer_callbacks")
"""Options that cannot be stored (they are callables); given again when loading the tables."""


def build(name: str, **options: Any) -> Lark:
    """A parser for grammar ``name``, from the stored tables when they fit, else from the grammar.

    ``options`` are lark's: the stored tables must have been made with the same
    ones (see :data:`GOVRULES_OPTIONS`), except ``transformer`` and
    ``lexer_callbacks``, which are applied when the tables are loaded.
    """
    runtime = {k: v for k, v in options.items() if k in _RUNTIME}
    grammar, tables = _paths(name)
    try:
        stored = json.loads(tables.read_text(encoding="utf-8"))
        if (
            stored.get("format") == FORMAT
            and stored.get("grammar_sha256") == digest(name)
            and stored.get("lark") == lark.__version__
        ):
            parser = Lark.__new__(Lark)
            data = {"data": _decode(stored["data"]), "memo": _decode(stored["memo"])}
            parser._load(data, **runtime)
            return parser
    except (OSError, ValueError, KeyError, TypeError, lark.exceptions.LarkError):
        pass  # missing or stale tables: build from the grammar below
    return Lark(grammar.read_text(encoding="utf-8"), **options)


def freeze(name: str, **options: Any) -> dict[str, Any]:
    """The tables of grammar ``name`` built with ``options``, as JSON-able data."""
    grammar, _ = _paths(name)
    parser = Lark(grammar.read_text(encoding="utf-8"), **options)
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    return {
        "format": FORMAT,
        "grammar_sha256": digest(name),
        "lark": lark.__version__,
        "data": _encode(data),
        "memo": _encode(memo),
    }


# The options each grammar is built with, minus the callables supplied at load time.
GOVRULES_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "maybe_placeholders": True,
}
RULES_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "start": ["start", "expr"],
    "propagate_positions": True,
}


def tree_to_data(node: Tree[Token] | Token) -> Any:
    """A lark syntax tree (with positions) as JSON-able data."""
    if isinstance(node, Token):
        return ["k", node.type, node.value, node.line, node.column, node.end_line, node.end_column]
    meta = node.meta
    where = (
        None
        if getattr(meta, "empty", True)
        else [meta.line, meta.column, meta.end_line, meta.end_column]
    )
    kids = [None if c is None else tree_to_data(c) for c in node.children]
    return ["t", str(node.data), kids, where]


def tree_from_data(data: Any) -> Tree[Token]:
    """The inverse of :func:`tree_to_data`; raises ``ValueError`` on any other shape."""
    node = _node(data)
    if not isinstance(node, Tree):
        raise ValueError("not a tree")
    return node


def _node(data: Any) -> Tree[Token] | Token | None:
    if data is None:
        return None
    if not isinstance(data, list) or not data:
        raise ValueError("bad node")
    if data[0] == "k" and len(data) == 7:
        _tag, type_, value, line, column, end_line, end_column = data
        return Token(
            str(type_),
            str(value),
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )
    if data[0] == "t" and len(data) == 4:
        _tag, name, kids, where = data
        tree: Tree[Token] = Tree(str(name), [_node(k) for k in kids])  # type: ignore[misc]
        if where is not None:
            meta = tree.meta
            meta.line, meta.column, meta.end_line, meta.end_column = where
            meta.empty = False
        return tree
    raise ValueError("bad node")


PARSED_RULESETS = "builtin.parsed.json"
"""The built-in rulesets' syntax trees, next to them in rulesets/ (see :func:`parsed_rulesets`)."""


def parsed_rulesets() -> dict[str, Any]:
    """Stored syntax trees of the built-in rule files, by name, with the digest each fits."""
    try:
        stored = json.loads((data_dir("rulesets") / PARSED_RULESETS).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return {}
    files = stored.get("files")
    return files if isinstance(files, dict) else {}


def parsed_expressions() -> dict[str, Tree[Token]]:
    """Stored syntax trees of the built-in rules' template expressions, by their text."""
    try:
        stored = json.loads((data_dir("rulesets") / PARSED_RULESETS).read_text("utf-8"))
        found = stored.get("expressions", {}) if stored.get("format") == FORMAT else {}
        return {str(k): tree_from_data(v) for k, v in found.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _freeze_rulesets() -> str:
    rules = build("rules", **RULES_OPTIONS)
    files = {}
    for path in sorted(data_dir("rulesets").glob("*.rules")):
        raw = path.read_bytes()
        tree = rules.parse(raw.decode("utf-8"), start="start")
        files[path.stem] = {
            "sha256": hashlib.sha256(raw).hexdigest(),
            "tree": tree_to_data(tree),
        }
    # Message and fix templates hold {expressions}: parse those ahead too.
    expressions = {}
    for path in sorted(data_dir("rulesets").glob("*.rules")):
        for template in re.findall(
            r'(?:message|fix)\s+"((?:[^"\\\n]|\\.)*)"', path.read_text("utf-8")
        ):
            for expr in re.findall(r"(?<!\{)\{([^{}]+)\}(?!\})", template.replace('\\"', '"')):
                expressions[expr] = tree_to_data(rules.parse(expr, start="expr"))
    document = {"format": FORMAT, "files": files, "expressions": expressions}
    return json.dumps(document, separators=(",", ":")) + "\n"


def _current(path: Path, name: str) -> bool:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        stored.get("format") == FORMAT
        and stored.get("grammar_sha256") == digest(name)
        and stored.get("lark") == lark.__version__
    )


def main() -> int:
    """Write the parser tables and the parsed built-in rulesets; ``--check`` only compares."""
    check = "--check" in sys.argv[1:]
    stale = []
    parsed_path = data_dir("rulesets") / PARSED_RULESETS
    text = _freeze_rulesets()
    current = parsed_path.read_text(encoding="utf-8") if parsed_path.exists() else ""
    if current != text:
        stale.append(str(parsed_path))
        if not check:
            parsed_path.write_text(text, encoding="utf-8")
    for name, options in (("govrules", GOVRULES_OPTIONS), ("rules", RULES_OPTIONS)):
        _, path = _paths(name)
        if _current(path, name):
            continue  # lark's state numbering varies run to run: rewrite only when stale
        stale.append(str(path))
        if not check:
            text = json.dumps(freeze(name, **options), separators=(",", ":")) + "\n"
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print("stale parser tables (run python -m govrules.syntax.tables):", *stale)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
