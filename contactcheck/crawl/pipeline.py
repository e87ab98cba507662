"""The item pipeline: each fetched page becomes a Document as it arrives and its body is dropped, so a
crawl holds facts and links, never pages. Duplicates (redirects to a page already read, a page whose
rel=canonical names another, byte-identical copies) are listed as fetched but read once."""

from __future__ import annotations

import hashlib
from typing import Any

from scrapy.crawler import Crawler

from contactcheck.crawl.extract import PageJob, extract
from contactcheck.crawl.state import CrawlState, Page
from contactcheck.crawl.urls import url_key


class ExtractPipeline:
    """Reads every :class:`Page` with ``extractors/`` (in worker processes when the plan has them)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        return cls(crawler)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Page):
            return item
        state: CrawlState = self.crawler.spider.state  # type: ignore[union-attr]
        await read_page(state, item)
        return None


async def read_page(state: CrawlState, page: Page) -> None:
    """Add ``page`` to the crawl: a duplicate is listed and aliased, anything else is extracted."""
    for source in page.redirected_from:
        state.graph.alias(source, page.key)
    known = state.pages.get(page.key)
    if known == page.key:
        return  # a redirect ended on a page already read: nothing new was fetched
    if known is not None:
        state.add_duplicate(page, page.kind, known)
        return
    if page.canonical is not None:  # the page it says it is was requested too: that one is read
        state.add_duplicate(page, page.kind, url_key(page.canonical))
        return
    digest = hashlib.blake2b(page.body, digest_size=16).digest()
    if digest in state.digests:
        state.add_duplicate(page, page.kind, state.digests[digest])
        return
    state.digests[digest] = page.key
    state.pages[page.key] = page.key
    job = PageJob(page.url, page.kind, page.body, page.charset, state.plan.region, state.plan.scope)
    result = await extract(job, state.plan.workers)
    state.add_document(page.key, result.document, result.link_keys)
