"""Time in the rule language: today, date literals, date comparisons and date - duration."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import govrules
from govrules.cli import cli
from govrules.config import Config, ConfigError, load_config
from govrules.engine.compile import compile_all
from govrules.engine.evaluate import evaluate
from govrules.engine.rulelang import RuleFileError, parse_rules
from govrules.engine.runtime import ABSENT, shift_back
from govrules.workspace import lint_paths

HEADER = 'ruleset local "Local rules"\n'

EXPIRED = """\
rule LOC001 agreement-in-force {
  severity warning
  title "t"
  why "w"
  each agreement a
  expect not (a.valid_until < today)
  message "agreement {a} ended on {a.valid_until} (as of {today})"
}
"""

NOTICE = """\
rule LOC002 asked-in-time {
  severity warning
  title "t"
  why "w"
  param weeks = 12
  each consultation c
  expect c.asked <= c.parent.date - weeks weeks
  message "{c} was asked on {c.asked}, less than {weeks weeks} before {c.parent.date}"
}
"""

MODEL = """\
organization o
body raad { kind council }
agreement oud { between o
  valid_until 2024-12-31 }
agreement open { between o }
decision begroting {
  date 2025-07-01
  kind budget
  consultation op_tijd {
    of raad
    asked 2025-04-08
  }
  consultation te_laat {
    of raad
    asked 2025-04-09
  }
  consultation nooit { of raad }
}
"""


def compile_text(body: str) -> list[object]:
    ruleset = parse_rules(HEADER + body, "local.rules", "local")
    return list(compile_all([(r, "local.rules") for r in ruleset.rules]))


def problems(body: str) -> list[tuple[int, int, str]]:
    with pytest.raises(RuleFileError) as info:
        compile_text(body)
    return [(p.span.line, p.span.column, p.message) for p in info.value.problems]


def findings(body: str, as_of: datetime.date) -> list[tuple[str, int, str]]:
    model = govrules.loads(MODEL, "m.gov")
    assert model.diagnostics == ()
    rules = compile_text(body)
    out = evaluate(model, rules, as_of=as_of)  # type: ignore[arg-type]
    return sorted((f.code, f.location.line, f.message) for f, _d in out)


def test_today_is_the_as_of_date() -> None:
    """The same model is judged differently on two dates, and the message says the date."""
    assert findings(EXPIRED, datetime.date(2024, 12, 31)) == []
    assert findings(EXPIRED, datetime.date(2025, 1, 1)) == [
        ("LOC001", 3, "agreement oud ended on 2024-12-31 (as of 2025-01-01)")
    ]


def test_date_minus_weeks_from_a_parameter() -> None:
    """`c.parent.date - weeks weeks` is twelve weeks before the decision; absent dates fail."""
    got = findings(NOTICE, datetime.date(2026, 1, 1))
    assert got == [
        ("LOC002", 13, "te_laat was asked on 2025-04-09, less than 12 weeks before 2025-07-01"),
        ("LOC002", 17, "nooit was asked on none, less than 12 weeks before 2025-07-01"),
    ]


def test_date_literal_comparison() -> None:
    """A date literal compares with a date attribute."""
    rule = EXPIRED.replace("a.valid_until < today", "a.valid_until < 2025-01-01").replace(
        " (as of {today})", ""
    )
    assert [c for c, _l, _m in findings(rule, datetime.date(2000, 1, 1))] == ["LOC001"]


def test_a_rule_that_reads_today_must_say_the_date() -> None:
    """A message without {today} in a rule that reads today is a located error."""
    body = EXPIRED.replace(" (as of {today})", "")
    [(line, col, message)] = problems(body)
    assert (line, col) == (8, 3)
    assert "must say which date it was judged on: add {today}" in message


def test_today_cannot_be_a_parameter_name() -> None:
    """`param today = 1` is refused where it is written."""
    body = NOTICE.replace("param weeks = 12", "param today = 12")
    got = problems(body)
    assert got[0][:2] == (6, 9)
    assert "'today' is the date the lint is judged on" in got[0][2]


def test_minus_needs_a_date_and_a_duration() -> None:
    """`count(...) - 3 weeks` and `today - 3` are located type errors."""
    body = EXPIRED.replace("not (a.valid_until < today)", "count(a.between) - 3 weeks < today")
    [(line, col, message)] = problems(body)
    assert (line, col) == (7, 10)
    assert "subtracts a duration from a date, not from a number" in message
    body = EXPIRED.replace("not (a.valid_until < today)", "a.valid_until < today - 3")
    [(line, col, message)] = problems(body)
    assert (line, col) == (7, 34)
    assert "subtracts a duration (such as 12 weeks) from a date, not a number" in message


def test_date_literal_that_does_not_exist() -> None:
    """2025-02-30 in a rule is a located error."""
    body = EXPIRED.replace("a.valid_until < today", "a.valid_until < 2025-02-30").replace(
        " (as of {today})", ""
    )
    [(line, col, message)] = problems(body)
    assert (line, col) == (7, 31)
    assert message == "LOC001: 2025-02-30 is not a date that exists (year-month-day)"


def test_calendar_months_clamp_to_the_month() -> None:
    """31 March minus one month is 29 February in a leap year; years are twelve months."""
    assert shift_back(datetime.date(2024, 3, 31), 1, "months") == datetime.date(2024, 2, 29)
    assert shift_back(datetime.date(2024, 2, 29), Decimal(1), "years") == datetime.date(2023, 2, 28)
    assert shift_back(datetime.date(2025, 7, 1), 12, "weeks") == datetime.date(2025, 4, 8)
    assert shift_back(datetime.date(2025, 7, 1), 10, "days") == datetime.date(2025, 6, 21)
    assert shift_back(ABSENT, 1, "days") is ABSENT
    assert shift_back(datetime.date(1, 1, 5), 1, "years") is ABSENT


@given(st.dates(min_value=datetime.date(100, 1, 1)), st.integers(0, 1000))
def test_shifting_back_in_weeks_is_exact(day: datetime.date, weeks: int) -> None:
    """Weeks are seven days each, whatever the date."""
    assert shift_back(day, weeks, "weeks") == day - datetime.timedelta(days=7 * weeks)


@given(st.dates(min_value=datetime.date(200, 1, 1)), st.integers(0, 1200))
def test_shifting_back_in_months_never_goes_forward(day: datetime.date, months: int) -> None:
    """A date minus n months lies n months back: same or earlier day of that month."""
    shifted = shift_back(day, months, "months")
    assert (day.year * 12 + day.month) - (shifted.year * 12 + shifted.month) == months
    assert shifted.day <= day.day


# --- where the date comes from ----------------------------------------------------


def test_config_reads_as_of(tmp_path: Path) -> None:
    """`as-of` is a TOML date or a date string."""
    path = tmp_path / "govrules.toml"
    path.write_text("as-of = 2025-03-01\n", encoding="utf-8")
    assert load_config(path).as_of == datetime.date(2025, 3, 1)
    path.write_text('as-of = "2025-03-02"\n', encoding="utf-8")
    assert load_config(path).as_of == datetime.date(2025, 3, 2)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("3", "as-of: expected a date such as 2026-12-31 (a TOML date or a string), got integer 3"),
        ('"31-12-2026"', "as-of: '31-12-2026' is not a date that exists (write YYYY-MM-DD)"),
        (
            "2025-03-01T10:00:00",
            "as-of: expected a date such as 2026-12-31 (a TOML date or a string), "
            "got date-time 2025-03-01 10:00:00",
        ),
    ],
)
def test_config_as_of_errors_name_the_key(tmp_path: Path, value: str, message: str) -> None:
    """A bad `as-of` is a ConfigError naming the key and the file."""
    path = tmp_path / "pyproject.toml"
    path.write_text(f"[tool.govrules]\nas-of = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.message == "[tool.govrules] " + message
    assert info.value.key == "tool.govrules.as-of"


def test_as_of_survives_command_line_merging() -> None:
    """Options from the command line keep the configuration's as-of."""
    merged = Config(as_of=datetime.date(2025, 1, 1)).merge(select=["SUP"])
    assert merged.as_of == datetime.date(2025, 1, 1)


def _project(tmp_path: Path, config: str = "") -> Path:
    (tmp_path / "govrules.toml").write_text(config, encoding="utf-8")
    (tmp_path / "m.gov").write_text(
        "organization o\nbody b {\n  kind supervisory_board\n  assesses oud\n}\n"
        "agreement oud {\n  between o\n  valid_until 2024-12-31\n}\n",
        encoding="utf-8",
    )
    return tmp_path


def _codes(report: govrules.Report) -> list[tuple[str, int]]:
    return [(f.code, f.location.line) for f in report.findings if f.code == "SUP005"]


def test_lint_paths_as_of_then_config_then_today(tmp_path: Path) -> None:
    """as_of= wins over the configuration's as-of, which is used when as_of is None."""
    root = _project(tmp_path, "as-of = 2024-06-01\n")
    assert _codes(lint_paths([str(root)])) == []
    assert _codes(lint_paths([str(root)], as_of=datetime.date(2025, 1, 1))) == [("SUP005", 4)]


def test_cli_as_of(tmp_path: Path) -> None:
    """--as-of judges on that date; a bad date is a usage error (exit 2) with the right form."""
    root = _project(tmp_path)
    runner = CliRunner()
    args = ["lint", str(root), "--select", "SUP005", "--no-cache", "--format", "json"]
    early = runner.invoke(cli, [*args, "--as-of", "2024-01-01"])
    assert early.exit_code == 0, early.output
    late = runner.invoke(cli, [*args, "--as-of", "2025-01-01"])
    assert late.exit_code == 0, late.output
    assert '"SUP005"' in late.output and "as of 2025-01-01" in late.output
    bad = runner.invoke(cli, [*args, "--as-of", "31-12-2026"])
    assert bad.exit_code == 2
    assert "--as-of: '31-12-2026' is not a date (write YYYY-MM-DD, such as 2026-12-31)" in (
        bad.output
    )


def test_a_duration_parameter_is_set_from_the_configuration() -> None:
    """WGR006 with weeks = 8: a zienswijze asked nine weeks ahead is in time, at 12 it is not."""
    from govrules.linting import lint

    text = (
        "organization gem { kind municipality }\norganization ggd\n"
        "body raad {\n  kind council\n  of gem\n}\n"
        "arrangement gr {\n  form openbaar_lichaam\n  creates ggd\n  participant gem\n}\n"
        "decision begroting {\n  taken_by ggd\n  date 2026-07-01\n  kind budget\n"
        "  consultation z {\n    of raad\n    kind opinion\n    asked 2026-04-29\n  }\n}\n"
    )
    model = govrules.loads(text, "m.gov")
    day = datetime.date(2026, 6, 1)
    default = lint(model, Config(select=["WGR006"]), today=day)
    assert [(f.code, f.location.line) for f in default.findings] == [("WGR006", 12)]
    eight = lint(model, Config(select=["WGR006"], params={"WGR006": {"weeks": 8}}), today=day)
    assert eight.findings == ()
