"""`--format html`: one self-contained page a reviewer can send round (inline CSS, images as data: URIs).

A summary by clause and severity, then findings by document; the same problem in several documents is one
entry with its count and example places (the grouping of the text report). A PDF finding shows a small
picture of its page with the finding's box highlighted, rendered once per (file, page) and capped in number.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from contactcheck.facts import Location
from contactcheck.findings import SEVERITIES, Finding, severity_rank
from contactcheck.reporters import Report
from contactcheck.reporters.text import EXAMPLES, _groups, place

#: at most this many page pictures in one report, so a run over thousands of pages stays small
MAX_IMAGES = 50
PAGE_WIDTH_PX = 420
_URL = re.compile(r"^https?://", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:0 auto;
max-width:1100px;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid #ddd}
h3{font-size:1.05rem;margin:1.4rem 0 .5rem;word-break:break-all}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;
vertical-align:top}th{background:#f3f3f3}td.n{text-align:right}tfoot td{font-weight:bold}
.finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;padding:.5rem .8rem;margin:.6rem 0;
display:flow-root}
.finding.error{border-left-color:#b00020}.finding.warning{border-left-color:#b35c00}
.finding.info{border-left-color:#1f5fa8}
.sev{display:inline-block;font-weight:bold;text-transform:uppercase;font-size:.75rem;padding:0 .4rem;
border-radius:3px;color:#fff;background:#666}
.sev.error{background:#b00020}.sev.warning{background:#b35c00}.sev.info{background:#1f5fa8}
.msg{margin:.3rem 0;font-weight:600}dl{margin:.2rem 0;display:grid;grid-template-columns:max-content 1fr;
gap:.1rem .8rem}dt{color:#555}dd{margin:0;word-break:break-word}
blockquote{margin:0;padding:.1rem .5rem;background:#f7f7f4;border-left:3px solid #ccc;white-space:pre-wrap}
figure{margin:.5rem 0 0;float:right;max-width:45%}figure img{max-width:100%;border:1px solid #bbb}
figcaption{font-size:.8rem;color:#555}.muted{color:#666}.count{font-size:1.1rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
@media print{figure{page-break-inside:avoid}.finding{page-break-inside:avoid}}
"""


def render(report: Report) -> str:
    pdfs = {d.uri for d in report.documents if d.kind == "pdf" and d.error is None}
    images = PageImages(pdfs)
    live = report.unsuppressed()
    shared, single = _groups(live)
    body = [_header(report, live), _summary(live)]
    if shared:
        body.append('<section id="shared"><h2>The same problem in several documents</h2>')
        body.extend(_shared(group, images) for group in shared)
        body.append("</section>")
    body.append('<section id="documents"><h2>Findings by document</h2>')
    if not single:
        body.append('<p class="muted">No findings outside the groups above.</p>')
    by_document: dict[str, list[Finding]] = defaultdict(list)
    for finding in single:
        by_document[finding.document or finding.location.uri].append(finding)
    for uri, findings in sorted(by_document.items()):
        findings.sort(key=lambda f: (f.location.page or 0, f.location.line or 0, severity_rank(f.severity), f.rule))
        body.append(f'<section class="document"><h3>{_uri(uri)}</h3>')
        body.extend(_finding(f, images) for f in findings)
        body.append("</section>")
    body.append("</section>")
    body.append(_suppressed(report))
    body.append(_documents(report))
    return _page(report, live, "\n".join(body))


def _page(report: Report, live: list[Finding], body: str) -> str:
    title = f"{report.tool}: {len(live)} finding{'s' if len(live) != 1 else ''}"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _header(report: Report, live: list[Finding]) -> str:
    counts = ", ".join(f"{sum(1 for f in live if f.severity == s)} {s}" for s in SEVERITIES)
    suppressed = len(report.findings) - len(live)
    unreadable = sum(1 for d in report.documents if d.error is not None)
    facts = [f"Strategy: <code>{_e(report.strategy)}</code>"]
    if report.site:
        facts.append(f"Site: {_uri(report.site)}")
    facts.append(f"{_e(report.tool)} {_e(report.version)}")
    tail = f"; {suppressed} suppressed by the baseline" if suppressed else ""
    unread = f" ({unreadable} unreadable)" if unreadable else ""
    return (f"<header><h1>Contact details check</h1>\n<p>{' · '.join(facts)}</p>\n"
            f'<p class="count">{len(report.documents)} documents checked{unread}: <strong>{len(live)} findings'
            f"</strong> ({counts}){tail}</p></header>")


def _summary(live: list[Finding]) -> str:
    """Findings by ISO 18295-2 clause (rows) and severity (columns)."""
    clauses = sorted({f.clause for f in live}, key=lambda c: (not c[:1].isdigit(), c))
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    rows = []
    for clause in clauses:
        mine = [f for f in live if f.clause == clause]
        cells = "".join(f'<td class="n">{sum(1 for f in mine if f.severity == s)}</td>' for s in SEVERITIES)
        rules = ", ".join(f"<code>{_e(r)}</code>" for r in sorted({f.rule for f in mine}))
        rows.append(f"<tr><td>{_clause(clause)}</td><td>{rules}</td>{cells}<td class=\"n\">{len(mine)}</td></tr>")
    totals = "".join(f'<td class="n">{sum(1 for f in live if f.severity == s)}</td>' for s in SEVERITIES)
    return (f'<section id="summary"><h2>Summary by clause</h2>\n<table>\n<thead><tr><th>Clause</th><th>Rules</th>'
            f"{head}<th>total</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
            f'<tfoot><tr><td colspan="2">All clauses</td>{totals}<td class="n">{len(live)}</td></tr></tfoot>\n'
            "</table></section>")


def _shared(group: list[Finding], images: PageImages) -> str:
    first = group[0]
    documents = len({f.document or f.location.uri for f in group})
    examples = "".join(f"<li>{_place(f.location)}</li>" for f in group[:EXAMPLES])
    more = f"<li>… and {len(group) - EXAMPLES} more</li>" if len(group) > EXAMPLES else ""
    rows = [*_rows(first, single=False), f"<dt>Found in</dt><dd><ul>{examples}{more}</ul></dd>"]
    picture = next((p for p in (images.figure(f) for f in group) if p), "")
    return (f'<article class="finding {_e(first.severity)} shared">{_head(first)}'
            f'<p class="msg"><span class="count">{documents} documents</span>: {_e(first.message)}</p>'
            f"{picture}<dl>{''.join(rows)}</dl></article>")


def _finding(finding: Finding, images: PageImages) -> str:
    return (f'<article class="finding {_e(finding.severity)}">{_head(finding)}'
            f'<p class="msg">{_e(finding.message)}</p>{images.figure(finding)}'
            f"<dl>{''.join(_rows(finding))}</dl></article>")


def _head(finding: Finding) -> str:
    return (f'<p><span class="sev {_e(finding.severity)}">{_e(finding.severity)}</span> '
            f"<code>{_e(finding.rule)}</code> · {_clause(finding.clause)}</p>")


def _rows(finding: Finding, single: bool = True) -> list[str]:
    """The finding's details as <dt>/<dd> pairs; for a group (``single`` false) without place, other places
    and fingerprint, which belong to one member."""
    loc = finding.location
    rows = [f"<dt>Where</dt><dd>{_e(place(loc, with_uri=False) or loc.uri)}</dd>"] if single else []
    if loc.selector is not None and (loc.page is not None or loc.line is not None):
        rows.append(f"<dt>Element</dt><dd><code>{_e(loc.selector)}</code></dd>")
    if loc.region is not None:
        rows.append(f"<dt>Part of page</dt><dd>{_e(loc.region)}</dd>")
    if loc.snippet:
        rows.append(f"<dt>Text</dt><dd><blockquote>{_e(loc.snippet)}</blockquote></dd>")
    if finding.subject is not None:
        rows.append(f"<dt>Found</dt><dd><code>{_e(finding.subject)}</code></dd>")
    if finding.expected is not None:
        rows.append(f"<dt>Expected</dt><dd><code>{_e(finding.expected)}</code></dd>")
    if finding.related and single:
        others = "".join(f"<li>{_place(r)}</li>" for r in finding.related)
        rows.append(f"<dt>Also at</dt><dd><ul>{others}</ul></dd>")
    if finding.fingerprint and single:
        rows.append(f'<dt>Fingerprint</dt><dd class="muted"><code>{_e(finding.fingerprint)}</code></dd>')
    return rows


def _suppressed(report: Report) -> str:
    hidden = [f for f in report.findings if f.suppressed]
    if not hidden:
        return ""
    items = "".join(f"<li>{_place(f.location)}: <code>{_e(f.rule)}</code> {_e(f.message)}</li>" for f in hidden)
    return (f'<section id="suppressed"><h2>Suppressed by the baseline</h2><details><summary>{len(hidden)} '
            f"known finding{'s' if len(hidden) != 1 else ''}, not counted above</summary><ul>{items}</ul>"
            "</details></section>")


def _documents(report: Report) -> str:
    counts: dict[str, int] = {}
    for finding in report.unsuppressed():
        key = finding.document or finding.location.uri
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for document in report.documents:
        status = _e(f"unreadable: {document.error}") if document.error is not None else "read"
        rows.append(f"<tr><td>{_uri(document.uri)}</td><td>{_e(document.kind)}</td>"
                    f'<td class="n">{len(document.facts)}</td><td class="n">{counts.get(document.uri, 0)}</td>'
                    f"<td>{status}</td></tr>")
    return ('<section id="inputs"><h2>Documents checked</h2>\n<table><thead><tr><th>Document</th><th>Kind</th>'
            "<th>Facts</th><th>Findings</th><th>Status</th></tr></thead>\n<tbody>\n" + "\n".join(rows)
            + "\n</tbody></table></section>")


class PageImages:
    """PNG pictures of PDF pages with a finding's box drawn, rendered once per (file, page) and capped."""

    def __init__(self, pdfs: Iterable[str], limit: int = MAX_IMAGES) -> None:
        self.pdfs = frozenset(pdfs)
        self.limit = limit
        self.count = 0
        self._pages: dict[tuple[str, int], tuple[Image.Image, float] | None] = {}

    def figure(self, finding: Finding) -> str:
        """A <figure> with the page picture, or "" when there is none (not a PDF, no box, cap reached)."""
        uri = self.data_uri(finding.location, finding.related)
        if uri is None:
            return ""
        return (f'<figure><img src="{uri}" alt="{_e(f"page {finding.location.page}, finding highlighted")}">'
                f"<figcaption>page {finding.location.page}</figcaption></figure>")

    def data_uri(self, location: Location, others: Sequence[Location] = ()) -> str | None:
        if (self.count >= self.limit or location.uri not in self.pdfs or location.page is None
                or location.bbox is None):
            return None
        page = self._page(location.uri, location.page)
        if page is None:
            return None
        image, scale = page
        marked = image.copy()
        draw = ImageDraw.Draw(marked, "RGBA")
        for other in others:  # the same problem elsewhere on this page, drawn lighter
            if other.uri == location.uri and other.page == location.page and other.bbox is not None:
                draw.rectangle(_box(other.bbox, scale), fill=(255, 200, 0, 50), outline=(200, 120, 0, 255))
        draw.rectangle(_box(location.bbox, scale), fill=(255, 213, 0, 90), outline=(200, 0, 30, 255), width=2)
        buffer = io.BytesIO()
        marked.quantize(colors=64).save(buffer, format="PNG", optimize=True)
        self.count += 1
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    def _page(self, uri: str, number: int) -> tuple[Image.Image, float] | None:
        key = (uri, number)
        if key not in self._pages:
            self._pages[key] = render_page(uri, number)
        return self._pages[key]


def render_page(uri: str, number: int, width: int = PAGE_WIDTH_PX) -> tuple[Image.Image, float] | None:
    """Page ``number`` (1-based) of a local PDF as an RGB image ``width`` pixels wide, with its scale in
    pixels per point; None when it is not a local file or cannot be rendered."""
    path = Path(uri)
    if _SCHEME.match(uri) or not path.is_file():
        return None
    try:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= number <= len(pdf):
                return None
            page = pdf[number - 1]
            scale = width / float(page.get_size()[0])
            image: Image.Image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        finally:
            pdf.close()
    except (OSError, RuntimeError, ValueError, ZeroDivisionError):
        return None
    return image, scale


def _box(bbox: tuple[float, float, float, float], scale: float) -> tuple[float, float, float, float]:
    """pdfplumber's (x0, top, x1, bottom) in points to pixels, padded a little so thin text stays visible."""
    x0, top, x1, bottom = bbox
    return (x0 * scale - 2, top * scale - 2, max(x1, x0) * scale + 2, max(bottom, top) * scale + 2)


def _place(location: Location) -> str:
    """A place with its document: a link when the document is a web URL, plain text otherwise."""
    text = _e(place(location))
    if _URL.match(location.uri):
        return f'<a href="{_e(location.uri)}">{text}</a>'
    return text


def _uri(uri: str) -> str:
    return f'<a href="{_e(uri)}">{_e(uri)}</a>' if _URL.match(uri) else f"<code>{_e(uri)}</code>"


def _clause(clause: str) -> str:
    return f"ISO 18295-2 {_e(clause)}" if clause[:1].isdigit() else "no clause"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
