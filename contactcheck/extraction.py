"""`contactcheck extract`: documents and their facts, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from contactcheck.facts import Document, Fact, Location
from extractors.sources import extract_file, walk


def extract_paths(paths: Iterable[Path], region: str | None = None, pdf_engine: str = "pdfium",
                  progress: Callable[[Path], None] | None = None) -> list[Document]:
    """One Document per input file (an unreadable one carries ``error``)."""
    documents: list[Document] = []
    for path in walk(paths):
        if progress is not None:
            progress(path)
        documents.append(extract_file(path, region, pdf_engine=pdf_engine))
    return documents


def extract_json(documents: Iterable[Document]) -> str:
    """The SPEC section 6 shape: ``{"documents": [{"uri", "kind", "facts": [...], "blocks": [...]}]}``."""
    return json.dumps({"documents": [d.to_json() for d in documents]}, indent=2, ensure_ascii=False) + "\n"


def extract_text(documents: Iterable[Document]) -> str:
    """One section per document, one line per fact: place, kind, value, text as written."""
    out: list[str] = []
    for document in documents:
        if document.error is not None:
            out.append(f"{document.uri} [{document.kind}]: unreadable: {document.error}")
            out.append("")
            continue
        out.append(f"{document.uri} [{document.kind}]: {len(document.facts)} facts, {len(document.blocks)} blocks")
        for fact in document.facts:
            out.append(f"  {place(fact.location):<28} {fact.kind:<13} {_value(fact):<36} {fact.text!r}")
        out.append("")
    return "\n".join(out)


def place(location: Location) -> str:
    """'file:page 2' / 'file:12' style place without the file name: 'p2', 'l12', 'footer', selector."""
    parts: list[str] = []
    if location.page is not None:
        parts.append(f"p{location.page}")
    if location.line is not None:
        parts.append(f"l{location.line}")
    if location.region is not None:
        parts.append(location.region)
    if not parts and location.selector is not None:
        parts.append(location.selector[-28:])
    return " ".join(parts) or "-"


def _value(fact: Fact) -> str:
    value = fact.value_json()
    if isinstance(value, dict):
        return ",".join(f"{k}={v}" for k, v in value.items() if v not in (None, False))
    text = str(value)
    tz = fact.attr("timezone")
    return f"{text} ({tz})" if tz else text
