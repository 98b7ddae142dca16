"""``govrules import csv|xlsx FILE --map MAPPING -o DIR``: a register becomes ``.gov`` files.

Every row that was skipped, merged or repaired is reported on standard error
as ``FILE:ROW: message``, then a summary. Exit codes: 0 when every row was
placed (or merged with a row it repeats), 1 when rows were skipped, 2 for a
file that is not a table, a bad mapping, or output files that exist already
(nothing is written then unless ``--force`` is given).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govrules.cli.common import cli_language, debug_option, guarded, lang_option
from govrules.diagnostics import EXIT_FINDINGS, EXIT_OK
from govrules.importer import FORMATS, SHIPPED, ImportResult, find_mapping, import_table
from govrules.importer.place import Problem
from govrules.importer.write import write_files
from govrules.messages import Message, msg


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        raise click.BadParameter("give one character, or tab", param_hint="--delimiter")
    return value


@click.command("import")
@click.argument("fmt", metavar="csv|xlsx", type=click.Choice(FORMATS))
@click.argument("file", type=click.Path(path_type=str, dir_okay=False, readable=False))
@click.option(
    "--map",
    "mapping",
    required=True,
    metavar="MAPPING",
    help="The mapping file (TOML), or a shipped mapping: " + ", ".join(SHIPPED) + ".",
)
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(path_type=str, file_okay=False),
    help="The directory to write the .gov files in (created if needed).",
)
@click.option("--force", is_flag=True, help="Overwrite files that exist already.")
@click.option("--dry-run", is_flag=True, help="Report what would be written; write nothing.")
@click.option("--encoding", help="CSV: the file's encoding [default: sniffed].")
@click.option("--delimiter", help="CSV: the delimiter, one character or 'tab' [default: sniffed].")
@click.option("--sheet", help="XLSX: the sheet to read [default: the first].")
@click.option("--quiet", "-q", is_flag=True, help="Only rows that were skipped, and the summary.")
@lang_option
@debug_option
@guarded
def import_command(
    fmt: str,
    file: str,
    mapping: str,
    output: str,
    force: bool,
    dry_run: bool,
    encoding: str | None,
    delimiter: str | None,
    sheet: str | None,
    quiet: bool,
    lang: str | None,
    debug: bool,
) -> None:
    """Turn a register kept as a spreadsheet into .gov files.

    A register of gemeenschappelijke regelingen (one row per participant), a
    mandaatregister (one row per mandate), or any table a mapping describes.
    Identifiers are made from names; every row that cannot be placed is
    reported with its row number. Existing files are never overwritten
    without --force.
    """
    language = cli_language()
    chosen = find_mapping(mapping)
    result = import_table(
        Path(file),
        "xlsx" if fmt == "xlsx" else "csv",
        chosen,
        encoding=encoding,
        delimiter=_delimiter(delimiter),
        sheet=sheet,
    )
    for problem in result.problems:
        if problem.skipped or not quiet:
            click.echo(_problem_line(file, problem, language), err=True)
    click.echo(_summary(result).render(language), err=True)
    if not dry_run:
        written = write_files(Path(output), result.files, force=force)
        done = msg(
            "import.report.wrote",
            files=len(written.files),
            directory=output,
            overwritten=len(written.overwritten),
        )
        click.echo(done.render(language), err=True)
    else:
        would = msg("import.report.would-write", files=len(result.files), directory=output)
        click.echo(would.render(language), err=True)
    sys.exit(EXIT_FINDINGS if result.placed.skipped else EXIT_OK)


def _problem_line(file: str, problem: Problem, lang: str) -> str:
    where = file if problem.row is None else f"{file}:{problem.row}"
    message = problem.message
    if problem.skipped:
        message = msg("import.report.skipped", problem=message)
    return f"{where}: {message.render(lang)}"


def _summary(result: ImportResult) -> Message:
    placed = result.placed
    kinds = tuple(dict.fromkeys(d.kind for d in placed.walk()))
    counts = tuple(msg("import.report.count", kind=k, count=placed.count(k)) for k in kinds)
    return msg(
        "import.report.summary",
        rows=placed.rows,
        placed=placed.placed,
        merged=placed.merged,
        skipped=placed.skipped,
        empty=placed.empty,
        counts=counts or msg("import.report.nothing"),
    )
