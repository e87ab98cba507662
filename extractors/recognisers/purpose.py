"""What a contact is for: complaints, sales, service, billing, technical, emergency or other."""

from __future__ import annotations

import re

from extractors.recognisers import Match

__all__ = ["PURPOSE_VALUES", "find_purposes", "purpose_of_heading"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


def _split(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


#: The strategy purposes (SPEC section 3).
PURPOSE_VALUES: tuple[str, ...] = (
    "complaints",
    "sales",
    "service",
    "billing",
    "technical",
    "emergency",
    "other",
)

_SP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"  # spaces, or one line break (not a blank line)
_ENQ = r"(?:enquir(?:y|ies)|inquir(?:y|ies)|queries|query|questions)"

# Phrases that say what a contact is for wherever they are written.  Group names are the values.
_TEXT_RE = re.compile(
    r"(?i:"
    # complaints
    rf"(?P<complaints>\b(?:make|making|raise|raising|log|logging|register|submit|file|lodge){_SP}"
    rf"(?:a{_SP}|your{_SP})?(?:formal{_SP})?complaint\b"
    r"|\bcomplain(?:ts?|ing|ed)?\b"
    rf"|\b(?:not|un)\s?happy{_SP}with\b"
    rf"|\b(?:dissatisfied|not{_SP}satisfied){_SP}with\b)"
    # sales
    rf"|(?P<sales>\bnew{_SP}customers?\b"
    rf"|\bswitch(?:ing)?{_SP}to{_SP}us\b"
    rf"|\b(?:get|request|ask{_SP}for|for){_SP}(?:a{_SP}|your{_SP})?(?:free{_SP})?"
    rf"(?:no[ \t\-]obligation{_SP})?quotes?\b"
    rf"|\bsales{_SP}(?:team|lines?|{_ENQ}|department|desk|office|advis[eo]rs?|hotline|number|contact"
    r"|support)\b"
    rf"|\b(?:contact|call|phone|ring|speak{_SP}to|talk{_SP}to){_SP}(?:our{_SP}|the{_SP})?sales"
    rf"(?:{_SP}(?:team|line|department|desk|office))?\b"
    r"|\bsales(?=[^\S\n]*:))"
    # service
    rf"|(?P<service>\bcustomer{_SP}(?:services?|care|support|helpline|relations|service{_SP}team)\b"
    rf"|(?<!-)\bgeneral{_SP}{_ENQ}"
    rf"|\bexisting{_SP}customers?\b"
    rf"|\bmanage{_SP}(?:your|my){_SP}account\b"
    rf"|\baccount{_SP}(?:{_ENQ}|management)\b)"
    # billing
    rf"|(?P<billing>\bbilling\b"
    rf"|\bpay(?:ing)?{_SP}(?:a|your|my|the){_SP}bills?\b"
    rf"|\b(?:your|my){_SP}bills?\b"
    rf"|\bbill{_SP}(?:payments?|{_ENQ})\b"
    rf"|\bpayments?{_SP}(?:{_ENQ}|lines?|team|helpline|department)\b"
    rf"|\bmake{_SP}a{_SP}payment\b"
    rf"|\bdirect{_SP}debits?\b"
    rf"|\bmeter{_SP}readings?\b)"
    # technical
    rf"|(?P<technical>\breport{_SP}(?:a{_SP})?"
    rf"(?:fault|problem{_SP}with{_SP}your{_SP}(?:service|supply|connection)"
    rf"|an?{_SP}outage|a{_SP}power{_SP}cut)\b"
    rf"|\bfaults?{_SP}(?:line|reporting|team|helpline)\b"
    rf"|\b(?:broadband|phone|line|network|service|technical){_SP}faults?\b"
    rf"|\btech(?:nical)?{_SP}(?:support|help|{_ENQ}|issues?|problems?|helpdesk|team)\b"
    rf"|\bpower{_SP}cuts?\b"
    r"|\boutages?\b"
    rf"|\bloss{_SP}of{_SP}supply\b"
    rf"|\bno{_SP}(?:power|electricity|gas{_SP}supply|water{_SP}supply)\b)"
    # emergency
    rf"|(?P<emergency>\bgas{_SP}(?:leaks?|escapes?)\b"
    rf"|\bsmell{_SP}(?:of{_SP})?gas\b"
    rf"|\b(?:24[ \t\-]?hours?|out[ \t\-]of[ \t\-]hours){_SP}emergenc(?:y|ies)"
    rf"(?:{_SP}(?:line|number|service))?\b"
    rf"|\bemergency{_SP}(?:lines?|numbers?|helplines?|hotlines?|contacts?|call[ \t\-]?out|repairs?)\b"
    rf"|\bin{_SP}(?:an{_SP}|case{_SP}of{_SP}(?:an{_SP})?)?emergency\b"
    rf"|\b(?:for|and|or){_SP}emergencies\b"
    r"|\bemergenc(?:y|ies)(?=[^\S\n]*:))"
    # other
    rf"|(?P<other>\b(?:all{_SP})?other{_SP}{_ENQ}"
    rf"|\b(?:media|press){_SP}(?:{_ENQ}|office|team|contacts?)\b)"
    r")"
)

# Words that give a purpose only as a short heading or label ("Sales", "Payments", "Faults").
_HEADING_RE = re.compile(
    r"(?i:"
    r"(?P<complaints>\bcomplain\w*)"
    rf"|(?P<sales>\bsales\b|\bbuy(?:ing)?\b|\bquotes?\b|\bnew{_SP}(?:connections?|accounts?|business)\b)"
    r"|(?P<billing>\bbills\b|\bpayments?\b|\bpaying\b|\bmeters?\b)"
    r"|(?P<technical>\bfaults?\b|\btechnical\b|\btech\b|\boutages?\b)"
    r"|(?P<emergency>\bemergenc(?:y|ies)\b)"
    rf"|(?P<service>\bsupport\b|\bmoving{_SP}home\b)"
    r")"
)

#: Words a heading may add around its purpose word ("Sales enquiries", "Billing and payments team").
_HEADING_FILLER = _words(
    "enquiries enquiry inquiries inquiry queries query questions team line lines and or our your the for "
    "department desk helpline contact contacts number numbers hotline centre center help with a an new "
    "existing customer customers service services advice general report reporting repairs only 24 hour hours "
    "24-hour marketing & / - + us to of"
)
_WORD_RE = re.compile(r"[^\s/&+:,()]+|[/&+]")
#: Every text pattern contains one of these stems and every heading word one of the heading stems.
_TEXT_STEMS = _split(
    "complain happy satisf customer switch quote sales general account bill pay debit meter fault tech power "
    "outage supply electric gas emergenc enquir inquir queries query questions media press report"
)
_HEADING_STEMS = _split(
    "complain sales buy quote bills payment paying meter fault tech outage emergenc support moving"
)
_OTHER_HEADING_RE = re.compile(r"(?i:other|everything\s+else|anything\s+else|something\s+else)\b")
_NOT_EMERGENCY_AFTER = re.compile(
    r"\s+(?:credit|funds?|travel\s+documents?|passports?|brakes?|exits?|lighting|contraception|tax|savings|"
    r"loans?|medicines?|kits?|alerts?|powers?|stop|services|department|room|vehicles?|response\s+plan|"
    r"budget|grants?|payments?|contact\s+(?:details|person)|landing)\b",
    re.I,
)
_NOT_BILLING_AFTER = re.compile(r"\s+(?:address|details|information|info|postcode|name|code)\b", re.I)
_LEGAL_COMPLAINT_BEFORE = re.compile(
    r"\b(?:amended|verified|civil|criminal|class\s+action|served\s+with\s+an?|filed\s+an?|the)\s+$", re.I
)
_NOT_SALES_BEFORE = re.compile(r"\b(?:net|gross|total|retail|annual|cost\s+of|point\s+of)\s+$", re.I)
_SHORT_LINE_RE = re.compile(r"[^\S\n]*(\S[^\n]{0,38}?)[^\S\n]*:?[^\S\n]*(?:\n|\Z)")


def _accept(text: str, m: re.Match[str], value: str) -> bool:
    if value == "complaints":
        return not _LEGAL_COMPLAINT_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if value == "emergency":
        return not _NOT_EMERGENCY_AFTER.match(text, m.end())
    if value == "billing" and m.group(0).lower() == "billing":
        return not _NOT_BILLING_AFTER.match(text, m.end())
    if value == "sales" and m.group(0).lower().startswith("sales"):
        return not _NOT_SALES_BEFORE.search(text, max(0, m.start() - 12), m.start())
    return True


def _text_matches(text: str) -> list[Match]:
    out: list[Match] = []
    for ws, we in _windows(text, _TEXT_STEMS, 40, 70):
        for m in _TEXT_RE.finditer(text, ws, we):
            value = m.lastgroup
            if value is not None and _accept(text, m, value):
                out.append(Match("purpose", value, m.start(), m.end()))
    return out


def _heading_word(text: str, start: int, end: int) -> re.Match[str] | None:
    """The purpose word of a heading-like line, when every other word of the line is filler."""
    found: re.Match[str] | None = None
    pos = start
    while pos < end:
        h = _HEADING_RE.search(text, pos, end)
        gap = text[pos : h.start() if h else end]
        if any(w.lower().rstrip(".!?") not in _HEADING_FILLER for w in _WORD_RE.findall(gap)):
            return None
        if h is None:
            break
        if found is None and h.lastgroup is not None and _accept(text, h, h.lastgroup):
            found = h
        pos = h.end()
    return found


def find_purposes(text: str) -> list[Match]:
    """Purposes stated in ``text``: phrases anywhere ("make a complaint", "report a fault", "direct debit")
    and single words on a short heading-like line of their own ("Sales", "Payments", "Faults")."""
    out = _text_matches(text)
    covered = [(m.start, m.end) for m in out]
    seen: set[int] = set()
    for hs, _he in _windows(text, _HEADING_STEMS, 0, 1):
        ls = text.rfind("\n", 0, hs) + 1
        if ls in seen:
            continue
        seen.add(ls)
        line = _SHORT_LINE_RE.match(text, ls)
        if line is None:
            continue
        ls, le = line.start(1), line.end(1)
        if len(line.group(1).split()) > 5 or any(s < le and ls < e for s, e in covered):
            continue
        h = _heading_word(text, ls, le)
        if h is not None and h.lastgroup is not None:
            out.append(Match("purpose", h.lastgroup, h.start(), h.end()))
    out.sort(key=lambda m: m.start)
    return out


def purpose_of_heading(text: str) -> str | None:
    """The purpose a short heading or label gives its section ("Billing enquiries" -> ``billing``,
    "Power cuts" -> ``technical``, "Contact us" -> None). Of several, the first one written wins."""
    heading = " ".join(text.split())
    if not heading or len(heading) > 80 or len(heading.split()) > 10:
        return None
    found = _text_matches(heading)
    if found:
        value = found[0].value
        return value if isinstance(value, str) else None
    h = _HEADING_RE.search(heading)
    if h is not None and h.lastgroup is not None and _accept(heading, h, h.lastgroup):
        return h.lastgroup
    if _OTHER_HEADING_RE.match(heading):
        return "other"
    return None


def _windows(
    text: str, stems: tuple[str, ...], before: int, after: int, low: str | None = None
) -> list[tuple[int, int]]:
    """Merged spans of ``text`` around each occurrence of a (lower-case) stem: the only places where the
    full patterns can match. A plain ``str.find`` scan is many times faster than a case-insensitive regex.
    ``low`` is ``text.lower()`` when the caller has it already."""
    n = len(text)
    if low is None:
        low = _lower(text)
    hits: list[int] = []
    for stem in stems:
        i = low.find(stem)
        while i >= 0:
            hits.append(i)
            i = low.find(stem, i + 1)
    hits.sort()
    spans: list[tuple[int, int]] = []
    for h in hits:
        s, e = max(0, h - before), min(n, h + after)
        if spans and s <= spans[-1][1]:
            if e > spans[-1][1]:
                spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased: same length, so offsets carry over (``str.lower`` can
    change the length, "İ" -> "i̇"); every keyword looked for is ASCII."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)
