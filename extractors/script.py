"""Agent scripts and other plain text (.txt, .md): paragraphs with line numbers, headings, speakers.

Only what is said to the customer is material: stage directions (``[pause]``, ``(Agent note: ...)``),
notes to the agent and the customer's own lines are blanked out, keeping offsets and line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contactcheck.facts import Document, Location
from extractors.segments import Segment, build_facts, document_region

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SPEAKER_RE = re.compile(r"^\s*(?:\*\*)?([A-Z][A-Za-z ]{1,20}?)(?:\*\*)?\s*:\s+")
_NOT_SAID_RE = re.compile(
    r"\[[^\]\n]*\]|\((?:agent|note|internal|stage|action|if|check|pause)[^)\n]*\)|\{[^}\n]*\}|<!--.*?-->",
    re.I | re.S,
)
_NOTE_LINE_RE = re.compile(r"^\s*(?:>?\s*)?(?:agent\s+notes?|notes?\s+(?:to|for)\s+agents?|internal|"
                           r"do not read|not to be read)\b", re.I)
_CUSTOMER_SPEAKERS = frozenset({"customer", "caller", "client", "member", "cust", "c"})
#: "Phone: 0306 ..." in a letter's contact box is a label, not somebody speaking
_NOT_SPEAKERS = frozenset({
    "phone", "telephone", "tel", "mobile", "fax", "email", "e-mail", "web", "website", "web chat", "chat", "online",
    "address", "post", "write", "hours", "opening hours", "textphone", "relay", "relay uk", "sms", "text",
    "whatsapp", "call", "calls", "complaints", "sales", "billing", "note", "notes", "ref", "reference", "date",
    "subject", "to", "from", "re", "dear", "account", "account number", "lines open", "open", "closed",
})


_KEY_PRESS_RE = re.compile(r"\b(?:press|select|choose|dial)\s+(?:\d|star|hash|the\s+(?:star|hash))\b", re.I)


def is_ivr_prompts(text: str) -> bool:
    """A plain-text IVR prompt script ("Press 1 for billing ... press 0 to speak to an adviser")."""
    return len(_KEY_PRESS_RE.findall(text[:100_000])) >= 3


def extract_script(text: str, uri: str, region: str | None = None, kind: str = "script") -> Document:
    """Facts of a plain-text or Markdown document, one segment per paragraph; an IVR prompt script is
    kind ``ivr`` (the presence rules do not apply to it)."""
    if kind == "script" and is_ivr_prompts(text):
        kind = "ivr"
    segments = list(script_segments(text, uri))
    facts, blocks = build_facts(segments, region or document_region(segments))
    return Document(uri, kind, tuple(facts), tuple(blocks))


def script_segments(text: str, uri: str, first_line: int = 1, selector: str | None = None) -> Iterator[Segment]:
    """Paragraph segments of ``text``; a paragraph ends at a blank line, a heading or a new speaker."""
    heading: str | None = None
    speaker: str | None = None
    lines: list[str] = []
    start = first_line

    def flush() -> Iterator[Segment]:
        if any(line.strip() for line in lines):
            attrs = (("speaker", speaker),) if speaker else ()
            location = Location(uri, line=start, selector=selector)
            yield Segment("\n".join(lines), location, f"{uri}:{start}", heading, attrs=attrs)
        lines.clear()

    for number, raw in enumerate(text.splitlines(), start=first_line):
        if not raw.strip():
            yield from flush()
            continue
        heading_match = _HEADING_RE.match(raw)
        if heading_match:
            yield from flush()
            heading, speaker, start = heading_match.group(2), None, number
            lines.append(raw)  # a heading is material too ("## Complaints: 0800 ...")
            yield from flush()
            continue
        speaker_match = _SPEAKER_RE.match(raw)
        if speaker_match and speaker_match.group(1).strip().lower() in _NOT_SPEAKERS:
            speaker_match = None
        if speaker_match:
            yield from flush()
            speaker = speaker_match.group(1).strip()
        if not lines:
            start = number
        lines.append(_material(raw, speaker))
    yield from flush()


def _material(line: str, speaker: str | None) -> str:
    """The line with what is not said to the customer blanked out (same length, same offsets)."""
    if speaker is not None and speaker.lower() in _CUSTOMER_SPEAKERS:
        return " " * len(line)
    if _NOTE_LINE_RE.match(line):
        return " " * len(line)
    return _NOT_SAID_RE.sub(lambda m: " " * len(m.group(0)), line)
