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
from extractors.recognisers.cost import as_footnote_marker
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
Rect = tuple[float, float, float, float]  # pdfium's (left, bottom, right, top), from the page's foot


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
                lines = reader.lines(rects)
            has_images = not lines and any(
                obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
            textpage.close()
            page.close()
            yield index + 1, lines, has_images
    finally:
        pdf.close()


#: a footnote marker is set in a font at most this much of its line's (both engines)
_MARKER_SCALE = 0.85
_SOFT_HYPHENS = str.maketrans("", "", "\ufffe\x02\xad")  # pdfium's marks for a word broken at a line end


def _clean(part: str) -> str:
    """pdfium's text of a rectangle as a line's: its line breaks read as spaces, soft hyphens dropped."""
    return part.replace("\r", "").replace("\n", " ").translate(_SOFT_HYPHENS)


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

    def rects(self) -> list[Rect]:
        """The page's text rectangles as (left, bottom, right, top)."""
        left, top, right, bottom = self.doubles
        get, page = self.raw.FPDFText_GetRect, self.textpage.raw
        out = []
        for index in range(self.textpage.count_rects()):
            if get(page, index, left, top, right, bottom):
                out.append((left.value, bottom.value, right.value, top.value))
        return out

    def by_text_lines(self, rects: list[Rect]) -> list[Line] | None:
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

    def lines(self, rects: list[Rect]) -> list[Line]:
        """Any other layout: the text of each rectangle (:meth:`piece`), rectangles that carry one line on
        joined into one Line. pdfium starts a rectangle at each text object, so a line can come in several
        (a bold word, a font change, a word split after its first letters) or in one per character when
        every glyph is drawn as its own object; left apart, they are put in reading order one by one by
        their ragged glyph boxes and the line's words are scattered. A rectangle carries the line on when
        it comes next in character order, sits on the same baseline and starts no more than three ems
        after it ends, as pdfplumber's words are joined (:func:`_words_to_lines`)."""
        out: list[Line] = []
        run: _Run | None = None
        for rect in rects:
            piece = self.piece(rect)
            if piece is None:
                continue
            text, first, last, size = piece
            left, bottom, right, top = rect
            baseline = self._baseline(first)
            if run is not None and run.carries_on(rect, size, baseline):
                marker = run.raised_marker(text, size, baseline)
                if marker is not None:  # "0906 123 4567" and a smaller, raised "1": a footnote marker
                    run.text, run.last = run.text + marker, last
                    continue
                if first is not None and last is not None and run.last is not None and first <= run.last:
                    # touching boxes: the hit test gave characters the line already has
                    text, first = _clean(self.text[run.last + 1 : last + 1]), run.last + 1
                if text.strip():
                    run.text += self._seam(run, text, first, left - run.right, run.em(rect, size)) + text
                    run.last = last
                run.right, run.bottom, run.top = max(run.right, right), min(run.bottom, bottom), max(run.top, top)
            else:
                if run is not None:
                    out.append(run.line(self.height))
                run = _Run(text, left, bottom, right, top, size, last, baseline)
        if run is not None:
            out.append(run.line(self.height))
        return out

    def _seam(self, run: _Run, text: str, first: int | None, gap: float, em: float) -> str:
        """What goes between a line so far and the next rectangle's text: pdfium's own text between the two
        when both are known (a space, a line break read as a space, or nothing inside a word), else a space
        for a gap wider than a fifth of an em."""
        if run.text[-1:].isspace() or text[:1].isspace():
            return ""
        if run.last is not None and first is not None and run.last < first:
            between = self.text[run.last + 1 : first].translate(_SOFT_HYPHENS)
            if not between.strip():
                return " " if between else ""
        return " " if gap > 0.2 * em else ""

    def _baseline(self, index: int | None) -> float | None:
        """The height of the baseline character ``index`` is set on, if known."""
        x, y = self.doubles[0], self.doubles[1]
        if index is None or not self.raw.FPDFText_GetCharOrigin(self.textpage.raw, index, x, y):
            return None
        return float(y.value)

    def piece(self, rect: Rect) -> tuple[str, int | None, int | None, float] | None:
        """The text of one rectangle, the indexes of its first and last characters in the page text when
        known, and its font size; None for a rectangle without text."""
        left, bottom, right, top = rect
        middle, half = (bottom + top) / 2, max((top - bottom) / 2, 0.5)
        last = self.textpage.get_index(right - 0.5, middle, 1.0, half)
        found = last is not None and 0 <= last < len(self.text)
        start = self.next
        while start < len(self.text) and self.text[start] in "\r\n ":
            start += 1
        if not found and self._inside(start, rect):
            # the right edge fell on a blank (a trailing space's box has no height), and the box asked for
            # below would take in a neighbour's overlapping glyph: walk the rectangle's characters instead
            last, found = self._walk(start, rect), True
        sized = last if found else None
        first: int | None = None
        if found and start <= last and self._inside(start, rect):
            part, first = self.text[start : last + 1], start
        else:
            first = self.textpage.get_index(left + 0.5, middle, 1.0, half)
            if first is not None and 0 <= first < len(self.text):
                sized = sized if sized is not None else first
            if found and first is not None and 0 <= first <= last:
                part = self.text[first : last + 1]
            else:
                part, first = self.textpage.get_text_bounded(left, bottom, right, top), None
        if found:
            self.next = last + 1
        part = _clean(part)
        if not part.strip():
            return None
        size = self.raw.FPDFText_GetFontSize(self.textpage, sized) if sized is not None else 0.0
        return part, first, last if found and first is not None else None, float(size)

    def _walk(self, start: int, rect: Rect) -> int:
        """The last character drawn inside ``rect`` in the run of them from ``start`` (blanks pass)."""
        text, last, index = self.text, start, start + 1
        while index < len(text) and (text[index].isspace() or self._inside(index, rect)):
            if not text[index].isspace():
                last = index
            index += 1
        return last

    def _inside(self, index: int, rect: Rect) -> bool:
        """Is character ``index`` drawn inside ``rect`` (one O(1) look-up)?"""
        left, right, bottom, top = self.doubles
        if not self.raw.FPDFText_GetCharBox(self.textpage.raw, index, left, right, bottom, top):
            return False
        return bool(left.value >= rect[0] - 1 and right.value <= rect[2] + 1 and top.value >= rect[1] - 1
                    and bottom.value <= rect[3] + 1)


@dataclass(slots=True)
class _Run:
    """A line being joined from pdfium's rectangles, in pdfium's (left, bottom, right, top) page space."""

    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    last: int | None  # the index of its last character in the page text, when known
    baseline: float | None  # the baseline its first character is set on, when known

    def carries_on(self, rect: Rect, size: float, baseline: float | None) -> bool:
        """Does ``rect`` continue this line: set on the same baseline (an apostrophe after "you" sits above
        every letter before it) or overlapping at least half the lower of the two heights (a superscript,
        or a box whose first character is not known), and starting after the line's end, overlapping it by
        a kerned glyph at most and no more than three ems on?"""
        left, bottom, _, top = rect
        em = self.em(rect, size)
        if not (-max(1.0, 0.25 * em) <= left - self.right <= 3 * em):
            return False
        if baseline is not None and self.baseline is not None and abs(baseline - self.baseline) <= 0.2 * em:
            return True
        return min(top, self.top) - max(bottom, self.bottom) >= 0.5 * min(top - bottom, self.top - self.bottom)

    def raised_marker(self, text: str, size: float, baseline: float | None) -> str | None:
        """``text`` as a footnote marker when it is one set in a smaller font on a higher baseline than the
        line (see :func:`as_footnote_marker`), else None. Font sizes and baselines, not glyph boxes: a
        digit's box is shorter than a line's with descenders in it."""
        if baseline is None or self.baseline is None or not 0 < size < _MARKER_SCALE * self.size:
            return None
        if baseline - self.baseline <= 0.15 * self.size:
            return None
        return as_footnote_marker(text)

    def em(self, rect: Rect, size: float) -> float:
        """The font size to measure gaps by: pdfium's font size leaves out the text matrix's scale (text
        set at 1 pt and scaled up reads as 1 pt), so no less than the height of the line's glyphs."""
        return max(size, self.size, min(self.top - self.bottom, rect[3] - rect[1]), 1.0)

    def line(self, height: float) -> Line:
        return Line(self.text, (self.left, height - self.top, self.right, height - self.bottom), self.size)


def _pages_pdfplumber(data: bytes) -> Iterator[PageLines]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on broken files
        # pdfplumber wraps pdfminer's error in a PdfminerException that says nothing of its own (and a
        # wrong password's error has no message at all): name the one inside
        cause = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            raise UnreadableError("encrypted PDF: a password is needed to read it") from exc
        reason = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
        kind = "encrypted PDF: cannot decrypt it" if isinstance(cause, PDFEncryptionError) else "corrupt PDF"
        raise UnreadableError(f"{kind}: {reason}") from exc
    with pdf:
        for index, page in enumerate(pdf.pages):
            words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5, extra_attrs=["size"])
            lines = _words_to_lines(words)
            yield index + 1, lines, (not lines and bool(page.images))


def _words_to_lines(words: Sequence[dict[str, object]]) -> list[Line]:
    """Words to lines: the same baseline, no wide gap (a wide gap separates columns)."""
    lines: list[Line] = []
    current: list[dict[str, object]] = []
    words = _with_markers(words)

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


def _with_markers(words: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """The words with each footnote marker set smaller and higher straight after a word ("4567" and a
    raised "1") written onto that word as a superscript ("4567¹"); a marker after a marker ("4567¹²")
    joins the word the first one joined."""
    out = list(words)
    markers = sorted((i for i, w in enumerate(out) if as_footnote_marker(str(w["text"])) is not None),
                     key=lambda i: _f(out[i]["x0"]))
    if not markers:
        return out
    # the words that end within a few points of each line's positions, by line (rounded bottom)
    by_line: dict[int, list[int]] = {}
    for i, word in enumerate(out):
        by_line.setdefault(round(_f(word["bottom"])), []).append(i)
    gone: set[int] = set()
    for m in markers:
        marker = out[m]
        size, top, bottom, x0 = _f(marker.get("size", 0.0)), _f(marker["top"]), _f(marker["bottom"]), _f(marker["x0"])
        for i in (i for line in range(round(bottom), round(bottom + size) + 1) for i in by_line.get(line, ())):
            word = out[i]
            wsize, wtop, wbottom = _f(word.get("size", 0.0)), _f(word["top"]), _f(word["bottom"])
            if (
                i != m and i not in gone
                and size < _MARKER_SCALE * wsize
                and wtop - 0.5 * wsize <= top and bottom < wbottom  # raised, on the word's line
                and -1.0 <= x0 - _f(word["x1"]) <= 0.3 * wsize
            ):
                out[i] = {**word, "text": f"{word['text']}{as_footnote_marker(str(marker['text']))}",
                          "x1": max(_f(word["x1"]), _f(marker["x1"]))}
                gone.add(m)
                break
    return [w for j, w in enumerate(out) if j not in gone]


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
