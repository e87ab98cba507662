"""Site crawls on Scrapy: a thin spider fetches pages and documents, the item pipeline reads each one with
the same ``extractors/`` that ``check`` uses as it arrives, and the engine judges the whole site at the end.

Modules, in the order a page meets them: ``settings`` (the plan and its polite Scrapy settings), ``reactor``
(one Twisted reactor per process, in a thread), ``runner`` (one crawl, graceful stop), ``spider`` (fetch,
follow, robots.txt and sitemaps), ``middleware`` (retries with back-off, a revalidating HTTP cache),
``pipeline`` and ``extract`` (facts from bodies, in worker processes), ``state`` and ``graph`` (what is
kept: documents and the link graph, never bodies), ``urls`` (canonical keys, scope, trap caps), ``job``
(strategy, crawl, check, history for one site), ``sites`` (several sites in a TOML file), ``report``
(changes and crawl errors added to every report format) and ``serve`` (a local static server).

Importing this package does not import Scrapy; ``graph`` and ``urls`` are pure and used by the rules.
"""
