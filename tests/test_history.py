"""Run history: schema and migrations, new / fixed / persisting, incomplete runs (Ctrl-C, SIGTERM),
concurrent writers, and the `history` command in text and JSON."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from contactcheck.crawl.serve import serve_directory
from contactcheck.crawl_cli import crawl as crawl_command
from contactcheck.crawl_cli import history as history_command
from contactcheck.facts import Location
from contactcheck.findings import Finding
from contactcheck.history import SCHEMA_VERSION, History, HistoryError
from tests.conftest import EXAMPLES, ROOT

STRATEGY = EXAMPLES / "acme" / "strategy.yaml"
DEFECTS_SITE = EXAMPLES / "acme" / "defects" / "site"
CLEAN_SITE = EXAMPLES / "acme" / "clean" / "site"
SITE = "https://www.northwind-energy.example/"


def finding(rule: str, document: str, subject: str | None = None, fingerprint: str = "") -> Finding:
    return Finding(rule, "5.6", "error", f"{rule} in {document}", subject, None,
                   Location(document, selector="#main > p", region="main", snippet="Call 0306 999 0120"),
                   (Location(document, line=3),), fingerprint or f"{rule}:{document}:{subject}", document=document)


# --- the store ---------------------------------------------------------------------------------------


def test_schema_is_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    with History(db) as store:
        assert store.version == SCHEMA_VERSION >= 1
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} >= {"runs", "findings"}
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(HistoryError, match="newer"):
        History(db)
    (tmp_path / "not.sqlite").write_text("hello, not a database " * 100)
    with pytest.raises(HistoryError, match="not a contactcheck history database"):
        History(tmp_path / "not.sqlite")
    with pytest.raises(HistoryError, match="no such history database"):
        History(tmp_path / "absent.sqlite", create=False)


def test_findings_round_trip_and_diff_new_fixed_persisting(tmp_path: Path) -> None:
    a = [finding("near-miss-contact", SITE + "contact.html", "+443069990120"),
         finding("hours-mismatch", SITE + "terms.html", "+443069990210")]
    b = [finding("hours-mismatch", SITE + "terms.html", "+443069990210"),
         finding("retired-contact", SITE + "help.html", "+448456001234")]
    with History(tmp_path / "runs.sqlite") as store:
        first = store.record(SITE, a, pages=12, errors=2, complete=True, strategy="abc123")
        second = store.record(SITE, b, pages=12, errors=0, complete=True)
        assert [f.to_json() for f in store.findings(first)] == [f.to_json() for f in a]
        assert store.findings(first)[0].document == SITE + "contact.html"
        diff = store.diff(first, second)
        assert [f.rule for f in diff.new] == ["retired-contact"]
        assert [f.rule for f in diff.fixed] == ["near-miss-contact"]
        assert [f.rule for f in diff.persisting] == ["hours-mismatch"]
        run = store.run(first)
        assert (run.site, run.complete, run.pages, run.errors, run.findings, run.strategy_hash) == (
            SITE, True, 12, 2, 2, "abc123")
        assert run.started.endswith("Z") and run.finished is not None
        with pytest.raises(HistoryError, match="no run 99"):
            store.diff(first, 99)


def test_previous_run_skips_incomplete_runs_and_other_sites(tmp_path: Path) -> None:
    with History(tmp_path / "runs.sqlite") as store:
        one = store.record(SITE, [], pages=5, errors=0, complete=True)
        store.record("https://other.example/", [], pages=5, errors=0, complete=True)
        interrupted = store.record(SITE, [], pages=2, errors=0, complete=False)
        started = store.begin(SITE)  # a crawl killed before it could finish leaves this
        latest = store.record(SITE, [], pages=5, errors=0, complete=True)
        previous = store.previous(SITE, latest)
        assert previous is not None and previous.id == one
        assert [(r.id, r.complete) for r in store.runs(SITE)] == [
            (one, True), (interrupted, False), (started, False), (latest, True)]
        assert store.run(started).finished is None


def test_a_failed_write_leaves_no_half_run(tmp_path: Path) -> None:
    with History(tmp_path / "runs.sqlite") as store:
        run = store.begin(SITE)
        bad = finding("near-miss-contact", SITE)
        object.__setattr__(bad, "rule", None)  # NOT NULL: the insert fails half way through
        with pytest.raises(sqlite3.IntegrityError):
            store.finish(run, [finding("hours-mismatch", SITE), bad], pages=3, errors=0, complete=True)
        assert store.findings(run) == [] and not store.run(run).complete


WRITER = """
import sys
from pathlib import Path
from contactcheck.facts import Location
from contactcheck.findings import Finding
from contactcheck.history import History
db, who = Path(sys.argv[1]), sys.argv[2]
with History(db) as store:
    for n in range(60):
        findings = [Finding("unknown-contact", "5.6", "warning", "m", f"+4430699902{i:02d}", None,
                            Location(f"https://{who}.example/{i}"), fingerprint=f"{who}-{n}-{i}",
                            document=f"https://{who}.example/{i}") for i in range(40)]
        store.record(f"https://{who}.example/", findings, pages=40, errors=0, complete=True)
"""


def test_concurrent_writers_do_not_corrupt_or_lose_runs(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), f"site{k}"], env=env,
                                stderr=subprocess.PIPE) for k in range(4)]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err.decode()
    with History(db) as store:
        runs = store.runs()
        assert len(runs) == 240 and all(r.complete and r.findings == 40 for r in runs)
        assert all(len(store.findings(r.id)) == 40 for r in runs)
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- crawls with history ------------------------------------------------------------------------------


def test_the_report_opens_with_the_change_since_the_previous_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DEFECTS_SITE, site)
    db = tmp_path / "runs.sqlite"
    runner = CliRunner()
    with serve_directory(site) as base:
        args = [base, "--strategy", str(STRATEGY), "--db", str(db), "--delay", "0", "--concurrency", "4"]
        first = runner.invoke(crawl_command, args)
        assert first.exit_code == 1
        assert first.stdout.startswith(f"{base}: run 1, the first complete run recorded for this site")
        shutil.copy(CLEAN_SITE / "help.html", site / "help.html")  # fixes the retired 0845 number
        second = runner.invoke(crawl_command, [*args, "--format", "json"])
    data = json.loads(second.stdout)
    changes = data["crawl"][0]["changes"]
    assert data["crawl"][0]["run"] == 2 and changes["previous"] == 1
    fixed = {(f["rule"], f["subject"]) for f in changes["fixed"]}
    assert ("retired-contact", "+448456001234") in fixed
    assert changes["persisting"] > 0
    listing = runner.invoke(history_command, ["--db", str(db)])
    assert listing.exit_code == 0
    lines = listing.stdout.splitlines()
    fields = lines[0].split()
    assert len(lines) == 2 and fields[0] == "1" and fields[1] == base and fields[3] == "complete"
    assert lines[0].endswith("findings") and "pages" in lines[0]
    diff = runner.invoke(history_command, ["--db", str(db), "--diff", "1", "2", "--format", "json"])
    shape = json.loads(diff.stdout)
    assert set(shape) >= {"new", "fixed", "persisting"}
    assert {f["rule"] for f in shape["fixed"]} >= {"retired-contact"}
    assert set(shape["fixed"][0]) >= {"rule", "clause", "severity", "message", "subject", "location", "fingerprint"}
    text = runner.invoke(history_command, ["--db", str(db), "--diff", "1", "2"]).stdout
    assert text.splitlines()[0].endswith(f"{len(shape['new'])} new, {len(shape['fixed'])} fixed, "
                                         f"{len(shape['persisting'])} persisting")
    assert "fixed (" in text and "[retired-contact]" in text
    runs_json = json.loads(runner.invoke(history_command, ["--db", str(db), "--format", "json"]).stdout)
    assert [r["id"] for r in runs_json["runs"]] == [1, 2]
    assert set(runs_json["runs"][0]) >= {"id", "site", "started", "finished", "complete", "pages", "findings"}


def test_text_report_opens_with_new_fixed_and_still_open(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DEFECTS_SITE, site)
    db = tmp_path / "runs.sqlite"
    with serve_directory(site) as base:
        args = [base, "--strategy", str(STRATEGY), "--db", str(db), "--delay", "0", "--concurrency", "4"]
        CliRunner().invoke(crawl_command, args)
        shutil.copy(CLEAN_SITE / "help.html", site / "help.html")
        second = CliRunner().invoke(crawl_command, args)
    first_line, *rest = second.stdout.splitlines()
    assert first_line.startswith(f"{base}: run 2 against run 1 of ")
    assert " 0 new, " in first_line and "still open" in first_line
    assert any(line.startswith("  fixed") and "[retired-contact]" in line for line in rest[:10])


def test_a_crawl_that_reads_nothing_is_kept_but_is_no_baseline(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    result = CliRunner().invoke(crawl_command, ["http://127.0.0.1:9/", "--strategy", str(STRATEGY), "--db", str(db),
                                                "--delay", "0", "--timeout", "1"])
    assert result.exit_code == 2 and "no readable input" in result.stderr
    with History(db) as store:
        (run,) = store.runs()
        assert not run.complete and run.errors >= 1 and run.pages == 0


def test_history_command_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(history_command, ["--db", str(tmp_path / "none.sqlite")]).exit_code == 2
    with History(tmp_path / "runs.sqlite") as store:
        store.record(SITE, [], pages=1, errors=0, complete=True)
    result = runner.invoke(history_command, ["--db", str(tmp_path / "runs.sqlite"), "--diff", "1", "7"])
    assert result.exit_code == 2 and "no run 7" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


# --- interrupted crawls -------------------------------------------------------------------------------


class EndlessSite(http.server.BaseHTTPRequestHandler):
    """An endless, slowish site: page n links to pages 2n and 2n+1; every page gives a wrong number."""

    fetched = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        if not self.path.startswith("/p/") and self.path != "/":
            self.send_response(404)
            self.end_headers()
            return
        n = int(self.path[3:] or 1) if self.path != "/" else 1
        time.sleep(0.05)
        body = (f"<!doctype html><html><body><p>Call us on 0306 999 0120.</p>"
                f'<a href="/p/{2 * n}">a</a> <a href="/p/{2 * n + 1}">b</a></body></html>').encode()
        with self.lock:
            EndlessSite.fetched += 1
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:
            pass


@pytest.fixture
def endless() -> Iterator[str]:
    EndlessSite.fetched = 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EndlessSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_crawl_is_recorded_incomplete(endless: str, tmp_path: Path, signum: int, code: int) -> None:
    db = tmp_path / "runs.sqlite"
    with History(db) as store:
        earlier = store.record(endless, [finding("near-miss-contact", endless + "p/2")], pages=3, errors=0,
                               complete=True)
    command = [sys.executable, "-c", "from contactcheck.crawl_cli import crawl; crawl()", endless,
               "--strategy", str(STRATEGY), "--db", str(db), "--delay", "0", "--format", "json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30
    while EndlessSite.fetched < 8 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert EndlessSite.fetched >= 8, "the crawl did not start"
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err.decode()
    report = json.loads(out)
    assert report["crawl"][0]["complete"] is False
    with History(db) as store:
        runs = store.runs()
        assert [r.complete for r in runs] == [True, False]
        last = runs[-1]
        assert last.pages >= 8 and last.finished is not None
        assert last.findings == len(report["findings"]) > 0  # what it had is kept
        assert len(store.findings(earlier)) == 1  # earlier runs untouched
    listing = CliRunner().invoke(history_command, ["--db", str(db)]).stdout.splitlines()
    assert "incomplete" in listing[1] and "incomplete" not in listing[0]


def test_history_diff_in_every_report_format(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    import jsonschema

    db = tmp_path / "runs.sqlite"
    a = [finding("near-miss-contact", SITE + "contact.html", "+443069990120"),
         finding("hours-mismatch", SITE + "terms.html", "+443069990210")]
    b = [finding("hours-mismatch", SITE + "terms.html", "+443069990210"),
         finding("retired-contact", SITE + "help.html", "+448456001234")]
    with History(db) as store:
        first = store.record(SITE, a, pages=12, errors=0, complete=True)
        second = store.record(SITE, b, pages=12, errors=0, complete=True)
    runner = CliRunner()
    args = ["--db", str(db), "--diff", str(first), str(second), "--format"]
    sarif = runner.invoke(history_command, [*args, "sarif"])
    assert sarif.exit_code == 0, sarif.output
    log = json.loads(sarif.stdout)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    states = {r["ruleId"]: r["baselineState"] for r in log["runs"][0]["results"]}
    assert states == {"retired-contact": "new", "hours-mismatch": "unchanged", "near-miss-contact": "absent"}
    junit = runner.invoke(history_command, [*args, "junit"])
    failures = [f.get("type") for f in ET.fromstring(junit.stdout).iter("failure")]
    assert sorted(failures) == ["hours-mismatch", "retired-contact"]  # the fixed one does not fail
    html = runner.invoke(history_command, [*args, "html"])
    assert html.exit_code == 0 and "retired-contact" in html.stdout and "near-miss-contact" in html.stdout
