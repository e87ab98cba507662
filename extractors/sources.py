"""Which extractor reads a file: decided by content first, then by name; every failure becomes an error."""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path

from contactcheck.facts import Document

log = logging.getLogger(__name__)

SUFFIXES = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "script", ".md": "script",
    ".docx": "docx", ".eml": "email",
}
IVR_SUFFIXES = (".ivr.yaml", ".ivr.yml", ".ivr.json")
MAX_BYTES = 200 * 1024 * 1024


def sniff(data: bytes, name: str) -> str | None:
    """The document kind of ``data``: its content wins over its name (a .pdf that is HTML is HTML)."""
    head = data[:2048].lstrip()
    lower = head.lower()
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else None
    by_name = _kind_by_name(name)
    if by_name in (None, "email") and _looks_like_email(head):
        return "email"  # before the HTML test: a message's HTML part is not the file's type
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lower or b"<body" in lower:
        return "html"
    if by_name in ("pdf", "docx"):
        return by_name  # says PDF/DOCX but is not: the reader reports why
    if name.lower().endswith(".json") and by_name != "ivr":
        from extractors.ivr import is_ivr_json

        return "ivr" if is_ivr_json(data) else None  # an Amazon Connect / Twilio Studio flow export
    if by_name is not None:
        return by_name
    return "script" if _is_text(data) else None


def _kind_by_name(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(IVR_SUFFIXES):
        return "ivr"
    return SUFFIXES.get(Path(lower).suffix)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_like_email(head: bytes) -> bool:
    first = head.split(b"\n", 8)
    keys = {line.split(b":", 1)[0].strip().lower() for line in first if b":" in line}
    return len(keys & {b"from", b"to", b"subject", b"date", b"mime-version", b"received", b"message-id"}) >= 2


def _is_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(sample) - 4  # a character cut at the sample's end
    return True


def is_candidate(path: Path) -> bool:
    """Files a folder walk picks up: the known suffixes, IVR definitions, and .json flow exports."""
    name = path.name.lower()
    if name.endswith(IVR_SUFFIXES) or Path(name).suffix in SUFFIXES:
        return True
    if name.endswith(".json"):
        from extractors.ivr import is_ivr_json

        try:
            return is_ivr_json(path.read_bytes()[:5_000_000])
        except OSError:
            return False
    return False


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given, and files with a known suffix under folders given (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in child.relative_to(path).parts)  # .git, .venv below it
                if child.is_file() and is_candidate(child) and not hidden:
                    yield child
        else:
            yield path


def extract_bytes(data: bytes, uri: str, region: str | None = None, *, pdf_engine: str = "pdfium",
                  content_type: str | None = None, encoding: str | None = None) -> Document:
    """Facts of one document given as bytes; never raises for bad input (the Document carries ``error``)."""
    from extractors.pdf import UnreadableError

    kind = _kind_from_content_type(content_type) or sniff(data, uri)
    try:
        if kind is None:
            raise UnreadableError("unknown file type: not HTML, PDF, DOCX, e-mail or text")
        if not data:
            raise UnreadableError("empty file (0 bytes)")
        return _extract(kind, data, uri, region, pdf_engine, encoding)
    except UnreadableError as exc:
        return Document(uri, kind or "unknown", error=str(exc))
    except RecursionError:
        return Document(uri, kind or "unknown", error="document nested too deeply to read")
    except Exception as exc:  # a real-world file must never stop the run; the reason is reported
        log.debug("extracting %s failed", uri, exc_info=True)
        return Document(uri, kind or "unknown", error=f"could not be read: {type(exc).__name__}: {exc}")


def _kind_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    mime = content_type.split(";", 1)[0].strip().lower()
    return {"text/html": None, "application/pdf": "pdf", "message/rfc822": "email",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}.get(mime)


def _extract(kind: str, data: bytes, uri: str, region: str | None, engine: str, encoding: str | None) -> Document:
    if kind == "html":
        from extractors.html import extract_html

        return extract_html(data, uri, region, encoding=encoding)
    if kind == "pdf":
        from extractors.pdf import extract_pdf

        return extract_pdf(data, uri, region, engine)
    if kind == "docx":
        from extractors.docx import extract_docx

        return extract_docx(data, uri, region)
    if kind == "email":
        from extractors.email import extract_email

        return extract_email(data, uri, region)
    if kind == "ivr":
        from extractors.ivr import extract_ivr

        return extract_ivr(data, uri, region)
    from extractors.script import extract_script

    return extract_script(data.decode("utf-8", errors="replace"), uri, region)


def extract_file(path: Path, region: str | None = None, *, pdf_engine: str = "pdfium") -> Document:
    """Facts of one file; its ``uri`` is the path as given (SPEC section 8)."""
    from extractors.pdf import UnreadableError

    uri = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
        data = path.read_bytes()
    except UnreadableError as exc:
        return Document(uri, _kind_by_name(uri) or "unknown", error=str(exc))
    except OSError as exc:
        return Document(uri, _kind_by_name(uri) or "unknown", error=f"cannot read: {exc.strerror or exc}")
    return extract_bytes(data, uri, region, pdf_engine=pdf_engine)
