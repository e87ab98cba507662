"""What a crawl keeps while it runs: documents (facts only, never page bodies), the link graph, errors."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from contactcheck.crawl.graph import LinkGraph
from contactcheck.crawl.settings import CrawlPlan
from contactcheck.crawl.urls import TrapGuard, url_key
from contactcheck.facts import Document


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response on its way from the spider to extraction (the only place a body lives)."""

    url: str  # the URL actually fetched (after redirects)
    key: str
    body: bytes
    content_type: str
    charset: str | None
    redirected_from: tuple[str, ...] = ()  # keys of the URLs that redirected here
    canonical: str | None = None  # an in-scope rel=canonical URL that differs from this page
    kind: str = "html"  # html | pdf | docx, decided by content first (contactcheck.crawl.extract)


@dataclass(frozen=True, slots=True)
class FetchError:
    """A URL the crawl could not fetch, and why (never a finding: errors do not change the exit code)."""

    url: str
    reason: str
    kind: str = "page"  # page | robots | sitemap

    def to_json(self) -> dict[str, str]:
        return {"url": self.url, "kind": self.kind, "reason": self.reason}


@dataclass(slots=True)
class CrawlState:
    """Shared by the spider and the extraction pipeline; read by the runner when the crawl ends.

    Only the reactor thread writes it; the runner reads counters for progress and everything at the end.
    """

    plan: CrawlPlan
    graph: LinkGraph = field(default_factory=LinkGraph)
    documents: list[Document] = field(default_factory=list)  # read, links kept in the graph instead
    document_keys: list[str] = field(default_factory=list)  # parallel to documents ("" for a duplicate)
    errors: list[FetchError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> URLs not requested
    claimed: set[str] = field(default_factory=set)  # keys requested (or standing for a requested page)
    digests: dict[bytes, str] = field(default_factory=dict)  # body hash -> key of the first page with it
    pages: dict[str, str] = field(default_factory=dict)  # key read (or being read) -> key of the page it is
    seeds: deque[str] = field(default_factory=deque)  # sitemap URLs, requested when links run out
    guard: TrapGuard = field(default_factory=TrapGuard)
    requested: int = 0  # page requests made (the --max-pages budget)
    done: int = 0  # page requests finished (fetched or failed)
    fetched: int = 0
    unchanged: int = 0  # answered 304 from the HTTP cache
    entry_url: str | None = None  # where the entry request ended up (after redirects)

    def __post_init__(self) -> None:
        self.guard = TrapGuard(self.plan.traps)

    # -- scheduling (spider) ------------------------------------------------------------------
    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def claim(self, url: str, depth: int) -> bool:
        """May ``url`` be requested now? Counts it against the budget when it may."""
        key = url_key(url)
        if key in self.claimed:
            return False
        if url != self.plan.entry:
            if self.plan.max_depth is not None and depth > self.plan.max_depth:
                self.skip(f"deeper than --max-depth {self.plan.max_depth}")
                return False
            if self.requested >= self.plan.max_pages:
                self.skip(f"page budget (--max-pages {self.plan.max_pages}) used up")
                return False
            trap = self.guard.check(url, depth)
            if trap is not None:
                self.skip(f"spider trap: {trap}")
                self.claimed.add(key)  # refused once is enough: the next link to it is not counted again
                return False
        self.claimed.add(key)
        self.requested += 1
        return True

    @property
    def queued(self) -> int:
        return max(0, self.requested - self.done)

    # -- results (pipeline) ---------------------------------------------------------------------
    def fail(self, url: str, reason: str, kind: str = "page") -> None:
        self.errors.append(FetchError(url, reason, kind))

    def add_duplicate(self, page: Page, kind: str, of_key: str) -> None:
        """A page that is the same as one already read (rel=canonical, identical bytes): listed as fetched,
        its facts not counted twice, and a link to it reaches the page it duplicates."""
        self.pages.setdefault(page.key, of_key)
        self.graph.alias(page.key, of_key)
        self.documents.append(Document(page.url, kind))
        self.document_keys.append("")

    def add_document(self, key: str, document: Document, link_keys: tuple[str, ...]) -> None:
        self.graph.add_page(key, document.uri, link_keys)
        self.documents.append(replace(document, links=()) if document.links else document)
        self.document_keys.append(key)

    @property
    def page_errors(self) -> int:
        return sum(1 for e in self.errors if e.kind == "page")
