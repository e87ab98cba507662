"""What one crawl does (:class:`CrawlPlan`) and the Scrapy settings that carry it out, polite by default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contactcheck import __version__
from contactcheck.crawl.urls import Scope, TrapLimits

DEFAULT_USER_AGENT = (f"contactcheck/{__version__} (customer contact details check, ISO 18295-2; "
                      "obeys robots.txt)")
DEFAULT_MAX_PAGES = 5000
DEFAULT_DELAY = 1.0  # seconds between requests to one host, before AutoThrottle adapts it
DEFAULT_CONCURRENCY = 1  # requests at a time per host
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 2
DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # a page or document larger than this is not downloaded
#: retried with back-off; 429 and 503 also slow the whole host down
RETRY_HTTP_CODES = (500, 502, 503, 504, 522, 524, 408, 429)
#: links to these are never followed: they cannot be a page or a document a customer reads
NOT_DOCUMENTS = (
    "7z", "bz2", "gz", "rar", "tar", "tgz", "xz", "zip", "dmg", "exe", "msi", "apk", "iso", "bin",
    "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp", "avif", "heic", "psd", "eps",
    "aac", "aiff", "flac", "m4a", "mid", "mp3", "ogg", "wav", "wma",
    "3gp", "avi", "flv", "m4v", "mkv", "mov", "mp4", "mpeg", "mpg", "webm", "wmv",
    "css", "js", "mjs", "json", "map", "woff", "woff2", "ttf", "otf", "eot", "ics", "vcf", "rss", "atom",
    "xls", "xlsx", "ppt", "pptx", "csv", "odp", "ods",
)
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


def default_workers() -> int:
    """Processes that extract facts beside the crawl: one per spare CPU, at most four (0: in-process)."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(4, cpus)) if cpus > 1 else 0


@dataclass(frozen=True, slots=True)
class CrawlPlan:
    """One site's crawl: where it starts, what is in scope, its limits and its manners."""

    entry: str
    scope: Scope
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int | None = None  # no depth limit by default (SPEC section 8): --max-pages bounds a crawl
    delay: float = DEFAULT_DELAY
    concurrency: int = DEFAULT_CONCURRENCY
    user_agent: str = DEFAULT_USER_AGENT
    cache_dir: Path | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    max_bytes: int = DEFAULT_MAX_BYTES
    region: str | None = None
    sitemaps: bool = True
    traps: TrapLimits = field(default_factory=TrapLimits)
    workers: int = field(default_factory=default_workers)
    extract: bool = True  # False: fetch and follow links only (the benchmark's baseline)

    @classmethod
    def for_entry(cls, entry: str, *, allow_domains: tuple[str, ...] = (), include: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = (), **options: object) -> CrawlPlan:
        """A plan whose scope follows from the entry URL; raises ValueError for a bad URL or regex."""
        scope = Scope.for_entry(entry, allow_domains, include, exclude)
        return cls(entry, scope, **options)  # type: ignore[arg-type]

    @property
    def backoff(self) -> float:
        """Seconds before the first retry (doubled for each further one)."""
        return max(self.delay, 0.2)


def scrapy_settings(plan: CrawlPlan) -> dict[str, object]:
    """Scrapy settings for ``plan``: robots.txt obeyed (its Crawl-delay too), one request at a time per host
    with a delay that AutoThrottle adapts to the server, retries with back-off, timeouts, breadth-first
    order, size cap."""
    polite = plan.delay > 0
    settings: dict[str, object] = {
        "TWISTED_REACTOR": ASYNCIO_REACTOR,
        "USER_AGENT": plan.user_agent,
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": max(16, plan.concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": plan.concurrency,
        "DOWNLOAD_DELAY": plan.delay,
        "DOWNLOAD_DELAY_JITTER": 0.5 if polite else 0.0,
        "AUTOTHROTTLE_ENABLED": polite,
        "AUTOTHROTTLE_START_DELAY": max(plan.delay, 0.5),
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(plan.concurrency),
        "DOWNLOAD_TIMEOUT": plan.timeout,
        "DOWNLOAD_MAXSIZE": plan.max_bytes,
        "DOWNLOAD_WARNSIZE": plan.max_bytes,
        "RETRY_TIMES": plan.retries,
        "RETRY_HTTP_CODES": list(RETRY_HTTP_CODES),
        "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",  # a page that fails is reported, not logged as an error
        "REDIRECT_MAX_TIMES": 10,
        "DEPTH_LIMIT": plan.max_depth or 0,
        # breadth first: shallow pages are fetched first, so the page budget keeps the pages customers reach
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "contactcheck.crawl.middleware.BackoffRetryMiddleware": 550,
            # after RobotsTxtMiddleware (100), which parses robots.txt before a host's first request goes on
            "contactcheck.crawl.middleware.CrawlDelayMiddleware": 110,
        },
        "EXTENSIONS": {  # AutoThrottle that never goes below a host's Crawl-delay
            "scrapy.extensions.throttle.AutoThrottle": None,
            "contactcheck.crawl.middleware.PoliteAutoThrottle": 0,
        },
        "ITEM_PIPELINES": {"contactcheck.crawl.pipeline.ExtractPipeline": 100} if plan.extract else {},
        "TELNETCONSOLE_ENABLED": False,
        "LOGSTATS_INTERVAL": 0,
        "LOG_LEVEL": "WARNING",
        "BACKOFF_BASE": plan.backoff,
    }
    if plan.cache_dir is not None:
        settings.update({
            "HTTPCACHE_ENABLED": True,
            "HTTPCACHE_DIR": str(plan.cache_dir.resolve()),
            "HTTPCACHE_POLICY": "contactcheck.crawl.middleware.RevalidatingPolicy",
            "HTTPCACHE_EXPIRATION_SECS": 0,
            "HTTPCACHE_GZIP": True,
        })
    return settings
