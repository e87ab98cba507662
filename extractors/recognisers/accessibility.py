"""Accessibility options in text: relay, textphone, sign language, formats, interpreters, other."""

from __future__ import annotations

import re

from extractors.recognisers import Match, _scan

__all__ = ["ACCESSIBILITY_VALUES", "find_accessibility"]


def _split(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


#: The values an ``accessibility`` fact can take (SPEC section 4).
ACCESSIBILITY_VALUES: tuple[str, ...] = (
    "relay",
    "textphone",
    "sign-language",
    "alternative-formats",
    "interpreter",
    "other",
)

_S = r"[\s\-]"  # a space or hyphen between words ("large-print", "face to face")
_DOCS = (
    r"(?:documents?|information|leaflets?|letters?|booklets?|guides?|publications?|materials?|bills?|"
    r"statements?|forms?|factsheets?|this\s+(?:leaflet|document|letter|booklet|guide|publication|information"
    r"|form|"
    r"factsheet))"
)

# Group names are the values, with "_" for "-"; the first alternative that matches at a position wins, so
# longer phrases come before their parts ("BSL video relay" before "BSL", "video relay" before "relay").
# Tried only where ``_ACCESS_STARTS`` says a match can begin: a new alternative needs its words there.
_ACCESS_RE = re.compile(
    r"(?P<sign_language>"
    r"(?i:\b(?:british|american|irish|australian)\s+sign\s+language\b"
    rf"|\bsign\s+language(?:\s+(?:\(\w+\)\s+)?interpret(?:ers?|ing|ation)(?:\s+services?)?)?\b"
    r"|\bsign\s?video\b|\bvideo\s+relay(?:\s+services?)?\b|\binterpreter\s?now\b"
    r"|\bcontact\s?scotland[\s\-]bsl\b|\bauslan\b|\bsignhealth\b|\bsigned\s+videos?\b)"
    r"|\b(?:BSL|ASL)(?:\s+(?:video(?:\s+relay)?(?:\s+(?:services?|calls?))?|interpret(?:ers?|ing|ation)"
    r"(?:\s+services?)?))?\b"
    r"|\bVRS\b"
    r")"
    r"|(?P<relay>"
    r"(?i:\brelay\s?uk\b|\btext\s?relay\b|\btypetalk\b|\btext\s?direct\b|\bnext\s+generation\s+text\b"
    r"|\bngt\s+lite\b|\btelecommunications?\s+relay\s+services?\b"
    rf"|\b(?:ip|internet\s+protocol|speech{_S}to{_S}speech|captioned\s+telephone|tty|711)\s+relay"
    r"(?:\s+services?)?\b"
    r"|\brelay\s+(?:services?|calls?|operators?|assistants?)\b|\bcaptel\b|\bcaptioned\s+telephone\b)"
    r"|\bNGT\b|\bTRS\b"
    r"|(?<![\d+])1800[0-2](?!\d)"
    r"|(?<![\d+\-.$£€])711(?![\d\-%]|[./]\d)"
    r")"
    r"|(?P<textphone>"
    rf"(?i:\btext{_S}?phones?\b|\bminicoms?\b|\bteletype(?:writer)?s?\b"
    r"|\btele(?:phone|communications?)\s+devices?\s+for\s+the\s+deaf\b)"
    r"|\bTTY\b|\bTDD\b"
    r")"
    r"|(?P<alternative_formats>"
    rf"(?i:\blarge{_S}print\b|\bbraille\b|\beasy{_S}read\b"
    r"|\baudio\s+(?:formats?|versions?|cds?|cassettes?|tapes?|recordings?|files?)\b"
    r"|\b(?:alternative|accessible|alternate|other|different)\s+formats?\b|\banother\s+format\b"
    r"|\bformats?\s+(?:that|which)\s+suits?\s+you\b"
    rf"|\btranslat(?:ed|ions?)\s+(?:of\s+)?(?:our\s+)?{_DOCS}\b"
    rf"|\b{_DOCS}\s+(?:is\s+|are\s+|can\s+be\s+)?(?:also\s+)?(?:available\s+|provided\s+|translated\s+)?"
    r"in\s+(?:other|different|community|your\s+(?:own\s+)?|another|a\s+different)\s+languages?\b"
    r"|\baudio\b)"
    r")"
    r"|(?P<interpreter>"
    r"(?i:\b(?:an?|our|free|telephone|phone|face[\s\-]to[\s\-]face|spoken[\s\-]language"
    r"|foreign[\s\-]language|"
    r"community|professional|qualified|language)\s+interpret(?:ers?|ing|ation)(?:\s+services?)?\b"
    r"|\binterpret(?:ing|ation)\s+services?\b|\btranslation\s+and\s+interpreting\b"
    r"|\blanguage\s+assistance(?:\s+services?)?\b)"
    r"|\bLanguage\s?Line\b"
    r")"
    r"|(?P<other>"
    r"(?i:\b(?:hearing|induction)\s+loops?\b|\bloop\s+systems?\b|\bpriority\s+services?\s+register\b"
    rf"|\breasonable\s+adjustments?\b|\blip{_S}?speakers?\b|\bpalantypists?\b"
    rf"|\bspeech{_S}to{_S}text\s+(?:reporters?|services?)\b|\bdeafblind\s+manual\b|\bextra\s+help\b)"
    r")"
)

#: Every alternative of the pattern contains one of these, so it is only run around them.
_STEMS = _split(
    "relay text minicom tty tdd ngt trs 1800 711 sign bsl asl vrs braille print easy audio format "
    "translat language interpret loop priority adjust speaker palantyp deaf extra captel captioned "
    "teletype typetalk auslan"
)

# The pattern runs from 40 characters before a stem to 80 after it; "... available in other languages"
# starts well before its stem.
_WINDOWS = ((_STEMS, 40, 80), (("language",), 110, 30))
_IN_LANGUAGES = (
    r"\s+(?:is\s+|are\s+|can\s+be\s+)?(?:also\s+)?(?:available\s+|provided\s+|translated\s+)?"
    r"in\s+(?:other|different|community|your\s|another|a\s+different)"
)
#: Where a match of ``_ACCESS_RE`` can begin (see ``_scan.starts``).
_ACCESS_STARTS = _scan.starts(
    # sign language
    ("british american irish australian", r"\s+sign\s+language"),
    ("sign", r"\s+language|\s?video"),
    ("video", r"\s+relay"),
    ("interpreter", r"\s?now"),
    ("contact", r"\s?scotland[\s\-]bsl"),
    ("signed", r"\s+video"),
    ("auslan signhealth bsl asl vrs", ""),
    # relay
    ("relay", r"\s?uk|\s+(?:service|call|operator|assistant)"),
    ("text", r"\s?relay|\s?direct"),
    ("typetalk captel ngt trs", ""),
    ("next", r"\s+generation\s+text"),
    ("telecommunication", r"s?\s+relay\s+service"),
    ("ip", r"\s+relay"),
    ("internet", r"\s+protocol\s+relay"),
    ("speech", r"[\s\-]to[\s\-]speech\s+relay"),
    ("captioned", r"\s+telephone"),
    # textphone
    ("text", r"[\s\-]?phone"),
    ("minicom teletype tty tdd", ""),
    ("tele", r"(?:phone|communications?)\s+devices?\s+for\s+the\s+deaf"),
    # alternative formats
    ("large", r"[\s\-]print"),
    ("braille audio", ""),
    ("easy", r"[\s\-]read"),
    ("alternative accessible alternate other different another", r"\s+format"),
    ("format", r"s?\s+(?:that|which)\s+suits?\s+you"),
    ("translat", r"(?:ed|ions?)\s+(?:of\s+)?(?:our\s+)?" + _DOCS),
    ("document leaflet letter booklet guide publication material bill statement form factsheet", "s?" + _IN_LANGUAGES),
    ("information", _IN_LANGUAGES),
    ("this", r"\s+(?:leaflet|document|letter|booklet|guide|publication|information|form|factsheet)" + _IN_LANGUAGES),
    # interpreter
    ("a an our free telephone phone community professional qualified language", r"\s+interpret"),
    ("face", r"[\s\-]to[\s\-]face\s+interpret"),
    ("spoken foreign", r"[\s\-]language\s+interpret"),
    ("interpret", r"(?:ing|ation)\s+service"),
    ("translation", r"\s+and\s+interpreting"),
    ("language", r"\s?line|\s+assistance"),
    # other
    ("hearing induction", r"\s+loop"),
    ("loop", r"\s+system"),
    ("priority", r"\s+services?\s+register"),
    ("reasonable", r"\s+adjustment"),
    ("lip", r"[\s\-]?speaker"),
    ("palantypist", ""),
    ("speech", r"[\s\-]to[\s\-]text\s+(?:reporter|service)"),
    ("deafblind", r"\s+manual"),
    ("extra", r"\s+help"),
    # relay prefixes need no word boundary before them
    more=[("1800[0-2]", 0), ("711", 0)],
    shared=True,
)

_RELAY_711_CONTEXT = re.compile(
    r"\b(?:tty|tdd|relay|hearing|deaf|speech|dial|trs|teletype|textphone)\b", re.I
)
# A textphone label whose "number" is 711 ("TTY: 711", "TTY/711", "TDD ... Dial 711"): relay only (SPEC 8).
_TEXTPHONE_IS_711 = re.compile(
    r"(?:[\s:()/\-■]|\((?:TTY|TDD)\))*(?:(?:dial|call|phone|use)\s+)?711(?![\d\-])"
    r"(?![\s)]*(?:or|/|,)\s*[(+]?\d[\d\s().\-]{6,})",
    re.I,
)
_FORMAT_CONTEXT = re.compile(
    r"large[\s\-]print|braille|easy[\s\-]read|formats?\b|\bcds?\b|cassette|\bversions?\b|request|alternative|"
    r"accessible",
    re.I,
)
_DISABILITY_CONTEXT = re.compile(
    r"disab|deaf|hearing|sight|blind|visual|impair|accessib|vulnerab|mobility|dementia|medical|communicat",
    re.I,
)
_SIGN_BEFORE = re.compile(r"(?:\bsign\b|\bBSL\b|\bASL\b|\bdeaf|\blip)[^.\n]{0,12}$", re.I)
_LANGUAGE_NAME_BEFORE = re.compile(
    r"(?:\b(?:welsh|cymraeg|gaelic|g[aà]idhlig|irish|urdu|punjabi|hindi|bengali|somali|tamil|farsi|arabic|"
    r"polish|chinese|mandarin|cantonese|english|spanish|french|german)|\w+(?:ish|ese|ian|ic))[\s\-]+$",
    re.I,
)
_OFFER_CONTEXT = re.compile(r"\b(?:we|us|our|ask|request|need)\b", re.I)
_BRAILLE_FIXTURE_BEFORE = re.compile(
    r"\b(?:buttons?|signs?|signage|keypads?|labels?|lifts?|elevators?|menus?|plaques?|dots?)\b[^.\n]{0,12}$",
    re.I,
)
_NUMBER_UNIT_BEFORE = re.compile(r"\d\s*(?:m|ft|feet|metres|meters)\s*$", re.I)
_LIST_GLUE = re.compile(r"[\s,;/&()|]*(?:(?:and|or|and/or|und|oder)\b[\s,;/&()|]*)?", re.I)


def _sentence_window(text: str, start: int, end: int, reach: int = 100) -> str:
    left = text[max(0, start - reach) : start]
    right = text[end : end + reach]
    for sep in (". ", "\n\n"):
        cut = left.rfind(sep)
        if cut >= 0:
            left = left[cut + len(sep) :]
        stop = right.find(sep)
        if stop >= 0:
            right = right[:stop]
    return left + " " + right


def _accept(text: str, m: re.Match[str], value: str) -> str | None:
    """The value to report for a raw match, or None when the context says it is not accessibility."""
    s, e = m.start(), m.end()
    word = m.group(0)
    before = text[max(0, s - 40) : s]
    if value == "relay" and word == "711":
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        return value if _RELAY_711_CONTEXT.search(text, max(ls, s - 40), min(le, e + 40)) else None
    if value == "textphone" and _TEXTPHONE_IS_711.match(text, e, e + 40):
        return None
    if value == "sign-language":
        if word.startswith("BSL") and re.match(r"[\s\-]?[1-4]\b", text[e : e + 3]):
            return None  # biosafety level ("BSL-3 laboratory")
        if word.startswith("ASL") and _NUMBER_UNIT_BEFORE.search(before):
            return None  # above sea level
    if value == "alternative-formats" and word.lower() == "audio":
        return value if _FORMAT_CONTEXT.search(_sentence_window(text, s, e)) else None
    if value == "interpreter":
        if word.startswith(("Language", "language")) and _LANGUAGE_NAME_BEFORE.search(before):
            return None  # "Welsh Language Line": a line for another language
        if _SIGN_BEFORE.search(before):
            return "sign-language"
    if value == "other" and word.lower().startswith("extra"):
        return value if _DISABILITY_CONTEXT.search(_sentence_window(text, s, e)) else None
    if value == "other" and word.lower().startswith("reasonable"):
        return value if _OFFER_CONTEXT.search(_sentence_window(text, s, e)) else None
    if (
        value == "alternative-formats"
        and word.lower() == "braille"
        and _BRAILLE_FIXTURE_BEFORE.search(before)
    ):
        return None  # "lift buttons in Braille": signage, not a format the customer can ask for
    return value


def find_accessibility(text: str) -> list[Match]:
    """Accessibility options mentioned in ``text``, one match per mention (a list of one kind, such as
    "large print, braille or audio", is one match).

    Values: ``relay`` (Relay UK, Text Relay, NGT, 18001/18002, 711 with a relay/TTY context, TRS),
    ``textphone`` (textphone, TTY, TDD, minicom), ``sign-language`` (BSL, ASL, sign language
    interpreters, SignVideo, video relay, VRS), ``alternative-formats`` (large print, braille, audio
    formats, easy read, other formats, translated documents), ``interpreter`` (spoken-language
    interpreting, Language Line) and ``other`` (hearing loops, Priority Services Register, reasonable
    adjustments, lipspeakers, extra help for disabled customers). Language-selection links and lines
    for another language are not accessibility options.
    """
    out: list[Match] = []
    for m in _scan.find_in_windows(_ACCESS_RE, _ACCESS_STARTS, text, _WINDOWS):
        group = m.lastgroup
        if group is None:
            continue
        value = _accept(text, m, group.replace("_", "-"))
        if value is None:
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.value == value:
            glue = _LIST_GLUE.match(text, prev.end)
            if glue is not None and glue.end() == m.start() and m.start() - prev.end <= 14:
                out[-1] = Match("accessibility", value, prev.start, m.end())
                continue
        out.append(Match("accessibility", value, m.start(), m.end()))
    return out
