"""PDF documents: text lines with boxes, put in reading order (XY-cut) and cut into paragraph segments.

Two engines read the lines: pypdfium2 (the default, 50-70x faster on dense pages) and pdfplumber
(``--pdf-engine pdfplumber``, exact per-character boxes). Both feed the same layout code, so they
give the same facts; boxes follow pdfplumber's ``(x0, top, x1, bottom)`` convention in points.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import itertools
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from contactcheck.facts import Document, Location
from extractors.segments import BBox, Segment, build_facts, document_region

ENGINES = ("pdfium", "pdfplumber")
SMALL_PRINT_PT = 8.0  # text below 8 pt is small print, whatever the layout


class UnreadableError(Exception):
    """The input cannot be read; the message says why (reported as ``unreadable-input``)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text on a page with its box and font size."""

    text: str
    bbox: BBox
    size: float


def extract_pdf(data: bytes, uri: str, region: str | None = None, engine: str = "pdfium") -> Document:
    """Facts of one PDF; raise :class:`UnreadableError` for empty, corrupt, encrypted or image-only files."""
    if not data:
        raise UnreadableError("empty file (0 bytes)")
    if b"%PDF" not in data[:1024]:
        raise UnreadableError("not a PDF: no %PDF header")
    reader = _pages_pdfium if engine == "pdfium" else _pages_pdfplumber
    segments: list[Segment] = []
    images = 0
    for page_no, lines, has_images in reader(data):
        images += has_images
        segments.extend(_segments(uri, page_no, lines))
    if not segments:
        if images:
            raise UnreadableError("no text layer: scanned image; OCR not attempted")
        raise UnreadableError("no text found in the PDF")
    facts, blocks = build_facts(segments, region or document_region(segments))
    return Document(uri, "pdf", tuple(facts), tuple(blocks))


# --- engines -----------------------------------------------------------------------------------

PageLines = tuple[int, list[Line], bool]


def _pages_pdfium(data: bytes) -> Iterator[PageLines]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableError("encrypted PDF: a password is needed to read it") from exc
        raise UnreadableError(f"corrupt PDF: {message}") from exc
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            textpage = page.get_textpage()
            reader = _PdfiumLines(textpage, height, raw)
            rects = reader.rects()
            lines = reader.by_text_lines(rects)
            if lines is None:
                lines = [line for line in map(reader.line, rects) if line is not None]
            has_images = not lines and any(
                obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
            textpage.close()
            page.close()
            yield index + 1, lines, has_images
    finally:
        pdf.close()


_SOFT_HYPHENS = str.maketrans("", "", "\ufffe\x02\xad")  # pdfium's marks for a word broken at a line end


class _PdfiumLines:
    """Text rectangles of one pdfium page as Lines.

    pdfium hands out rectangles in character order, so a rectangle's text runs from just after the
    previous one's last character to the character at its own right edge: one index look-up per
    rectangle, sliced from the page text. Only when that fails is pdfium asked for the text inside the
    box, which scans the whole page each time.
    """

    def __init__(self, textpage: Any, height: float, raw: Any) -> None:
        self.textpage = textpage
        self.height = height
        self.raw = raw
        self.text = textpage.get_text_range()
        self.next = 0  # the first character not yet given to a rectangle
        # pdfium's C functions called with four doubles made once: a page asks for two boxes a line
        self.doubles = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())

    def rects(self) -> list[tuple[float, float, float, float]]:
        """The page's text rectangles as (left, bottom, right, top)."""
        left, top, right, bottom = self.doubles
        get, page = self.raw.FPDFText_GetRect, self.textpage.raw
        out = []
        for index in range(self.textpage.count_rects()):
            if get(page, index, left, top, right, bottom):
                out.append((left.value, bottom.value, right.value, top.value))
        return out

    def by_text_lines(self, rects: list[tuple[float, float, float, float]]) -> list[Line] | None:
        """The common case, checked: the page text has one line per rectangle, in the same order (each
        line's first and last characters are drawn inside its rectangle). Two O(1) look-ups a line instead
        of a hit test; None when the page is laid out otherwise."""
        if len(self.text) != self.textpage.count_chars():
            return None
        parts = self.text.split("\r\n")
        if len(parts) != len(rects):
            return None
        hyphens = any(mark in self.text for mark in "\ufffe\x02\xad")  # translate only when needed
        out: list[Line] = []
        offset = 0
        for part, rect in zip(parts, rects, strict=True):
            first = offset + (len(part) - len(part.lstrip()))
            last = offset + len(part.rstrip()) - 1
            offset += len(part) + 2
            if last < first:
                continue
            if not (self._inside(first, rect) and self._inside(last, rect)):
                return None
            text = part.translate(_SOFT_HYPHENS) if hyphens else part
            size = float(self.raw.FPDFText_GetFontSize(self.textpage, first))
            left, bottom, right, top = rect
            out.append(Line(text, (left, self.height - top, right, self.height - bottom), size))
        return out

    def line(self, rect: tuple[float, float, float, float]) -> Line | None:
        left, bottom, right, top = rect
        middle, half = (bottom + top) / 2, max((top - bottom) / 2, 0.5)
        last = self.textpage.get_index(right - 0.5, middle, 1.0, half)
        found = last is not None and 0 <= last < len(self.text)
        start = self.next
        while start < len(self.text) and self.text[start] in "\r\n ":
            start += 1
        sized = last if found else None
        if found and start <= last and self._inside(start, rect):
            part = self.text[start : last + 1]
        else:
            first = self.textpage.get_index(left + 0.5, middle, 1.0, half)
            if first is not None and 0 <= first < len(self.text):
                sized = sized if sized is not None else first
            if found and first is not None and 0 <= first <= last:
                part = self.text[first : last + 1]
            else:
                part = self.textpage.get_text_bounded(left, bottom, right, top)
        if found:
            self.next = last + 1
        part = part.replace("\r", "").replace("\n", " ").translate(_SOFT_HYPHENS)
        if not part.strip():
            return None
        size = self.raw.FPDFText_GetFontSize(self.textpage, sized) if sized is not None else 0.0
        return Line(part, (left, self.height - top, right, self.height - bottom), float(size))

    def _inside(self, index: int, rect: tuple[float, float, float, float]) -> bool:
        """Is character ``index`` drawn inside ``rect`` (one O(1) look-up)?"""
        left, right, bottom, top = self.doubles
        if not self.raw.FPDFText_GetCharBox(self.textpage.raw, index, left, right, bottom, top):
            return False
        return bool(left.value >= rect[0] - 1 and right.value <= rect[2] + 1 and top.value >= rect[1] - 1
                    and bottom.value <= rect[3] + 1)


def _pages_pdfplumber(data: bytes) -> Iterator[PageLines]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise UnreadableError("encrypted PDF: a password is needed to read it") from exc
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise UnreadableError(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    with pdf:
        for index, page in enumerate(pdf.pages):
            words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5, extra_attrs=["size"])
            lines = _words_to_lines(words)
            yield index + 1, lines, (not lines and bool(page.images))


def _words_to_lines(words: Sequence[dict[str, object]]) -> list[Line]:
    """Words to lines: the same baseline, no wide gap (a wide gap separates columns)."""
    lines: list[Line] = []
    current: list[dict[str, object]] = []

    def flush() -> None:
        if current:
            text = " ".join(str(w["text"]) for w in current)
            box = (_f(current[0]["x0"]), min(_f(w["top"]) for w in current), _f(current[-1]["x1"]),
                   max(_f(w["bottom"]) for w in current))
            lines.append(Line(text, box, _f(current[0].get("size", 0.0))))
            current.clear()

    for word in sorted(words, key=lambda w: (round(_f(w["top"])), _f(w["x0"]))):
        if current:
            last = current[-1]
            gap = _f(word["x0"]) - _f(last["x1"])
            same_line = abs(_f(word["top"]) - _f(last["top"])) < 2.5
            if not same_line or gap > 3 * max(_f(last.get("size", 10.0)), 1.0) or gap < -1:
                flush()
        current.append(word)
    flush()
    return lines


def _f(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


# --- layout ------------------------------------------------------------------------------------

def reading_order(lines: Sequence[Line]) -> list[list[Line]]:
    """Regions of lines in reading order by recursive XY-cut: full-width bands top to bottom,
    columns left to right inside a band."""
    if not lines:
        return []
    return list(_xy_cut(list(lines)))


def _xy_cut(lines: list[Line]) -> Iterator[list[Line]]:
    """Cut at the widest empty band, horizontal or vertical, and recurse (classic recursive XY-cut)."""
    if len(lines) <= 1:
        yield lines
        return
    y_gap, y_parts = _split_y(lines)
    x_gap, x_parts = _split_x(lines)
    parts = x_parts if x_gap > y_gap else y_parts
    if len(parts) <= 1:
        yield sorted(lines, key=lambda line: (line.bbox[1], line.bbox[0]))
        return
    for part in parts:
        yield from _xy_cut(part)


def _split_y(lines: list[Line]) -> tuple[float, list[list[Line]]]:
    """The widest horizontal gap no line crosses, and the lines above and below it."""
    ordered = sorted(lines, key=lambda line: line.bbox[1])
    best, at = 0.0, 0
    bottom = ordered[0].bbox[3]
    for i, line in enumerate(ordered[1:], start=1):
        gap = line.bbox[1] - bottom
        if gap > best:
            best, at = gap, i
        bottom = max(bottom, line.bbox[3])
    em = statistics.median(line.size or (line.bbox[3] - line.bbox[1]) for line in lines) or 10.0
    if best <= 1.2 * em:  # ordinary leading and paragraph gaps are left to _paragraphs
        return 0.0, [lines]
    return best, [ordered[:at], ordered[at:]]


def _split_x(lines: list[Line]) -> tuple[float, list[list[Line]]]:
    """The widest vertical gutter no line crosses (at least a few points), and the lines either side."""
    ordered = sorted(lines, key=lambda line: line.bbox[0])
    best, at = 0.0, 0
    right = ordered[0].bbox[2]
    for i, line in enumerate(ordered[1:], start=1):
        gap = line.bbox[0] - right
        if gap > best:
            best, at = gap, i
        right = max(right, line.bbox[2])
    em = statistics.median(line.size or (line.bbox[3] - line.bbox[1]) for line in lines) or 10.0
    if best < max(6.0, 0.8 * em):
        return 0.0, [lines]
    return best, [ordered[:at], ordered[at:]]


def _segments(uri: str, page_no: int, lines: Sequence[Line]) -> Iterator[Segment]:
    """One segment per paragraph of each region, lines joined by newlines. A short paragraph set larger
    than the text after it is a heading: it labels the paragraphs under it, which form one block."""
    for r, region_lines in enumerate(reading_order(lines)):
        paragraphs = list(_paragraphs(region_lines))
        label: str | None = None
        block = f"p{page_no}r{r}p0"
        for p, paragraph in enumerate(paragraphs):
            following = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
            if following is not None and _is_heading(paragraph, following):
                label = " ".join(" ".join(line.text for line in paragraph).split())
                block = f"p{page_no}r{r}p{p}"
            elif label is None:
                block = f"p{page_no}r{r}p{p}"
            yield _segment(uri, page_no, block, paragraph, label)


def _is_heading(paragraph: list[Line], following: list[Line]) -> bool:
    text = " ".join(line.text for line in paragraph).strip()
    return len(paragraph) <= 2 and len(text) <= 90 and paragraph[0].size > following[0].size + 0.5


def _paragraphs(lines: list[Line]) -> Iterator[list[Line]]:
    if not lines:
        return
    height = statistics.median(line.bbox[3] - line.bbox[1] for line in lines) or 10.0
    gaps = [b.bbox[1] - a.bbox[3] for a, b in itertools.pairwise(lines)]
    usual = statistics.median(gaps) if gaps else 0.0
    current = [lines[0]]
    for line, gap in zip(lines[1:], gaps, strict=True):
        if _breaks(current[-1], line, gap, usual, line.size or height):
            yield current
            current = []
        current.append(line)
    yield current


def _breaks(previous: Line, line: Line, gap: float, usual: float, em: float) -> bool:
    """Does ``line`` start a new paragraph? A heading stays with the text under it."""
    if line.size > previous.size + 1.0:
        return True  # a larger line starts a new heading
    if previous.size > line.size + 1.0:
        return gap > 2.0 * em  # under its heading
    # wider than the region's usual leading, or than a blank line; measured against the font size, not
    # box heights, which engines draw differently
    return (gap > 1.5 * usual + 0.1 * em and gap > 0.5 * em) or gap > 1.2 * em


def _segment(uri: str, page_no: int, block: str, lines: list[Line], label: str | None = None) -> Segment:
    text = "\n".join(line.text for line in lines)
    bbox = (min(ln.bbox[0] for ln in lines), lines[0].bbox[1], max(ln.bbox[2] for ln in lines), lines[-1].bbox[3])
    size = min(line.size for line in lines)
    region = "small-print" if 0 < round(size, 1) < SMALL_PRINT_PT else None
    location = Location(uri, page=page_no, bbox=bbox, region=region)
    return Segment(text, location, block, label, boxes=_LineBoxes(lines), attrs=(("font_size", f"{size:.1f}"),))


class _LineBoxes:
    """The box of a span of a paragraph's text, from its lines' boxes; characters are spread evenly over
    a line (exact enough to highlight a number, and no per-character work for text without facts)."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.starts: list[int] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line.text) + 1

    def __call__(self, start: int, end: int) -> BBox | None:
        boxes: list[BBox] = []
        starts = self.starts
        for i in range(max(bisect.bisect_right(starts, start) - 1, 0), bisect.bisect_left(starts, end)):
            line, first = self.lines[i], starts[i]
            lo, hi = max(start, first), min(end, first + len(line.text))
            if lo >= hi:
                continue
            x0, top, x1, bottom = line.bbox
            step = (x1 - x0) / max(len(line.text), 1)
            boxes.append((x0 + (lo - first) * step, top, x0 + (hi - first) * step, bottom))
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes))
