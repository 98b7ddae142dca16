"""The VS Code extension folder: its grammar knows every kind, its files agree with each other."""

from __future__ import annotations

import json
import re
from pathlib import Path

from govrules.syntax.parser import parse
from govrules.vocabulary import KIND_WORDS, NESTED_KINDS, TOP_LEVEL_KINDS

ROOT = Path(__file__).resolve().parents[2]
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = json.loads((VSCODE / "syntaxes" / "govrules.tmLanguage.json").read_text("utf-8"))
PACKAGE = json.loads((VSCODE / "package.json").read_text("utf-8"))


def pattern(name: str) -> re.Pattern[str]:
    return re.compile(GRAMMAR["repository"][name]["match"])


def test_the_grammar_names_every_kind_of_the_vocabulary() -> None:
    declaration = GRAMMAR["repository"]["declaration"]["match"]
    listed = re.search(r"\(([a-z_|]+)\)", declaration)
    assert listed is not None
    english = [*TOP_LEVEL_KINDS, *NESTED_KINDS]
    dutch = [KIND_WORDS.word(k, "nl") for k in english]
    assert listed.group(1).split("|") == english + [
        w for w in dict.fromkeys(dutch) if w not in english
    ]


def test_every_declaration_of_the_examples_is_highlighted_as_one() -> None:
    declaration = pattern("declaration")
    for file in sorted((ROOT / "examples").glob("*/*/*.gov")):
        text = file.read_text(encoding="utf-8")
        heads = [s.head for s in parse(text, str(file)).stmts]
        lines = text.split("\n")
        for head in heads:
            found = declaration.match(lines[head.line - 1])  # type: ignore[operator]
            assert found is not None and found.group(1) == head.value, (file, head.line)


def test_suppressions_comments_and_strings() -> None:
    found = pattern("suppression").match("# govrules: ignore[OWN001] -- agreed")
    assert found is not None and found.group(2) == "[OWN001]"
    assert pattern("string").fullmatch(r'"a \"quoted\" word"')
    assert pattern("date").search("valid_until 2027-01-01")


def test_the_package_points_at_its_files_and_the_server_options() -> None:
    contributes = PACKAGE["contributes"]
    assert contributes["languages"][0]["extensions"] == [".gov"]
    for entry in (contributes["grammars"][0]["path"], contributes["languages"][0]["configuration"]):
        assert (VSCODE / entry).is_file()
    assert contributes["grammars"][0]["scopeName"] == GRAMMAR["scopeName"]
    script = (VSCODE / PACKAGE["main"]).read_text(encoding="utf-8")
    assert '"lsp"' in script and "options.lang" in script and "options.docsUrl" in script
