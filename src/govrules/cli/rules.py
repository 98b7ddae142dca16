"""``govrules rules`` and ``govrules explain``: the catalogue, for people and for tools."""

from __future__ import annotations

import json
import sys
import textwrap

import click

from govrules.cli.common import (
    cli_language,
    debug_option,
    fail,
    guarded,
    lang_option,
    no_color_option,
    use_color,
)
from govrules.diagnostics import EXIT_OK, MODEL_CODE_SEVERITY, MODEL_CODES, Severity
from govrules.messages import msg


@click.command("rules")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    metavar="NAME_OR_PATH",
    help="List these rulesets (repeatable); default: every built-in ruleset.",
)
@lang_option
@debug_option
@guarded
def rules(fmt: str, rulesets: tuple[str, ...], lang: str | None, debug: bool) -> None:
    """List every rule: code, slug, severity, ruleset and title."""
    from govrules.engine.catalogue import load_rules, rule_info

    loaded = load_rules(list(rulesets))
    language = cli_language()
    titles = {r.code: rule_info(r).text(language).title for r in loaded}
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "slug": r.slug,
                "severity": r.severity.label,
                "ruleset": r.ruleset,
                "title": titles[r.code],
                "source": r.source,
                "params": {k: _plain(v) for k, v in r.params.items()},
            }
            for r in loaded
        ]
        click.echo(json.dumps({"version": 1, "rules": rows}, indent=2, ensure_ascii=False))
        return
    widths = [
        max(len("SLUG"), *(len(r.slug) for r in loaded)),
        max(len("RULESET"), *(len(r.ruleset) for r in loaded)),
    ]
    click.echo(
        f"{'CODE':<7} {'SLUG':<{widths[0]}}  {'SEVERITY':<8} {'RULESET':<{widths[1]}}  "
        + msg("rules.title-heading").render(language)
    )
    for r in loaded:
        click.echo(
            f"{r.code:<7} {r.slug:<{widths[0]}}  {r.severity.label:<8} "
            f"{r.ruleset:<{widths[1]}}  {titles[r.code]}"
        )
    sys.exit(EXIT_OK)


def _plain(value: object) -> object:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@click.command("explain")
@click.argument("code")
@click.option(
    "--ruleset",
    "rulesets",
    multiple=True,
    metavar="NAME_OR_PATH",
    help="Look in these rulesets too (repeatable).",
)
@lang_option
@no_color_option
@debug_option
@guarded
def explain(
    code: str, rulesets: tuple[str, ...], lang: str | None, no_color: bool, debug: bool
) -> None:
    """Explain CODE (or a rule's slug): why it exists, a failing and a passing example, the fix."""
    from govrules.engine.catalogue import builtin_rules, load_rules, rule_info
    from govrules.explain import fix_in_example
    from govrules.messages import msg
    from govrules.suggest import suggestion_suffix

    loaded = list(builtin_rules())
    if rulesets:
        loaded += [r for r in load_rules(list(rulesets)) if r not in loaded]
    wanted = code.strip()
    rule = next((r for r in loaded if wanted.upper() == r.code or wanted == r.slug), None)
    bold, reset = ("\x1b[1m", "\x1b[0m") if use_color(no_color) else ("", "")
    if rule is None:
        if wanted.upper() in MODEL_CODES:
            code_ = wanted.upper()
            level = MODEL_CODE_SEVERITY.get(code_, Severity.ERROR).label
            click.echo("\n".join(_model_code_lines(code_, level, bold, reset)))
            return
        names = [r.code for r in loaded] + [r.slug for r in loaded] + list(MODEL_CODES)
        fail(
            f"unknown rule {code!r}"
            + suggestion_suffix(wanted.upper(), names)
            + " (see `govrules rules`)"
        )
    words = cli_language()
    # The rule's texts in the reader's language; what its author did not translate, in English.
    # The fix's {expressions} name the facts of a finding; rule_info shows them as <slots>.
    text = rule_info(rule).text(words)

    def say(ident: str, **args: str) -> str:
        return msg(ident, **args).render(words)

    out = [
        f"{bold}{rule.code} {rule.slug}{reset}: {text.title}",
        say("explain.meta", severity=rule.severity.label, ruleset=rule.ruleset),
    ]
    if text.source:
        out.append(say("explain.source", source=text.source))
    if rule.params:
        params = ", ".join(f"{k} = {_plain(v)}" for k, v in rule.params.items())
        out.append(say("explain.params", params=params, code=rule.code))
    why = textwrap.fill(text.why, 79) if text.why else "-"
    out += ["", f"{bold}{say('explain.why')}{reset}", why]
    for kind, heading in (("fail", say("explain.fails")), ("pass", say("explain.passes"))):
        for ex in (e for e in rule.examples if e.kind == kind):
            out += ["", f"{bold}{heading}{reset}", textwrap.indent(ex.text, "    ")]
    if text.fix:
        # The template names the facts of a finding: say it as the failing example's finding
        # does, in the reader's language; only a rule without one shows the template's <slots>.
        concrete = fix_in_example(rule, words)
        if concrete is not None:
            heading = f"{bold}{say('explain.fix')}{reset} {say('explain.for-example')}"
            out += ["", heading, textwrap.fill(concrete, 79)]
        else:
            out += ["", f"{bold}{say('explain.fix')}{reset}", text.fix]
    out += ["", say("explain.suppress", code=rule.code)]
    click.echo("\n".join(out))


def _model_code_lines(code: str, level: str, bold: str, reset: str) -> list[str]:
    """``explain GR...``: what it means, why, an example with the message it gives, the fix."""
    from govrules.explain import MODEL_HELP, example_findings

    help_ = MODEL_HELP[code]
    out = [
        f"{bold}{code}{reset}: {MODEL_CODES[code]}",
        f"model diagnostic, severity {level}; it cannot be suppressed or ignored",
        "",
        f"{bold}Why{reset}",
        textwrap.fill(help_.why, 79),
    ]
    if help_.example:
        out += ["", f"{bold}Example{reset}", textwrap.indent(help_.example.rstrip("\n"), "    ")]
        for finding in example_findings(code):
            loc = finding.location
            out.append(f"  gives {loc.line}:{loc.column}: {code} {finding.message}")
    if help_.fix:
        out += ["", f"{bold}Fix{reset}", textwrap.fill(help_.fix, 79)]
    return out
