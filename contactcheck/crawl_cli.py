"""`contactcheck crawl`, `contactcheck history` and the crawling demo, as standalone click commands.

The CLI group adds them with ``main.add_command(crawl)`` and ``main.add_command(history)``; ``demo_crawl()``
serves the bundled example site on 127.0.0.1 and crawls it. Progress goes to standard error (a live line on
a terminal, a few plain lines otherwise); the report goes to standard output or ``--output``.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click

from contactcheck.findings import Finding
from contactcheck.options import region_option, split_ids, write_output

if TYPE_CHECKING:  # the crawl machinery (Scrapy, Twisted) is imported only when a crawl runs
    from contactcheck.crawl.job import JobOptions, SiteOutcome, SiteSpec
    from contactcheck.crawl.runner import CrawlProgress

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it; 143 after SIGTERM
FORMATS = ("text", "json", "sarif", "junit", "html")


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into the same graceful stop as Ctrl-C."""


@click.command("crawl")
@click.argument("url", required=False)
@click.option("--config", "sites_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sites file (TOML) with several [[site]] entries: entry URL, strategy and limits each.")
@click.option("--strategy", "-s", "strategy_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The customer access strategy (YAML).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the run in this SQLite history database; the report opens with the change since the "
              "previous run of the same site.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
              show_default=True, help="Exit 1 when an unsuppressed finding is at or above this severity.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Findings whose fingerprint is in this file are reported as suppressed.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the fingerprints of this crawl's unsuppressed findings here (every site's), for a later "
              "--baseline; a crawl stopped before its end writes none.")
@click.option("--region", metavar="CC", help="Region for numbers without +CC (the strategy's `region` wins).")
@click.option("--select", multiple=True, metavar="ID|CLAUSE", help="Only these rules (repeatable, comma-separated).")
@click.option("--ignore", multiple=True, metavar="ID|CLAUSE", help="Leave these rules out.")
@click.option("--max-pages", type=click.IntRange(min=1), help="Pages and documents to request at most [default: 5000].")
@click.option("--max-depth", type=click.IntRange(min=0), help="Follow links this many clicks deep at most "
              "[default: no limit].")
@click.option("--allow-domain", multiple=True, metavar="DOMAIN", help="Also crawl this domain (repeatable).")
@click.option("--include", multiple=True, metavar="REGEX", help="Only URLs matching one of these (repeatable).")
@click.option("--exclude", multiple=True, metavar="REGEX", help="Never URLs matching one of these (repeatable).")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between requests to a host; AutoThrottle "
              "adapts it; 0 turns politeness off (your own servers only) [default: 1.0].")
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests at a time per host [default: 1].")
@click.option("--user-agent", help="User-Agent to send [default: contactcheck/VERSION (...)].")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Seconds before a request gives up [default: 30].")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path),
              help="HTTP cache folder: the next crawl revalidates (ETag / Last-Modified) and re-downloads only "
              "what changed.")
def crawl(url: str | None, sites_file: Path | None, strategy_path: Path | None, db: Path | None, fmt: str,
          output: Path | None, fail_on: str, baseline: Path | None, write_baseline: Path | None, region: str | None,
          select: tuple[str, ...],
          ignore: tuple[str, ...], max_pages: int | None, max_depth: int | None, allow_domain: tuple[str, ...],
          include: tuple[str, ...], exclude: tuple[str, ...], delay: float | None, concurrency: int | None,
          user_agent: str | None, timeout: float | None, cache_dir: Path | None) -> None:
    """Crawl the site at URL (or every site of --config), check every page and linked document against the
    strategy, then the site-wide rules (complaint contact click depth, consistency across pages).

    \b
    Polite by default: obeys robots.txt and its Crawl-delay (up to 60 s), one request at a time per host
    with a delay AutoThrottle adapts, retries with back-off, timeouts. Scope: the entry URL's registrable
    domain (for localhost and IP addresses, its host and port), plus --allow-domain, filtered by
    --include/--exclude.
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error, invalid
    strategy or nothing readable; 130/143 when stopped by Ctrl-C/SIGTERM (the run is kept, incomplete).
    Pages that cannot be fetched are listed in the report and do not change the exit code.
    """
    overrides: dict[str, Any] = {
        "strategy": strategy_path, "region": region_option(region), "max_pages": max_pages, "max_depth": max_depth,
        "allow_domains": allow_domain or None, "include": include or None, "exclude": exclude or None,
        "delay": delay, "concurrency": concurrency, "user_agent": user_agent, "timeout": timeout,
        "cache_dir": cache_dir, "select": split_ids(select) or None, "ignore": split_ids(ignore) or None,
    }
    from contactcheck.crawl.job import JobOptions

    specs, db = _specs(url, sites_file, overrides, db)
    options = JobOptions(db=db, baseline=baseline, fail_on=fail_on, count_findings=sys.stderr.isatty())
    colour = output is None and fmt == "text" and sys.stdout.isatty()
    with _sigterm_as_interrupt():
        outcomes, signal_code = _run(specs, options)
    for outcome in outcomes:
        if outcome.error is not None:
            click.echo(f"Error: {outcome.error}", err=True)
    if write_baseline is not None:
        _write_baseline(write_baseline, outcomes, signal_code)
    if any(o.crawl is not None for o in outcomes):
        from contactcheck.crawl.report import render

        write_output(render(outcomes, fmt, colour), output)
    sys.exit(exit_code(outcomes, fail_on, signal_code))


def _write_baseline(path: Path, outcomes: list[SiteOutcome], signal_code: int | None) -> None:
    """The fingerprints of every site's unsuppressed findings; none from a crawl that did not finish (a
    baseline of part of a site would let everything it missed through as new later)."""
    from contactcheck.baseline import write_baseline

    unfinished = [o.spec.url for o in outcomes if o.error is not None or o.interrupted or o.crawl is None]
    if signal_code is not None or unfinished:
        click.echo(f"Error: no baseline written: the crawl of {', '.join(unfinished) or 'the sites'} did not finish",
                   err=True)
        return
    count = write_baseline(path, (f for o in outcomes for f in o.findings))
    click.echo(f"wrote {count} fingerprints to {path}", err=True)


def _specs(url: str | None, sites_file: Path | None, overrides: dict[str, Any],
           db: Path | None) -> tuple[tuple[SiteSpec, ...], Path | None]:
    from dataclasses import replace

    from contactcheck.crawl.job import SiteSpec
    from contactcheck.crawl.sites import SitesError, load_sites

    if url and sites_file:
        raise click.UsageError("give a URL or --config, not both")
    if sites_file is not None:
        try:
            loaded = load_sites(sites_file, overrides)
        except SitesError as exc:
            raise click.UsageError(str(exc)) from exc
        return loaded.sites, db or loaded.db
    if not url:
        raise click.UsageError("give the URL of the site to crawl, or --config sites.toml")
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{url!r} is not an http:// or https:// URL", param_hint="URL")
    return (replace(SiteSpec(url), **{k: v for k, v in overrides.items() if v is not None}),), db


def _run(specs: Sequence[SiteSpec], options: JobOptions) -> tuple[list[SiteOutcome], int | None]:
    """Each site in turn (one's failure does not stop the others); an interrupt ends the job."""
    from contactcheck.crawl.job import run_site

    outcomes: list[SiteOutcome] = []
    printer = ProgressPrinter(sys.stderr.isatty())
    for spec in specs:
        try:
            outcome = run_site(spec, options, printer)
        except KeyboardInterrupt as exc:  # outside the crawl (checking, recording): the run stays incomplete
            printer.clear()
            click.echo(f"{spec.url}: stopped while checking; the run is recorded as incomplete", err=True)
            return outcomes, _signal_exit(exc)
        printer.done(outcome)
        outcomes.append(outcome)
        if outcome.interrupted:
            code = EXIT_INTERRUPTED + 13 if outcome.interrupted.startswith("terminated") else EXIT_INTERRUPTED
            return outcomes, code
    return outcomes, None


def _signal_exit(exc: KeyboardInterrupt) -> int:
    return EXIT_INTERRUPTED + 13 if isinstance(exc, Terminated) else EXIT_INTERRUPTED


def exit_code(outcomes: Sequence[SiteOutcome], fail_on: str, signal_code: int | None = None) -> int:
    """2 if a site could not be checked, else 1 if one has findings at or above ``fail_on``, else 0 (a
    signal's code wins: the job did not finish)."""
    if signal_code is not None:
        return signal_code
    if not outcomes or any(o.error is not None for o in outcomes):
        return EXIT_USAGE
    return EXIT_FINDINGS if any(o.failing(fail_on) for o in outcomes) else EXIT_OK


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) stops the crawl gracefully, like Ctrl-C."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated("terminated (SIGTERM)")

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class ProgressPrinter:
    """Fetched / queued / errors / findings so far: a live line on a terminal; otherwise a plain line now
    and then (every minute) and one when each site ends."""

    EVERY = 60.0

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.last = time.monotonic()

    def __call__(self, snapshot: CrawlProgress, findings: int) -> None:
        found = f" · {findings} findings so far" if findings >= 0 else ""
        if self.tty:
            click.echo(f"\r\033[K{snapshot.entry}: {snapshot.fetched} fetched · {snapshot.queued} queued · "
                       f"{snapshot.errors} errors{found}", err=True, nl=False)
        elif time.monotonic() - self.last >= self.EVERY:
            self.last = time.monotonic()
            click.echo(f"crawl {snapshot.entry}: {snapshot.fetched} fetched, {snapshot.queued} queued, "
                       f"{snapshot.errors} errors", err=True)

    def clear(self) -> None:
        if self.tty:
            click.echo("\r\033[K", err=True, nl=False)

    def done(self, outcome: SiteOutcome) -> None:
        self.clear()
        result = outcome.crawl
        if result is None:
            return
        run = f", run {outcome.changes.run.id}" if outcome.changes is not None else ""
        state = "" if result.complete else f" (incomplete: {result.interrupted})"
        click.echo(f"crawl {outcome.spec.url}: {len(result.documents)} read, {len(result.errors)} errors, "
                   f"{sum(1 for f in outcome.findings if not f.suppressed)} findings{run}{state}", err=True)


# -- history --------------------------------------------------------------------------------------------


@click.command("history")
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The history database written by `crawl --db`.")
@click.option("--diff", nargs=2, type=int, metavar="A B", help="Findings new in run B, fixed since run A, and "
              "persisting.")
@click.option("--site", help="Only the runs of this entry URL.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Runs: text or json. --diff: every report format (SARIF marks baselineState new / unchanged / "
              "absent; JUnit and HTML list new and persisting findings, the fixed ones as resolved).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout.")
def history(db: Path, diff: tuple[int, int] | None, site: str | None, fmt: str, output: Path | None) -> None:
    """List the recorded runs (id, site, start, complete or incomplete, pages, findings), or with
    --diff A B the findings new in B, fixed since A and persisting."""
    from contactcheck.history import History, HistoryError

    try:
        with History(db, create=False) as store:
            if diff:
                rendered = _render_diff(store.diff(*diff), fmt)
            else:
                runs = store.runs(site)
                rendered = runs_text(runs) if fmt == "text" else _json({"runs": [r.to_json() for r in runs]})
    except HistoryError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    write_output(rendered, output)
    sys.exit(EXIT_OK)


def _render_diff(diff: Any, fmt: str) -> str:
    """A diff as text, as SPEC JSON, or through the report formats: new and persisting findings as
    findings, the fixed ones suppressed (SARIF: baselineState new / unchanged / absent)."""
    if fmt == "text":
        return diff_text(diff)
    if fmt == "json":
        return _json(diff.to_json())
    from dataclasses import replace

    from contactcheck.reporters import Report, renderer

    states = ([(f.fingerprint, "new") for f in diff.new] + [(f.fingerprint, "unchanged") for f in diff.persisting]
              + [(f.fingerprint, "absent") for f in diff.fixed])
    findings = (*diff.new, *diff.persisting, *(replace(f, suppressed=True) for f in diff.fixed))
    report = Report((), tuple(findings), f"history runs {diff.a.id} -> {diff.b.id}", diff.b.site,
                    states=tuple(states))
    return renderer(fmt)(report)


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def runs_text(runs: Sequence[Any]) -> str:
    """One line per run (SPEC section 8): id, site, start, complete or incomplete, pages, findings."""
    lines = [f"{r.id:>5}  {r.site}  {r.started}  {'complete' if r.complete else 'incomplete'}  "
             f"{r.pages} pages  {r.findings} findings" for r in runs]
    return "\n".join(lines) + "\n" if lines else "no runs recorded\n"


def diff_text(diff: Any) -> str:
    """New, fixed and persisting findings, one line each, under a heading with the counts."""
    a, b = diff.a, diff.b
    lines = [f"run {a.id} ({a.site}, {a.started}) -> run {b.id} ({b.site}, {b.started}): "
             f"{len(diff.new)} new, {len(diff.fixed)} fixed, {len(diff.persisting)} persisting"]
    for label, findings in (("new", diff.new), ("fixed", diff.fixed), ("persisting", diff.persisting)):
        lines.append(f"{label} ({len(findings)}):")
        lines.extend(f"  {_line(f)}" for f in findings)
    return "\n".join(lines) + "\n"


def _line(finding: Finding) -> str:
    return f"{finding.severity:<7} [{finding.rule}] {finding.document}: {finding.message}"


# -- the demo ------------------------------------------------------------------------------------------


def demo_crawl(fmt: str = "text", colour: bool = False) -> tuple[int, str]:
    """Serve the bundled example site (canonical/examples/acme/defects/site) on 127.0.0.1, crawl it with
    its strategy and return (exit code, rendered report). Exit 0 whenever the crawl ran, whatever it found."""
    from contactcheck.crawl.job import JobOptions, SiteSpec, run_site
    from contactcheck.crawl.report import render
    from contactcheck.crawl.serve import serve_directory

    examples = Path(str(resources.files("canonical").joinpath("examples")))
    with serve_directory(examples / "acme" / "defects" / "site") as base:
        # our own server on the loopback: no delay needed, a few requests at a time
        spec = SiteSpec(base, strategy=examples / "acme" / "strategy.yaml", delay=0.0, concurrency=4)
        outcome = run_site(spec, JobOptions(fail_on="never"))
    if outcome.crawl is None:
        return EXIT_USAGE, f"Error: {outcome.error}\n"
    return EXIT_OK, render([outcome], fmt, colour)


__all__ = ["EXIT_INTERRUPTED", "crawl", "demo_crawl", "exit_code", "history"]
