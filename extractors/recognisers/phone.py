"""Phone recogniser: phone, relay, textphone, WhatsApp and SMS numbers in plain text, normalised to E.164."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import unquote

import phonenumbers as pn
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher, PhoneNumberType, shortnumberinfo

from extractors.recognisers import Match, _scan

__all__ = ["find_phones", "infer_region", "parse_number"]

# How this works
# --------------
# 1. Text with no digit returns at once.  All further work happens in windows around the digit runs
#    (a page of prose costs almost nothing).  Dates, times, prices, percentages, measurements,
#    postcodes, IBANs, sort codes, version strings, ISBNs and year ranges are blanked out of a
#    same-length copy of the text (offsets stay valid), so none of them can feed a number.
# 2. Vanity numbers (1-800-FLOWERS) are found by their own pattern: the matcher never finds them, and
#    ``pn.parse`` on loose text turns any word into digits, so only the vanity span is converted.
# 3. Every run of digit groups joined by phone punctuation (spaces, hyphens, dots, slashes, brackets,
#    one line break) goes to PhoneNumberMatcher at Leniency.VALID.  Why VALID: POSSIBLE takes "01/02",
#    dates and times for numbers; STRICT_GROUPING/EXACT_GROUPING drop real numbers outside +1
#    ("13 22 11", "0345/300/0000"); VALID (number valid, national prefix present where the plan
#    wants it) is the precise middle.  Running it per run rather than per page is much faster.
# 4. VALID silently drops a number that touches another digit group ("18001 0345 300 0000",
#    "8-8 0345 300 0000") and numbers that are possible but not valid (Ofcom drama ranges, US
#    555-01xx), so the groups the matcher left over are segmented by our own pass: the longest group
#    sequence written like a number of the region (national prefix, +CC/00, or NANP form) that parses
#    as valid, else as possible with the region's full length and phone-like grouping.
# 5. Each number is then read in its context: a relay prefix before it (18001/18002, US 711), the
#    channel labels of its clause (textphone/TTY/minicom, WhatsApp, SMS/text, fax), an identifier label
#    right before it (account, VAT, company number...) which rejects it, a bracketed label after it.

_FORMAT_E164 = PhoneNumberFormat.E164
_LENIENCY = Leniency.VALID

_SPACES = "\t \u00a0\u2007\u2009\u202f"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2212"
_SEP = f"[{_SPACES}{_DASHES}./()]"
_GAP = f"(?:{_SEP}{{1,5}}|{_SEP}{{0,3}}\\r?\\n{_SEP}{{0,3}})"

_ANY_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_DIGIT_GROUP = re.compile(r"\d{3}")
# A number running straight into a word is part of an identifier ("02937389-12b8-...", "10am")
_GLUED = re.compile(r"(?!x\d)[a-z0-9_]|[A-Z]\d")
# A run of digit groups: not glued to a word before it, not the tail of "1.2" / "12:30" / "1,000".
_RUN = re.compile(rf"(?=[\d+(])(?<!\w)(?<!\d[.,:/{_DASHES}])(?:\+[{_SPACES}]?\(?|\((?=\d))?\d+(?:{_GAP}\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SPACED = re.compile(rf"(?:[{_SPACES}]+\d+)+")
_YEAR_LEAD = re.compile(r"(?:19|20)\d\d[\-/.]\d")
# A gap that may end a number not valid but possible: a line break, a slash or a wide space.
_LOOSE_GAP = re.compile(rf"\n|/|[{_SPACES}]{{2}}")
# What may stand between a "+" and the country code: "+44", "+ 44", "+(44)", "+ (34)".
_PLUS_LEAD = re.compile(rf"\+[{_SPACES}]?\(?$")

_BLANK = "\x1a"
_NOT_AFTER_DIGITS = r"(?<![\d.,])(?<!\d[ \t\-./])"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|"
    "NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR"
)
_IBAN_COUNTRIES = (
    "AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|CH|CR|CY|CZ|DE|DK|DO|EE|EG|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IQ|IS|"
    "IT|JO|KW|KZ|LB|LC|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|RS|SA|SC|SE|SI|SK|SM|ST|SV|TL|"
    "TN|TR|UA|VA|VG|XK"
)
_UK_POSTCODE = r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b"
# What is blanked out of the digit windows. A match begins at a digit or at one of the letters and signs
# of ``_MASK_AT_SIGN``'s look-ahead, so the alternatives are in two patterns, each tried only where it can
# match (the order within each is the order of preference).
_MASK_AT_DIGIT = re.compile(
    "|".join(
        (
            # ISO dates, then day/month/year with one repeated separator.
            r"(?<![\d.\-/])\d{4}([\-/.])\d{1,2}\1\d{1,2}(?![\d]|[\-/.]\d)",
            r"(?<![\d.\-/])\d{1,2}([./\-])\d{1,2}\2(?:\d{4}|\d{2})(?!\d|[./\-]\d)",
            # Times: 08:00, 9.30am, 8h30, 18 Uhr, 8am, 24/7.
            r"(?<![\d.:])\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\s?(?i:am|pm|a\.m\.|p\.m\.|uhr)\b)?(?![.:]?\d)",
            r"(?<![\d.:])\d{1,2}\s?(?i:am|pm|a\.m\.|p\.m\.|uhr)(?!\w)",
            r"(?<!\d)24\s?(?:/|x|\s?\u00d7\s?)\s?7(?!\d)",
            # Prices: 7p, 14 ct/min, 0,14 €.
            _NOT_AFTER_DIGITS
            + r"\d+(?:[.,]\d+)*\s?(?:[€£]|(?i:p|ct|cents?|pence|eur|euros?|gbp|usd|chf|pounds?|dollars?)\b)",
            # Percentages and measurements.
            _NOT_AFTER_DIGITS + r"\d+(?:[.,]\d+)?\s?(?:%|(?i:per\s?cent)\b)",
            _NOT_AFTER_DIGITS
            + r"\d+(?:[.,]\d+)?\s?(?:mm|cm|km|kg|mg|ml|lbs?|oz|ft|mph|km/h|kWh|kW|MW|mAh|GB|MB|KB|TB|GHz|MHz|"
            r"Hz|px|sq\s?ft|m²|m2|m³|°[CF]?)(?!\w)",
            # German postcodes before a place name.
            r"(?<![\d\-/.])(?<!\d[ \-/.])\d{5}[ ]+(?=[A-ZÄÖÜ][a-zäöüß]{2,})",
            # Sort codes, IP addresses, year ranges.
            r"(?<![\d\-])\d{2}-\d{2}-\d{2}(?!\d|-\d)",
            r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])",
            r"(?<!\d)(?:1[89]|20)\d{2}\s?[\-\u2013/]\s?(?:(?:1[89]|20)\d{2}|\d{2})(?!\d)",
        )
    )
)
_MASK_AT_SIGN = re.compile(
    r"(?=[A-Z£$€¥₹vi])(?:"
    + "|".join(
        (
            # Prices: £1,234.56, $2.99, EUR 10.
            r"[£$€¥₹]\s?\d+(?:[.,]\d+)*",
            r"(?i:\b(?:GBP|USD|EUR|AUD|CAD|CHF|INR|Rs\.?))\s?\d+(?:[.,]\d+)*",
            # Postcodes and ZIP codes (the digits in them are no phone).
            _UK_POSTCODE,
            rf"\b(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b",
            # IBAN, versions, ISBNs.
            rf"\b(?:{_IBAN_COUNTRIES})\d{{2}}(?: ?[A-Z0-9]{{2,11}}){{2,8}}\b",
            r"(?i:\bv(?:ersion|er\.?)?\s?)\d+(?:\.\d+)+",
            r"(?i:\bISBN(?:-1[03])?:?\s*)[\dX\- ]{10,17}",
        )
    )
    + ")"
)
# The letters and signs a ``_MASK_AT_SIGN`` match can begin with.
_MASK_LEAD = re.compile(r"[A-Z£$€¥₹vi]")

# Vanity numbers: NANP toll-free or 900 codes followed by E.161 letters.
_VANITY = re.compile(
    r"(?=[\d+(])(?<![\w+])(?:(?P<plus>\+)?1[ .\-\u2011]?)?(?P<open>\()?"
    r"(?P<area>8(?:00|33|44|55|66|77|88)|900)\)?"
    r"(?P<sep>[ .\-\u2011]?)(?P<tail>[A-Za-z0-9](?:[\-.]?[A-Za-z0-9]){6,14})(?![\w])"
)

# Channel labels.  "relayword" is a neutral cue: it names the relay service but does not make a number
# relay (only a prefix does); it keeps "Text Relay" from reading as "text".
# Tried only where ``_LABEL_STARTS`` says a label can begin: a new word needs to be there too.
_LABEL = re.compile(
    r"(?P<textphone>\btext[\s\-]?phones?\b|\btty\b|\bminicom\b|\btdd\b|\b(?:schreib|text)telefon\b)"
    r"|(?P<relayword>\btext\s*relay\b|\brelay\s*uk\b|\btype\s*talk\b|\bnext\s+generation\s+text\b)"
    r"|(?P<whatsapp>\bwhats\s?app\b)"
    r"|(?P<sms>\bsms\b|\btxt\b|\btext(?:ing|\s+us|\s+message|\s+only)?\b)"
    r"|(?P<fax>\b(?:tele)?fax(?:number|nr|no)?\b|\bfacsimile\b|(?-i:\bF\b)(?=\s*[:.]))"
    r"|(?P<phone>\b(?:tel|tele|telephone|telefon|t[ée]l[ée]phone|phone|ph|call|calls|calling|ring|dial|"
    r"helpline|hotline|freephone|freefone|mobile|mobil|mob|cell|handy|landline|contact|voice|rufen|anrufen|fon|"
    r"fernruf|rufnummer|telefonnummer|"
    r"appelez|contacter)\b|(?-i:\b[TM]\b)(?=\s*[:.]))",
    re.IGNORECASE,
)
#: Where a match of ``_LABEL`` can begin (see ``_scan.starts``).
_LABEL_STARTS = _scan.starts(
    (
        "text tty minicom tdd schreib relay type next whats sms txt fax facsimile tel tél ph call ring dial "
        "helpline hotline freephone freefone mob cell handy landline contact voice rufen anrufen fon fernruf "
        "rufnummer telefonnummer appelez",
        "",
    ),
    ("f t m", r"\b\s*[:.]"),
)
_SPECIFIC_ORDER = ("textphone", "whatsapp", "sms")
_SPECIFIC_MAX_GAP = 60
_BARE_TEXT_MAX_GAP = 15
_CUE_MAX_GAP = 30
_CHAIN_GAP = re.compile(
    r"[\s,/&+|\-\u2013:]*(?:(?:or|and|und|oder|ou|et)\b[\s,/&+|\-\u2013:]*)?(?:us\b\s*)?", re.IGNORECASE
)
_LIST_GAP = re.compile(
    r"[\s,;/|&()\-\u2013]*(?:(?:or|and|und|oder|ou|et)\b[\s,;/|&()\-\u2013]*)?", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"(?<=[a-z]{3})[.!?](?=\s)|[;|\u2022\u25cf\u00b7]|\n[ \t\r]*\n")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")

# Identifier labels: a number right after one of these (only filler between) is no phone.
_ID_WORD = r"(?:number|no\.?|nr\.?|num\.?|n[°º]|#|id|ref(?:erence)?\.?|code|reg(?:istration)?\.?)"
_ID_LABEL = re.compile(
    r"(?:\b(?:account|acct|a/c|invoice|inv|facture|factura|rechnung|ref\.?|reference|meter|mpan|mprn|vat|company|co\.?\s+reg|reg|registration|utr|ein|"
    r"ssn|iban|bic|swift|sort\s*code|routing|aba|isbn|issn|doi|frn|firm\s+reference|charity|abn|acn|hrb|hra|"
    r"handelsregister|amtsgericht|steuernummer|steuer-?nr|ust\.?-?id(?:nr)?|kundennummer|kunden-?nr|"
    r"bestellnummer|rechnungsnummer|rechnungs-?nr|auftragsnummer|siret|siren|rcs|sku|patent|dx|po\s+box|"
    r"p\.\s?o\.\s?box|postfach|licen[cs]e|permit|passcode|password|pin)"
    rf"|\b(?:customer|client|member(?:ship)?|order|booking|case|claim|ticket|transaction|serial|tracking|"
    rf"reservation|confirmation|product|part|model|policy|tax|ni|national\s+insurance|reference|offer|promo|"
    rf"promotional|voucher|discount|coupon|gift\s+card)\s*{_ID_WORD}"
    r"|\bregistered\s+in\s+(?:england|scotland|wales|northern\s+ireland)(?:\s+(?:and|&)\s+wales)?)"
    rf"(?:\s*{_ID_WORD})*"
    r"[\s:#.=\-\u2013()]*(?:(?:is|was|of)\b[\s:#.=\-]*)?$",
    re.IGNORECASE,
)
_SUFFIX_LABEL = re.compile(
    r"\s*[(\[]\s*(?:(?P<fax>(?:tele)?fax|facsimile)|(?P<textphone>text\s?phone|tty|minicom|tdd)|"
    r"(?P<whatsapp>whats\s?app)|(?P<sms>sms|text(?:\s+only)?|txt))\b[^()\[\]\d]{0,25}[)\]]",
    re.IGNORECASE,
)
_EXTENSION = re.compile(
    r"\s*,?\s*(?:ext\.?|extn\.?|extension|x|#|durchwahl|dw\.?)\s*(\d{1,6})\b", re.IGNORECASE
)
_RELAY_FILLER = (
    r"(?:[\s,:;.()\-\u2013\u2014/+]|\b(?:and|then|followed|by|before|first|dial|dialling|dialing|call|calling|"
    r"ring|ringing|the|our|number|numbers|you|are|want|wish|to|us|on|ask|for|request|give|them|operator|add|"
    r"adding|prefix|plus|with|use|using|type|enter|in|front|of|relay|agent|assistant)\b)*"
)
_RELAY_GAP = re.compile(_RELAY_FILLER, re.IGNORECASE)
_RELAY_ASK = re.compile(
    r"\bask(?:ing)?\s+(?:(?:the|a|your)\s+(?:relay\s+)?(?:officer|operator|assistant|agent)\s+)?"
    r"(?:for|to\s+(?:call|dial|ring|connect\s+you\s+to))\s*[:\-\u2013]?\s*(?:our\s+number\s*[:,]?\s*)?$",
    re.IGNORECASE,
)
_RELAY_WORD = re.compile(r"\b(?:relay|NRS|TTY|textphone|text\s+phone|711)\b", re.IGNORECASE)
# Australia's National Relay Service: numbers a caller rings to reach a relay officer (as US callers dial
# 711) and then asks for the number wanted: "TTY users phone 133 677 then ask for 1300 975 709". They are
# the service's numbers, not the organisation's: never a fact of their own (SPEC section 8).
_RELAY_SERVICES = frozenset({"+61133677", "+611300555727", "+611800555677", "+611800555660", "+61423677767"})
_RELAY_LEAD = re.compile(rf"(?<!\d)(?P<prefix>1800[12]|711)(?!\d){_RELAY_FILLER}$", re.IGNORECASE)
_RELAY_AFTER = re.compile(r"(?:(?!\n[ \t\r]*\n)\D){0,60}?(?<!\d)(?P<prefix>1800[12])(?![\s\-]*\d)")

_SHORT_FORM = re.compile(rf"\d+(?:[{_SPACES}]\d+)?")
_SHORT_AFTER = re.compile(rf"[{_SPACES}]*[{_DASHES}/.,]?\d|[{_SPACES}]*[{_DASHES}/]")
_RELAY_PREFIXES = frozenset({"18001", "18002"})
_NOT_SHORT = frozenset(
    {"18000", "18001", "18002", "711", "999", "112", "911", "000", "110", "17", "15", "18"}
)
_SPECIFICITY = MappingProxyType({"relay": 4, "textphone": 3, "whatsapp": 2, "sms": 1, "phone": 0})
_E161 = MappingProxyType(
    {
        c: d
        for d, letters in (
            ("2", "ABC"),
            ("3", "DEF"),
            ("4", "GHI"),
            ("5", "JKL"),
            ("6", "MNO"),
            ("7", "PQRS"),
            ("8", "TUV"),
            ("9", "WXYZ"),
        )
        for c in letters
    }
)
_MOBILE_TYPES = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PAGER}
)
_MAX_DIGITS = 17
_WINDOW = 80
_MARGIN = 24


@dataclass(frozen=True, slots=True)
class _RegionInfo:
    """What the segmentation needs to know about a region's numbering plan."""

    code: str | None
    trunk: str | None
    nanp: bool
    full_lengths: frozenset[int]
    intl: str = "\x00"  # the international call prefix when it is a fixed string (00, 011)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """The parts of a parsed number the recogniser uses (PhoneNumber itself is mutable)."""

    e164: str
    valid: bool
    possible: bool
    nsn_len: int
    bare_ok: bool  # valid as written without the national prefix (AU "13 22 11"), in a plan that has one


@dataclass(frozen=True, slots=True)
class _Num:
    """A number found in the text, before its context is read."""

    start: int
    end: int
    value: str
    valid: bool = True
    short: bool = False
    needs_cue: bool = False
    sms_only: bool = False  # a US-style 5-6 digit short code: a number to text, not to call
    vanity: str | None = None


@dataclass(frozen=True, slots=True)
class _Label:
    """A channel label found before a number."""

    kind: str
    text: str
    start: int
    end: int


_NANP_REGIONS = frozenset(pn.COUNTRY_CODE_TO_REGION_CODE.get(1, ()))


@lru_cache(maxsize=64)
def _region_info(region: str | None) -> _RegionInfo:
    if region is None:
        return _RegionInfo(None, None, False, frozenset())
    meta = pn.PhoneMetadata.metadata_for_region(region, None)
    if meta is None:
        return _RegionInfo(None, None, False, frozenset())
    lengths: set[int] = set()
    for desc in (meta.fixed_line, meta.mobile):
        if desc is not None and desc.possible_length:
            lengths.update(n for n in desc.possible_length if n > 0)
    top = max(lengths, default=0)
    full = frozenset(n for n in lengths if n >= max(top - 1, 9))
    intl = meta.international_prefix or ""
    intl = intl if intl.isdigit() else (meta.preferred_international_prefix or "\x00")
    return _RegionInfo(region, meta.national_prefix, region in _NANP_REGIONS, full, intl)


@lru_cache(maxsize=16384)
def _parse(digits: str, region: str | None) -> _Parsed | None:
    """Parse a digit string ("+" allowed in front); None when libphonenumber cannot read it."""
    try:
        num = pn.parse(digits, region)
    except pn.NumberParseException:
        return None
    possible = pn.is_possible_number(num)
    valid = possible and pn.is_valid_number(num)
    bare_ok = False
    info = _region_info(region)
    if valid and info.trunk and not info.nanp and not digits.startswith("+"):
        # Only where the plan formats the number without its prefix; "339344" in DE is a local number.
        national = pn.format_number(num, PhoneNumberFormat.NATIONAL)
        bare_ok = not national.startswith(info.trunk) and not national.isdigit()
    nsn = pn.national_significant_number(num)
    return _Parsed(pn.format_number(num, _FORMAT_E164), valid, possible, len(nsn), bare_ok)


@lru_cache(maxsize=4096)
def _short_value(digits: str, region: str) -> str | None:
    """E.164-style value of a short number offered as a contact (118 118, 111), else None."""
    if digits in _NOT_SHORT or shortnumberinfo.is_emergency_number(digits, region):
        return None
    try:
        num = pn.parse(digits, region)
    except pn.NumberParseException:
        return None
    if not shortnumberinfo.is_valid_short_number_for_region(num, region):
        return None
    return pn.format_number(num, _FORMAT_E164)


# --------------------------------------------------------------------------------------------- masking


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A text, the windows around its digits (all numerals live there) and its masked copy."""

    text: str
    masked: str
    windows: tuple[tuple[int, int], ...]

    def finditer(self, pattern: re.Pattern[str], masked: bool = False) -> Iterator[re.Match[str]]:
        """Matches of pattern inside the digit windows (lookbehinds still see the text before a window)."""
        target = self.masked if masked else self.text
        for a, b in self.windows:
            yield from pattern.finditer(target, a, b)


def _windows(text: str) -> tuple[tuple[int, int], ...]:
    """Spans around the digits of text: clusters of digits at most two margins apart, plus a margin."""
    size = len(text)
    out: list[tuple[int, int]] = []
    start = end = -1
    for s, e in _scan.digit_runs(text):
        if start >= 0 and s - end <= 2 * _MARGIN:
            end = e
            continue
        if start >= 0:
            out.append((max(start - _MARGIN, 0), min(end + _MARGIN, size)))
        start, end = s, e
    if start >= 0:
        out.append((max(start - _MARGIN, 0), min(end + _MARGIN, size)))
    return tuple(out)


def _mask_starts(text: str) -> list[int]:
    """The places where a mask match can begin, in order: the start of a run of digits (every digit
    alternative refuses a digit before it), a letter or currency sign at most nine characters before one
    (prices, currency codes, postcodes, IBANs, versions), a US state before the spaces before one, "ISBN"."""
    out: list[int] = []
    lead = _MASK_LEAD.finditer
    for s, _ in _scan.digit_runs(text):
        out.append(s)
        out += [m.start() for m in lead(text, s - 9 if s > 9 else 0, s)]
        if s > 9 and text[s - 8 : s].isspace():  # "NY          10001" (``\s`` is str.isspace)
            j = s - 8
            while j > 0 and text[j - 1].isspace():
                j -= 1
            out.append(j - 2)
    fold = _scan.folded(text)
    i = fold.find("isbn")
    while i >= 0:
        out.append(i)
        i = fold.find("isbn", i + 1)
    return sorted(set(out))


def _prepare(text: str) -> _Prepared:
    """Find the digit windows and blank out non-phone numerals (dates, prices, postcodes...) in them."""
    windows = _windows(text)
    starts = _mask_starts(text) if windows else []
    parts: list[str] = []
    last = 0
    for a, b in windows:
        at = a
        for i in starts[bisect_left(starts, a) : bisect_left(starts, b)]:
            if i < at:
                continue
            m = (_MASK_AT_DIGIT if text[i].isdecimal() else _MASK_AT_SIGN).match(text, i, b)
            if m is None:
                continue
            at = m.end()
            if m.start() >= last:
                parts.append(text[last : m.start()])
                parts.append(_BLANK * (m.end() - m.start()))
                last = m.end()
    parts.append(text[last:])
    return _Prepared(text, "".join(parts), windows)


# ------------------------------------------------------------------------------------------ segmenting


def _nanp_form(lens: Sequence[int], digits: str, paren: bool, info: _RegionInfo) -> bool:
    """Whether the groups are written like a NANP number (read as +1 in any region)."""
    if len(digits) == 11 and digits[0] == "1":
        area, grouped = digits[1:4], list(lens) in ([1, 3, 3, 4], [1, 3, 7], [1, 10])
        if list(lens) == [11]:
            grouped = info.nanp
    elif len(digits) == 10:
        area = digits[:3]
        grouped = (list(lens) == [3, 3, 4] and (paren or info.nanp)) or (
            info.nanp and list(lens) in ([3, 7], [10])
        )
    else:
        return False
    return grouped and area[0] in "23456789"


def _evaluate(
    text: str, toks: Sequence[tuple[int, int]], i: int, j: int, info: _RegionInfo
) -> tuple[_Parsed, bool] | None:
    """Parse tokens i..j as one number if written like one; return it and whether it needs a cue."""
    first = toks[i][0]
    if j > i and text[first : toks[i][1]] in _RELAY_PREFIXES:
        return None  # "18002 0345 ..." parses whole in GB; the prefix is read from the context instead
    plus = _PLUS_LEAD.search(text, max(first - 3, 0), first) is not None
    paren = text[first - 1 : first] == "("
    parts: list[str] = []
    lens: list[int] = []
    for k in range(i, j + 1):
        s, e = toks[k]
        part = text[s:e]
        if (
            k > i
            and part == "0"
            and text[s - 1 : s] == "("
            and text[e : e + 1] == ")"
            and (plus or k == i + 1)
        ):
            continue  # the "(0)" of "+44 (0)20 ..."
        if len(part) == 1 and not ((plus and k - i <= 1) or (k == i and part == "1")):
            return None
        parts.append(part)
        lens.append(len(part))
    digits = "".join(parts)
    if not 6 <= len(digits) <= _MAX_DIGITS:
        return None
    if plus:
        parsed = _parse("+" + digits, None)
        if parsed is None or not parsed.possible:
            return None
        return parsed, False
    if _nanp_form(lens, digits, paren, info):
        parsed = _parse(digits, info.code if info.nanp else "US")
        if parsed is None or not parsed.possible:
            return None
        if not parsed.valid and list(lens) in ([10], [11], [3, 7], [1, 10]):
            return None
        return parsed, False
    if info.code is None or (info.nanp and not digits.startswith(info.intl)):
        return None
    parsed = _parse(digits, info.code)
    if parsed is None or not parsed.possible:
        return None
    if digits.startswith(info.intl):
        return (parsed, False) if parsed.valid else None
    trunk = info.trunk
    if trunk and digits.startswith(trunk):
        if lens[0] < 2:
            return None
        if parsed.valid:
            return parsed, False
        if parsed.nsn_len in info.full_lengths and all(n >= 3 for n in lens):
            return parsed, len(lens) == 1
        return None
    if parsed.valid and (parsed.bare_ok or not trunk):
        return parsed, False
    return None


def _segment(text: str, toks: Sequence[tuple[int, int]], info: _RegionInfo) -> list[_Num]:
    """Split a stretch of digit groups into numbers: the longest valid number at each position first."""
    found: list[_Num] = []
    i = 0
    while i < len(toks):
        best: tuple[int, _Parsed, bool] | None = None
        hi, width = i, 0
        while hi < len(toks) and width + toks[hi][1] - toks[hi][0] <= _MAX_DIGITS + 2:
            width += toks[hi][1] - toks[hi][0]
            hi += 1
        for j in range(hi - 1, i - 1, -1):
            got = _evaluate(text, toks, i, j, info)
            if got is None:
                continue
            if got[0].valid:
                best = (j, got[0], got[1])
                break
            if best is None:
                best = (j, got[0], got[1])
        if best is None:
            i += 1
            continue
        j, parsed, needs_cue = best
        if (
            i > 0
            and text[toks[i][0]] != "0"
            and _PLUS_LEAD.search(text, max(toks[i][0] - 3, 0), toks[i][0]) is None
            and _SPACED.fullmatch(text, toks[i - 1][1], toks[j][1]) is not None
        ):
            needs_cue = True  # "... 50 100 200 500 1000": a number inside a row of numbers needs a "call"
        if (
            not parsed.valid
            and j + 1 < len(toks)
            and _LOOSE_GAP.search(text, toks[j][1], toks[j + 1][0]) is None
        ):
            i += 1  # "0191-650-333-6000": a possible prefix of a longer digit string
            continue
        start = toks[i][0]
        plus = _PLUS_LEAD.search(text, max(start - 3, 0), start)
        if plus is not None:
            start = plus.start()
        found.append(_Num(start, toks[j][1], parsed.e164, parsed.valid, needs_cue=needs_cue))
        i = j + 1
    return found


def _matcher_hit_ok(text: str, start: int, end: int, info: _RegionInfo) -> bool:
    """Checks VALID leaves out: no lone first digit ("0 20 50 100"), no national number missing its prefix."""
    groups = _DIGITS.findall(text, start, end)
    international = text[start] == "+" or _PLUS_LEAD.search(text, max(start - 3, 0), start) is not None
    if len(groups) > 1 and len(groups[0]) == 1 and not international:
        return False
    digits = "".join(groups)
    trunk = info.trunk
    if international or not trunk or info.nanp or digits.startswith(trunk):
        return True
    parsed = _parse(digits, info.code)
    return parsed is not None and parsed.bare_ok


@lru_cache(maxsize=4096)
def _matcher_hits(window: str, region: str | None) -> tuple[tuple[int, int, str, str], ...]:
    """(start, end, raw string, E.164) of each number PhoneNumberMatcher (Leniency.VALID) finds in a run;
    the same runs come back page after page (footers, repeated contact lines)."""
    return tuple(
        (m.start, m.end, m.raw_string, pn.format_number(m.number, _FORMAT_E164))
        for m in PhoneNumberMatcher(window, region, leniency=_LENIENCY)
    )


def _matcher_pass(text: str, a: int, b: int, info: _RegionInfo) -> list[_Num]:
    """Numbers PhoneNumberMatcher (Leniency.VALID) finds in text[a:b]."""
    found: list[_Num] = []
    for m_start, m_end, raw, e164 in _matcher_hits(text[a:b], info.code):
        if _YEAR_LEAD.match(raw):
            continue  # "2012-0102 08": VALID takes some date-times for US numbers
        start, end = a + m_start, a + m_end
        if raw.startswith("(") and raw.count("(") > raw.count(")"):
            start += 1
        if raw.endswith(")") and raw.count(")") > raw.count("("):
            end -= 1
        lead = _DIGITS.search(text, start, end)
        if not _matcher_hit_ok(text, start, end, info):
            continue
        if lead is not None and lead.group(0) in _RELAY_PREFIXES and lead.end() < end:
            # GB metadata parses "18002" as a national prefix: the number starts after the relay prefix.
            nxt = _DIGITS.search(text, lead.end(), end)
            start = nxt.start() if nxt is not None else start
        found.append(_Num(start, end, e164))
    return found


def _scan_run(text: str, masked: str, a: int, b: int, info: _RegionInfo) -> list[_Num]:
    """All numbers in one run of digit groups text[a:b]."""
    toks = [(m.start(), m.end()) for m in _DIGITS.finditer(masked, a, b)]
    total = sum(e - s for s, e in toks)
    if total < 3:
        return []
    found: list[_Num] = []
    if total >= 6:
        found = _matcher_pass(text, a, b, info)
        rest: list[tuple[int, int]] = []
        for tok in toks:
            if any(n.start < tok[1] and tok[0] < n.end for n in found):
                if rest:
                    found.extend(_segment(text, rest, info))
                rest = []
            else:
                rest.append(tok)
        if rest:
            found.extend(_segment(text, rest, info))
    if (
        not found
        and len(toks) <= 2
        and total <= 6
        and info.code is not None
        and text[a] not in "+("
        and _SHORT_FORM.fullmatch(text, a, b) is not None
        and _SHORT_AFTER.match(text, b) is None
    ):
        digits = "".join(text[s:e] for s, e in toks)
        value = None if _YEAR.fullmatch(digits) else _short_value(digits, info.code)
        if value is not None:
            sms_only = info.nanp and len(digits) > 3
            found.append(_Num(toks[0][0], toks[-1][1], value, short=True, needs_cue=True, sms_only=sms_only))
    return found


def _vanity_pass(matches: Iterable[re.Match[str]]) -> list[_Num]:
    """Vanity numbers (1-800-FLOWERS), converted with the E.161 keypad, only the letters needed."""
    found: list[_Num] = []
    for m in matches:
        tail = m.group("tail")
        letters = sum(c.isalpha() for c in tail)
        if letters < 2:
            continue
        bare = m.group("plus") is None and m.group(0)[0] not in "1(" and m.group("open") is None
        if bare and m.group("sep") not in ("-", ".", "\u2011"):
            continue
        if not (tail.upper() == tail or (m.group("sep") in ("-", "\u2011") and tail[0].isupper())):
            continue
        alnum = [c for c in tail if c.isalnum()]
        national = m.group("area") + "".join(_E161.get(c.upper(), c) for c in alnum[:7])
        parsed = _parse("+1" + national, None)
        if parsed is None or not parsed.possible:
            continue
        found.append(_Num(m.start(), m.end(), parsed.e164, parsed.valid, vanity=m.group(0)))
    return found


# ---------------------------------------------------------------------------------------- classifying


def _labels(ctx: str, offset: int, fold: str) -> list[_Label]:
    """The channel labels in ``ctx`` (``fold`` is its :func:`_scan.folded` form)."""
    out: list[_Label] = []
    for m in _scan.finditer(_LABEL, _LABEL_STARTS, ctx, fold, 0, len(ctx)):
        kind = m.lastgroup or "phone"
        out.append(_Label(kind, m.group(0).lower(), offset + m.start(), offset + m.end()))
    return out


def _chain(text: str, labels: Sequence[_Label]) -> list[_Label]:
    """The nearest label and those joined to it by "or", "and", "/" ("Tel/Fax", "call or text")."""
    if not labels:
        return []
    chain = [labels[-1]]
    for lab in reversed(labels[:-1]):
        if _CHAIN_GAP.fullmatch(text, lab.end, chain[-1].start) is None:
            break
        chain.append(lab)
    return chain


def _context_start(text: str, lo: int, start: int) -> int:
    """Where the clause holding a number begins (after lo, the end of the previous number)."""
    lo = max(lo, start - _WINDOW)
    cut = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, start):
        cut = m.end()
    return cut


def _is_mobile(value: str) -> bool:
    try:
        num = pn.parse(value, None)
    except pn.NumberParseException:
        return False
    return not pn.is_valid_number(num) or pn.number_type(num) in _MOBILE_TYPES


def _label_kind(text: str, num: _Num, labels: Sequence[_Label]) -> tuple[str, str | None]:
    """The kind a number's labels give it: phone, textphone, whatsapp, sms or fax, and the label."""
    if not labels:
        return "phone", None
    chain = _chain(text, labels)
    chain_kinds = {lab.kind for lab in chain}
    if "fax" in chain_kinds and not chain_kinds & {"phone", "textphone", "whatsapp", "sms"}:
        return "fax", chain[0].text
    best: _Label | None = None
    for lab in labels:
        if lab.kind not in _SPECIFIC_ORDER:
            continue
        gap = num.start - lab.end
        if _DIGIT_GROUP.search(text, lab.end, num.start) is not None:
            continue  # "TDD: dial 711 ... 1-844-...": the label belongs to what follows it
        bare_text = lab.kind == "sms" and lab.text in ("text", "texting")
        if gap > (_BARE_TEXT_MAX_GAP if bare_text and lab not in chain else _SPECIFIC_MAX_GAP):
            continue
        if best is None or _SPECIFICITY[lab.kind] > _SPECIFICITY[best.kind]:
            best = lab
    if best is None:
        return "phone", None
    if best.kind in ("whatsapp", "sms") and "phone" in chain_kinds and not _is_mobile(num.value):
        return "phone", None
    return best.kind, best.text


def _has_cue(text: str, num: _Num, labels: Sequence[_Label]) -> bool:
    """A short or unformatted number needs a channel word close before it ("call 111")."""
    if not labels:
        return False
    lab = labels[-1]
    gap = text[lab.end : num.start]
    return lab.kind != "fax" and len(gap) <= _CUE_MAX_GAP and _ANY_DIGIT.search(gap) is None


def _relay_prefix(text: str, lo: int, num: _Num) -> tuple[str, int] | None:
    """A relay prefix (18001/18002, US 711) written before the number, with its offset; or a relay
    operator asked for the number ("Internet relay users connect to the NRS then ask for 1300 975 709"),
    with an empty prefix."""
    lo = max(lo, num.start - _WINDOW)
    for blank in _BLANK_LINE.finditer(text, lo, num.start):
        lo = blank.end()
    lead = _RELAY_LEAD.search(text, lo, num.start)
    if lead is None:
        ask = _RELAY_ASK.search(text, lo, num.start)
        if ask is not None and _RELAY_WORD.search(text, lo, ask.start()):
            return "", ask.start()
        return None
    prefix = lead.group("prefix")
    if prefix == "711" and not num.value.startswith("+1"):
        return None
    return prefix, lead.start()


def _relay_after(text: str, num: _Num, nxt: int) -> str | None:
    """A "dial 18001 first" instruction after a number (and before the next one) that refers to it."""
    m = _RELAY_AFTER.match(text, num.end)
    if m is None or m.end() > nxt:
        return None
    lead = _RELAY_LEAD.match(text, m.start("prefix"), nxt)
    if lead is not None and nxt < len(text):
        return None  # "... or 18001 then 0800 ...": the prefix of the next number
    return m.group("prefix")


def _classify(text: str, nums: Sequence[_Num]) -> list[Match]:
    out: list[Match] = []
    fold = _scan.folded(text)
    prev_end = skip_until = 0
    prev_kind: str | None = None
    service: _Num | None = None  # a relay service number just before, asked to connect to the next one
    for i, num in enumerate(nums):
        if num.start < skip_until:
            continue  # the digits of an extension ("ext. 456")
        asked, service = service, None
        if num.value in _RELAY_SERVICES:
            following = nums[i + 1].start if i + 1 < len(nums) else -1
            if following >= 0 and _RELAY_GAP.fullmatch(text, num.end, following):
                service = num
            prev_end, prev_kind = num.end, None
            continue
        ext = _EXTENSION.match(text, num.end)
        skip_until = ext.end() if ext is not None else 0
        lo = _context_start(text, prev_end, num.start)
        labels = _labels(text[lo : num.start], lo, fold[lo : num.start])
        joined = prev_kind is not None and _LIST_GAP.fullmatch(text, prev_end, num.start) is not None
        nxt = nums[i + 1].start if i + 1 < len(nums) else len(text)
        kind, label = _label_kind(text, num, labels)
        if not labels and joined and prev_kind in ("textphone", "whatsapp", "sms", "fax"):
            kind = prev_kind
        suffix = _SUFFIX_LABEL.match(text, num.end, nxt)
        if suffix is not None and suffix.lastgroup is not None:
            kind, label = suffix.lastgroup, suffix.group(suffix.lastgroup).lower()
        rejected = kind == "fax" or _ID_LABEL.search(text, max(prev_end, num.start - _WINDOW), num.start)
        if (num.needs_cue or num.short) and not _has_cue(text, num, labels):
            rejected = True
        if num.sms_only and kind != "sms":
            rejected = True
        before = prev_end
        prev_end, prev_kind = num.end, kind
        if rejected:
            continue
        attrs: dict[str, str] = {}
        start = num.start
        relay = None if num.short else _relay_prefix(text, before, num)
        if asked is not None:
            relay = ("".join(c for c in text[asked.start : asked.end] if c.isdigit()), asked.start)
        if relay is not None:
            kind, start = "relay", relay[1]
            if relay[0]:
                attrs["prefix"] = relay[0]
        else:
            after = None if num.short else _relay_after(text, num, nxt)
            if after is not None:
                attrs["relay_prefix"] = after
        if label is not None and kind != "relay":
            attrs["label"] = label
        if num.vanity is not None:
            attrs["vanity"] = num.vanity
        if num.short:
            attrs["short"] = "true"
        if not num.valid:
            attrs["valid"] = "false"
        if ext is not None:
            attrs["extension"] = ext.group(1)
        out.append(Match(kind, num.value, start, num.end, tuple(sorted(attrs.items()))))
    return out


def _region_code(region: str | None) -> str | None:
    """An upper-case region code; "UK" means GB."""
    if not region:
        return None
    code = region.strip().upper()
    return "GB" if code == "UK" else code


def _with_open_bracket(text: str, num: _Num) -> _Num:
    """Take in the "(" of "(020) 7946 0123" or "(+44) 20 ..." when the span holds its ")"."""
    span = text[num.start : num.end]
    if text[num.start - 1 : num.start] == "(" and span.count(")") > span.count("("):
        return replace(num, start=num.start - 1)
    return num


# ----------------------------------------------------------------------------------------- public API


def find_phones(text: str, region: str | None) -> list[Match]:
    """All phone-type facts in text: kind phone, relay, textphone, whatsapp or sms; value E.164.

    Each number gives one match of its most specific kind (relay > textphone > whatsapp > sms > phone).
    ``start``/``end`` span the number as written (for relay, the prefix and the number).  With
    ``region`` None the region is inferred from the text (:func:`infer_region`); NANP forms
    (``1-NXX-NXX-XXXX``, ``(NXX) NXX-XXXX``) are read as +1 whatever the region.  Fax numbers,
    labelled identifiers, emergency numbers and relay prefixes alone give no match.

    ``attrs`` (sorted pairs) may hold: ``label`` (the channel word that set the kind, e.g. ``tty``),
    ``prefix`` (relay: 18001, 18002 or 711), ``relay_prefix`` (a phone number followed by a "dial 18001
    first" instruction), ``vanity`` (``1-800-FLOWERS`` as written), ``extension``, ``short`` (``true``
    for 118 118, 111 ...) and ``valid`` (``false`` for numbers possible but not valid, e.g. 07700 900123).
    """
    if _ANY_DIGIT.search(text) is None:
        return []
    prep = _prepare(text)
    if region is None:
        region = _infer(prep, ())
    info = _region_info(_region_code(region))
    nums = _vanity_pass(prep.finditer(_VANITY))
    taken = [(n.start, n.end) for n in nums]
    for run in prep.finditer(_RUN, masked=True):
        a, b = run.span()
        if any(s < b and a < e for s, e in taken):
            continue
        nums.extend(_scan_run(text, prep.masked, a, b, info))
    nums = [_with_open_bracket(text, n) for n in nums if _GLUED.match(text, n.end) is None]
    nums.sort(key=lambda n: n.start)
    return _classify(text, nums)


_PARSE_RELAY = re.compile(r"\s*(?P<prefix>1800[12])(?=\D)[\s:,.\-]*(?:then\s+)?(?P<rest>.*\d.*)", re.DOTALL)
_PARSE_SCHEME = re.compile(
    r"\s*(?:tel|sms|smsto|callto|facetime|facetime-audio|whatsapp):(?://)?", re.IGNORECASE
)
_PARSE_PARAMS = re.compile(r"[?;](?!ext=).*$", re.IGNORECASE | re.DOTALL)
_PARSE_CC_BRACKET = re.compile(r"^\(\s*\+\s*(\d{1,3})\s*\)\s*")
_PARSE_EXTENSION = re.compile(r"\s*(?:,|;ext=|ext\.?|extn\.?|extension|x|#)\s*\d{1,6}\s*$", re.IGNORECASE)


def parse_number(text: str, region: str | None) -> str | None:
    """Normalise one number as written to E.164, or None when it is not a possible phone number.

    Handles a relay prefix (``18001 0345 300 0000`` gives the number dialled after it), ``+44 (0)...``,
    ``00``-international, vanity letters (``1-800-FLOWERS``), any phone punctuation, numbers libphonenumber
    calls possible but not valid (Ofcom drama ranges), and short numbers (``118 118`` gives ``+44118118``).
    Emergency numbers and relay prefixes alone give None.
    """
    scheme = _PARSE_SCHEME.match(text)
    if scheme is not None:  # a link: "tel:0345%20300%200000", "sms:+447700900123?body=hi"
        text = _PARSE_PARAMS.sub("", unquote(text[scheme.end() :]))
    text = text.strip()
    text = _PARSE_CC_BRACKET.sub(r"+\1 ", text, count=1)
    relay = _PARSE_RELAY.fullmatch(text)
    if relay is not None and sum(c.isdigit() for c in relay.group("rest")) >= 6:
        text = relay.group("rest").strip()
    text = _PARSE_EXTENSION.sub("", text)
    info = _region_info(_region_code(region))
    if any(c.isalpha() for c in text):
        vanity = _vanity_pass(_VANITY.finditer(text))
        if len(vanity) == 1 and vanity[0].start == 0 and vanity[0].end == len(text):
            return vanity[0].value
        return None
    if _RUN.fullmatch(text) is None:
        return None
    toks = [(m.start(), m.end()) for m in _DIGITS.finditer(text)]
    got = _evaluate(text, toks, 0, len(toks) - 1, info)
    if got is not None:
        return got[0].e164
    for m in PhoneNumberMatcher(text, info.code, leniency=_LENIENCY):
        if m.start <= 1 and m.end >= len(text) - 1:
            return pn.format_number(m.number, _FORMAT_E164)
    if info.code is not None and len(toks) <= 2 and text[0] not in "+(":
        return _short_value("".join(text[s:e] for s, e in toks), info.code)
    return None


# ------------------------------------------------------------------------------------ region inference

_CC_IN_TEXT = re.compile(rf"(?<![\w+])\+[{_SPACES}]?\d[\d{_SPACES}{_DASHES}().]{{6,20}}\d")
_NANP_IN_TEXT = re.compile(r"(?<![\w(])(?:\(\d{3}\)\s?|1[\-. ]\d{3}[\-. ])\d{3}[\-. ]\d{4}(?!\d)")
# a national number, perhaps split over a line break ("0345 300\n0000"), as the recogniser reads them
_TRUNK_IN_TEXT = re.compile(
    rf"(?<![\w+.,/\-])\(?0\d{{1,4}}\)?(?:(?:[{_SPACES}\-/]|[{_SPACES}]*\n[{_SPACES}]*)?\d{{2,8}}){{1,4}}(?![\w\-])"
)
_POSTCODES = (
    (re.compile(_UK_POSTCODE), "GB"),
    (re.compile(rf"\b(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?\b"), "US"),
    (re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+\d{4}\b"), "AU"),
)
# A web or e-mail domain, found from its dot: ".co.uk", ".de" (the name before it is checked apart).
_DOMAIN = re.compile(
    r"(?<=[A-Za-z0-9\-])\.(?:(?:co|org|gov|ac|nhs|com|net|ltd|plc|edu|police|sch|me)\.)?(?P<tld>[a-z]{2,3})"
    r"(?![\w\-]|\.\w)"
)
_DOMAIN_LEAD = re.compile(r"(?:https?://|www\.|@)[^\s@/]*$", re.IGNORECASE)
_SAFE_TLDS = MappingProxyType(
    {
        "uk": "GB",
        "de": "DE",
        "au": "AU",
        "fr": "FR",
        "ie": "IE",
        "nz": "NZ",
        "ca": "CA",
        "ch": "CH",
        "nl": "NL",
        "es": "ES",
        "se": "SE",
        "dk": "DK",
        "fi": "FI",
        "pl": "PL",
        "pt": "PT",
        "za": "ZA",
        "gov": "US",
        "us": "US",
        "at": "AT",
        "be": "BE",
        "it": "IT",
        "in": "IN",
        "no": "NO",
        "jp": "JP",
        "sg": "SG",
        "hk": "HK",
        "mx": "MX",
        "br": "BR",
    }
)
_AMBIGUOUS_TLDS = frozenset({"at", "be", "it", "in", "no", "us", "gov"})
_CURRENCY = re.compile(r"(?:A|AU|NZ|C|CA|US)?\$|£|€|₹|\b(?:GBP|USD|EUR|AUD|NZD|CAD|CHF|INR)\b|\bRs\.")
_CURRENCY_REGION = MappingProxyType(
    {
        "A$": "AU",
        "AU$": "AU",
        "AUD": "AU",
        "NZ$": "NZ",
        "NZD": "NZ",
        "C$": "CA",
        "CA$": "CA",
        "CAD": "CA",
        "£": "GB",
        "GBP": "GB",
        "$": "US",
        "US$": "US",
        "USD": "US",
        "CHF": "CH",
        "₹": "IN",
        "INR": "IN",
        "Rs.": "IN",
    }
)
_LANGUAGE_WORDS = re.compile(
    r"\b(?:(?P<en>the|and|you|your|our|with|please|for|this|are)"
    r"|(?P<de>und|der|die|das|nicht|mit|für|sie|ist|oder|bitte|wir)"
    r"|(?P<fr>et|le|la|les|vous|pour|avec|nous|des|est)"
    r"|(?P<nl>het|een|van|niet|voor|met|wij|u|uw)"
    r"|(?P<es>el|los|las|por|para|con|usted|nosotros|del))\b",
    re.IGNORECASE,
)
_LANGUAGE_REGIONS = MappingProxyType(
    {
        "en": ("GB", "IE", "AU", "IN", "NZ", "ZA"),
        "de": ("DE", "AT", "CH"),
        "fr": ("FR", "BE", "CH"),
        "nl": ("NL", "BE"),
        "es": ("ES",),
    }
)
_DEFAULT_REGIONS = ("GB", "IE", "AU", "IN", "NZ", "ZA", "DE", "CH", "FR", "BE", "NL", "ES")
_RANK = MappingProxyType({r: i for i, r in enumerate(("GB", "US", *_DEFAULT_REGIONS[1:]))})
_EURO_REGION = MappingProxyType({"en": "IE", "de": "DE", "fr": "FR", "nl": "NL", "es": "ES"})
_LANGUAGE_HOME = MappingProxyType({"de": "DE", "fr": "FR", "nl": "NL", "es": "ES"})
_LANGUAGE_SAMPLE = 20_000
_INFER_LIMIT = 300_000


def _cc_region(number: str) -> str | None:
    """The region of a +CC number or tel: link."""
    number = number.strip()
    if number.lower().startswith("tel:"):
        number = number[4:]
    try:
        num = pn.parse(number.split(";")[0], None)
    except pn.NumberParseException:
        return None
    region = pn.region_code_for_number(num)
    if region in (None, "ZZ", "001") and num.country_code is not None:
        region = pn.region_code_for_country_code(num.country_code)
    return None if region in (None, "ZZ", "001") else region


def _number_votes(prep: _Prepared, regions: Sequence[str]) -> dict[str, float]:
    """Votes from national numbers (no +CC): each shares 2 points among the regions it is valid in."""
    votes: dict[str, float] = {}
    def valid_in(written: str) -> list[str]:
        digits = "".join(_DIGITS.findall(written))
        return [r for r in regions if (p := _parse(digits, r)) is not None and p.valid]

    n = 0
    for m in prep.finditer(_TRUNK_IN_TEXT, masked=True):
        found = m.group(0)
        valid = valid_in(found)
        # one number split over two lines, or two numbers on two lines: each line's votes
        for part in [found] if valid or "\n" not in found else found.split("\n"):
            if n == 30:
                return votes
            n += 1
            here = valid if part is found else valid_in(part)
            for region in here:
                votes[region] = min(votes.get(region, 0.0) + 2.0 / len(here), 6.0)
    return votes


def _language(text: str) -> str | None:
    """The page's language among en, de, fr, nl, es by common words, or None when unclear."""
    counts = dict.fromkeys(_LANGUAGE_REGIONS, 0)
    for m in _LANGUAGE_WORDS.finditer(text, 0, _LANGUAGE_SAMPLE):
        counts[m.lastgroup or "en"] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    best, n = ranked[0]
    return best if n >= 5 and n >= 1.5 * ranked[1][1] else None


def _domain_regions(text: str) -> Iterator[str]:
    for m in _DOMAIN.finditer(text):
        tld = m.group("tld")
        if tld not in _SAFE_TLDS:
            continue
        if tld in _AMBIGUOUS_TLDS and _DOMAIN_LEAD.search(text, max(m.start() - 80, 0), m.start()) is None:
            continue  # "end.in", "it.at": only with http://, www. or @ in front
        yield _SAFE_TLDS[tld]


def _add_capped(scores: dict[str, float], items: Iterable[str | None], weight: float, cap: int) -> None:
    """Add weight per occurrence of each region, counting at most cap occurrences."""
    counts: dict[str, int] = {}
    for region in items:
        if region is not None:
            counts[region] = counts.get(region, 0) + 1
    for region, n in counts.items():
        scores[region] = scores.get(region, 0.0) + weight * min(n, cap)


def _infer(prep: _Prepared, hints: Sequence[str]) -> str | None:
    scores: dict[str, float] = {}
    _add_capped(scores, (_cc_region(h) for h in hints), 4.0, 5)
    _add_capped(scores, (_cc_region(m.group(0)) for m in prep.finditer(_CC_IN_TEXT, masked=True)), 3.0, 5)
    for pattern, region in _POSTCODES:
        _add_capped(scores, (region for _ in prep.finditer(pattern)), 3.0, 3)
    _add_capped(scores, ("US" for _ in prep.finditer(_NANP_IN_TEXT, masked=True)), 1.0, 4)
    _add_capped(scores, _domain_regions(prep.text), 2.0, 3)
    lang = _language(prep.text)
    euro = _EURO_REGION.get(lang or "")
    currency = (
        euro if m.group(0) in ("€", "EUR") else _CURRENCY_REGION.get(m.group(0))
        for m in prep.finditer(_CURRENCY)
    )
    _add_capped(scores, currency, 1.0, 2)
    home = _LANGUAGE_HOME.get(lang or "")
    if home is not None:
        scores[home] = scores.get(home, 0.0) + 1.0
    direct = dict(scores)
    votes = _number_votes(prep, _LANGUAGE_REGIONS.get(lang or "", _DEFAULT_REGIONS))
    for region, weight in votes.items():
        scores[region] = scores.get(region, 0.0) + weight
    if not scores:
        return None
    top = max(scores.values())
    if top < 2.0 and not votes:
        return None
    # On a tie, direct evidence beats number votes, then our order of likelihood (GB first).
    return min(
        (r for r, v in scores.items() if v == top),
        key=lambda r: (-direct.get(r, 0.0), _RANK.get(r, len(_RANK))),
    )


def infer_region(text: str, hints: Sequence[str] = ()) -> str | None:
    """The region (ISO 3166 alpha-2) a document's numbers are written in, or None when nothing says.

    Evidence, strongest first: ``+CC`` numbers and ``tel:`` links (``hints``), UK postcodes, US ZIP codes
    after a state, Australian state postcodes, web and e-mail domains (``.co.uk``, ``.de``, ``.com.au``),
    currency (``£``, ``$``, ``€`` with the page's language), and national numbers valid in a region of
    the page's language.  When only national numbers speak and they fit several plans, the likeliest
    (GB first) wins.
    """
    return _infer(_prepare(text[:_INFER_LIMIT]), hints)
