"""Agent scripts and other plain text (.txt, .md): paragraphs with line numbers, headings, speakers.

Only what is said to the customer is material: stage directions (``[pause]``, ``(Agent note: ...)``),
notes to the agent and the customer's own lines are blanked out, keeping offsets and line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from contactcheck.facts import Document, Location, ScriptLine
from extractors.segments import Segment, build_facts, document_region

_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SPEAKER_RE = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*)?([A-Z][A-Za-z ]{1,20}?)(?:\*\*)?\s*:(?:\*\*)?\s+")
_NOT_SAID_RE = re.compile(
    r"\[[^\]\n]*\]|\((?:agent|note|internal|stage|action|if|check|pause)[^)\n]*\)|\{[^}\n]*\}|<!--.*?-->",
    re.I | re.S,
)
_NOTE_LINE_RE = re.compile(r"^\s*(?:>?\s*)?(?:agent\s+notes?|notes?\s+(?:to|for)\s+agents?|internal|"
                           r"do not read|not to be read)\b", re.I)
_CUSTOMER_SPEAKERS = frozenset({"customer", "caller", "client", "member", "cust", "c", "prospect", "respondent",
                                "householder", "homeowner"})
#: "Phone: 0306 ..." in a letter's contact box is a label, not somebody speaking
_NOT_SPEAKERS = frozenset({
    "phone", "telephone", "tel", "mobile", "fax", "email", "e-mail", "web", "website", "web chat", "chat", "online",
    "address", "post", "write", "hours", "opening hours", "textphone", "relay", "relay uk", "sms", "text",
    "whatsapp", "call", "calls", "complaints", "sales", "billing", "note", "notes", "ref", "reference", "date",
    "subject", "to", "from", "re", "dear", "account", "account number", "lines open", "open", "closed",
})


#: words that make a "Words:" line start a label, not a speaker ("Customer Service:", "Opening Times:")
_LABEL_WORDS = frozenset({
    "service", "services", "line", "lines", "number", "numbers", "team", "support", "helpline", "hours", "code",
    "office", "department", "enquiries", "address", "centre", "center", "desk", "contact", "email", "phone",
    "fax", "website", "opening", "times", "customers", "users", "reception", "plan", "package", "question",
})


#: the last word of a several-word speaker label that names a role ("Support Agent:", "Team Leader:")
_ROLE_WORDS = frozenset({
    "agent", "adviser", "advisor", "rep", "representative", "manager", "leader", "operator", "officer",
    "assistant", "specialist", "consultant", "colleague", "customer", "caller", "member", "handler", "bot",
})


def _speaker(match: re.Match[str] | None) -> str | None:
    """The speaker a "Name:" line start names, or None for a label ("Phone:", "Sort code:", "US customers:").
    A label of several words names a speaker when it ends in a role ("Support Agent:", "Team Leader:"), or
    when each word is capitalised and none is a word of contact details ("Jane Smith:", not "Customer
    Service:")."""
    if match is None:
        return None
    label = match.group(1).strip()
    words = label.split()
    if label.lower() in _NOT_SPEAKERS:
        return None
    if len(words) > 1 and words[-1].lower() not in _ROLE_WORDS and (
        not all(w[:1].isupper() for w in words) or any(w.lower() in _LABEL_WORDS for w in words)
    ):
        return None
    return label


_KEY_PRESS_RE = re.compile(r"\b(?:press|select|choose|dial)\s+(?:\d|star|hash|the\s+(?:star|hash))\b", re.I)


def is_ivr_prompts(text: str) -> bool:
    """A plain-text IVR prompt script ("Press 1 for billing ... press 0 to speak to an adviser"): three key
    presses offered, also when written "press 1 for sales, 2 for support"."""
    if len(_KEY_PRESS_RE.findall(text[:100_000])) >= 3:
        return True
    from extractors.ivr_text import find_options

    return len({o.key for o in find_options(text[:20_000])}) >= 3


def extract_script(text: str, uri: str, region: str | None = None, kind: str = "script") -> Document:
    """Facts of a plain-text or Markdown document, one segment per paragraph; an IVR prompt script is
    kind ``ivr`` (the presence rules do not apply to it)."""
    if kind == "script" and is_ivr_prompts(text):
        kind = "ivr"
    segments = list(script_segments(text, uri))
    facts, blocks = build_facts(segments, region or document_region(segments))
    if kind == "ivr":
        from extractors.ivr_text import read_prompt_script

        return Document(uri, kind, tuple(facts), tuple(blocks), menu=read_prompt_script(text))
    return Document(uri, kind, tuple(facts), tuple(blocks), lines=script_lines(text))


def is_customer(speaker: str | None) -> bool:
    """Whether a speaker label is the customer's (their lines are not said to them)."""
    return speaker is not None and speaker.lower() in _CUSTOMER_SPEAKERS


def script_lines(text: str, first_line: int = 1) -> tuple[ScriptLine, ...]:
    """Every non-blank line with the speaker in force, what is said and the notes on it (for the script
    rules). A speaker label holds until the next label or heading; text before any label has no speaker."""
    out: list[ScriptLine] = []
    speaker: str | None = None
    for number, raw in enumerate(text.splitlines(), start=first_line):
        if not raw.strip():
            continue
        heading_match = _HEADING_RE.match(raw)
        if heading_match or _is_caps_heading(raw):
            speaker = None
            title = heading_match.group(2) if heading_match else raw.strip()
            out.append(ScriptLine(number, None, title, heading=True))
            continue
        speaker_match = _SPEAKER_RE.match(raw)
        named = _speaker(speaker_match)  # "Phone: 0306 ..." is a label, not somebody speaking
        body = raw
        if named is not None and speaker_match is not None:
            speaker = named
            body = " " * speaker_match.end() + raw[speaker_match.end():]
        customer = is_customer(speaker)
        if _NOTE_LINE_RE.match(body):
            out.append(ScriptLine(number, speaker, " " * len(body), body.strip(), customer=customer))
            continue
        notes = " ".join(m.group(0).strip("[](){}<>!- ") for m in _NOT_SAID_RE.finditer(body))
        said = _NOT_SAID_RE.sub(lambda m: " " * len(m.group(0)), body)
        out.append(ScriptLine(number, speaker, said, notes, customer=customer))
    return tuple(out)


def _is_caps_heading(line: str) -> bool:
    stripped = line.strip().rstrip(":")
    letters = [c for c in stripped if c.isalpha()]
    return (len(stripped) <= 80 and len(letters) >= 3 and all(c.isupper() for c in letters)
            and not _SPEAKER_RE.match(line) and not stripped.startswith(("[", "(")))


def script_segments(text: str, uri: str, first_line: int = 1, selector: str | None = None) -> Iterator[Segment]:
    """Paragraph segments of ``text``; a paragraph ends at a blank line, a heading or a new speaker."""
    heading: str | None = None
    section: int | None = None  # the line of the Markdown heading above: its paragraphs are one block
    speaker: str | None = None
    lines: list[str] = []
    start = first_line

    def flush() -> Iterator[Segment]:
        if any(line.strip() for line in lines):
            attrs = (("speaker", speaker),) if speaker else ()
            location = Location(uri, line=start, selector=selector)
            block = f"{uri}:{start}" if section is None else f"{uri}:section:{section}"
            yield Segment("\n".join(lines), location, block, heading, attrs=attrs)
        lines.clear()

    for number, raw in enumerate(text.splitlines(), start=first_line):
        if not raw.strip():
            yield from flush()
            continue
        heading_match = _HEADING_RE.match(raw)
        if heading_match:
            yield from flush()
            heading, speaker, start, section = heading_match.group(2), None, number, number
            # a heading is material too ("## Complaints: 0800 ..."); its Markdown marks are not (blanked, so
            # offsets stay those of the line)
            lo, hi = heading_match.span(2)
            lines.append(" " * lo + raw[lo:hi] + " " * (len(raw) - hi))
            yield from flush()
            continue
        named = _speaker(_SPEAKER_RE.match(raw))
        if named is not None:
            yield from flush()
            speaker = named
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
