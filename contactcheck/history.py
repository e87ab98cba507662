"""Run history in SQLite: every crawl's start, end, site, strategy hash, counts and findings, so a team
sees what is new, what was fixed and what persists.

The schema is versioned with ``PRAGMA user_version`` and migrated forward on open. The database runs in
WAL mode with a busy timeout, and every write is one ``BEGIN IMMEDIATE`` transaction, so two crawls can
write at once and an interrupted one never leaves half a run or damages earlier runs: a run is inserted
when it starts (``complete = 0``) and completed, with its findings, in one transaction when it ends.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from contactcheck.facts import Location
from contactcheck.findings import Finding

BUSY_TIMEOUT_MS = 60_000


class HistoryError(Exception):
    """A history database that cannot be used (not SQLite, from a newer contactcheck, no such run)."""


_V1 = """
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    site          TEXT    NOT NULL,
    started       TEXT    NOT NULL,
    finished      TEXT,
    complete      INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    strategy_hash TEXT,
    pages         INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    findings      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_site ON runs (site, id);
CREATE TABLE findings (
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    fingerprint TEXT    NOT NULL,
    rule        TEXT    NOT NULL,
    clause      TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    subject     TEXT,
    expected    TEXT,
    document    TEXT    NOT NULL,
    location    TEXT    NOT NULL,
    related     TEXT    NOT NULL DEFAULT '[]',
    message     TEXT    NOT NULL,
    suppressed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX findings_by_run ON findings (run_id, fingerprint);
"""

#: one entry per schema version: the script that takes version ``i`` to ``i + 1``
MIGRATIONS: tuple[str, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One recorded run (SPEC section 6 ``history`` shape, plus errors and the strategy hash)."""

    id: int
    site: str
    started: str
    finished: str | None
    complete: bool
    strategy_hash: str | None
    pages: int
    errors: int
    findings: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "site": self.site, "started": self.started, "finished": self.finished,
                "complete": self.complete, "pages": self.pages, "errors": self.errors, "findings": self.findings,
                "strategy_hash": self.strategy_hash}


@dataclass(frozen=True, slots=True)
class RunDiff:
    """What changed from run ``a`` to run ``b`` (by fingerprint)."""

    a: RunInfo
    b: RunInfo
    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    persisting: tuple[Finding, ...]

    def to_json(self) -> dict[str, object]:
        return {"a": self.a.to_json(), "b": self.b.to_json(),
                "new": [f.to_json() for f in self.new], "fixed": [f.to_json() for f in self.fixed],
                "persisting": [f.to_json() for f in self.persisting]}


def now() -> str:
    """UTC now in ISO 8601 with a ``Z``, to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def strategy_hash(path: Path) -> str:
    """The first 16 hex digits of the strategy file's SHA-256 (a changed strategy explains changed findings)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


class History:
    """A history database; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        if not create and not path.is_file():
            raise HistoryError(f"{path}: no such history database")
        try:
            self.db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"{path}: not a contactcheck history database: {exc}") from exc
        self.path = path

    def _wal(self) -> None:
        """Switch to WAL. Several processes creating the file at once can find it locked: switching the
        journal mode does not wait on the busy timeout, so retry for a while instead of failing."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def __enter__(self) -> History:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken immediately so concurrent writers queue instead of deadlocking."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(f"schema version {version} is newer than this contactcheck knows "
                               f"({SCHEMA_VERSION}); upgrade contactcheck")
        if version == SCHEMA_VERSION:
            return
        with self._write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {step + 1}")

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing --------------------------------------------------------------------------------
    def begin(self, site: str, started: str | None = None, strategy: str | None = None) -> int:
        """Record a run as started (incomplete until :meth:`finish`); returns its id."""
        with self._write() as db:
            cursor = db.execute("INSERT INTO runs (site, started, strategy_hash) VALUES (?, ?, ?)",
                                (site, started or now(), strategy))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def finish(self, run_id: int, findings: Sequence[Finding], *, pages: int, errors: int, complete: bool,
               finished: str | None = None) -> None:
        """Store a run's findings and counts in one transaction (all or nothing)."""
        rows = [_row(run_id, f) for f in findings]
        with self._write() as db:
            db.execute("DELETE FROM findings WHERE run_id = ?", (run_id,))
            db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            updated = db.execute(
                "UPDATE runs SET finished = ?, complete = ?, pages = ?, errors = ?, findings = ? WHERE id = ?",
                (finished or now(), int(complete), pages, errors, sum(1 for f in findings if not f.suppressed),
                 run_id)).rowcount
            if updated != 1:
                raise HistoryError(f"no run {run_id} to finish")

    def record(self, site: str, findings: Sequence[Finding], *, pages: int, errors: int, complete: bool,
               started: str | None = None, finished: str | None = None, strategy: str | None = None) -> int:
        """:meth:`begin` and :meth:`finish` at once; returns the run's id."""
        run_id = self.begin(site, started, strategy)
        self.finish(run_id, findings, pages=pages, errors=errors, complete=complete, finished=finished)
        return run_id

    # -- reading --------------------------------------------------------------------------------
    def runs(self, site: str | None = None) -> list[RunInfo]:
        """Every run (of one site), oldest first."""
        sql = "SELECT * FROM runs" + (" WHERE site = ?" if site else "") + " ORDER BY id"
        return [_info(row) for row in self.db.execute(sql, (site,) if site else ())]

    def run(self, run_id: int) -> RunInfo:
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise HistoryError(f"{self.path}: no run {run_id}")
        return _info(row)

    def previous(self, site: str, before: int) -> RunInfo | None:
        """The latest complete run of ``site`` before run ``before`` (an interrupted one is not a baseline)."""
        row = self.db.execute("SELECT * FROM runs WHERE site = ? AND id < ? AND complete = 1 ORDER BY id DESC "
                              "LIMIT 1", (site, before)).fetchone()
        return _info(row) if row is not None else None

    def findings(self, run_id: int) -> list[Finding]:
        rows = self.db.execute("SELECT * FROM findings WHERE run_id = ? ORDER BY rowid", (run_id,))
        return [_finding(row) for row in rows]

    def diff(self, a: int, b: int) -> RunDiff:
        """Findings new in ``b``, fixed since ``a`` and persisting (as ``b`` reports them), by fingerprint."""
        info_a, info_b = self.run(a), self.run(b)
        old = {f.fingerprint: f for f in self.findings(a)}
        new = {f.fingerprint: f for f in self.findings(b)}
        return RunDiff(info_a, info_b,
                       tuple(f for k, f in new.items() if k not in old),
                       tuple(f for k, f in old.items() if k not in new),
                       tuple(f for k, f in new.items() if k in old))


def _statements(script: str) -> Iterable[str]:
    return (s.strip() for s in script.split(";") if s.strip())


def _row(run_id: int, f: Finding) -> tuple[object, ...]:
    return (run_id, f.fingerprint, f.rule, f.clause, f.severity, f.subject, f.expected,
            f.document or f.location.uri, json.dumps(f.location.to_json(), ensure_ascii=False),
            json.dumps([r.to_json() for r in f.related], ensure_ascii=False), f.message, int(f.suppressed))


_INFO_COLUMNS = ("id", "site", "started", "finished", "complete", "strategy_hash", "pages", "errors", "findings")


def _info(row: Sequence[object]) -> RunInfo:
    values = dict(zip(_INFO_COLUMNS, row, strict=True))
    return RunInfo(int(str(values["id"])), str(values["site"]), str(values["started"]),
                   None if values["finished"] is None else str(values["finished"]), bool(values["complete"]),
                   None if values["strategy_hash"] is None else str(values["strategy_hash"]),
                   int(str(values["pages"])), int(str(values["errors"])), int(str(values["findings"])))


def _location(data: object) -> Location:
    if not isinstance(data, dict):
        return Location(str(data))
    bbox = data.get("bbox")
    return Location(str(data.get("uri", "")), page=data.get("page"), line=data.get("line"),
                    bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if isinstance(bbox, list) and len(bbox) == 4 else None,
                    selector=data.get("selector"), region=data.get("region"), snippet=data.get("snippet"))


def _finding(row: Sequence[object]) -> Finding:
    (_, fingerprint, rule, clause, severity, subject, expected, document, location, related, message,
     suppressed) = row
    return Finding(str(rule), str(clause), str(severity), str(message),
                   None if subject is None else str(subject), None if expected is None else str(expected),
                   _location(json.loads(str(location))), tuple(_location(r) for r in json.loads(str(related))),
                   str(fingerprint), bool(suppressed), document=str(document))
