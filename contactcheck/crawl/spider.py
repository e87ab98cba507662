"""The spider: fetches pages and documents, follows in-scope links, reads sitemaps. It stays thin:
facts come from ``extractors/`` in the item pipeline, never from here."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from contactcheck.crawl.extract import document_kind
from contactcheck.crawl.settings import NOT_DOCUMENTS
from contactcheck.crawl.state import CrawlState, Page
from contactcheck.crawl.urls import clean_url, url_key

MAX_SITEMAPS = 50  # sitemap files read per crawl (an index can list thousands)


class SiteSpider(Spider):
    """Crawls one site breadth first within its scope; yields :class:`Page` items and link requests."""

    name = "contactcheck"

    def __init__(self, state: CrawlState, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.plan = state.plan
        self.sitemaps = 0
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",), deny_extensions=list(NOT_DOCUMENTS),
                                   unique=True)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, SiteSpider)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        entry = self.plan.entry
        self.state.claim(entry, 0)
        yield Request(entry, callback=self.parse, errback=self.failed, dont_filter=True, priority=10,
                      meta={"entry": True})
        if self.plan.sitemaps:
            yield Request(urljoin(entry, "/robots.txt"), callback=self.read_robots, errback=self.robots_failed,
                          dont_filter=True, priority=20, meta={"dont_obey_robotstxt": True, "dont_retry": True})

    # -- pages -------------------------------------------------------------------------------------
    def parse(self, response: Response, **kwargs: Any) -> Iterator[Page | Request]:
        state = self.state
        state.done += 1
        state.fetched += 1
        if "cached" in response.flags:
            state.unchanged += 1
        if response.meta.get("entry"):
            state.entry_url = response.url
        if not self.plan.scope.allows(response.url):
            state.skip("redirected outside the crawl's scope")
            return
        key = url_key(response.url)
        state.claimed.add(key)
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        kind = document_kind(content_type, response.body, response.url)
        if kind is None:
            state.skip("not a web page or document (by Content-Type and content)")
            return
        canonical = None
        if kind == "html":
            html = response if isinstance(response, TextResponse) else HtmlResponse(
                response.url, body=response.body, encoding=http_content_type_encoding(content_type) or "utf-8")
            depth = int(response.meta.get("depth", 0))
            canonical = self._canonical(html, key)
            if canonical is not None and url_key(canonical) not in state.claimed:
                request = self.request(canonical, depth)  # read the page this one says it is, not this one
                if request is None:
                    canonical = None
                else:
                    yield request
            yield from self._follow_links(html, depth + 1)
        redirected = tuple(url_key(u) for u in response.meta.get("redirect_urls", ()))
        yield Page(response.url, key, response.body, content_type, http_content_type_encoding(content_type),
                   redirected, canonical, kind)

    def _canonical(self, response: TextResponse, key: str) -> str | None:
        """An in-scope ``rel=canonical`` that names another URL: this page is a duplicate of that one."""
        try:
            href = response.css('link[rel~="canonical"]::attr(href)').get()
        except ValueError:  # not parseable as HTML after all
            return None
        if not href:
            return None
        url = clean_url(urljoin(response.url, href.strip()))
        if not self.plan.scope.allows(url) or url_key(url) == key:
            return None
        return url

    def _follow_links(self, response: TextResponse, depth: int) -> Iterator[Request]:
        try:
            links = self.links.extract_links(response)
        except ValueError:
            return
        for link in links:
            request = self.request(link.url, depth)
            if request is not None:
                yield request

    def request(self, url: str, depth: int) -> Request | None:
        """A request for ``url`` if it is in scope, new, within the limits and not a trap."""
        url = clean_url(url)
        if not self.plan.scope.allows(url):
            return None
        if not self.state.claim(url, depth):
            return None
        return Request(url, callback=self.parse, errback=self.failed, dont_filter=True, meta={"depth": depth})

    def failed(self, failure: Failure) -> None:
        """A page that could not be fetched: reported, never fatal."""
        request: Request = failure.request  # type: ignore[attr-defined]
        self.state.done += 1
        exc = failure.value
        if isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc):
            self.state.skip("disallowed by robots.txt")
            return
        self.state.fail(request.meta.get("redirect_urls", [request.url])[0], describe(failure))

    # -- robots.txt and sitemaps -------------------------------------------------------------------
    def read_robots(self, response: Response) -> Iterator[Request]:
        listed = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        yield from self._sitemap_requests(listed or [urljoin(response.url, "/sitemap.xml")])

    def robots_failed(self, failure: Failure) -> Iterator[Request]:
        request: Request = failure.request  # type: ignore[attr-defined]
        reason = describe(failure)
        if isinstance(failure.value, HttpError) and failure.value.response.status in (404, 410):
            reason += ": no robots.txt, so every page may be fetched"
        self.state.fail(request.url, reason, "robots")
        yield from self._sitemap_requests([urljoin(request.url, "/sitemap.xml")])

    def _sitemap_requests(self, urls: list[str]) -> Iterator[Request]:
        for url in urls:
            if self.sitemaps >= MAX_SITEMAPS or not self.plan.scope.allows(url):
                continue
            self.sitemaps += 1
            yield Request(url, callback=self.read_sitemap, errback=self.sitemap_failed, dont_filter=True,
                          priority=5, meta={"dont_retry": True})

    def read_sitemap(self, response: Response) -> Iterator[Request]:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.plan.max_bytes)
            except (OSError, ValueError) as exc:
                self.state.fail(response.url, f"unreadable sitemap: {exc}", "sitemap")
                return
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises several kinds on bytes that are not XML
            self.state.fail(response.url, f"not a sitemap: {type(exc).__name__}", "sitemap")
            return
        nested: list[str] = []
        for entry in sitemap:
            loc = str(entry.get("loc", "")).strip()
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                nested.append(loc)
            elif len(self.state.seeds) < self.plan.max_pages and self.plan.scope.allows(loc):
                self.state.seeds.append(loc)
        yield from self._sitemap_requests(nested)

    def sitemap_failed(self, failure: Failure) -> None:
        request: Request = failure.request  # type: ignore[attr-defined]
        self.state.fail(request.url, describe(failure), "sitemap")

    def idle(self) -> None:
        """When the links run out, sitemap URLs not reached by links become seeds (within the budget)."""
        engine = self.crawler.engine
        scheduled = False
        while self.state.seeds and self.state.requested < self.plan.max_pages:
            request = self.request(self.state.seeds.popleft(), 0)
            if request is not None:
                engine.crawl(request)
                scheduled = True
        if scheduled:
            raise DontCloseSpider


def describe(failure: Failure) -> str:
    """Why a request failed, in words a reader of the report understands."""
    exc = failure.value
    if isinstance(exc, HttpError):
        from scrapy.utils.response import response_status_message

        return f"HTTP {response_status_message(exc.response.status)}"
    request = getattr(failure, "request", None)
    if isinstance(exc, IgnoreRequest) and "redirections" in str(exc) and request is not None:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if len({url_key(u) for u in chain}) < len(chain):
            return "redirect loop: " + " -> ".join(chain[-6:])
        return f"too many redirects ({len(chain) - 1})"
    name = type(exc).__name__
    if "Timeout" in name:
        return "timed out"
    text = str(exc).strip()
    if "larger than download max size" in text or "max size" in text:
        return "larger than the size cap"
    return f"{name}: {text}" if text else name
