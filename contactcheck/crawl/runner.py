"""Run one crawl to the end (or to a graceful stop on Ctrl-C / SIGTERM) and hand back what it read."""

from __future__ import annotations

import concurrent.futures
import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from contactcheck.crawl.reactor import event_loop, submit
from contactcheck.crawl.settings import CrawlPlan, scrapy_settings
from contactcheck.crawl.state import CrawlState, FetchError
from contactcheck.crawl.urls import url_key
from contactcheck.facts import Document

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

GRACE = 30.0  # seconds a stopping crawl may take to finish the pages in hand


class CrawlFailed(Exception):
    """The crawl could not run at all (bad settings, no reactor); the message says why."""


@dataclass(frozen=True, slots=True)
class CrawlProgress:
    """A snapshot for a progress display, taken by the runner between waits."""

    entry: str
    fetched: int
    queued: int
    errors: int
    documents: int
    elapsed: float
    recent: tuple[Document, ...] = ()  # documents read since the previous snapshot


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """What a crawl read: documents for the engine, fetch failures and skips for the report."""

    entry: str  # the URL the crawl was asked to start from
    site: str  # the entry page's URL after redirects: the site's identity for the engine
    documents: tuple[Document, ...]  # read pages and documents, entry first, then by click depth and URL
    failures: tuple[Document, ...]  # pages that could not be fetched, as documents with ``error``
    errors: tuple[FetchError, ...]  # every fetch error (pages, robots.txt, sitemaps)
    skipped: tuple[tuple[str, int], ...]  # (reason, URLs) not requested
    depths: tuple[tuple[str, int], ...]  # (uri, click depth) of every page reachable from the entry
    started: datetime
    finished: datetime
    fetched: int
    unchanged: int  # answered "304 Not Modified" from the HTTP cache
    interrupted: str | None = None

    @property
    def complete(self) -> bool:
        return self.interrupted is None


ProgressFn = Callable[[CrawlProgress], None]


class CrawlSession:
    """A crawl running on the reactor thread, watched from the calling thread."""

    def __init__(self, plan: CrawlPlan) -> None:
        self.plan = plan
        self.state = CrawlState(plan)
        self.crawler: Crawler | None = None
        self.started = datetime.now(UTC)
        self._clock = time.monotonic()
        self._reported = 0
        self.future: concurrent.futures.Future[None] = submit(self._crawl())

    async def _crawl(self) -> None:
        from scrapy.crawler import AsyncCrawlerRunner

        from contactcheck.crawl.spider import SiteSpider

        runner = AsyncCrawlerRunner(scrapy_settings(self.plan))
        crawler = runner.create_crawler(SiteSpider)
        self.crawler = crawler
        await runner.crawl(crawler, state=self.state)

    def wait(self, progress: ProgressFn | None, interval: float) -> None:
        """Block until the crawl ends, calling ``progress`` every ``interval`` seconds."""
        while True:
            try:
                self.future.result(timeout=interval)
            except concurrent.futures.TimeoutError:
                if progress is not None:
                    progress(self.snapshot())
                continue
            except Exception as exc:
                raise CrawlFailed(f"{type(exc).__name__}: {exc}") from exc
            if progress is not None:
                progress(self.snapshot())
            return

    def snapshot(self) -> CrawlProgress:
        state = self.state
        documents = list(state.documents)
        recent = tuple(documents[self._reported:])
        self._reported = len(documents)
        return CrawlProgress(self.plan.entry, state.fetched, state.queued, state.page_errors, len(documents),
                             time.monotonic() - self._clock, recent)

    def stop(self, grace: float = GRACE) -> None:
        """Stop fetching; wait up to ``grace`` seconds for the pages in hand to be read."""
        crawler = self.crawler
        if crawler is not None and not self.future.done():
            stopping = submit(crawler.stop_async())
            with contextlib.suppress(Exception):  # stopping is best effort: keep what was read
                stopping.result(timeout=grace)
                self.future.result(timeout=grace)

    def result(self, interrupted: str | None) -> CrawlResult:
        state = self.state
        documents = list(state.documents)
        keys = list(state.document_keys)[: len(documents)]
        entry_key = url_key(state.entry_url or self.plan.entry)
        depth_of = state.graph.depths(entry_key)
        graph = state.graph
        order: list[tuple[float, int, Document]] = []
        for index, (document, key) in enumerate(zip(documents, keys, strict=False)):
            node = graph.ids.get(key) if key else None
            depth = depth_of.get(graph.resolve(node), None) if node is not None else None
            linked = replace(document, links=graph.resolved_links(key)) if key else document
            order.append((depth if depth is not None else float("inf"), index, linked))
        order.sort(key=lambda item: (item[0], item[2].uri, item[1]))  # by depth, then URL: the same every run
        depths = tuple((graph.uris[node], depth) for node, depth in sorted(depth_of.items(), key=lambda kv: kv[1])
                       if node in graph.uris)
        failures = tuple(Document(e.url, "unknown", error=e.reason) for e in state.errors if e.kind == "page")
        return CrawlResult(
            entry=self.plan.entry, site=state.entry_url or self.plan.entry,
            documents=tuple(d for _, _, d in order), failures=failures, errors=tuple(state.errors),
            skipped=tuple(sorted(state.skipped.items(), key=lambda kv: -kv[1])), depths=depths,
            started=self.started, finished=datetime.now(UTC), fetched=state.fetched, unchanged=state.unchanged,
            interrupted=interrupted)


def crawl(plan: CrawlPlan, progress: ProgressFn | None = None, interval: float = 1.0) -> CrawlResult:
    """Crawl ``plan`` to the end. Ctrl-C (KeyboardInterrupt, or a subclass the caller raises on SIGTERM)
    stops it gracefully and returns what it had, marked incomplete; a second one stops waiting."""
    event_loop()
    session = CrawlSession(plan)
    interrupted: str | None = None
    try:
        session.wait(progress, interval)
    except KeyboardInterrupt as exc:
        interrupted = str(exc) or "interrupted (Ctrl-C)"
        with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C: stop waiting, keep what was read
            session.stop()
    return session.result(interrupted)
