"""Facts from a fetched response, by the same extractors `check` uses; optionally in worker processes.

The type of a response is decided by its content first and its Content-Type second (a PDF served as
``application/octet-stream`` or without a ``.pdf`` suffix is a PDF), so nothing hides behind a wrong header.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import signal
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

from contactcheck.crawl.urls import Scope, url_key
from contactcheck.facts import Document

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: the extractor kinds a crawl checks: web pages and the documents they link to
CRAWLED_KINDS = frozenset({"html", "pdf", "docx"})
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MIME = {"application/pdf": "pdf", _DOCX: "docx"}
_KIND_MIME = {"html": "text/html", "pdf": "application/pdf", "docx": _DOCX}


def document_kind(content_type: str, body: bytes, url: str) -> str | None:
    """html, pdf or docx, or None for anything a customer does not read as a page or document."""
    from extractors.sources import sniff

    sniffed = sniff(body[:65536] if not body.startswith(b"PK") else body, url.split("?", 1)[0])
    if sniffed in ("pdf", "docx"):
        return sniffed  # content wins over the header and the name
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in HTML_TYPES or sniffed == "html":
        return "html"
    return _MIME.get(mime)  # says PDF/DOCX but is not: the extractor reports why (unreadable-input)


@dataclass(frozen=True, slots=True)
class PageJob:
    """What a worker needs to read one page: no Scrapy objects cross the process boundary."""

    url: str
    kind: str
    body: bytes
    charset: str | None
    region: str | None
    scope: Scope


@dataclass(frozen=True, slots=True)
class PageResult:
    """A read page without its links, and the keys of the in-scope pages it links to, in page order."""

    document: Document
    link_keys: tuple[str, ...]


def extract_page(job: PageJob) -> PageResult:
    """Facts and in-scope links of one page or document (runs in a worker process or in-line)."""
    from extractors.sources import extract_bytes, sniff

    if job.kind == "html" and sniff(job.body[:4096], job.url) != "html":
        document = _html_fragment(job)  # served as HTML without <html>/<body>: still a web page
    else:
        document = extract_bytes(job.body, job.url, job.region, content_type=_KIND_MIME.get(job.kind),
                                 encoding=job.charset)
    keys = tuple(dict.fromkeys(url_key(link) for link in document.links if job.scope.allows(link)))
    # the links travel as keys (in page order, once each); the crawl rebuilds Document.links at the end
    return PageResult(replace(document, links=()) if document.links else document, keys)


def _html_fragment(job: PageJob) -> Document:
    from extractors.html import extract_html

    try:
        return extract_html(job.body, job.url, job.region, encoding=job.charset)
    except Exception as exc:  # a real-world page never stops the crawl; the reason is reported
        return Document(job.url, "html", error=f"could not be read: {type(exc).__name__}: {exc}")


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the crawl in the parent, not the workers
    import extractors.html  # noqa: F401  (pay the import once per worker, not on the first page)


_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_unavailable = False
_dispatcher = ThreadPoolExecutor(1, thread_name_prefix="contactcheck-dispatch")
_lock = threading.Lock()


def _executor(workers: int) -> ProcessPoolExecutor | None:
    """One pool per process, shared by every crawl in it (forkserver, never a plain fork of the reactor
    thread); None where worker processes cannot be started (the crawl then extracts in-line)."""
    global _pool, _pool_size, _unavailable
    with _lock:
        if _unavailable:
            return None
        if _pool is None or _pool_size != workers:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if "forkserver" in methods:  # the fork server imports the extractors once; workers fork ready
                context.set_forkserver_preload(["contactcheck.crawl.extract", "extractors.html", "extractors.pdf"])
            try:
                _pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
            except (OSError, ImportError, NotImplementedError):  # no semaphores or processes in this sandbox
                _pool, _unavailable = None, True
                return None
            _pool_size = workers
        return _pool


@atexit.register
def _shutdown() -> None:
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)


async def extract(job: PageJob, workers: int) -> PageResult:
    """Extract in a worker process (``workers`` > 0) so fetching goes on meanwhile, else in-line."""
    pool = _executor(workers) if workers > 0 else None
    if pool is None:
        return extract_page(job)
    try:
        # handing a job to the pool writes to a pipe, which gives up the GIL; done on the reactor thread,
        # each page would then wait a thread switch interval (5 ms) to get it back, so a helper thread does it
        submitted = await asyncio.get_running_loop().run_in_executor(_dispatcher, pool.submit, extract_page, job)
        return await asyncio.wrap_future(submitted)
    except BrokenProcessPool:
        _discard(workers)  # a worker died (a document that crashes a parser): the next page gets a new pool
        return PageResult(Document(job.url, job.kind, error="the extractor crashed on this document"), ())


def _discard(workers: int) -> None:
    global _pool
    with _lock:
        if _pool is not None and _pool_size == workers:
            _pool.shutdown(wait=False, cancel_futures=True)
            _pool = None
