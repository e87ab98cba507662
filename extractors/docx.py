"""Word documents (.docx): body paragraphs, tables, headers and footers, located by paragraph index."""

from __future__ import annotations

import io
from collections.abc import Iterator

from contactcheck.facts import Document, Location
from extractors.pdf import UnreadableError
from extractors.recognisers import Match
from extractors.recognisers.hours import hours_from_table
from extractors.segments import Segment, build_facts, document_region


def extract_docx(data: bytes, uri: str, region: str | None = None) -> Document:
    """Facts of one .docx; raise UnreadableError when it is not a readable Word document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableError(f"not a readable .docx: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and lxml errors on damaged files
        raise UnreadableError(f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    segments = list(_segments(document, uri))
    facts, blocks = build_facts(segments, region or document_region(segments))
    return Document(uri, "docx", tuple(facts), tuple(blocks))


def _segments(document: object, uri: str) -> Iterator[Segment]:
    heading: str | None = None
    body = getattr(document, "paragraphs", [])
    for index, paragraph in enumerate(body, start=1):
        text = paragraph.text
        if not text.strip():
            continue
        style = str(getattr(paragraph.style, "name", "") or "")
        if style.lower().startswith(("heading", "title")):
            heading = text.strip()
        location = Location(uri, line=index, selector=f"body > p:nth-of-type({index})", region="main")
        yield Segment(text, location, f"body:{heading or ''}:{index if not heading else ''}", heading)
    for t, table in enumerate(getattr(document, "tables", []), start=1):
        yield from _table(table, uri, f"body > table:nth-of-type({t})", heading)
    for s, section in enumerate(getattr(document, "sections", []), start=1):
        for part, region in ((section.header, "header"), (section.footer, "footer")):
            for index, paragraph in enumerate(part.paragraphs, start=1):
                if paragraph.text.strip():
                    location = Location(uri, line=index, selector=f"section:nth-of-type({s}) > {region} > "
                                        f"p:nth-of-type({index})", region=region)
                    yield Segment(paragraph.text, location, f"{region}:{s}", None)


def _table(table: object, uri: str, selector: str, heading: str | None) -> Iterator[Segment]:
    rows: list[list[str]] = []
    for row in getattr(table, "rows", []):
        rows.append([cell.text for cell in row.cells])
    day_rows = [(r[0], " ".join(r[1:])) for r in rows if len(r) >= 2 and r[0].strip()]
    hours = hours_from_table(day_rows) if len(day_rows) >= 2 else None
    if hours is not None:
        text = "\n".join(f"{d}: {t}" for d, t in day_rows)
        location = Location(uri, selector=selector, region="main")
        yield Segment(text, location, selector, heading, facts=[Match("hours", hours, 0, len(text))])
        return
    for r, cells in enumerate(rows, start=1):
        text = "\t".join(c for c in cells if c.strip())  # as HTML rows: a label cell names the next
        if text.strip():
            location = Location(uri, selector=f"{selector} > tr:nth-of-type({r})", region="main")
            yield Segment(text, location, f"{selector}:{r}", heading)
