"""`contactcheck crawl` against sites served on 127.0.0.1: the example site (click depth, same findings as
`check`), a fault site (redirect loops, 500s, a slow page, a trap calendar, robots.txt, a PDF without a
.pdf suffix, a huge page, duplicates), the HTTP cache, several sites in one job, and the demo."""

from __future__ import annotations

import http.server
import itertools
import json
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from contactcheck.config import Config
from contactcheck.crawl.graph import LinkGraph
from contactcheck.crawl.job import JobOptions, SiteOutcome, SiteSpec, run_site
from contactcheck.crawl.middleware import retry_after
from contactcheck.crawl.runner import CrawlResult, crawl
from contactcheck.crawl.serve import QuietHandler, serve_directory
from contactcheck.crawl.settings import CrawlPlan, scrapy_settings
from contactcheck.crawl.urls import Scope, TrapGuard, TrapLimits, clean_url, pattern_of, url_key
from contactcheck.crawl_cli import crawl as crawl_command
from contactcheck.crawl_cli import demo_crawl
from contactcheck.engine import check
from contactcheck.extraction import extract_paths
from tests.conftest import EXAMPLES

STRATEGY = EXAMPLES / "acme" / "strategy.yaml"
DEFECTS_SITE = EXAMPLES / "acme" / "defects" / "site"
CLEAN_SITE = EXAMPLES / "acme" / "clean" / "site"
LEAFLET = EXAMPLES / "acme" / "clean" / "pdf" / "leaflet.pdf"
LETTER = EXAMPLES / "acme" / "clean" / "pdf" / "letter.pdf"
FAST = {"delay": 0.0, "concurrency": 4}


def crawl_site(folder: Path, **options: object) -> SiteOutcome:
    with serve_directory(folder) as base:
        return run_site(SiteSpec(base, strategy=STRATEGY, **{**FAST, **options}), JobOptions())  # type: ignore[arg-type]


def page(uri: str) -> str:
    """``http://127.0.0.1:8000/help.html`` -> ``help.html``; the entry ``/`` is ``index.html``."""
    path = urlsplit(uri).path.lstrip("/")
    return path or "index.html"


# --- URLs, scope, traps, graph ------------------------------------------------------------------------


def test_url_keys_merge_what_is_one_page() -> None:
    assert url_key("https://WWW.Example.com:443/a/?utm_source=x&b=2&a=1#top") == url_key("http://example.com/a?a=1&b=2")
    assert url_key("https://example.com/shop;jsessionid=AB12?sid=9") == url_key("https://example.com/shop")
    assert url_key("https://example.com/a") != url_key("https://example.com/b")
    assert url_key("http://127.0.0.1:8000/") != url_key("http://127.0.0.1:8001/")
    assert clean_url("https://example.com/p?utm_medium=mail&id=3#x") == "https://example.com/p?id=3"


def test_scope_is_the_registrable_domain_or_host_and_port() -> None:
    site = Scope.for_entry("https://www.shop.example.co.uk/", allow_domains=("cdn.partner.example",))
    assert site.allows("https://help.shop.example.co.uk/contact")
    assert site.allows("https://cdn.partner.example/leaflet.pdf")
    assert not site.allows("https://shop.example.com/")
    local = Scope.for_entry("http://127.0.0.1:8000/", exclude=(r"/private/",))
    assert local.allows("http://127.0.0.1:8000/a.html")
    assert not local.allows("http://127.0.0.1:8001/a.html")
    assert not local.allows("http://127.0.0.1:8000/private/x.html")
    assert not local.allows("mailto:help@example.com")
    with pytest.raises(ValueError):
        Scope.for_entry("ftp://example.com/")


def test_trap_guard_stops_calendars_and_growing_query_strings() -> None:
    guard = TrapGuard(TrapLimits(max_chain=3, max_per_pattern=50))
    allowed = [guard.check(f"http://x.example/cal?month=2026-{m:02d}", depth=m) is None for m in range(1, 12)]
    assert allowed[:4] == [True] * 4 and not any(allowed[4:])
    assert pattern_of("http://x.example/cal/2026/11?view=month&id=7") == "x.example/cal/N/N?id=N&view=month"
    assert guard.check("http://x.example/s?q=a&q=a&q=a", 1) is not None
    assert guard.check("http://x.example/a/b/a/b/a/b/c", 1) is not None
    assert guard.check("http://x.example/contact", 1) is None


def test_click_depth_is_the_shortest_path_not_the_fetch_order() -> None:
    graph = LinkGraph()
    graph.add_page("e/", "http://e/", ["e/a", "e/deep"])
    graph.add_page("e/a", "http://e/a", ["e/b"])
    graph.add_page("e/b", "http://e/b", ["e/c"])
    graph.add_page("e/c", "http://e/c", [])
    graph.add_page("e/deep", "http://e/deep", ["e/old-c"])  # found late, but one click from the entry
    graph.alias("e/old-c", "e/c")  # a redirect
    depths = {graph.uris[n]: d for n, d in graph.depths("e/").items()}
    assert depths == {"http://e/": 0, "http://e/a": 1, "http://e/deep": 1, "http://e/b": 2, "http://e/c": 2}


def test_polite_by_default() -> None:
    plan = CrawlPlan("https://www.example.com/", Scope.for_entry("https://www.example.com/"))
    settings = scrapy_settings(plan)
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert settings["DOWNLOAD_DELAY"] == 1.0 and settings["AUTOTHROTTLE_ENABLED"] is True
    assert "contactcheck/" in str(settings["USER_AGENT"])
    assert settings["DOWNLOAD_TIMEOUT"] == 30.0 and settings["RETRY_TIMES"] == 2
    assert "HTTPCACHE_ENABLED" not in settings
    assert plan.max_pages == 5000 and plan.max_depth is None
    off = scrapy_settings(CrawlPlan(plan.entry, plan.scope, delay=0.0, concurrency=8))
    assert off["AUTOTHROTTLE_ENABLED"] is False and off["CONCURRENT_REQUESTS_PER_DOMAIN"] == 8


def test_retry_after_is_read_as_seconds_or_a_date() -> None:
    assert retry_after("120") == 120.0
    assert 0 <= (retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))) or 0) <= 31
    assert retry_after("soon") is None


# --- the example site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def defects() -> SiteOutcome:
    return crawl_site(DEFECTS_SITE)


@pytest.fixture(scope="module")
def clean() -> SiteOutcome:
    return crawl_site(CLEAN_SITE)


def test_defects_site_complaint_contact_is_four_clicks_deep(defects: SiteOutcome) -> None:
    deep = [f for f in defects.findings if f.rule == "complaint-contact-deep"]
    assert len(deep) == 1
    finding = deep[0]
    assert defects.crawl is not None
    assert finding.location.uri == finding.document == defects.crawl.site  # the site, never a page
    assert finding.subject is None
    assert "4 clicks" in finding.message
    assert "/ → /help.html → /support.html → /more-help.html → /complaints.html" in finding.message
    assert [page(r.uri) for r in finding.related] == ["complaints.html"]


def test_clean_site_has_no_deep_complaint_contact(clean: SiteOutcome) -> None:
    assert clean.crawl is not None and len(clean.crawl.documents) >= 12
    assert not [f for f in clean.findings if f.rule == "complaint-contact-deep"]
    assert not [f for f in clean.findings if f.severity == "error"]


@pytest.mark.parametrize("which", ["defects", "clean"])
def test_crawl_finds_what_check_finds_on_the_same_files(which: str, request: pytest.FixtureRequest) -> None:
    """The spider is thin: facts come from the extractors `check` uses, so the findings are the same
    (by rule, page and subject), plus the crawl-only click-depth rule."""
    outcome: SiteOutcome = request.getfixturevalue(which)
    folder = DEFECTS_SITE if which == "defects" else CLEAN_SITE
    documents = extract_paths([folder], "GB")
    from canonical.loader import load_strategy

    checked = check(documents, load_strategy(STRATEGY), Config()).findings
    by_check = Counter((f.rule, Path(f.document).relative_to(folder).as_posix() if f.document != str(folder)
                        else "index.html", f.subject) for f in checked)
    by_crawl = Counter((f.rule, page(f.document), f.subject) for f in outcome.findings
                       if f.rule != "complaint-contact-deep")
    assert by_crawl == by_check


def test_documents_keep_the_url_fetched_and_duplicates_are_listed_once_read(defects: SiteOutcome) -> None:
    assert defects.crawl is not None
    uris = [d.uri for d in defects.crawl.documents]
    assert len(uris) == len(set(uris))
    assert uris[0] == defects.crawl.site  # the entry page first, then by click depth
    # "/" and "/index.html" serve the same bytes: both fetched, both listed, read once
    index = [d for d in defects.crawl.documents if page(d.uri) == "index.html"]
    assert len(index) == 2 and sum(1 for d in index if d.facts) == 1
    depths = dict(defects.crawl.depths)
    assert depths[defects.crawl.site] == 0
    assert {page(u): d for u, d in depths.items()}["complaints.html"] == 4
    # links handed to the engine name the documents they reach
    assert all(link in uris for d in defects.crawl.documents for link in d.links)


# --- the fault site -----------------------------------------------------------------------------------


class FaultSite(http.server.BaseHTTPRequestHandler):
    """A site that does what real sites do: loops, errors, slowness, traps, wrong types, duplicates."""

    hits: ClassVar[Counter[str]] = Counter()
    user_agents: ClassVar[set[str]] = set()
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        with self.lock:
            self.hits[parts.path] += 1
            self.user_agents.add(self.headers.get("User-Agent", ""))
        route = ROUTES.get(parts.path)
        if route is None:
            self._send(404, "text/html", b"<html><body>Not here</body></html>")
            return
        route(self, parse_qs(parts.query))

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        try:
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:  # the crawler gave up waiting (the slow page): that is the point
            pass

    def html(self, body: str) -> None:
        self._send(200, "text/html; charset=utf-8", f"<!doctype html><html><body>{body}</body></html>".encode())

    def redirect(self, to: str) -> None:
        self._send(301, "text/html", b"", {"Location": to})


def _index(h: FaultSite, _: dict[str, list[str]]) -> None:
    h.html("""<p>Call us on 0306 999 0210.</p>
      <a href="/loop-a">Loop</a> <a href="/error500">Broken</a> <a href="/slow">Slow</a>
      <a href="/calendar?month=2026-01">Events</a> <a href="/private/secret.html">Private</a>
      <a href="/leaflet">Our leaflet</a> <a href="/huge">Huge</a> <a href="/moved">Old contact page</a>
      <a href="/contact.html?utm_source=home#top">Contact</a> <a href="/contact.html">Contact again</a>
      <a href="/shop?sessionid=A1">Shop</a> <a href="/missing">Gone</a> <a href="/logo.png">Logo</a>
      <a href="/printable">Printable contact page</a> <a href="/plain-pdf.html">Letter (mislabelled)</a>""")


def _contact(h: FaultSite, _: dict[str, list[str]]) -> None:
    h.html('<link rel="canonical" href="/contact.html"><h1>Complaints</h1>'
           "<p>Call our complaints team free on 0808 157 0192.</p>")


def _printable(h: FaultSite, _: dict[str, list[str]]) -> None:
    h.html('<head><link rel="canonical" href="/contact.html"></head><h1>Complaints (print)</h1>'
           "<p>Call our complaints team free on 0808 157 0192, or write to us.</p>")


def _calendar(h: FaultSite, query: dict[str, list[str]]) -> None:
    year, month = (int(x) for x in query.get("month", ["2026-01"])[0].split("-"))
    nxt = f"{year + (month == 12)}-{month % 12 + 1:02d}"
    h.html(f'<h1>Events {year}-{month:02d}</h1><a href="/calendar?month={nxt}">Next month</a>')


def _shop(h: FaultSite, _: dict[str, list[str]]) -> None:
    h.html(f'<h1>Shop</h1><a href="/shop?sessionid={time.monotonic_ns()}">Shop again</a>')


def _slow(h: FaultSite, _: dict[str, list[str]]) -> None:
    time.sleep(4.5)  # past the 2 s timeout, retried once
    h.html("<p>Finally</p>")


Route = Callable[[FaultSite, dict[str, list[str]]], None]
ROUTES: dict[str, Route] = {
    "/": _index,
    "/robots.txt": lambda h, _: h._send(200, "text/plain",
                                        b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n"),
    "/sitemap.xml": lambda h, _: h._send(200, "application/xml", (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>http://{h.headers['Host']}/orphan.html</loc></url></urlset>").encode()),
    "/orphan.html": lambda h, _: h.html("<p>Only the sitemap knows me. Email help@northwind-energy.example.</p>"),
    "/loop-a": lambda h, _: h.redirect("/loop-b"),
    "/loop-b": lambda h, _: h.redirect("/loop-a"),
    "/moved": lambda h, _: h.redirect("/contact.html"),
    "/error500": lambda h, _: h._send(500, "text/html", b"<html><body>Oops</body></html>"),
    "/slow": _slow,
    "/calendar": _calendar,
    "/private/secret.html": lambda h, _: h.html("<p>Secret</p>"),
    "/leaflet": lambda h, _: h._send(200, "application/octet-stream", LEAFLET.read_bytes()),
    # another PDF: the same bytes twice would make whichever arrives second a duplicate of the first
    "/plain-pdf.html": lambda h, _: h._send(200, "text/html", LETTER.read_bytes()),
    "/huge": lambda h, _: h.html("<p>x</p>" * 60_000),
    "/contact.html": _contact,
    "/printable": _printable,
    "/shop": _shop,
    "/logo.png": lambda h, _: h._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
}


@pytest.fixture(scope="module")
def fault() -> Iterator[tuple[CrawlResult, Counter[str], set[str]]]:
    FaultSite.hits = Counter()
    FaultSite.user_agents = set()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FaultSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    entry = f"http://127.0.0.1:{server.server_port}/"
    plan = CrawlPlan(entry, Scope.for_entry(entry), delay=0.0, concurrency=4, timeout=2.0, retries=1,
                     max_bytes=200_000, traps=TrapLimits(max_chain=4), user_agent="contactcheck-test/1")
    try:
        yield crawl(plan), FaultSite.hits, FaultSite.user_agents
    finally:
        server.shutdown()
        server.server_close()


def errors_by_path(result: CrawlResult) -> dict[str, str]:
    return {urlsplit(e.url).path: e.reason for e in result.errors}


def test_fault_site_errors_are_listed_not_fatal(fault: tuple[CrawlResult, Counter[str], set[str]]) -> None:
    result, hits, _ = fault
    errors = errors_by_path(result)
    assert errors["/error500"].startswith("HTTP 500")
    assert hits["/error500"] == 2  # retried once (with back-off), then reported
    assert "redirect loop" in errors["/loop-a"]
    assert errors["/slow"] == "timed out"
    assert errors["/missing"].startswith("HTTP 404")
    assert errors["/huge"] == "larger than the size cap"
    assert result.complete
    assert {urlsplit(d.uri).path for d in result.failures} >= {"/error500", "/loop-a", "/slow", "/missing", "/huge"}
    assert all(d.error for d in result.failures)


def test_pdf_without_suffix_is_read_as_a_pdf(fault: tuple[CrawlResult, Counter[str], set[str]]) -> None:
    result, _, _ = fault
    kinds = {urlsplit(d.uri).path: d.kind for d in result.documents}
    assert kinds["/leaflet"] == "pdf"  # application/octet-stream, no .pdf: decided by content
    assert kinds["/plain-pdf.html"] == "pdf"  # served as text/html, named .html: still a PDF
    leaflet = next(d for d in result.documents if d.uri.endswith("/leaflet"))
    assert leaflet.error is None and leaflet.facts
    assert "/logo.png" not in kinds  # never requested (not a document by its extension)


def test_robots_disallow_and_sitemap_seeds(fault: tuple[CrawlResult, Counter[str], set[str]]) -> None:
    result, hits, agents = fault
    assert hits["/private/secret.html"] == 0
    assert dict(result.skipped).get("disallowed by robots.txt") == 1
    assert "/orphan.html" in {urlsplit(d.uri).path for d in result.documents}  # only the sitemap links it
    assert agents == {"contactcheck-test/1"}


def test_traps_and_duplicates_do_not_eat_the_budget(fault: tuple[CrawlResult, Counter[str], set[str]]) -> None:
    result, hits, _ = fault
    assert 4 <= hits["/calendar"] <= 6
    assert any("keeps going deeper" in reason for reason, _ in result.skipped)
    assert hits["/shop"] == 1  # a new session id in every link is still the same page
    # /contact.html, its tracking and fragment variants and /moved (a redirect to it) are fetched once as
    # /contact.html; /printable says rel=canonical /contact.html: fetched, listed, not read twice
    assert hits["/contact.html"] == 2  # once linked, once at the end of the /moved redirect
    paths = [urlsplit(d.uri).path for d in result.documents]
    assert paths.count("/contact.html") == 1 and "/moved" not in paths
    printable = next(d for d in result.documents if d.uri.endswith("/printable"))
    assert not printable.facts


def test_errors_do_not_change_the_exit_code() -> None:
    """A site whose robots.txt and sitemap are missing exits 0 when nothing is at or above --fail-on."""
    with serve_directory(CLEAN_SITE) as base:
        result = CliRunner().invoke(crawl_command, [base, "--strategy", str(STRATEGY), "--delay", "0",
                                                    "--select", "complaint-contact-deep", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    errors = data["crawl"][0]["errors"]
    assert {e["kind"] for e in errors} == {"robots", "sitemap"}
    assert data["findings"] == []


# --- the HTTP cache -----------------------------------------------------------------------------------


class CountingHandler(QuietHandler):
    statuses: ClassVar[list[tuple[str, int, bool]]] = []

    def send_response(self, code: int, message: str | None = None) -> None:
        self.statuses.append((self.path, code, "If-Modified-Since" in self.headers))
        super().send_response(code, message)


def test_cache_revalidates_and_downloads_only_what_changed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DEFECTS_SITE, site)
    cache = tmp_path / "cache"
    CountingHandler.statuses = []
    with serve_directory(site, CountingHandler) as base:
        plan = CrawlPlan(base, Scope.for_entry(base), delay=0.0, concurrency=4, cache_dir=cache)
        first = crawl(plan)
        assert first.unchanged == 0 and cache.is_dir()
        CountingHandler.statuses.clear()
        second = crawl(plan)
        pages = [s for s in CountingHandler.statuses if s[0].endswith(".html") or s[0] == "/"]
        assert pages and all(code == 304 and conditional for _, code, conditional in pages)
        assert second.unchanged == len(pages)
        assert [(d.uri, len(d.facts)) for d in second.documents] == [(d.uri, len(d.facts)) for d in first.documents]
        contact = site / "contact.html"
        contact.write_text(contact.read_text(encoding="utf-8").replace("0306 999 0120", "0306 999 0210"),
                           encoding="utf-8")
        later = time.time() + 5
        import os

        os.utime(contact, (later, later))
        CountingHandler.statuses.clear()
        crawl(plan)
        changed = {path: code for path, code, _ in CountingHandler.statuses if path.endswith(".html")}
        assert changed["/contact.html"] == 200
        assert sum(1 for code in changed.values() if code == 200) == 1


class TimingHandler(QuietHandler):
    times: ClassVar[list[tuple[str, float]]] = []

    def send_response(self, code: int, message: str | None = None) -> None:
        self.times.append((self.path, time.monotonic()))
        super().send_response(code, message)


@pytest.mark.parametrize(("own_delay", "asked"), [(0.0, 1.0), (0.3, 1.2)])
def test_robots_crawl_delay_spaces_the_requests_to_the_host(tmp_path: Path, own_delay: float, asked: float) -> None:
    # with a delay of our own, AutoThrottle adapts it after each response: never below the Crawl-delay
    (tmp_path / "robots.txt").write_text(f"User-agent: *\nCrawl-delay: {asked}\n", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<p>Call 0306 999 0210</p>" + "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(3)), encoding="utf-8")
    for i in range(3):
        (tmp_path / f"p{i}.html").write_text(f"<p>Page {i}</p>", encoding="utf-8")
    TimingHandler.times = []
    with serve_directory(tmp_path, TimingHandler) as base:
        result = crawl(CrawlPlan(base, Scope.for_entry(base), delay=own_delay, concurrency=4))
    assert len(result.documents) == 4
    times = [t for path, t in TimingHandler.times if path != "/robots.txt"]  # the pages and /sitemap.xml
    assert len(times) >= 4
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= asked - 0.05, gaps


# --- several sites, the command line, the demo ---------------------------------------------------------


def test_several_sites_in_one_job_with_history(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    with serve_directory(DEFECTS_SITE) as one, serve_directory(CLEAN_SITE) as two:
        sites = tmp_path / "sites.toml"
        sites.write_text(f'db = "runs.sqlite"\nstrategy = "{STRATEGY}"\ndelay = 0.0\nconcurrency = 4\n'
                         f'[[site]]\nurl = "{one}"\n[[site]]\nurl = "{two}"\nmax-pages = 5\n'
                         f'[[site]]\nurl = "{two}"\nstrategy = "missing.yaml"\n', encoding="utf-8")
        result = CliRunner().invoke(crawl_command, ["--config", str(sites), "--format", "json"])
    assert result.exit_code == 2, result.output  # the third site could not be checked; the others were
    assert "missing.yaml" in result.stderr
    data = json.loads(result.stdout)
    assert [c["entry"] for c in data["crawl"]] == [one, two, two]
    assert data["crawl"][1]["documents"] <= 5
    assert data["crawl"][0]["run"] == 1 and data["crawl"][1]["run"] == 2 and "run" not in data["crawl"][2]
    assert any(f["rule"] == "complaint-contact-deep" for f in data["findings"])
    from contactcheck.history import History

    with History(db) as store:
        assert [(r.site, r.complete) for r in store.runs()] == [(one, True), (two, True)]


def test_crawl_command_text_report_and_exit_code() -> None:
    with serve_directory(DEFECTS_SITE) as base:
        result = CliRunner().invoke(crawl_command, [base, "-s", str(STRATEGY), "--delay", "0", "--concurrency", "4"])
    assert result.exit_code == 1
    assert "complaint-contact-deep" in result.stdout
    assert f"Crawl of {base}:" in result.stdout
    assert "robots.txt: HTTP 404" in result.stdout
    assert f"crawl {base}:" in result.stderr  # the line-oriented progress when not on a terminal


def test_crawl_writes_a_baseline_that_the_next_crawl_suppresses(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    with serve_directory(DEFECTS_SITE) as base:
        args = [base, "-s", str(STRATEGY), "--delay", "0", "--concurrency", "4", "--format", "json"]
        first = CliRunner().invoke(crawl_command, [*args, "--write-baseline", str(baseline)])
        assert first.exit_code == 1 and baseline.is_file(), first.output
        written = json.loads(baseline.read_text(encoding="utf-8"))["fingerprints"]
        found = json.loads(first.stdout)["findings"]
        assert len(written) == len({f["fingerprint"] for f in found}) > 0
        assert f"wrote {len(written)} fingerprints" in first.stderr
        again = CliRunner().invoke(crawl_command, [*args, "--baseline", str(baseline)])
    assert again.exit_code == 0, again.output  # everything known: nothing fails the gate
    assert all(f["suppressed"] for f in json.loads(again.stdout)["findings"])


def test_crawl_command_usage_errors() -> None:
    runner = CliRunner()
    assert runner.invoke(crawl_command, ["--strategy", str(STRATEGY)]).exit_code == 2
    assert runner.invoke(crawl_command, ["ftp://x.example/", "--strategy", str(STRATEGY)]).exit_code == 2
    result = runner.invoke(crawl_command, ["http://127.0.0.1:9/", "--strategy", str(STRATEGY), "--delay", "0",
                                           "--timeout", "1"])
    assert result.exit_code == 2 and "no readable input" in result.stderr


def test_demo_crawl_serves_and_crawls_the_bundled_site() -> None:
    code, text = demo_crawl()
    assert code == 0
    assert "complaint-contact-deep" in text and "/more-help.html → /complaints.html" in text
    code, rendered = demo_crawl("json")
    data = json.loads(rendered)
    assert code == 0 and data["crawl"][0]["complete"] is True
    assert len(data["documents"]) >= 13
