"""Downloader manners Scrapy does not ship: retries that back off, robots.txt's Crawl-delay, and a cache that
always revalidates."""

from __future__ import annotations

import asyncio
import email.utils
import time
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.extensions.throttle import AutoThrottle
from scrapy.utils.misc import load_object
from scrapy.utils.response import response_status_message

if TYPE_CHECKING:
    from scrapy.core.downloader import Downloader
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.robotstxt import RobotParser
    from scrapy.spiders import Spider

MAX_WAIT = 60.0  # seconds; a longer Retry-After gives up on the page instead


class BackoffRetryMiddleware:
    """Scrapy's retry (same settings: RETRY_TIMES, RETRY_HTTP_CODES, RETRY_EXCEPTIONS), waiting
    ``BACKOFF_BASE * 2**n`` seconds (or the server's ``Retry-After``) before retry ``n``; a 429 or 503 also
    widens the delay of every further request to that host."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_retries = settings.getint("RETRY_TIMES")
        self.codes = {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}
        self.exceptions = tuple(load_object(e) if isinstance(e, str) else e
                                for e in settings.getlist("RETRY_EXCEPTIONS"))
        self.base = settings.getfloat("BACKOFF_BASE", 1.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        wait = self._wait(request, response)
        if wait is None:
            return response
        if response.status in (429, 503):
            self._slow_down(request, wait)
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if request.meta.get("dont_retry") or not isinstance(exception, self.exceptions):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await asyncio.sleep(self._wait(request, None) or 0.0)
        return retry

    def _retry(self, request: Request, reason: str | Exception) -> Request | None:
        spider = self.crawler.spider
        assert spider is not None
        return get_retry_request(request, spider=spider, reason=reason, max_retry_times=self.max_retries,
                                 give_up_log_level="DEBUG")

    def _wait(self, request: Request, response: Response | None) -> float | None:
        """Seconds before the retry; None when the server asks for longer than we are willing to wait."""
        attempt = int(request.meta.get("retry_times", 0))
        wait: float = self.base * (2.0 ** attempt)
        if response is not None and (header := response.headers.get(b"Retry-After")):
            asked = retry_after(header.decode("latin-1"))
            if asked is not None:
                if asked > MAX_WAIT:
                    return None
                wait = max(wait, asked)
        return min(wait, MAX_WAIT)

    def _slow_down(self, request: Request, wait: float) -> None:
        engine = self.crawler.engine
        downloader = engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None:
            slot.delay = min(MAX_WAIT, max(slot.delay * 2, wait))


#: id(crawler) -> downloader slot (host) -> the Crawl-delay its robots.txt asks for, in seconds; shared by
#: the middleware that reads it and the AutoThrottle that must not go below it
_CRAWL_DELAYS: dict[int, dict[str, float]] = {}


class CrawlDelayMiddleware:
    """robots.txt's ``Crawl-delay`` for our user agent, which Scrapy reads but does not apply: every request
    to that host waits at least that long after the one before (no jitter below it; :class:`PoliteAutoThrottle`
    only widens it), up to :data:`MAX_WAIT`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        self.delays = _CRAWL_DELAYS.setdefault(id(crawler), {})

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        from scrapy import signals

        middleware = cls(crawler)
        crawler.signals.connect(middleware.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(middleware.closed, signal=signals.spider_closed)
        return middleware

    def closed(self) -> None:
        _CRAWL_DELAYS.pop(id(self.crawler), None)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        delay = robotparser.crawl_delay(self.user_agent)
        if delay is not None and delay > 0:
            self.delays[self._downloader().get_slot_key(request)] = min(float(delay), MAX_WAIT)

    def process_request(self, request: Request) -> None:
        if not self.delays:
            return
        downloader = self._downloader()
        key = downloader.get_slot_key(request)
        delay = self.delays.get(key)
        if delay is None:
            return
        downloader.per_slot_settings.setdefault(key, {}).update(delay=delay, jitter=0.0)  # a new slot
        slot = downloader.slots.get(key)
        if slot is not None and (slot.delay < delay or slot.jitter):
            slot.delay, slot.jitter = max(slot.delay, delay), 0.0

    def _downloader(self) -> Downloader:
        engine = self.crawler.engine
        assert engine is not None
        return engine.downloader


class PoliteAutoThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, which never lowers a host's delay below its robots.txt ``Crawl-delay``
    (it adapts the delay after each response, also for requests already queued for that host)."""

    def _response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        super()._response_downloaded(response, request, spider)
        floors = _CRAWL_DELAYS.get(id(self.crawler))
        if not floors:
            return
        engine = self.crawler.engine
        assert engine is not None
        downloader = engine.downloader
        key = downloader.get_slot_key(request)
        floor, slot = floors.get(key), downloader.slots.get(key)
        if floor is not None and slot is not None and slot.delay < floor:
            slot.delay = floor


def retry_after(value: str) -> float | None:
    """A ``Retry-After`` header: seconds, or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, float(when.timestamp()) - time.time())


class RevalidatingPolicy(RFC2616Policy):
    """RFC 2616 caching that never trusts a stored page without asking: every cached response is
    revalidated (If-None-Match / If-Modified-Since), so a 304 costs no body and a changed page is seen at
    once. A scheduled compliance crawl must check today's page, not one a heuristic still calls fresh."""

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False
