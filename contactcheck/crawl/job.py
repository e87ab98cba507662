"""One site of a crawl job, start to end: strategy, crawl, check, baseline, history, change since last run.

The library never prints: progress goes to a callback and problems come back in :class:`SiteOutcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from canonical.loader import StrategyError, load_strategy
from canonical.model import Strategy
from contactcheck.baseline import BaselineError, apply_baseline, read_baseline
from contactcheck.config import Config
from contactcheck.crawl.runner import CrawlFailed, CrawlProgress, CrawlResult, crawl
from contactcheck.crawl.settings import (
    DEFAULT_CONCURRENCY,
    DEFAULT_DELAY,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    DEFAULT_USER_AGENT,
    CrawlPlan,
)
from contactcheck.crawl.urls import Scope
from contactcheck.engine import active_rules, check
from contactcheck.findings import Finding, at_or_above
from contactcheck.history import History, HistoryError, RunDiff, RunInfo, iso, strategy_hash


@dataclass(frozen=True, slots=True)
class SiteSpec:
    """One site to crawl, from the command line or one ``[[site]]`` of a sites file."""

    url: str
    strategy: Path | None = None
    region: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int | None = None
    allow_domains: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    delay: float = DEFAULT_DELAY
    concurrency: int = DEFAULT_CONCURRENCY
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = DEFAULT_TIMEOUT
    cache_dir: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    workers: int | None = None  # None: one per spare CPU

    def plan(self, region: str | None) -> CrawlPlan:
        """Raises ValueError for a URL that is not http(s) or a bad regex."""
        scope = Scope.for_entry(self.url, self.allow_domains, self.include, self.exclude)
        plan = CrawlPlan(self.url, scope, max_pages=self.max_pages, max_depth=self.max_depth, delay=self.delay,
                         concurrency=self.concurrency, user_agent=self.user_agent, cache_dir=self.cache_dir,
                         timeout=self.timeout, region=region)
        return plan if self.workers is None else replace(plan, workers=self.workers)


@dataclass(frozen=True, slots=True)
class JobOptions:
    """What every site of a job shares."""

    db: Path | None = None
    baseline: Path | None = None
    fail_on: str = "error"
    count_findings: bool = False  # findings so far in progress snapshots (costs a per-page check)


@dataclass(frozen=True, slots=True)
class Changes:
    """The change since the previous complete run of the same site."""

    run: RunInfo
    previous: RunInfo | None
    diff: RunDiff | None


@dataclass(frozen=True, slots=True)
class SiteOutcome:
    """What happened to one site: its crawl and findings, or why it could not be checked."""

    spec: SiteSpec
    strategy: str
    crawl: CrawlResult | None = None
    findings: tuple[Finding, ...] = ()
    changes: Changes | None = None
    error: str | None = None  # the site could not be checked at all (exit 2)
    notes: tuple[str, ...] = field(default=())

    @property
    def interrupted(self) -> str | None:
        return self.crawl.interrupted if self.crawl is not None else None

    def failing(self, level: str) -> bool:
        return any(at_or_above(f.severity, level) for f in self.findings if not f.suppressed)


ProgressSink = Callable[[CrawlProgress, int], None]  # (snapshot, findings so far)


def run_site(spec: SiteSpec, options: JobOptions, progress: ProgressSink | None = None) -> SiteOutcome:
    """Crawl and check one site; every problem comes back in the outcome, nothing raises but Ctrl-C
    outside the crawl itself."""
    strategy_file = spec.strategy
    if strategy_file is None:
        return SiteOutcome(spec, "", error="no strategy: give --strategy FILE (or `strategy` in the sites file)")
    try:
        strategy = load_strategy(strategy_file)
    except (StrategyError, OSError) as exc:
        return SiteOutcome(spec, str(strategy_file), error=f"{strategy_file}: invalid strategy:\n{exc}")
    config = Config().overridden(spec.select or None, spec.ignore)
    try:
        active_rules(config)
        plan = spec.plan(strategy.region or spec.region)
        known = read_baseline(options.baseline) if options.baseline is not None else None
    except KeyError as exc:
        return SiteOutcome(spec, str(strategy_file), error=f"unknown rule or clause: {exc.args[0]}")
    except (ValueError, BaselineError) as exc:
        return SiteOutcome(spec, str(strategy_file), error=str(exc))
    history = _open(options.db)
    if isinstance(history, str):
        return SiteOutcome(spec, str(strategy_file), error=history)
    try:
        return _crawl_and_check(spec, strategy, strategy_file, config, plan, options, known, history, progress)
    finally:
        if history is not None:
            history.close()


def _open(db: Path | None) -> History | str | None:
    if db is None:
        return None
    try:
        return History(db)
    except HistoryError as exc:
        return str(exc)


def _crawl_and_check(spec: SiteSpec, strategy: Strategy, strategy_file: Path, config: Config, plan: CrawlPlan,
                     options: JobOptions, known: frozenset[str] | None, history: History | None,
                     progress: ProgressSink | None) -> SiteOutcome:
    run_id = history.begin(spec.url, strategy=strategy_hash(strategy_file)) if history is not None else None
    counter = _FindingCounter(strategy, config) if progress is not None and options.count_findings else None

    def report(snapshot: CrawlProgress) -> None:
        if progress is not None:
            progress(snapshot, counter.add(snapshot) if counter is not None else -1)

    try:
        result = crawl(plan, report if progress is not None else None)
    except CrawlFailed as exc:
        if history is not None and run_id is not None:
            history.finish(run_id, (), pages=0, errors=1, complete=False)
        return SiteOutcome(spec, str(strategy_file), error=f"{spec.url}: the crawl could not run: {exc}")
    findings: tuple[Finding, ...] = ()
    error = None
    if not result.documents:
        reasons = "; ".join(f"{e.url}: {e.reason}" for e in result.errors if e.kind == "page")[:500]
        error = f"{spec.url}: no readable input: nothing could be fetched and read ({reasons or 'no pages'})"
    else:
        findings = check(result.documents, strategy, config, site=result.site).findings
        if known is not None:
            findings = apply_baseline(findings, known)
    changes = None
    if history is not None and run_id is not None:
        # a crawl that read nothing is no baseline for the next one: it is kept, as incomplete
        history.finish(run_id, findings, pages=len(result.documents), errors=len(result.errors),
                       complete=result.complete and error is None, finished=iso(result.finished))
        changes = _changes(history, spec.url, run_id)
    return SiteOutcome(spec, str(strategy_file), result, findings, changes, error)


def _changes(history: History, site: str, run_id: int) -> Changes:
    run = history.run(run_id)
    previous = history.previous(site, run_id)
    diff = history.diff(previous.id, run_id) if previous is not None else None
    return Changes(run, previous, diff)


class _FindingCounter:
    """Findings so far, for a progress display: page-level rules over each page as it is read (the
    site-wide rules wait for the end of the crawl)."""

    def __init__(self, strategy: Strategy, config: Config) -> None:
        rules = [r.id for r in active_rules(config) if r.scope == "document" and r.id != "complaint-contact-missing"]
        self.strategy = strategy
        self.config = Config(select=tuple(rules))
        self.total = 0

    def add(self, snapshot: CrawlProgress) -> int:
        for document in snapshot.recent:
            if document.facts:
                self.total += len(check([document], self.strategy, self.config).findings)
        return self.total
