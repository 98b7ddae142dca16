"""Rule files from elsewhere cannot run code: payloads are located errors; no pattern backtracks."""

from __future__ import annotations

import builtins
import contextlib
import importlib
import io
import os
import pkgutil
import subprocess
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hostile_support import ROOT, assert_no_crash, hang_guard, run_cli

import govrules
from govrules.engine.catalogue import builtin_rules
from govrules.engine.compile import compile_all
from govrules.engine.rulelang import RuleFileError, RuleProblem, parse_rules, rules_parser

RULE = """ruleset {name} "Payloads"

rule PAY001 payload-rule {{
  severity error
  title "t"
  why "w"
  each product p
  {clause}
  message "{message}"
}}
"""
EXPECT = "expect count(p.owner) == 1"

# name -> (the clause at line 8, the message template at line 9, where the error is, its text)
PAYLOADS = {
    "dunder_import": (
        'expect __import__("os").system("touch pwned") == 0',
        "m",
        (8, 26),
        "unexpected '.'",
    ),
    "eval": ('expect eval("1") == 1', "m", (8, 10), "PAY001: unknown function 'eval'"),
    "exec": ('expect exec("open(1)")', "m", (8, 10), "PAY001: unknown function 'exec'"),
    "getattr": (
        'expect getattr(p, "__class__") == 1',
        "m",
        (8, 10),
        "PAY001: unknown function 'getattr'",
    ),
    "os_system": ('expect os.system("touch pwned") == 0', "m", (8, 19), "unexpected '('"),
    "pickle": ('expect pickle.loads("x")', "m", (8, 22), "unexpected '('"),
    "lambda": ("expect (lambda: 1)() == 1", "m", (8, 17), "unexpected ':'"),
    "fstring": ('expect f"{p}" == "x"', "m", (8, 11), "unexpected '\"{p}\"'"),
    "backticks": ("expect `touch pwned`", "m", (8, 10), "unexpected character '`'"),
    "semicolon": ("expect 1 == 1; import os", "m", (8, 16), "unexpected character ';'"),
    "subscript": ("expect p.owner[0] == 1", "m", (8, 17), "unexpected '['"),
    "dunder_attribute": (
        "expect p.__globals__ == 1",
        "m",
        (8, 12),
        "PAY001: a product has no attribute or relation '__globals__'",
    ),
    "builtins": (
        "let b = __builtins__\n  " + EXPECT,
        "m",
        (8, 11),
        "PAY001: unknown name '__builtins__'",
    ),
    "sys_modules": (
        "let m = sys.modules\n  " + EXPECT,
        "m",
        (8, 11),
        "PAY001: unknown name 'sys'",
    ),
    "param": ("param x = __import__\n  " + EXPECT, "m", (8, 13), "unexpected '__import__'"),
    "template_class": (
        EXPECT,
        "{p.__class__}",
        (9, 11),
        "PAY001: a product has no attribute or relation '__class__'",
    ),
    "template_mro": (
        EXPECT,
        "{p.__class__.__mro__}",
        (9, 11),
        "PAY001: a product has no attribute or relation '__class__'",
    ),
    "template_import": (
        EXPECT,
        "{__import__('os')}",
        (9, 11),
        "PAY001: in {__import__('os')}: unexpected character \"'\"",
    ),
    "template_open": (
        EXPECT,
        '{open(\\"pwned\\", \\"w\\")}',
        (9, 11),
        "PAY001: unknown function 'open'",
    ),
    "fix_template": (
        EXPECT + '\n  fix "{__import__}"',
        "m",
        (9, 7),
        "PAY001: unknown name '__import__'",
    ),
}


class Tripwire:
    """Records any call of the functions that run code or commands while it is armed."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    @contextlib.contextmanager
    def armed(self) -> Iterator[None]:
        """Replace eval, exec, os.system and friends by recorders, for the ``with`` block only."""
        with pytest.MonkeyPatch.context() as patch:
            for owner, name in (
                (builtins, "eval"),
                (builtins, "exec"),
                (os, "system"),
                (os, "popen"),
                (os, "execv"),
                (os, "execvp"),
                (subprocess, "Popen"),
            ):
                patch.setattr(owner, name, self._recorder(f"{owner.__name__}.{name}"))
            yield

    def _recorder(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append(name)  # and nothing is run

        return record


@pytest.fixture
def tripwire() -> Tripwire:
    """Every govrules module imported and the parsers built first: imports run exec themselves."""
    for info in pkgutil.walk_packages(govrules.__path__, "govrules."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    rules_parser()
    builtin_rules()
    return Tripwire()


def lint_armed(tripwire: Tripwire, args: list[str]) -> Result:
    with tripwire.armed():
        return run_cli(args)


def write_payload(name: str, clause: str, message: str) -> Path:
    path = Path(f"{name}.rules")
    path.write_text(RULE.format(name=name, clause=clause, message=message), encoding="utf-8")
    Path("m").mkdir(exist_ok=True)
    Path("m/a.gov").write_text("product p\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_payload_is_a_located_error(name: str, tripwire: Tripwire) -> None:
    """A rule file with a Python-looking payload: exit 2, one located error, nothing run."""
    clause, message, (line, column), text = PAYLOADS[name]
    path = write_payload(name, clause, message)
    before = sorted(os.listdir("."))
    result = lint_armed(tripwire, ["lint", "--no-cache", "--ruleset", str(path), "m"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stdout == ""
    head, problem = result.stderr.splitlines()
    assert head == "govrules: error: a problem in rule files:"
    assert problem.startswith(f"  {path.resolve()}:{line}:{column}: {text}")
    assert tripwire.calls == []
    assert sorted(os.listdir(".")) == before
    assert not Path("pwned").exists()


def test_rule_file_full_of_payloads_lists_every_one_located(tripwire: Tripwire) -> None:
    """A rule file of many rules, each with a payload, gives one located error per payload."""
    rules = []
    payloads = [
        'expect eval("__import__(\\"os\\").system(\\"touch pwned\\")") == 0',
        'expect exec("open(\\"pwned\\", \\"w\\")")',
        "expect p.__class__ == 1",
        "expect count(__builtins__) == 0",
        'expect getattr(p, "__globals__") == 1',
        'expect compile("1", "x", "eval") == 1',
    ]
    for i, payload in enumerate(payloads):
        rules.append(
            f'rule PAY{i:03d} payload-{i} {{\n  severity error\n  title "t"\n  why "w"\n'
            f'  each product p\n  {payload}\n  message "{{p.__dict__}}"\n}}\n'
        )
    path = Path("payloads.rules")
    path.write_text('ruleset payloads "P"\n\n' + "\n".join(rules), encoding="utf-8")
    Path("m").mkdir()
    Path("m/a.gov").write_text("product p\n", encoding="utf-8")
    result = lint_armed(tripwire, ["lint", "--no-cache", "--ruleset", str(path), "m"])
    assert_no_crash(result)
    assert result.exit_code == 2
    problems = result.stderr.splitlines()[1:]
    assert len(problems) == 2 * len(payloads)  # the payload, and {p.__dict__} in the message
    starts = [3 + 9 * i for i in range(len(payloads))]
    located = sorted((int(p.split(":")[1]), int(p.split(":")[2])) for p in problems)
    assert located == sorted(
        [(s + 5, 10 if i in (0, 1, 4, 5) else 12 if i == 2 else 16) for i, s in enumerate(starts)]
        + [(s + 6, 11) for s in starts]
    )
    assert tripwire.calls == []
    assert not Path("pwned").exists()


def test_message_template_renders_double_braces_literally(tmp_path: Path) -> None:
    """``{{7*7}}`` in a message shows as ``{7*7}``, never evaluated; only ``{p}`` is filled in."""
    path = write_payload("literal", EXPECT, "{{7*7}} {p} {{p.__class__}} {{{{__import__}}}}")
    result = run_cli(["lint", "--no-cache", "--quiet", "--ruleset", str(path), "m"])
    assert_no_crash(result)
    assert result.exit_code == 1
    assert result.stdout == "m/a.gov:1:1: PAY001 error {7*7} p {p.__class__} {{__import__}}\n"


def test_rule_file_is_read_as_text_only(tmp_path: Path) -> None:
    """A rule file that is not UTF-8 is a located error, not a crash."""
    path = Path("binary.rules")
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    Path("m").mkdir()
    Path("m/a.gov").write_text("product p\n", encoding="utf-8")
    result = run_cli(["lint", "--no-cache", "--ruleset", str(path), "m"])
    assert_no_crash(result)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1] == f"  {path.resolve()}:1:1: cannot read: not valid UTF-8"


# --- no code execution anywhere in the source ----------------------------------------------

FORBIDDEN = ("eval(", "exec(", "pickle", "marshal", "yaml.load", "shelve", "__import__(")


def code_without_comments_and_strings(path: Path) -> str:
    """The code of a Python file with comments and string literals (docstrings) removed."""
    out = []
    with path.open("rb") as fh:
        for tok in tokenize.tokenize(fh.readline):
            if tok.type in (tokenize.COMMENT, tokenize.STRING, tokenize.ENCODING):
                continue
            if tok.type in (getattr(tokenize, "FSTRING_MIDDLE", -1),):
                continue
            out.append(tok.string)
    return "".join(out)


SOURCES = sorted((ROOT / "src" / "govrules").rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "src")))
def test_source_never_evaluates_or_unpickles(path: Path) -> None:
    """No eval(, exec(, pickle, marshal, yaml.load, shelve or __import__( in govrules' code."""
    code = code_without_comments_and_strings(path)
    assert [word for word in FORBIDDEN if word in code] == []


def test_forbidden_word_check_sees_code() -> None:
    """The check above finds a forbidden call in code, and ignores it in a comment or docstring."""
    sample = io.BytesIO(b'"""eval( in a docstring"""\n# exec( in a comment\nx = eval("1")\n')
    tokens = [t.string for t in tokenize.tokenize(sample.readline) if t.type == tokenize.NAME]
    assert "eval" in tokens
    assert len(SOURCES) > 20


# --- patterns that cannot backtrack ------------------------------------------------------

N = 100_000
ADVERSARIAL = {
    "quote-backslashes": '"' + "\\" * N,
    "triple-quote-quotes": '"""' + '"' * N,
    "hashes": "#" * N,
    "name-dashes": "a-" * (N // 2),
    "escaped-quotes": '"' + '\\"' * (N // 2),
    "quote-escape-quote": '"\\"' * (N // 3),
    "open-triple-quotes": '"""a' * (N // 4),
    "braces": "{" * N,
    "digits-underscores": "1_" * (N // 2),
    "dates": "2026-01-01-" * (N // 11),
    "operators": "<=" * (N // 2),
    "string-in-block": 'product p {\n  description "' + '\\"' * (N // 2) + "\n",
    "comment-in-list": "product p { owner a," + "# x\n" * (N // 4),
}


def rule_problems(text: str, *, compile_rules: bool) -> tuple[list[RuleProblem], tuple[Any, ...]]:
    """The problems of a rule file (none when it is fine) and its rules, parsed or compiled."""
    try:
        ruleset = parse_rules(text, "adversarial.rules", "adversarial")
        if not compile_rules:
            return [], ruleset.rules
        return [], tuple(compile_all([(r, ruleset.file) for r in ruleset.rules]))
    except RuleFileError as exc:
        return exc.problems, ()


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_gov_parser_does_not_backtrack(name: str) -> None:
    """Adversarial .gov text is loaded (and formatted or refused) without a hang."""
    text = ADVERSARIAL[name]
    with hang_guard(10):
        model = govrules.loads(text, "adversarial.gov")
    assert all(d.location.line >= 1 for d in model.diagnostics)
    # A text with syntax errors is refused: that is an answer too.
    with hang_guard(10), contextlib.suppress(govrules.GovrulesError):
        govrules.format(text)


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_rule_parser_does_not_backtrack(name: str) -> None:
    """Adversarial text as a rule file is a located error (or, all comment, no rule) at once."""
    with hang_guard(10):
        problems, rules = rule_problems(ADVERSARIAL[name], compile_rules=False)
    assert all(p.span.line == 1 for p in problems)
    assert rules == ()


@pytest.mark.parametrize(
    "message",
    ["{" * N, "{a" * (N // 2), "{" + "a" * N, "}" * N, "{{" * (N // 2) + "{p}"],
    ids=["braces", "open-names", "open-long", "closing", "escaped"],
)
def test_message_template_does_not_backtrack(message: str) -> None:
    """Adversarial message templates compile or fail with a located error, without a hang."""
    text = RULE.format(name="adversarial", clause=EXPECT, message=message)
    with hang_guard(10):
        problems, rules = rule_problems(text, compile_rules=True)
    assert all(p.span.line == 9 for p in problems)
    assert len(rules) == (0 if problems else 1)


@pytest.mark.parametrize(
    "comment",
    [
        "# govrules: ignore[" + "A," * (N // 2),
        "# govrules: ignore[OWN001] until " + " " * N + "x",
        "# govrules: ignore[OWN001] -- " + "until " * (N // 6),
        "# govrules: ignore[OWN001] -- reason until" + " " * N + "2026-01-01 x",
        "# govrules " + "ignore " * (N // 7),
    ],
    ids=["codes", "until-spaces", "until-words", "trailing-until", "ignores"],
)
def test_suppression_comments_do_not_backtrack(comment: str) -> None:
    """Adversarial suppression comments are read (or reported) without a hang."""
    with hang_guard(10):
        report = govrules.lint(govrules.loads(comment + "\nproduct p\n", "s.gov"))
    assert all(f.location.line in (1, 2) for f in report.findings)


def test_tripwire_records_calls(tripwire: Tripwire) -> None:
    """The tripwire used above does see a call of eval, exec or os.system (and runs nothing)."""
    with tripwire.armed():
        eval("1")  # noqa: S307 -- the point: the recorder stands in for eval
        os.system("touch pwned")  # noqa: S605 -- the recorder stands in for os.system
    assert tripwire.calls == ["builtins.eval", "os.system"]
    assert not Path("pwned").exists()
