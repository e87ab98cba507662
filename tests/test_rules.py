"""The rule registry and each rule's pass/fail cases (contactcheck/rules/cases/<rule-id>.yaml).

A case file holds material as a customer sees it (pages, scripts, letters, e-mails) and says whether
the rule fires on it; adding a case needs no Python. The format:

```yaml
rule: hours-mismatch
strategy: |          # optional: the strategy for every case of the file (default: cases/_strategy.yaml)
  ...
cases:
  - name: footer says 8 to 6              # unique within the file
    file: footer.html                     # the name decides the source kind: .html .txt .md .eml .ivr.yaml
    material: |                           # text, or !!binary for bytes
      <footer><p>Call 0306 999 0210, Monday to Friday 8am to 6pm ...</p></footer>
    fails: true                           # required: does the rule fire at all?
    findings: 1                           # optional: exactly this many findings of the rule
    expect:                               # optional: each entry matches a different finding of the rule
      - {subject: "+443069990210", expected: "Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off", document: footer.html}
    subjects:                             # optional: with the whole catalogue on, the rules reporting
      "+449098790456": [cost-notice-missing, unknown-contact]   # each subject, exactly
    strategy: |                           # optional: this case's own strategy
      ...
    region: GB                            # optional: default region for extraction (default: the strategy's)
    xfail: "why the current implementation gets it wrong"     # optional: a known bug (strict xfail)
  - name: several documents in one run
    documents:                            # instead of file/material: several documents of one run
      - {file: contact.html, material: "..."}
      - {file: sales.html, material: "..."}
    fails: true
```

Each case runs through the real pipeline: `extract_bytes` on every document (its file name as uri),
then `engine.check` with only the case's rule selected.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import contactcheck.rules
from canonical.loader import parse_strategy
from canonical.model import Strategy
from contactcheck.config import Config
from contactcheck.engine import check
from contactcheck.facts import Document
from contactcheck.findings import SEVERITIES, Finding
from contactcheck.rules import DOC_SECTIONS, Rule, load_rules
from extractors.sources import extract_bytes

CASES = Path(contactcheck.rules.__file__).parent / "cases"
BASE_STRATEGY = CASES / "_strategy.yaml"
MIN_CASES = 3

FILE_KEYS = {"rule", "strategy", "cases"}
CASE_KEYS = {"name", "file", "material", "documents", "fails", "findings", "expect", "subjects", "strategy",
             "region", "xfail"}
DOCUMENT_KEYS = {"file", "material"}
EXPECT_KEYS = {"subject", "expected", "document"}

#: SPEC section 8: a fact may have one finding per aspect, never two in one aspect
IDENTITY = frozenset({"retired-contact", "near-miss-contact", "channel-not-offered", "unknown-contact"})
ASPECTS = {
    **dict.fromkeys(IDENTITY, "identity"),
    "cost-notice-missing": "cost", "cost-notice-mismatch": "cost",
    "hours-mismatch": "hours", "hours-missing": "hours",
    "accessibility-missing": "accessibility",
}


@dataclass(frozen=True)
class Case:
    """One pass/fail case of one rule, read from its rule's YAML file."""

    rule: str
    name: str
    documents: tuple[tuple[str, bytes], ...]
    strategy: str
    region: str | None
    fails: bool
    findings: int | None
    expect: tuple[dict[str, Any], ...]
    subjects: tuple[tuple[str, frozenset[str]], ...]
    xfail: str | None

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


class CaseFileError(ValueError):
    """A case file that does not follow the format; the message names the file and case."""


def _bytes(material: object, where: str) -> bytes:
    if isinstance(material, bytes):
        return material
    if isinstance(material, str):
        return material.encode("utf-8")
    raise CaseFileError(f"{where}: material must be text or !!binary, not {type(material).__name__}")


def _unknown(keys: object, allowed: set[str], where: str) -> None:
    if not isinstance(keys, dict):
        raise CaseFileError(f"{where}: expected a mapping")
    extra = sorted(set(keys) - allowed)
    if extra:
        raise CaseFileError(f"{where}: unknown key(s) {', '.join(extra)}; allowed: {', '.join(sorted(allowed))}")


def _case(rule_id: str, raw: dict[str, Any], default_strategy: str, where: str) -> Case:
    _unknown(raw, CASE_KEYS, where)
    if not isinstance(raw.get("name"), str):
        raise CaseFileError(f"{where}: every case needs a `name`")
    where = f"{where} ({raw['name']})"
    if not isinstance(raw.get("fails"), bool):
        raise CaseFileError(f"{where}: `fails: true|false` is required")
    if "documents" in raw:
        if "file" in raw or "material" in raw:
            raise CaseFileError(f"{where}: give `documents` or `file`/`material`, not both")
        raw_docs = raw["documents"]
    else:
        raw_docs = [{"file": raw.get("file"), "material": raw.get("material")}]
    documents: list[tuple[str, bytes]] = []
    for doc in raw_docs:
        _unknown(doc, DOCUMENT_KEYS, where)
        if not isinstance(doc.get("file"), str) or "material" not in doc:
            raise CaseFileError(f"{where}: each document needs `file` and `material`")
        documents.append((doc["file"], _bytes(doc["material"], where)))
    if len({name for name, _ in documents}) != len(documents):
        raise CaseFileError(f"{where}: two documents with one file name")
    count = raw.get("findings")
    if count is not None and (not isinstance(count, int) or (count > 0) != raw["fails"]):
        raise CaseFileError(f"{where}: `findings: {count}` contradicts `fails: {raw['fails']}`")
    expect = tuple(raw.get("expect") or ())
    for item in expect:
        _unknown(item, EXPECT_KEYS, where)
        if not item:
            raise CaseFileError(f"{where}: an empty `expect` entry matches anything")
    if expect and not raw["fails"]:
        raise CaseFileError(f"{where}: `expect` with `fails: false`")
    subjects = raw.get("subjects") or {}
    if not isinstance(subjects, dict):
        raise CaseFileError(f"{where}: `subjects` maps a subject to a list of rule ids")
    xfail = raw.get("xfail")
    if xfail is not None and (not isinstance(xfail, str) or not xfail.strip()):
        raise CaseFileError(f"{where}: `xfail` needs the reason")
    return Case(rule_id, raw["name"], tuple(documents), raw.get("strategy") or default_strategy,
                raw.get("region"), raw["fails"], count, expect,
                tuple((str(s), frozenset(r)) for s, r in subjects.items()), xfail)


@functools.cache
def load_cases(path: Path) -> tuple[Case, ...]:
    """Every case of one rule's file, checked against the format above."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _unknown(data, FILE_KEYS, str(path))
    if data.get("rule") != path.stem:
        raise CaseFileError(f"{path}: `rule: {data.get('rule')}` does not match the file name")
    default = data.get("strategy") or BASE_STRATEGY.read_text(encoding="utf-8")
    cases = [_case(path.stem, raw, default, f"{path.name}: cases[{i}]") for i, raw in enumerate(data["cases"])]
    names = Counter(c.name for c in cases)
    dupes = [n for n, k in names.items() if k > 1]
    if dupes:
        raise CaseFileError(f"{path}: case names used twice: {', '.join(dupes)}")
    return tuple(cases)


def case_files() -> list[Path]:
    return sorted(p for p in CASES.glob("*.yaml") if not p.name.startswith("_"))


def all_cases() -> Iterator[Case]:
    for path in case_files():
        yield from load_cases(path)


@functools.cache
def strategy_of(text: str) -> Strategy:
    return parse_strategy(text, "<case strategy>")


def documents_of(case: Case) -> list[Document]:
    strategy = strategy_of(case.strategy)
    return [extract_bytes(data, name, case.region or strategy.region) for name, data in case.documents]


def run(case: Case, select: tuple[str, ...] | None) -> tuple[Finding, ...]:
    """The findings of the selected rules (None: the whole catalogue) over the case's documents."""
    return check(documents_of(case), strategy_of(case.strategy), Config(select=select)).findings


def describe(findings: tuple[Finding, ...] | list[Finding]) -> str:
    if not findings:
        return "no findings"
    return "\n".join(f"  {f.rule} in {f.document}: subject={f.subject!r} expected={f.expected!r}: {f.message}"
                     for f in findings)


def _params() -> list[Any]:
    out = []
    for case in all_cases():
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


# --- (a) the registry --------------------------------------------------------------------------------


def test_every_rule_is_documented_and_has_cases() -> None:
    """sqlfluff-style: refuse a rule without clause, severity, summary, doc sections or enough cases."""
    problems: list[str] = []
    rules = list(load_rules())
    assert rules, "the registry is empty"
    for rule in rules:
        problems.extend(_rule_problems(rule))
    assert not problems, "\n".join(problems)


def _rule_problems(rule: Rule) -> Iterator[str]:
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.id):
        yield f"{rule.id}: ids are lower-case words joined by hyphens"
    if not rule.clause or not re.fullmatch(r"5\.\d+|—", rule.clause):
        yield f"{rule.id}: clause {rule.clause!r} is not an ISO 18295-2 clause (5.x) or '—'"
    if rule.severity not in SEVERITIES:
        yield f"{rule.id}: severity {rule.severity!r} is not one of {', '.join(SEVERITIES)}"
    if not rule.summary.strip():
        yield f"{rule.id}: no summary"
    for section in DOC_SECTIONS:
        if not rule.section(section):
            yield f"{rule.id}: docstring section {section!r} is missing or empty"
    path = CASES / f"{rule.id}.yaml"
    if not path.is_file():
        yield f"{rule.id}: no cases file {path.relative_to(CASES.parent.parent.parent)}"
        return
    try:
        cases = load_cases(path)
    except (CaseFileError, yaml.YAMLError, KeyError, TypeError) as exc:
        yield f"{rule.id}: {exc}"
        return
    failing = sum(1 for c in cases if c.fails)
    passing = len(cases) - failing
    if failing < MIN_CASES or passing < MIN_CASES:
        yield f"{rule.id}: {failing} failing and {passing} passing cases; at least {MIN_CASES} of each are needed"


def test_section_reader_refuses_a_rule_without_docs() -> None:
    """The registry test above can fail: a rule with an empty section is caught."""
    def check_nothing(_: object) -> list[object]:
        return []

    bare = Rule("bare-rule", "5.4", "warning", "A rule", "What it checks:\n    Something.\n", "document",
                check_nothing)
    problems = list(_rule_problems(bare))
    assert any("'Why it matters'" in p for p in problems)
    assert any("no cases file" in p for p in problems)
    assert not any("'What it checks'" in p for p in problems)


def test_every_cases_file_names_a_registered_rule() -> None:
    registry = load_rules()
    orphans = [p.name for p in case_files() if p.stem not in registry]
    assert not orphans, f"cases for rules that are not registered: {orphans}"
    assert strategy_of(BASE_STRATEGY.read_text(encoding="utf-8")).channels


# --- (b) every case through the real pipeline -------------------------------------------------------------


@pytest.mark.parametrize("case", _params())
def test_case(case: Case) -> None:
    findings = run(case, (case.rule,))
    ours = [f for f in findings if f.rule == case.rule]
    assert len(ours) == len(findings), "a rule outside the selection ran:\n" + describe(findings)
    if not case.fails:
        assert not ours, f"{case.rule} should not fire:\n" + describe(ours)
        return
    assert ours, f"{case.rule} should fire but did not"
    if case.findings is not None:
        assert len(ours) == case.findings, f"expected {case.findings} finding(s):\n" + describe(ours)
    unmatched = list(ours)
    for item in case.expect:
        match = next((f for f in unmatched if _matches(f, item)), None)
        assert match is not None, f"no finding matches {item}:\n" + describe(ours)
        unmatched.remove(match)
    if case.subjects:
        everything = run(case, None)
        for subject, rules in case.subjects:
            got = {f.rule for f in everything if f.subject == subject}
            assert got == rules, (f"with every rule on, {subject} should get exactly {sorted(rules)}, "
                                  f"got {sorted(got)}:\n" + describe(everything))


def _matches(finding: Finding, item: dict[str, Any]) -> bool:
    if "subject" in item and finding.subject != item["subject"]:
        return False
    if "expected" in item and finding.expected != item["expected"]:
        return False
    return "document" not in item or finding.document == item["document"]


# --- (c) no duplicates -------------------------------------------------------------------------------------


def duplicates(findings: tuple[Finding, ...] | list[Finding]) -> list[str]:
    """Findings that report one problem twice (SPEC section 8).

    - two findings with the same rule, document, subject and location (for `inconsistent-documents`, which
      is reported once per pair, the other document of the pair is part of the place);
    - one fact with two identity findings (same document, subject and place);
    - one channel with two cost, hours or accessibility findings from different rules in one document
      (within an aspect a contradiction beats an omission), counting `inconsistent-documents` under the
      aspect its message names.
    """
    out: list[str] = []
    seen = Counter((f.rule, f.document, f.subject, f.location, _pair(f)) for f in findings)
    out += [f"{rule} twice in {doc} for {subject!r} at {loc}" for (rule, doc, subject, loc, _), n in seen.items()
            if n > 1]
    places: dict[tuple[str, str | None, object], set[str]] = {}
    channels: dict[tuple[str, str, str | None], set[str]] = {}
    for f in findings:
        aspect = _aspect(f)
        if aspect == "identity":
            for loc in (f.location, *f.related):
                if loc.uri == f.document or loc.uri == f.location.uri:
                    key = (loc.uri, f.subject, (loc.page, loc.line, loc.selector, loc.bbox))
                    places.setdefault(key, set()).add(f.rule)
        elif aspect is not None:
            channels.setdefault((aspect, f.document, f.subject), set()).add(f.rule)
    out += [f"{sorted(rules)} on one fact ({subject!r} at {where} in {uri})"
            for (uri, subject, where), rules in places.items() if len(rules) > 1]
    out += [f"{sorted(rules)} are one {aspect} aspect for {subject!r} in {doc}"
            for (aspect, doc, subject), rules in channels.items() if len(rules) > 1]
    return out


def _pair(finding: Finding) -> tuple[str, ...]:
    if finding.rule != "inconsistent-documents":
        return ()
    return tuple(sorted({r.uri for r in finding.related if r.uri != finding.document}))


def _aspect(finding: Finding) -> str | None:
    if finding.rule == "inconsistent-documents":
        match = re.match(r"(hours|cost) ", finding.message)
        return match.group(1) if match else None
    return ASPECTS.get(finding.rule)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in all_cases()])
def test_case_has_no_duplicate_findings(case: Case) -> None:
    findings = run(case, None)
    problems = duplicates(findings)
    assert not problems, "\n".join(problems) + "\n" + describe(findings)


def test_duplicate_check_can_fail() -> None:
    from contactcheck.facts import Location

    here = Location("a.html", line=3)
    one = Finding("retired-contact", "5.6", "error", "m", "+448456001234", None, here, document="a.html")
    two = Finding("unknown-contact", "5.6", "warning", "m", "+448456001234", None, here, document="a.html")
    three = Finding("hours-mismatch", "5.4", "error", "m", "+443069990210", None, here, document="a.html")
    four = Finding("hours-missing", "5.4", "warning", "m", "+443069990210", None, Location("a.html", line=9),
                   document="a.html")
    assert len(duplicates([one, one])) >= 1
    assert len(duplicates([one, two])) == 1
    assert len(duplicates([three, four])) == 1
    assert duplicates([one, three]) == []
