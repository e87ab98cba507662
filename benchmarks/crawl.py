"""Crawl cost: a generated local site crawled with politeness off, checking against fetch-only, and the
peak memory of a 10,000-page crawl.

Usage: python benchmarks/crawl.py [--pages 2000] [--repeat 3] [--memory-pages 10000] [--concurrency 16]
                                  [--skip-memory]

- Speed: the same spider crawls the same site twice in fresh processes: fetch-only (links followed, no
  item pipeline) and the full crawl (extraction of every page as it arrives, then the engine's check).
  Target: the full crawl takes at most 2x the fetch-only time. The two alternate ``--repeat`` times and
  the best of each counts (other work on the machine only ever slows a run down).
- Memory: a full crawl and check of a 10,000-page site in a fresh process; peak RSS (ru_maxrss) of the
  crawling process, and of its largest extraction worker. Target: under 500 MB.

The site is served by ``python -m http.server`` in its own process, so the server does not share the
crawler's CPU time or GIL. Pages look like a utility's help site: navigation, a few paragraphs, a contact
block on one page in five, a footer with the contact line on every page, word slugs as URLs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STRATEGY = ROOT / "canonical" / "examples" / "acme" / "strategy.yaml"
WORDS = ("account bill meter reading tariff switch payment direct debit smart energy gas electricity boiler "
         "heating moving home refund credit balance statement help support advice saving warm discount "
         "priority services emergency outage fault repair appointment engineer installation solar battery "
         "export contract renewal price cap standing charge unit rate").split()
SECTIONS = ("billing", "meters", "moving", "payments", "tariffs", "help", "smart", "outages", "advice", "about")
CONTACT_BLOCKS = (
    "<p>Questions about your bill? Call us on 0306 999 0210, Monday to Friday 8am to 8pm and Saturday 9am "
    "to 5pm. Calls to 03 numbers cost no more than calls to 01 or 02 numbers and count towards any "
    "inclusive minutes.</p>",
    "<p>Smell gas? Call the emergency line free on 0808 157 0555, 24 hours a day.</p>",
    "<p>Email help@northwind-energy.example with your account number and we will reply within two days.</p>",
)
FOOTER = ("<footer><p>Help with your account or bill: 0306 999 0210 · help@northwind-energy.example</p>"
          "<p>Power cut or smell gas? 0808 157 0555 (free, 24 hours)</p>"
          '<p><a href="/help/complaints.html">Complaints</a> · <a href="/about/accessibility.html">Accessibility'
          "</a></p></footer>")


def slugs(count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    while len(seen) < count:
        seen.add("-".join(rng.sample(WORDS, 3)))
    return sorted(seen)


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(8, 14))
    return " ".join(words).capitalize() + "."


def build_site(folder: Path, pages: int) -> None:
    """``pages`` pages in ten sections, each section's index paginated 100 links a page."""
    rng = random.Random(7)
    names = slugs(pages, rng)
    per = -(-pages // len(SECTIONS))
    nav = "<header><nav>" + "".join(f'<a href="/{s}/index-1.html">{s.title()}</a> ' for s in SECTIONS) + \
        '<a href="/">Home</a></nav></header>'
    urls = [f"/{SECTIONS[i // per]}/{name}.html" for i, name in enumerate(names)]

    def write(url: str, title: str, main: str) -> None:
        path = folder / url.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><head><title>{title}</title></head><body>{nav}<main>{main}</main>"
                        f"{FOOTER}</body></html>", encoding="utf-8")

    for i, url in enumerate(urls):
        related = "".join(f'<li><a href="{urls[(i * 7 + k * 13) % len(urls)]}">{names[(i * 7 + k * 13) % len(urls)]}'
                          "</a></li>" for k in range(1, 9))
        body = "".join(f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>" for _ in range(3))
        contact = CONTACT_BLOCKS[i % len(CONTACT_BLOCKS)] if i % 5 == 0 else ""
        write(url, names[i], f"<h1>{names[i]}</h1>{body}{contact}<h2>Related</h2><ul>{related}</ul>")
    for s, section in enumerate(SECTIONS):
        own = urls[s * per:(s + 1) * per]
        chunks = [own[k:k + 100] for k in range(0, len(own), 100)] or [[]]
        for c, chunk in enumerate(chunks, start=1):
            links = "".join(f'<li><a href="{u}">{u}</a></li>' for u in chunk)
            more = f'<a href="/{section}/index-{c + 1}.html">More</a>' if c < len(chunks) else ""
            write(f"/{section}/index-{c}.html", section, f"<h1>{section}</h1><ul>{links}</ul>{more}")
    write("/help/complaints.html", "Complaints", "<p>Call our complaints team free on 0808 157 0192, Monday to "
          "Friday 9am to 5pm, or email complaints@northwind-energy.example.</p>")
    write("/about/accessibility.html", "Accessibility", "<p>Relay UK: dial 18001 then 0306 999 0210.</p>")
    write("/index.html", "Home", "<h1>Northwind Energy</h1>" + "".join(
        f'<a href="/{s}/index-1.html">{s}</a> ' for s in SECTIONS))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "-d", str(folder),
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/"


def child(mode: str, url: str, pages: int, concurrency: int) -> dict[str, object]:
    """One measured crawl in this (fresh) process."""
    from contactcheck.crawl import extract
    from contactcheck.crawl.job import JobOptions, SiteSpec, run_site
    from contactcheck.crawl.reactor import event_loop
    from contactcheck.crawl.runner import crawl
    from contactcheck.crawl.settings import CrawlPlan
    from contactcheck.crawl.urls import Scope

    event_loop()  # interpreter, imports and the reactor thread are not the crawl's cost; worker start-up is
    start = time.perf_counter()
    cpu = _cpu()
    out: dict[str, object] = {"mode": mode}
    if mode == "fetch":
        plan = CrawlPlan(url, Scope.for_entry(url), max_pages=pages + 100, delay=0.0, concurrency=concurrency,
                         extract=False)
        result = crawl(plan)
        out["fetched"] = result.fetched
    else:
        spec = SiteSpec(url, strategy=STRATEGY, max_pages=pages + 100, delay=0.0, concurrency=concurrency)
        crawled = time.perf_counter()
        outcome = run_site(spec, JobOptions())
        assert outcome.crawl is not None, outcome.error
        out["fetched"] = outcome.crawl.fetched
        out["documents"] = len(outcome.crawl.documents)
        out["facts"] = sum(len(d.facts) for d in outcome.crawl.documents)
        out["findings"] = len(outcome.findings)
        out["crawl_seconds"] = (outcome.crawl.finished - outcome.crawl.started).total_seconds()
        out["check_seconds"] = time.perf_counter() - crawled - float(out["crawl_seconds"])  # type: ignore[arg-type]
        out["workers"] = extract._pool_size
    out["seconds"] = time.perf_counter() - start
    out["cpu_seconds"] = _cpu() - cpu
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["peak_worker_rss_mb"] = 0.0
    out["worker_cpu_seconds"] = 0.0
    if extract._pool is not None:  # workers are the fork server's children: ask each one
        asked = extract._pool.map(_worker_usage, range(8 * extract._pool_size))
        workers = {pid: (rss, used) for pid, rss, used in asked}
        out["peak_worker_rss_mb"] = max(rss for rss, _ in workers.values()) / 1024
        out["worker_cpu_seconds"] = sum(used for _, used in workers.values())
        out["workers_asked"] = len(workers)
        extract._pool.shutdown(wait=True)
    return out


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _worker_usage(_: int) -> tuple[int, int, float]:
    time.sleep(0.05)  # long enough for every worker to take a turn
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, _cpu()


def measure(mode: str, url: str, pages: int, concurrency: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", mode, url, str(pages), str(concurrency)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ,
                                                                                   "PYTHONPATH": str(ROOT)})
    data: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return data


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, url, pages, concurrency = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        print(json.dumps(child(mode, url, pages, concurrency)))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-pages", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{cpus} CPUs; politeness off (no delay, no AutoThrottle), {args.concurrency} requests at a time")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site, args.pages)
        server, url = serve(site)
        fetches: list[dict[str, object]] = []
        fulls: list[dict[str, object]] = []
        try:
            measure("fetch", url, args.pages, args.concurrency)  # warm the server and the page cache
            for _ in range(args.repeat):
                fetches.append(measure("fetch", url, args.pages, args.concurrency))
                fulls.append(measure("check", url, args.pages, args.concurrency))
        finally:
            server.terminate()
        fetch = min(fetches, key=lambda m: float(m["seconds"]))  # type: ignore[arg-type]
        full = min(fulls, key=lambda m: float(m["seconds"]))  # type: ignore[arg-type]
        print("  runs: fetch-only " + ", ".join(f"{m['seconds']:.1f}" for m in fetches) + " s; full "
              + ", ".join(f"{m['seconds']:.1f}" for m in fulls) + " s")
        ratio = float(full["seconds"]) / float(fetch["seconds"])  # type: ignore[arg-type]
        print(f"{args.pages}-page site: fetch-only {fetch['seconds']:.1f} s ({fetch['fetched']} fetched); "
              f"crawl + extract {full['crawl_seconds']:.1f} s + check {full['check_seconds']:.1f} s = "
              f"{full['seconds']:.1f} s ({full['documents']} documents, {full['facts']} facts, "
              f"{full['findings']} findings, {full['workers']} extraction workers)")
        print(f"  ratio {ratio:.2f}x fetch-only (target <= 2x): {'ok' if ratio <= 2 else 'OVER'}")
        print(f"  CPU: fetch-only {fetch['cpu_seconds']:.1f} s; full: crawler {full['cpu_seconds']:.1f} s + "
              f"extraction workers {full['worker_cpu_seconds']:.1f} s (load average now "
              f"{os.getloadavg()[0]:.1f} on {cpus} CPUs)")
        if args.skip_memory:
            return
        big = Path(tmp) / "big"
        build_site(big, args.memory_pages)
        server, url = serve(big)
        try:
            memory = measure("check", url, args.memory_pages, args.concurrency)
        finally:
            server.terminate()
        peak = float(memory["peak_rss_mb"])  # type: ignore[arg-type]
        worker = float(memory["peak_worker_rss_mb"])  # type: ignore[arg-type]
        print(f"{args.memory_pages}-page crawl: {memory['documents']} documents in {memory['seconds']:.0f} s; "
              f"peak RSS {peak:.0f} MB (crawler) + {worker:.0f} MB (largest of {memory.get('workers_asked', 0)} "
              f"extraction workers) (target < 500 MB for the crawler: {'ok' if peak < 500 else 'OVER'}; "
              f"crawler + all workers {peak + worker * int(str(memory.get('workers_asked', 0))):.0f} MB)")


if __name__ == "__main__":
    main()
