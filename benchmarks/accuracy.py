"""Extraction accuracy against hand-labelled documents: precision and recall per fact kind.

Usage: python benchmarks/accuracy.py [--verbose] [--only fixtures|corpus|holdout] [--kind KIND ...]
                                     [--pdf-engine pdfium|pdfplumber]

Golden pairs live in tests/fixtures/extract/: ``NAME.EXT`` with ``NAME.facts.json`` =
``{"region": "GB" | null, "facts": [{"kind": ..., "value": ...}, ...]}``, labelled by hand from the document
and SPEC sections 4 and 8 (never copied from the tool's output). Labels for real documents of the shared
corpus live in tests/fixtures/extract/corpus_labels/<path relative to shared/corpus>.facts.json and are
skipped when ../shared/corpus is absent. Labels in tests/fixtures/extract/corpus_holdout/ (same layout) are a
held-out set: labelled from the documents alone after the recognisers were tuned, and reported on their own
(they are not in "all"). One change was made after reading its first results (toggle panels written
display:none are material, SPEC section 8), so its hours figure is no longer blind.

Each document is run through ``extractors.sources.extract_file(path, region)`` and compared as sets of
(kind, normalised value) per document (one fact mentioned three times counts once):
- phone, relay, textphone, sms, whatsapp: E.164 (a wa.me / sms: / tel: URL counts as its number);
- email: lower-cased; post: ignoring case, whitespace and punctuation;
- webchat, callback, video: URLs ignoring scheme, a leading ``www.``, host case and a trailing slash;
- social: ``platform:handle`` (lower-cased) for profile URLs of known platforms, else as a URL;
- cost: category plus pence_per_minute (access_charge is reported but not compared);
- hours: the OSM string exactly; the extra row ``hours~`` counts a looser match: the same open intervals
  over an ordinary week (no public holiday), whatever the spelling; timezone agreement is counted apart.
Prints a table of counts, precision and recall per kind (fixtures, corpus and both), recall and precision per
source type, and with --verbose the false positives and negatives of every document. Always exits 0: it is a
measurement, not a gate (tests/test_accuracy.py holds the floors).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures" / "extract"
CORPUS_LABELS = FIXTURES / "corpus_labels"
HOLDOUT_LABELS = FIXTURES / "corpus_holdout"
CORPUS = ROOT.parent / "shared" / "corpus"

KINDS = ("phone", "relay", "textphone", "email", "webchat", "whatsapp", "sms", "social", "post", "callback",
         "video", "hours", "cost", "accessibility", "purpose")
NUMBER_KINDS = frozenset({"phone", "relay", "textphone", "sms", "whatsapp"})
URL_KINDS = frozenset({"webchat", "callback", "video"})
SOURCE_KINDS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".txt": "script", ".md": "script",
                ".docx": "docx", ".eml": "email"}

# ----------------------------------------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One labelled document."""

    name: str  # fixture file name, or "corpus:<relative path>"
    path: Path
    region: str | None
    expected: tuple[dict[str, Any], ...]
    origin: str  # "fixtures" | "corpus"

    @property
    def source(self) -> str:
        return SOURCE_KINDS.get(self.path.suffix.lower(), "other")


def _read_label(label: Path) -> tuple[str | None, tuple[dict[str, Any], ...]]:
    data = json.loads(label.read_text(encoding="utf-8"))
    facts = tuple(data["facts"])
    for fact in facts:
        if fact["kind"] not in KINDS:
            raise ValueError(f"{label}: unknown kind {fact['kind']!r}")
    return data.get("region"), facts


def fixture_cases() -> list[Case]:
    """Golden pairs NAME.EXT + NAME.facts.json in tests/fixtures/extract (not the corpus labels)."""
    cases = []
    for label in sorted(FIXTURES.glob("*.facts.json")):
        stem = label.name[: -len(".facts.json")]
        docs = [p for p in FIXTURES.glob(stem + ".*") if p.is_file() and not p.name.endswith(".facts.json")]
        if len(docs) != 1:
            raise FileNotFoundError(f"{label}: expected one document named {stem}.*, found {len(docs)}")
        region, facts = _read_label(label)
        cases.append(Case(docs[0].name, docs[0], region, facts, "fixtures"))
    return cases


def corpus_cases(corpus: Path | None = None, labels: Path = CORPUS_LABELS, origin: str = "corpus") -> list[Case]:
    """Labels of real documents in the shared corpus; empty when the corpus is absent."""
    corpus = CORPUS if corpus is None else corpus
    if not corpus.is_dir():
        return []
    cases = []
    for label in sorted(labels.rglob("*.facts.json")):
        rel = label.relative_to(labels).as_posix()[: -len(".facts.json")]
        rel = json.loads(label.read_text(encoding="utf-8")).get("path", rel)  # relative to shared/corpus
        path = corpus / rel
        if not path.is_file():
            continue
        region, facts = _read_label(label)
        cases.append(Case(f"{origin}:{rel}", path, region, facts, origin))
    return cases


def holdout_cases(corpus: Path | None = None) -> list[Case]:
    """The held-out labels of real documents (see the module docstring)."""
    return corpus_cases(corpus, HOLDOUT_LABELS, "holdout")


# ----------------------------------------------------------------------------------------------------
# Comparison keys
# ----------------------------------------------------------------------------------------------------

_SOCIAL_HOSTS = {"twitter.com": "x", "x.com": "x", "facebook.com": "facebook", "fb.com": "facebook",
                 "m.me": "facebook", "instagram.com": "instagram", "linkedin.com": "linkedin",
                 "youtube.com": "youtube", "tiktok.com": "tiktok", "threads.net": "threads"}


def url_key(value: str) -> str:
    """A URL ignoring scheme, a leading www., host case and a trailing slash (SPEC section 8)."""
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower()
    host = host.removeprefix("www.")
    path = parts.path.rstrip("/")
    out = host + path
    if parts.query:
        out += "?" + parts.query
    return out


def _number_from_url(value: str) -> str | None:
    text = value.strip()
    low = text.lower()
    if low.startswith(("tel:", "sms:", "whatsapp:")):
        digits = re.sub(r"[^\d+]", "", unquote(text.split(":", 1)[1].split("?", 1)[0]))
        return digits if digits.startswith("+") else None
    parts = urlsplit(text if "://" in text else "https://" + text)
    host = parts.netloc.lower().removeprefix("www.")
    if host == "wa.me":
        digits = re.sub(r"\D", "", parts.path)
        return "+" + digits if digits else None
    if host in ("api.whatsapp.com", "wa.link") or host.endswith("whatsapp.com"):
        phone = parse_qs(parts.query).get("phone", [""])[0]
        digits = re.sub(r"\D", "", phone)
        return "+" + digits if digits else None
    return None


def social_key(value: str) -> str:
    text = value.strip()
    if re.fullmatch(r"[a-z]+:[^/\s]+", text) and not text.lower().startswith(("http:", "https:")):
        name, handle = text.split(":", 1)
        return f"{name.lower()}:{handle.lstrip('@').lower()}"
    key = url_key(text)
    host, _, path = key.partition("/")
    platform = _SOCIAL_HOSTS.get(host.removeprefix("m.") if host != "m.me" else host)
    segments = [s for s in path.split("?")[0].split("/") if s]
    if platform is None or not segments:
        return key
    if platform == "linkedin" and len(segments) >= 2:
        return f"linkedin:{segments[0].lower()}/{segments[1].lower()}"
    if platform == "youtube" and segments[0].lower() in ("c", "channel", "user") and len(segments) >= 2:
        return f"youtube:{segments[1].lower()}"
    return f"{platform}:{segments[0].lstrip('@').lower()}"


def post_key(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.lower())


def cost_parts(value: Any) -> tuple[str, float | None, bool]:
    if isinstance(value, dict):
        cat, ppm, acc = value.get("category"), value.get("pence_per_minute"), value.get("access_charge", False)
    else:  # a contactcheck.facts.Cost
        cat, ppm, acc = value.category, value.pence_per_minute, value.access_charge
    return str(cat), (None if ppm is None else round(float(ppm), 2)), bool(acc)


def fact_key(kind: str, value: Any) -> tuple[str, str]:
    """The (kind, comparable value) pair of a labelled or extracted fact."""
    if kind == "cost":
        cat, ppm, _ = cost_parts(value)
        return kind, f"{cat}|{'' if ppm is None else f'{ppm:g}'}"
    text = str(value).strip()
    if kind in NUMBER_KINDS:
        if text.startswith("+"):
            return kind, re.sub(r"[^\d+]", "", text)
        return kind, _number_from_url(text) or text  # a wa.me / sms: link counts as its number
    if kind == "email":
        return kind, text.lower().removeprefix("mailto:")
    if kind in URL_KINDS:
        return kind, url_key(text)
    if kind == "social":
        return kind, social_key(text)
    if kind == "post":
        return kind, post_key(text)
    return kind, text


def show(kind: str, value: Any) -> str:
    if kind == "cost":
        cat, ppm, acc = cost_parts(value)
        return f"{cat}" + (f" {ppm:g}p/min" if ppm is not None else "") + (" +access" if acc else "")
    return str(value)


# ----------------------------------------------------------------------------------------------------
# Hours: same open intervals over an ordinary week
# ----------------------------------------------------------------------------------------------------

_WEEK_START = dt.datetime(2025, 1, 13)  # a Monday; no public holiday that week in GB, US, AU or DE


@cache
def open_intervals(osm: str) -> tuple[tuple[dt.datetime, dt.datetime], ...] | None:
    """Open intervals of an OSM value in one ordinary week, or None when it does not parse."""
    try:
        import opening_hours
    except ImportError:
        return None
    try:
        oh = opening_hours.OpeningHours(osm)
        spans: list[tuple[dt.datetime, dt.datetime]] = []
        for start, end, state, _comment in oh.intervals(_WEEK_START, _WEEK_START + dt.timedelta(days=7)):
            if str(state).endswith("OPEN"):
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
        return tuple(spans)
    except Exception:
        return None


def same_intervals(a: str, b: str) -> bool:
    ia, ib = open_intervals(a), open_intervals(b)
    return ia is not None and ia == ib


# ----------------------------------------------------------------------------------------------------
# Running and scoring
# ----------------------------------------------------------------------------------------------------


@dataclass
class DocResult:
    case: Case
    error: str | None
    seconds: float
    expected: dict[tuple[str, str], str] = field(default_factory=dict)  # key -> shown value
    found: dict[tuple[str, str], str] = field(default_factory=dict)
    found_tz: dict[tuple[str, str], str | None] = field(default_factory=dict)
    expected_tz: dict[tuple[str, str], str | None] = field(default_factory=dict)

    @property
    def tp(self) -> set[tuple[str, str]]:
        return set(self.expected) & set(self.found)

    @property
    def fp(self) -> set[tuple[str, str]]:
        return set(self.found) - set(self.expected)

    @property
    def fn(self) -> set[tuple[str, str]]:
        return set(self.expected) - set(self.found)

    def loose_hours(self) -> tuple[int, int, int]:
        """(tp, fp, fn) for hours when facts with the same open intervals count as equal."""
        exp = [k[1] for k in self.expected if k[0] == "hours"]
        got = [k[1] for k in self.found if k[0] == "hours"]
        unmatched = list(got)
        tp = 0
        for value in exp:
            hit = next((g for g in unmatched if g == value or same_intervals(g, value)), None)
            if hit is not None:
                unmatched.remove(hit)
                tp += 1
        return tp, len(unmatched), len(exp) - tp


RawFact = tuple[str, Any, "str | None"]  # kind, value, timezone


@cache
def _extract(path: str, region: str | None, engine: str) -> tuple[str | None, float, tuple[RawFact, ...]]:
    from extractors.sources import extract_file

    start = time.perf_counter()
    doc = extract_file(Path(path), region, pdf_engine=engine)
    seconds = time.perf_counter() - start
    facts = tuple((f.kind, f.value, f.attr("timezone")) for f in doc.facts)
    return doc.error, seconds, facts


def run_case(case: Case, engine: str = "pdfium") -> DocResult:
    error, seconds, facts = _extract(str(case.path), case.region, engine)
    result = DocResult(case, error, seconds)
    for fact in case.expected:
        key = fact_key(fact["kind"], fact["value"])
        result.expected[key] = show(fact["kind"], fact["value"])
        result.expected_tz[key] = fact.get("timezone")
    for kind, value, tz in facts:
        key = fact_key(kind, value)
        result.found.setdefault(key, show(kind, value))
        if tz is not None or key not in result.found_tz:
            result.found_tz[key] = tz
    return result


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def expected(self) -> int:
        return self.tp + self.fn

    @property
    def found(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return self.tp / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


def score(results: Iterable[DocResult]) -> dict[str, Score]:
    """Scores per kind, plus ``hours~`` (loose hours) and ``all`` (micro-average over the kinds)."""
    scores: dict[str, Score] = defaultdict(Score)
    for res in results:
        for kind in KINDS:
            tp = sum(1 for k in res.tp if k[0] == kind)
            fp = sum(1 for k in res.fp if k[0] == kind)
            fn = sum(1 for k in res.fn if k[0] == kind)
            if tp or fp or fn:
                scores[kind].add(tp, fp, fn)
                scores["all"].add(tp, fp, fn)
        loose = res.loose_hours()
        if any(loose):
            scores["hours~"].add(*loose)
    return scores


def timezone_agreement(results: Iterable[DocResult]) -> tuple[int, int]:
    """(agreeing, labelled) over hours facts that were found and carry a labelled timezone."""
    agree = total = 0
    for res in results:
        for key in res.tp:
            if key[0] == "hours" and res.expected_tz.get(key):
                total += 1
                agree += res.found_tz.get(key) == res.expected_tz[key]
    return agree, total


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def table(scores: dict[str, Score], title: str) -> str:
    lines = [title, f"{'kind':<14}{'expected':>9}{'found':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}"]
    order = [k for k in KINDS if k in scores] + [k for k in ("hours~",) if k in scores] + ["all"]
    for kind in order:
        s = scores.get(kind, Score())
        if kind == "all":
            lines.append("-" * 68)
        lines.append(f"{kind:<14}{s.expected:>9}{s.found:>7}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                     f"{_pct(s.precision):>11}{_pct(s.recall):>9}")
    return "\n".join(lines)


def by_source(results: list[DocResult]) -> str:
    groups: dict[str, list[DocResult]] = defaultdict(list)
    for res in results:
        groups[f"{res.case.origin}/{res.case.source}"].append(res)
    lines = ["by source (all kinds, micro-average):",
             f"{'source':<18}{'docs':>5}{'errors':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>11}{'recall':>9}{'secs':>7}"]
    for name in sorted(groups):
        rs = groups[name]
        s = score(rs).get("all", Score())
        errors = sum(1 for r in rs if r.error)
        secs = sum(r.seconds for r in rs)
        lines.append(f"{name:<18}{len(rs):>5}{errors:>7}{s.tp:>6}{s.fp:>6}{s.fn:>6}"
                     f"{_pct(s.precision):>11}{_pct(s.recall):>9}{secs:>7.1f}")
    return "\n".join(lines)


def details(results: list[DocResult], kinds: set[str] | None = None) -> str:
    lines = ["false positives (+) and false negatives (-) per document:"]
    for res in results:
        fps = sorted(k for k in res.fp if kinds is None or k[0] in kinds)
        fns = sorted(k for k in res.fn if kinds is None or k[0] in kinds)
        if not fps and not fns and not res.error:
            continue
        lines.append(f"  {res.case.name}" + (f"  [error: {res.error}]" if res.error else ""))
        for key in fns:
            lines.append(f"    - {key[0]:<13} {res.expected[key]}")
        for key in fps:
            lines.append(f"    + {key[0]:<13} {res.found[key]}")
    return "\n".join(lines)


def worst(results: list[DocResult], top: int = 8) -> str:
    """The most frequent errors per kind across documents (value shapes, not documents)."""
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    for res in results:
        fps.update(k[0] for k in res.fp)
        fns.update(k[0] for k in res.fn)
    return ("most false positives by kind: " + ", ".join(f"{k} {n}" for k, n in fps.most_common(top)) + "\n"
            "most false negatives by kind: " + ", ".join(f"{k} {n}" for k, n in fns.most_common(top)))


def run(only: str | None = None, engine: str = "pdfium") -> list[DocResult]:
    cases: list[Case] = []
    if only in (None, "fixtures"):
        cases += fixture_cases()
    if only in (None, "corpus"):
        cases += corpus_cases()
    if only in (None, "holdout"):
        cases += holdout_cases()
    return [run_case(case, engine) for case in cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list false positives/negatives per document")
    parser.add_argument("--only", choices=("fixtures", "corpus", "holdout"), help="measure one set only")
    parser.add_argument("--kind", action="append", choices=KINDS, help="with --verbose, list only these kinds")
    parser.add_argument("--pdf-engine", default="pdfium", choices=("pdfium", "pdfplumber"))
    args = parser.parse_args(argv)

    import logging

    logging.disable(logging.WARNING)
    measured = run(args.only, args.pdf_engine)
    holdout = [r for r in measured if r.case.origin == "holdout"]
    results = [r for r in measured if r.case.origin != "holdout"]
    fixtures = [r for r in results if r.case.origin == "fixtures"]
    corpus = [r for r in results if r.case.origin == "corpus"]
    out = []
    if fixtures:
        out.append(table(score(fixtures), f"== fixtures: {len(fixtures)} documents =="))
    if corpus:
        out.append(table(score(corpus), f"== corpus: {len(corpus)} documents (../shared/corpus) =="))
    elif args.only in (None, "corpus"):
        out.append("== corpus: skipped (../shared/corpus absent) ==")
    if fixtures and corpus:
        out.append(table(score(results), f"== all: {len(results)} documents =="))
    if holdout:
        out.append(table(score(holdout), f"== held out: {len(holdout)} real documents, labelled after tuning =="))
    out.append(by_source(measured))
    agree, total = timezone_agreement(measured)
    out.append(f"hours timezone: {agree} of {total} matched hours facts with a labelled zone carry that zone")
    out.append(worst(measured))
    if args.verbose:
        out.append(details(measured, set(args.kind) if args.kind else None))
    print("\n\n".join(out))
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a measurement: report, never fail the caller
        print(f"accuracy benchmark could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
