"""End to end on the bundled example organisation (canonical/examples/acme, README there).

- clean/: nothing fires. Known false positives are listed below, each a strict xfail naming it, so they
  are counted in the test output and the entry must go once it is fixed.
- defects/: every planted defect of the README's table is reported by its rule, in its file, with its
  subject. Defects of rules that do not exist yet are skipped naming what adds them; defects the current
  implementation misses are strict xfails with the cause.
- defects/: the whole JSON report of `contactcheck check` equals tests/expected/acme-defects.json
  (tool version dropped, paths relative to the repository), so any change in findings shows in review.
  `CONTACTCHECK_UPDATE_EXPECTED=1 pytest tests/test_examples.py` rewrites the file.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner

from canonical.loader import load_strategy
from contactcheck.cli import main
from contactcheck.config import Config
from contactcheck.engine import check
from contactcheck.extraction import extract_paths
from contactcheck.findings import Finding
from tests.conftest import EXAMPLES, ROOT
from tests.test_rules import describe, duplicates

ACME = EXAMPLES / "acme"
STRATEGY = ACME / "strategy.yaml"
README = EXAMPLES / "README.md"
EXPECTED_JSON = ROOT / "tests" / "expected" / "acme-defects.json"
UPDATE = os.environ.get("CONTACTCHECK_UPDATE_EXPECTED") == "1"

#: rules of the README's table that do not exist yet: what adds them
CRAWL_ONLY = {
    # judged on a crawl only (click depth from the entry page)
    "complaint-contact-deep": "tests/test_crawl.py::test_defects_site_complaint_contact_is_four_clicks_deep",
}

#: (rule, file under defects/, subject) -> why the current implementation misses the planted defect
MISSED: dict[tuple[str, str, str | None], str] = {
}

#: (rule, file under clean/, subject) -> why it fires on the clean material
CLEAN_FALSE_POSITIVES: dict[tuple[str, str, str | None], str] = {
}

#: findings on defects/ that are not in the README's table: (rule, file, subject) -> why
DEFECTS_EXTRA: dict[tuple[str, str, str | None], str] = {
    ("purpose-missing", "pdf/terms.pdf", None):
        "genuine: clause 20 of the defects terms gives 0845 600 1234, an e-mail and web chat with nothing saying "
        "what for (the clean twin says 'For help with your account or bill')",
    **{key: f"also on clean/: {why}" for key, why in CLEAN_FALSE_POSITIVES.items()},
}


@dataclass(frozen=True)
class Defect:
    """One row of the README's planted-defects table."""

    file: str
    place: str
    rule: str
    subject: str | None
    expected: str | None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.rule, self.file, self.subject)


def _cell(text: str) -> str:
    return text.strip().strip("`").strip()


def planted_defects() -> list[Defect]:
    """The rows of the '## Planted defects' table (file | place | defect | rule | subject | expected)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Planted defects", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header = [_cell(c) for c in rows[0].strip("|").split("|")]
    assert header == ["file", "place (page/line/what text)", "defect", "rule", "subject", "expected"], header
    out = []
    for line in rows[2:]:
        cells = [_cell(c) for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        file, place, _defect, rule, subject, expected = cells
        out.append(Defect(file.split(" ", 1)[0], place, rule, None if subject == "null" else subject,
                          None if expected.startswith("-") else expected))
    return out


@functools.cache
def findings_of(folder: str) -> tuple[Finding, ...]:
    """Every catalogue finding over acme/<folder> with acme/strategy.yaml."""
    strategy = load_strategy(STRATEGY)
    documents = extract_paths([ACME / folder], strategy.region)
    return check(documents, strategy, Config()).findings


def relative(uri: str, folder: str) -> str:
    base = str(ACME / folder)
    return uri[len(base) + 1:] if uri.startswith(base + os.sep) else uri


def keys_of(folder: str) -> dict[tuple[str, str, str | None], list[Finding]]:
    out: dict[tuple[str, str, str | None], list[Finding]] = {}
    for finding in findings_of(folder):
        out.setdefault((finding.rule, relative(finding.document, folder), finding.subject), []).append(finding)
    return out


# --- (a) clean: nothing fires --------------------------------------------------------------------------------


def test_clean_gives_no_findings_beyond_the_known_false_positives() -> None:
    unexpected = [f for key, found in keys_of("clean").items() if key not in CLEAN_FALSE_POSITIVES for f in found]
    assert not unexpected, "findings on acme/clean:\n" + describe(unexpected)


@pytest.mark.parametrize("key", [
    pytest.param(key, id=f"{key[0]} in {key[1]}", marks=pytest.mark.xfail(strict=True, reason=why))
    for key, why in CLEAN_FALSE_POSITIVES.items()
])
def test_clean_known_false_positive(key: tuple[str, str, str | None]) -> None:
    """Fails (xfail) while the false positive is reported; passes, and so breaks the strict xfail, once fixed."""
    assert key not in keys_of("clean"), describe(keys_of("clean").get(key, []))


def test_clean_and_defects_have_no_duplicate_findings() -> None:
    for folder in ("clean", "defects"):
        problems = duplicates(findings_of(folder))
        assert not problems, f"acme/{folder}:\n" + "\n".join(problems)


# --- (b) every planted defect is found ------------------------------------------------------------------------


def _defect_params() -> list[Any]:
    out = []
    seen: dict[str, int] = {}
    for defect in planted_defects():
        name = f"{defect.rule} in {defect.file} ({defect.subject})"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name += f" #{seen[name]}"
        why = MISSED.get(defect.key)
        marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
        out.append(pytest.param(defect, id=name, marks=marks))
    return out


def test_defects_table_is_read() -> None:
    """The parser reads every row: the counts agree with the README's own "That makes N findings. By rule: ..."."""
    defects = planted_defects()
    text = README.read_text(encoding="utf-8")
    total = re.search(r"That makes (\d+) findings", text)
    assert total is not None and len(defects) == int(total.group(1))
    by_rule = dict(re.findall(r"([a-z]+(?:-[a-z]+)+) (\d+)", text.split("By rule:", 1)[1].split("\n\n", 1)[0]))
    counted: dict[str, int] = {}
    for defect in defects:
        counted[defect.rule] = counted.get(defect.rule, 0) + 1
    assert counted == {rule: int(n) for rule, n in by_rule.items()}
    assert all(key in {d.key for d in defects} for key in MISSED), "a MISSED entry names no planted defect"


@pytest.mark.parametrize("defect", _defect_params())
def test_planted_defect_is_reported(defect: Defect) -> None:
    if defect.rule in CRAWL_ONLY:
        pytest.skip(f"{defect.rule} is judged on a crawl, not by `check` over files: see {CRAWL_ONLY[defect.rule]}")
    found = keys_of("defects").get(defect.key, [])
    same_file = [f for (rule, file, _), fs in keys_of("defects").items() if file == defect.file for f in fs]
    assert found, (f"{defect.rule} with subject {defect.subject!r} not reported in {defect.file} "
                   f"({defect.place}); findings there:\n" + describe(same_file))
    if defect.rule in ("retired-contact", "near-miss-contact"):  # `expected` is the canonical value
        assert any(f.expected == defect.expected for f in found), describe(found)


def test_defects_give_no_findings_beyond_the_table() -> None:
    planted = {d.key for d in planted_defects()}
    extra = [f for key, found in keys_of("defects").items() if key not in planted and key not in DEFECTS_EXTRA
             for f in found]
    assert not extra, "findings on acme/defects that the README's table does not list:\n" + describe(extra)


# --- (c) the whole JSON report over defects/ --------------------------------------------------------------------


def normalised_report(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`contactcheck check canonical/examples/acme/defects --format json`, run from the repository root,
    without the tool version and with every path relative to the repository."""
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, [
        "check", str(ACME.relative_to(ROOT) / "defects"), "--strategy", str(STRATEGY.relative_to(ROOT)),
        "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    report["tool"].pop("version", None)
    text = json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True)
    text = text.replace(str(ROOT) + os.sep, "").replace(str(ROOT), ".")
    normalised: dict[str, Any] = json.loads(text)
    return normalised


def _finding_lines(report: dict[str, Any]) -> list[str]:
    return [f"{f['rule']} {f['location']['uri']} {f['subject']}" for f in report.get("findings", [])]


def test_defects_report_matches_expected_json(monkeypatch: pytest.MonkeyPatch) -> None:
    actual = normalised_report(monkeypatch)
    rendered = json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if UPDATE:
        EXPECTED_JSON.parent.mkdir(parents=True, exist_ok=True)
        EXPECTED_JSON.write_text(rendered, encoding="utf-8")
        return
    assert EXPECTED_JSON.is_file(), (f"{EXPECTED_JSON.relative_to(ROOT)} is missing: run "
                                     "CONTACTCHECK_UPDATE_EXPECTED=1 pytest tests/test_examples.py and review it")
    expected = json.loads(EXPECTED_JSON.read_text(encoding="utf-8"))
    if actual == expected:
        return
    now, before = _finding_lines(actual), _finding_lines(expected)
    added = [line for line in now if line not in before]
    gone = [line for line in before if line not in now]
    diff = "".join(difflib.unified_diff(EXPECTED_JSON.read_text(encoding="utf-8").splitlines(keepends=True),
                                        rendered.splitlines(keepends=True), "expected", "actual", n=2))
    pytest.fail("the JSON report over acme/defects changed (if on purpose: CONTACTCHECK_UPDATE_EXPECTED=1)\n"
                f"new findings: {added}\nfindings gone: {gone}\n" + diff[:6000])
