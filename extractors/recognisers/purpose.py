"""What a contact is for: complaints, sales, service, billing, technical, emergency or other."""

from __future__ import annotations

import re

from extractors.recognisers import Match, _scan

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
# Tried only where ``_TEXT_STARTS`` says a match can begin: a new alternative needs its words there.
_TEXT_RE = re.compile(
    r"(?i:"
    # complaints
    rf"(?P<complaints>\b(?:make|making|raise|raising|log|logging|register|submit|file|lodge){_SP}"
    rf"(?:a{_SP}|your{_SP})?(?:formal{_SP})?complaint\b"
    r"|\bcomplain(?:ts?|ing|ed)?\b"
    rf"|\b(?:not|un)\s?happy{_SP}with\b"
    rf"|\b(?:dissatisfied|not{_SP}satisfied){_SP}with\b"
    r"|\bbeschwerde(?:n|management|stelle)?\b|\breklamation(?:en)?\b)"
    # sales
    rf"|(?P<sales>\bnew{_SP}customers?\b"
    rf"|\bswitch(?:ing)?{_SP}to{_SP}us\b"
    rf"|\b(?:get|request|ask{_SP}for|for){_SP}(?:a{_SP}|your{_SP})?(?:free{_SP})?"
    rf"(?:no[ \t\-]obligation{_SP})?quotes?\b"
    rf"|\bsales{_SP}(?:team|lines?|{_ENQ}|department|desk|office|advis[eo]rs?|hotline|number|contact"
    r"|support)\b"
    rf"|\b(?:contact|call|phone|ring|speak{_SP}to|talk{_SP}to){_SP}(?:our{_SP}|the{_SP})?sales"
    rf"(?:{_SP}(?:team|line|department|desk|office))?\b"
    r"|\bsales(?=[^\S\n]*:|[^\S\n]+(?:\+\d|\(?0\d|1[-\s.]?[89]\d\d))"
    r"|\b(?:reservations?|bookings?|vertrieb|verkauf|reservierung(?:en)?|buchung(?:en)?)"
    r"(?=[^\S\n]*:)(?![^\S\n]*:[^\S\n]*(?:yes|no|ja|nein|true|false)\b)"  # "Takes Reservations: Yes" is a fact
    r"|\b(?:vertrieb|verkauf)s?(?:team|hotline|telefon|abteilung|beratung)\b)"
    # service
    rf"|(?P<service>\bcustomer{_SP}(?:services?|care|support|helpline|relations|service{_SP}team)\b"
    rf"|(?<!-)\bgeneral{_SP}{_ENQ}"
    rf"|\bexisting{_SP}customers?\b"
    rf"|\bmanage{_SP}(?:your|my){_SP}account\b"
    rf"|\b(?:help|questions?|queries|enquiries|email{_SP}us){_SP}(?:with|about|on){_SP}(?:your|my){_SP}account\b"
    rf"|\balready{_SP}a{_SP}customer\b"
    rf"|\baccount{_SP}(?:{_ENQ}|management)\b"
    r"|\bkunden(?:service|dienst|betreuung|center|hotline)\b"
    r"|\bservice[- ]?(?:hotline|zeiten|nummer|telefon)\b)"
    # billing
    rf"|(?P<billing>\bbilling\b"
    rf"|\bpay(?:ing)?{_SP}(?:a|your|my|the){_SP}bills?\b"
    rf"|\b(?:your|my){_SP}bills?\b"
    rf"|\bbill{_SP}(?:payments?|{_ENQ})\b"
    rf"|\bpayments?{_SP}(?:{_ENQ}|lines?|team|helpline|department)\b"
    rf"|\bmake{_SP}a{_SP}payment\b"
    rf"|\bdirect{_SP}debits?\b"
    rf"|\bmeter{_SP}readings?\b"
    r"|\b(?:rechnungs(?:fragen|stelle|abteilung)|abrechnung)\b)"
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
    rf"|\bno{_SP}(?:power|electricity|gas{_SP}supply|water{_SP}supply)\b"
    r"|\bst(?:ö|oe|o)rungs?(?:dienst|stelle|hotline|meldung|annahme|nummer)?\b"
    rf"|\btechnische[rn]?{_SP}(?:support|hotline|kundendienst)\b)"
    # emergency
    rf"|(?P<emergency>\bgas{_SP}(?:leaks?|escapes?)\b"
    rf"|\bsmell{_SP}(?:of{_SP})?gas\b"
    rf"|\b(?:24[ \t\-]?hours?|out[ \t\-]of[ \t\-]hours){_SP}emergenc(?:y|ies)"
    rf"(?:{_SP}(?:line|number|service))?\b"
    rf"|\bemergency{_SP}(?:lines?|numbers?|helplines?|hotlines?|contacts?|call[ \t\-]?out|repairs?)\b"
    rf"|\bin{_SP}(?:an{_SP}|case{_SP}of{_SP}(?:an{_SP})?)?emergency\b"
    rf"|\b(?:for|and|or){_SP}emergencies\b"
    r"|\bemergenc(?:y|ies)(?=[^\S\n]*:|[^\S\n]+(?:\+\d|\(?0\d|1[-\s.]?[89]\d\d))"
    r"|\bnot(?:fall|dienst|ruf)(?:nummer|hotline|telefon)?\b|\bgasgeruch\b)"
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
#: Markdown heading marks and list bullets around a heading word ("## Sales", "* Faults")
_MARKUP_WORD = re.compile(r"[#*\-\u2022\u2013>]+")
#: Every text pattern contains one of these stems and every heading word one of the heading stems.
_TEXT_STEMS = _split(
    "complain happy satisf customer switch quote sales general account bill pay debit meter fault tech power "
    "outage supply electric gas emergenc enquir inquir queries query questions media press report "
    # German, and labels of bookings
    "beschwerde reklamation reserv booking vertrieb verkauf buchung kunden service rechnung rung technische "
    "notfall notdienst notruf"
)
#: The pattern runs from 40 characters before a stem to 70 after it.
_TEXT_WINDOWS = ((_TEXT_STEMS, 40, 70),)
_HEADING_STEMS = _split(
    "complain sales buy quote bills payment paying meter fault tech outage emergenc support moving"
)
_HEADING_STEM_RE = re.compile("|".join(_HEADING_STEMS))
#: Where a match of ``_TEXT_RE`` can begin (see ``_scan.starts``): each alternative's words up to one that
#: is rarely written otherwise ("customer" only before "service", "care"...).
_Q = r"(?:enquir|inquir|quer|questions)"
_TEXT_STARTS = _scan.starts(
    # complaints
    (
        "make making raise raising log logging register submit file lodge",
        r"\s+(?:a\s+|your\s+)?(?:formal\s+)?complaint",
    ),
    ("complain", ""),
    ("not un", r"\s?happy\s+with"),
    ("dissatisfied", r"\s+with"),
    ("not", r"\s+satisfied\s+with"),
    ("beschwerde reklamation", ""),
    # sales
    ("new existing", r"\s+customer"),
    ("switch", r"(?:ing)?\s+to\s+us"),
    (r"get request for ask\s+for", r"\s+(?:a\s+|your\s+)?(?:free\s+)?(?:no[ \t\-]obligation\s+)?quote"),
    (
        "sales",
        rf"\s+(?:team|line|{_Q}|department|desk|office|advis|hotline|number|contact|support)|[^\S\n]*:"
        r"|[^\S\n]+(?:\+\d|\(?0\d|1[-\s.]?[89]\d\d)",
    ),
    (r"contact call phone ring speak\s+to talk\s+to", r"\s+(?:our\s+|the\s+)?sales"),
    ("reservation reservations booking bookings reservierung reservierungen buchung buchungen", r"[^\S\n]*:"),
    ("vertrieb verkauf", r"[^\S\n]*:|s?(?:team|hotline|telefon|abteilung|beratung)"),
    # service
    ("customer", r"\s+(?:service|care|support|helpline|relations)"),
    ("general", rf"\s+{_Q}"),
    ("manage", r"\s+(?:your|my)\s+account"),
    ("help question questions queries enquiries", r"\s+(?:with|about|on)\s+(?:your|my)\s+account"),
    (r"email\s+us", r"\s+(?:with|about|on)\s+(?:your|my)\s+account"),
    ("already", r"\s+a\s+customer"),
    ("account", rf"\s+(?:{_Q}|management)"),
    ("kunden", "(?:service|dienst|betreuung|center|hotline)"),
    ("service", "[- ]?(?:hotline|zeiten|nummer|telefon)"),
    # billing
    ("billing outage", ""),
    ("pay paying", r"\s+(?:a|your|my|the)\s+bill"),
    ("your my", r"\s+bill"),
    ("bill", rf"\s+(?:payment|{_Q})"),
    ("payment", rf"s?\s+(?:{_Q}|line|team|helpline|department)"),
    ("make", r"\s+a\s+payment"),
    ("direct", r"\s+debit"),
    ("meter", r"\s+reading"),
    ("rechnungs abrechnung", ""),
    # technical
    ("report", r"\s+(?:a\s+)?(?:fault|problem|an?\s+outage|a\s+power)"),
    ("fault", r"s?\s+(?:line|reporting|team|helpline)"),
    ("broadband phone line network service technical", r"\s+fault"),
    ("tech", rf"(?:nical)?\s+(?:support|help|{_Q}|issue|problem|team)"),
    ("power", r"\s+cut"),
    ("loss", r"\s+of\s+supply"),
    ("no", r"\s+(?:power|electricity|gas\s+supply|water\s+supply)"),
    ("störung stoerung storung störungs stoerungs storungs", ""),
    ("technische technischer technischen", r"\s+(?:support|hotline|kundendienst)"),
    # emergency
    ("gas", r"\s+(?:leak|escape)"),
    ("smell", r"\s+(?:of\s+)?gas"),
    ("24", r"[ \t\-]?hours?\s+emergenc"),
    ("out", r"[ \t\-]of[ \t\-]hours\s+emergenc"),
    ("emergency", r"\s+(?:line|number|helpline|hotline|contact|call|repair)"),
    ("emergenc", r"(?:y|ies)(?:[^\S\n]*:|[^\S\n]+(?:\+\d|\(?0\d|1[-\s.]?[89]\d\d))"),
    ("in", r"\s+(?:an\s+|case\s+of\s+(?:an\s+)?)?emergency"),
    ("for and or", r"\s+emergencies"),
    ("notfall notdienst notruf gasgeruch", ""),
    # other
    ("all", rf"\s+other\s+{_Q}"),
    ("other", rf"\s+{_Q}"),
    ("media press", rf"\s+(?:{_Q}|office|team|contact)"),
    shared=True,
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
# Every line ``_SHORT_LINE_RE`` takes after a line break, and more:
# at most 39 characters and then only spaces and colons, read without going back.
_SHORT_LINE_AFTER = re.compile(r"\n[^\S\n]*+\S[^\n]{0,38}+(?:[^\S\n]|:)*+(?=\n|\Z)")


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
    for m in _scan.find_in_windows(_TEXT_RE, _TEXT_STARTS, text, _TEXT_WINDOWS):
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
        if any(w.lower().rstrip(".!?") not in _HEADING_FILLER and not _MARKUP_WORD.fullmatch(w)
               for w in _WORD_RE.findall(gap)):
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
    low = _scan.ascii_lower(text)
    # Every short line holding a heading stem: the short lines found first, as they are few.
    first_end = text.find("\n")
    lines = [(0, len(text) if first_end < 0 else first_end)]
    lines += [(m.start() + 1, m.end()) for m in _SHORT_LINE_AFTER.finditer(text)]
    for start, end in lines:
        if _HEADING_STEM_RE.search(low, start, end) is None:
            continue
        line = _SHORT_LINE_RE.match(text, start)
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
