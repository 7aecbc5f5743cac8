"""Command line: parse options, call the library, format output. Library errors become messages that say the fix."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from enum import IntEnum
from pathlib import Path

import click

from claimcheck import __version__
from claimcheck import reference as refdata
from claimcheck.errors import ClaimcheckError
from claimcheck.nlp import DEFAULT_MODEL


class Exit(IntEnum):
    """Documented exit codes."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    STALE_LEDGER = 3
    INTERNAL = 4


class UserError(click.ClickException):
    """A problem the user can fix: bad input, bad reference data, a missing model."""

    exit_code = Exit.USAGE


def _fail(exc: ClaimcheckError) -> UserError:
    return UserError(str(exc))


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD", param_hint="--as-of") from None


def find_reference_dir(start: Path | None = None) -> Path:
    """The nearest 'reference' directory holding TOML files, in the working directory or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "reference"
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate if folder != Path.cwd().resolve() else Path("reference")
    raise UserError(f"no reference/ directory with .toml files in {here} or its parents; pass --reference DIR")


def _reference_dir(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    return value if value is not None else find_reference_dir()


REFERENCE_OPTION = click.option(
    "--reference", "reference_dir", type=click.Path(path_type=Path, file_okay=False), callback=_reference_dir,
    help="Directory of curated reference data (TOML). Default: reference/ in the working directory or the nearest "
         "parent that has one.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def cli() -> None:
    """Find the factual claims in articles and check them against curated reference data.

    Exit codes: 0 report written (or data valid), 1 findings, 2 usage or input error, 4 internal error.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True,
              help="Report format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file (atomically) instead of standard output.")
@REFERENCE_OPTION
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Installed spaCy pipeline to use.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the articles.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Date that ongoing missions are measured to (default: today).")
def report(paths: tuple[str, ...], fmt: str, output: Path | None, reference_dir: Path, model: str, encoding: str,
           as_of: str | None) -> None:
    """Write the claims report for PATHS (files or directories; default: articles/)."""
    from claimcheck.pipeline import analyse
    from claimcheck.report import render, write_atomic

    try:
        analysis = analyse(list(paths) or ["articles"], reference_dir, model, encoding, _as_of(as_of))
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    if not analysis.documents:
        raise UserError(f"no .txt or .md articles found in {', '.join(paths) or 'articles'}; name files or a "
                        f"directory that holds them")
    text = render(analysis, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output} ({sum(len(d.claims) for d in analysis.documents)} claims, "
                   f"{len(analysis.disagreements)} disagreements)", err=True)


@cli.group()
def reference() -> None:
    """Work with the curated reference data."""


@reference.command("validate")
@REFERENCE_OPTION
def validate(reference_dir: Path) -> None:
    """Check every reference file: schema, ids, links between facts and entities, aliases, sources."""
    try:
        ref, problems = refdata.collect(reference_dir)
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise UserError(f"{len(problems)} problem(s) in {reference_dir}")
    click.echo(f"{reference_dir}: {len(ref.entities)} entities, {len(ref.facts)} facts, {len(ref.terms)} terms: valid")


def main() -> None:
    """Entry point: run the CLI, turning unexpected errors into exit code 4."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(Exit.USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception:
        click.echo("claimcheck: internal error; please report it with this traceback:", err=True)
        traceback.print_exc()
        sys.exit(Exit.INTERNAL)
    sys.exit(Exit.OK)
