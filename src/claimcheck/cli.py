"""Command line: parse options, call the library, format output. Library errors become messages that say the fix."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

import click

from claimcheck import __version__
from claimcheck import reference as refdata
from claimcheck.config import Config, find_root, load_config
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


def _write(path: Path, text: str) -> None:
    from claimcheck.files import write_atomic

    try:
        write_atomic(path, text)
    except ClaimcheckError as exc:
        raise _fail(exc) from None


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write it as YYYY-MM-DD", param_hint="--as-of") from None


@dataclass(frozen=True)
class Settings:
    """Configuration from pyproject.toml with command-line overrides applied, paths resolved against the root."""

    root: Path
    config: Config
    reference: Path
    claims: Path
    model: str

    @property
    def cache_dir(self) -> Path:
        return self.root / self.config.cache_dir


def settings(reference: Path | None, model: str | None, claims: Path | None = None,
             fail_on: str | None = None) -> Settings:
    """Load [tool.claimcheck] from the project root and apply the options given on the command line."""
    from claimcheck.check import validate_rule_ids

    root = find_root()
    try:
        config = load_config(root)
        validate_rule_ids(config)
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    if fail_on:
        config = config.model_copy(update={"fail_on": fail_on})
    ref = reference if reference is not None else _near(root, config.reference)
    if not ref.is_dir():
        raise UserError(f"{ref}: reference directory not found; pass --reference DIR or set reference in "
                        f"[tool.claimcheck]")
    return Settings(root, config, ref, claims if claims is not None else _near(root, config.claims),
                    model or config.model)


def _near(root: Path, relative: str) -> Path:
    """A configured path, shown relative to the working directory when it is the root."""
    return Path(relative) if root == Path.cwd().resolve() else root / relative


def article_args(paths: tuple[str, ...], s: Settings) -> list[str]:
    """The articles to read: those given, else the configured globs under the project root (root-relative)."""
    if paths:
        return list(paths)
    found = sorted({p for pattern in s.config.articles for p in s.root.glob(pattern) if p.is_file()})
    if not found:
        raise UserError(f"no articles match {', '.join(s.config.articles)} under {s.root}; name files or set "
                        f"articles in [tool.claimcheck]")
    return [str(_near(s.root, p.relative_to(s.root).as_posix())) for p in found]


REFERENCE_OPTION = click.option(
    "--reference", "reference_dir", type=click.Path(path_type=Path, file_okay=False),
    help="Directory of curated reference data (TOML). Default: reference/ of the project ([tool.claimcheck]).")
MODEL_OPTION = click.option("--model", help=f"Installed spaCy pipeline to use (default {DEFAULT_MODEL}).")
AS_OF_OPTION = click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                            help="Date that ongoing missions and review expiry are measured to (default: today).")
ENCODING_OPTION = click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the articles.")
CACHE_OPTION = click.option("--no-cache", is_flag=True, help="Do not read or write the extraction cache.")
def analysis_options(command):
    """The options every command that analyses articles takes: reference, model, encoding, as-of, cache."""
    for option in reversed([REFERENCE_OPTION, MODEL_OPTION, ENCODING_OPTION, AS_OF_OPTION, CACHE_OPTION]):
        command = option(command)
    return command


CLAIMS_OPTION = click.option("--claims", "claims_dir", type=click.Path(path_type=Path, file_okay=False),
                             help="Directory of the claims ledger (default: claims/ of the project).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but the output and errors.")
@click.option("--verbose", "-v", is_flag=True, help="Also print what was read, cached and found, with timings.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Find the factual claims in articles and check them against curated reference data.

    \b
    Exit codes:
      0  report or ledger written, reference data valid, or check clean
      1  check found findings at or above --fail-on
      2  usage or input error (bad option, unreadable article, invalid reference data, ledger or config)
      3  check: the claims ledger is out of date (run `claimcheck extract`)
      4  internal error
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    ctx.obj = Verbosity(quiet=quiet, verbose=verbose)


@dataclass(frozen=True)
class Verbosity:
    """How much to say on stderr."""

    quiet: bool = False
    verbose: bool = False


def _verbosity() -> Verbosity:
    ctx = click.get_current_context(silent=True)
    while ctx is not None and not isinstance(ctx.obj, Verbosity):
        ctx = ctx.parent
    return ctx.obj if ctx is not None else Verbosity()


def info(message: str) -> None:
    """A status line on stderr, unless --quiet."""
    if not _verbosity().quiet:
        click.echo(message, err=True)


def detail(message: str) -> None:
    """A line on stderr only with --verbose."""
    if _verbosity().verbose:
        click.echo(message, err=True)


class _ProgressBar:
    """A progress bar on stderr while the pipeline reads blocks, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Reading articles", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _progress() -> _ProgressBar | None:
    return _ProgressBar() if sys.stderr.isatty() and not _verbosity().quiet else None


def _analyse(s: Settings, paths: list[str], encoding: str, as_of: str | None, no_cache: bool):
    import time

    from claimcheck.cache import ResultCache
    from claimcheck.pipeline import analyse

    cache = None if no_cache else ResultCache(s.cache_dir)
    bar = _progress()
    started = time.perf_counter()
    try:
        analysis = analyse(paths, s.reference, s.model, encoding, _as_of(as_of), cache=cache, progress=bar)
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    finally:
        if bar is not None:
            bar.close()
    for doc in analysis.documents:
        detail(f"{doc.document.path}: {len(doc.claims)} claims, disclaimer "
               f"{'found' if doc.document.disclaimer else 'not found'}")
    if cache is not None:
        detail(f"cache {s.cache_dir}: {cache.hits} hit(s), {cache.misses} miss(es)")
    detail(f"analysed {len(analysis.documents)} article(s) in {time.perf_counter() - started:.2f} s "
           f"with {analysis.model} and {s.reference}")
    if not analysis.documents:
        raise UserError(f"no .txt or .md articles found in {', '.join(paths)}; name files or a directory that "
                        f"holds them")
    return analysis


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "html", "claimreview"]), default="markdown",
              show_default=True, help="Report format (claimreview: schema.org ClaimReview JSON-LD).")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the report to this file (atomically) instead of standard output.")
@click.option("--timestamp", is_flag=True, help="Stamp the HTML report or ClaimReview export with the current time "
              "(off by default, so reports can be diffed).")
@analysis_options
def report(paths: tuple[str, ...], fmt: str, output: Path | None, timestamp: bool, reference_dir: Path | None,
           model: str | None, encoding: str, as_of: str | None, no_cache: bool) -> None:
    """Write the claims report for PATHS (files or directories; default: the configured articles)."""
    from claimcheck.claimreview import render_claimreview
    from claimcheck.html import render_html
    from claimcheck.report import render

    s = settings(reference_dir, model)
    analysis = _analyse(s, article_args(paths, s), encoding, as_of, no_cache)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0) if timestamp else None
    if fmt == "html":
        text = render_html(analysis, stamp)
    elif fmt == "claimreview":
        text = render_claimreview(analysis, s.config.claimreview_author.model_dump(), stamp)
    else:
        text = render(analysis, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
        claims, disagreements = sum(len(d.claims) for d in analysis.documents), len(analysis.disagreements)
        info(f"wrote {output} ({claims} claim{'s' * (claims != 1)}, "
             f"{disagreements} disagreement{'s' * (disagreements != 1)})")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@CLAIMS_OPTION
@analysis_options
def extract(paths: tuple[str, ...], reference_dir: Path | None, claims_dir: Path | None, model: str | None,
            encoding: str, as_of: str | None, no_cache: bool) -> None:
    """Write the claims ledger (claims/<article>.json) for PATHS, keeping every review people wrote."""
    from claimcheck.check import relative_to_root
    from claimcheck.ledger import ledger_path, load_ledger, merge, write_ledger

    s = settings(reference_dir, model, claims_dir)
    analysis = _analyse(s, article_args(paths, s), encoding, as_of, no_cache)
    today = _as_of(as_of) or dt.date.today()
    updates = []
    try:
        for doc in analysis.documents:
            article = relative_to_root(doc.document.path, s.root)
            path = ledger_path(s.claims, article)
            ledger, change = merge(load_ledger(path), doc, article, analysis.reference.sha256, today)
            updates.append((path, ledger, change))
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    for path, ledger, change in updates:
        try:
            written = write_ledger(path, ledger)
        except ClaimcheckError as exc:
            raise _fail(exc) from None
        info(f"{path}: {len(ledger.claims)} claims ({len(change.added)} new, {len(change.removed)} removed, "
             f"{len(change.orphaned)} reviews orphaned){'' if written else ', unchanged'}")
        for gone in change.removed:
            info(f"  removed {gone.id}: “{gone.text[:80]}”")
        for orphan in change.orphaned:
            info(f"  orphaned review ({orphan.review.status}) of {orphan.id}, kept in orphaned_reviews")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the findings to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that fails the check (default from config, else error).")
@click.option("--changed-only", is_flag=True, help="Report only on articles changed since --since.")
@click.option("--since", metavar="REV", help="Git revision for --changed-only (default: merge base with the "
              "default branch).")
@CLAIMS_OPTION
@analysis_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], fmt: str, output: Path | None, fail_on: str | None,
          changed_only: bool, since: str | None, reference_dir: Path | None, claims_dir: Path | None,
          model: str | None, encoding: str, as_of: str | None, no_cache: bool) -> None:
    """Check articles against the ledger and the reference data; exit 1 on findings, 3 if the ledger is stale."""
    from claimcheck import check as checking
    from claimcheck.formats import render_check

    s = settings(reference_dir, model, claims_dir, fail_on)
    if since and not changed_only:
        raise click.UsageError("--since goes with --changed-only")
    analysis = _analyse(s, article_args(paths, s), encoding, as_of, no_cache)
    today = _as_of(as_of) or dt.date.today()
    try:
        result = checking.check(analysis, s.root, s.config, today, s.claims)
        if not paths and not changed_only:
            result.findings += checking.ledgers_without_article(s.claims, result.checked, s.config)
        if changed_only:
            changed = checking.changed_files(s.root, since or checking.default_since(s.root))
            result = checking.only_paths(result, {p for p in result.checked
                                                  if checking.relative_to_root(p, s.root) in changed})
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    text = render_check(result, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text)
    failing = result.failing(s.config.fail_on)
    if fmt != "text" or output is not None:
        info(f"{len(result.checked)} article(s): {len(result.findings)} finding(s), {len(failing)} at or above "
             f"{s.config.fail_on}")
    if result.stale:
        info("the claims ledger is out of date: run `claimcheck extract` and commit claims/")
        ctx.exit(Exit.STALE_LEDGER)
    ctx.exit(Exit.FINDINGS if failing else Exit.OK)


@cli.group()
def reference() -> None:
    """Work with the curated reference data."""


@reference.command("validate")
@REFERENCE_OPTION
def validate(reference_dir: Path | None) -> None:
    """Check every reference file: schema, ids, links between facts and entities, aliases, sources."""
    ref_dir = settings(reference_dir, None).reference
    try:
        ref, problems = refdata.collect(ref_dir)
    except ClaimcheckError as exc:
        raise _fail(exc) from None
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise UserError(f"{len(problems)} problem(s) in {ref_dir}")
    click.echo(f"{ref_dir}: {len(ref.entities)} entities, {len(ref.facts)} facts, {len(ref.terms)} terms: valid")


def main() -> None:
    """Entry point: run the CLI, turning unexpected errors into exit code 4."""
    try:
        code = cli.main(standalone_mode=False)
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
    sys.exit(code if isinstance(code, int) else Exit.OK)
