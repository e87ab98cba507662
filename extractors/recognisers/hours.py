"""Opening-hours statements in free text and day tables, as canonical OSM opening_hours values."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from extractors.recognisers import Match, _scan

__all__ = ["canonical_osm", "find_hours", "hours_from_table", "normalise_osm"]

# A day's opening: minutes from midnight, ``end`` may be 1440 (24:00) or below ``start`` (past midnight).
Interval = tuple[int, int]

_DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_ALL_DAYS = frozenset(range(7))

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

_DAY_WORDS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("monday", "mon", "montag", "mo"),
        ("tuesday", "tue", "tues", "dienstag", "tu", "di"),
        ("wednesday", "wed", "weds", "mittwoch", "we", "mi"),
        ("thursday", "thu", "thur", "thurs", "donnerstag", "th", "do"),
        ("friday", "fri", "freitag", "fr"),
        ("saturday", "sat", "samstag", "sonnabend", "sa"),
        ("sunday", "sun", "sonntag", "so", "su"),
    )
):
    for _n in _names:
        _DAY_WORDS[_n] = _i

# IANA zone for the zones documents state next to their hours.
_TZ_ABBR: dict[str, str | None] = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HST": "Pacific/Honolulu",
    "GMT": "Europe/London",
    "BST": "Europe/London",
    "UTC": "UTC",
    "CET": "Europe/Berlin",
    "CEST": "Europe/Berlin",
    "MEZ": "Europe/Berlin",
    "MESZ": "Europe/Berlin",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
    "AET": "Australia/Sydney",
    "ACST": "Australia/Adelaide",
    "ACDT": "Australia/Adelaide",
    "AWST": "Australia/Perth",
    "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland",
}
_TZ_WORDS: dict[str, str | None] = {
    "eastern": "America/New_York",
    "central": "America/Chicago",
    "mountain": "America/Denver",
    "pacific": "America/Los_Angeles",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "uk": "Europe/London",
    "british": "Europe/London",
    "london": "Europe/London",
    "greenwich": "Europe/London",
    "irish": "Europe/Dublin",
    "central european": "Europe/Berlin",
    "german": "Europe/Berlin",
    "australian eastern": "Australia/Sydney",
    "local": None,
}

_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)"
)
_D2 = r"(?-i:Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So|PH)\.?"
_D2_SEP = r"\s*(?:[-–—,/&+]|bis\b|und\b|to\b)\s*"
_DAY_FULL = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
    r"|(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)s?"
)
_DAY_ABBR = r"(?:mon|tues?|thu(?:rs?)?|fri|(?-i:Wed|WED|Weds|Sat|SAT|Sun|SUN))\.?"

# Tried only where ``_MASTER_STARTS`` says a token can begin: a new alternative needs its words there.
_MASTER = re.compile(
    rf"""
    (?:(?<!\w)|(?<=\\[nrt]))(?=\d)(?:        # tokens that start with a digit
        (?P<alld>
            (?:7\s+days\s+(?:a|per|each|of\s+the)\s+week|365\s+days\s+(?:a|per)\s+year)
          | 7\s+days(?=\s*(?:[.,;)]|$))
        )
      | (?P<bar>                              # barriers: phone numbers, dates, durations, prices
            \d{{2,5}}[ .-]\d{{3,4}}[ .-]\d{{3,4}}
          | \d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b
          | \d{{4}}-\d{{2}}-\d{{2}}
          | \d+(?:[.,]\d+)?(?:\s*(?:-|–|to|or)\s*\d+)?\s*
            (?:working\s+|business\s+|calendar\s+|clear\s+)?
            (?:days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|seconds?|secs?|people|persons|percent)\b
            (?<!24\shours)(?<!24\shrs)(?<!24hours)(?<!24hrs)(?!\s+(?:a|per|each)\s+(?:day|week|year)\b)
          | \d+\s?%
        )
      | (?P<h24d>
            24\s?/\s?7(?:\s?/\s?365)? | 24\s?x\s?7
          | 24\s?(?:hours|hrs|h)\s+(?:a|per|each)\s+day
          | 24[-\s]?(?:hours?|hrs?|h)
            (?=[-\s](?:help|phone|tele|hot|support|service|emergency|advice|customer|line))
          | 24\s+stunden(?:\s+am\s+tag)?
        )
      | (?P<dated>
            \d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTHS}\b
          | \d{{1,2}}(?:st|nd|rd|th)\b
        )
      | (?P<time>
            (?P<th>\d{{1,2}})(?:[:.](?P<tm>[0-5]\d))?\s?(?P<mer>[ap])(?:\.\s?m\b\.?|m\b|\.(?=\s|$))
          | (?P<hh>\d{{1,2}})[:.h](?P<hm>[0-5]\d)(?!\d)(?:\s?(?P<hsuf>uhr|hrs?|h)\b)?
          | (?P<h4>[01]\d|2[0-4])(?P<m4>[0-5]\d)(?!\d)(?:\s?(?P<h4suf>uhr|hrs?|h)\b)?
          | 12\s?(?P<noon12>noon|midday|mittag)\b
          | 12\s?(?P<mid12>midnight|mitternacht)\b
        )
      | (?P<money>\d[\d,.]*\s?(?:€|eur\b|euro\b|pence\b|p\b|ppm\b|c\b|ct\b|cents?\b))
      | (?P<num>(?<![\d.,:])(?P<nh>\d{{1,2}})(?![\d.,:]\d)(?:\s?(?P<nsuf>uhr|h|hrs)\b)?)
    )
  | (?:(?<!\w)|(?<=\\[nrt]))(?=[^\W\d_])(?:  # tokens that start with a letter
        (?P<h24w>
            (?:open|available|staffed|answered|manned|operat(?:es|ing)|running|there)\s+24\s?(?:hours|hrs|h)\b
            (?!\s+(?:a|per|each)\s+day)
          | (?:a)?round[-\s]the[-\s]clock(?:\s+(?:a|per|each)\s+day)? | rund\s+um\s+die\s+uhr
          | any\s?time,?\s+(?:of\s+the\s+)?day\s+or\s+night
        )
      | (?P<allw>
            seven\s+days(?:\s+(?:a|per|each|of\s+the)\s+week|(?=\s*(?:[.,;)]|$)))
          | every\s?day | each\s+day | daily\b | all\s+week(?:\s+long)? | täglich
          | (?:mon|monday)\s*[-–—]\s*(?:sun|sunday)\b
        )
      | (?P<datew>
            {_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b
          | (?:christmas|boxing|new\s+year'?s?)\s+(?:day|eve)\b | christmas\b | easter\b | thanksgiving\b
        )
      | (?P<timew>(?P<noon>noon|midday|mittag)\b|(?P<midnight>midnight|mitternacht)\b)
      | (?P<tz>
            (?P<tzw>central\s+european|australian\s+eastern|eastern|central|mountain|pacific|alaska|hawaii
                |uk|british|london|greenwich|irish|german|local)
            (?:\s+(?:standard|daylight|summer|mean))?\s+time\b
          | (?P<tza>(?-i:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|GMT|BST|UTC|CET|CEST|MEZ
                |MESZ|AEST|AEDT|AET|ACST|ACDT|AWST|NZST|NZDT))\b
        )
      | (?P<ph>(?-i:PH)\b|(?:bank|public|national|federal|statutory|legal)\s+holidays?
            |(?:gesetzlichen\s+)?feiertag(?:en|e|s)?)
      | (?P<day>
            (?:{_DAY_FULL})\b
          | {_DAY_ABBR}(?![\w'’])
          | {_D2}(?:{_D2_SEP}{_D2})+(?!\w)
          | {_D2}(?=:?\s*\d|\s+(?:off|closed)\b)
        )
      | (?P<wkd>week\s?days|werktags|(?:business|working)\s+days|montags?\s+bis\s+freitags?)
      | (?P<wke>(?:the\s+)?week\s?ends?|(?:am\s+)?wochenenden?)
      | (?P<closed>closed|geschlossen|not\s+open|(?-i:off)\b)
      | (?P<except>except(?:\s+(?:for|on))?|excluding|excl\.?|apart\s+from|other\s+than
            |with\s+the\s+exception\s+of|außer|ausgenommen|not\s+including)
      | (?P<incl>including|incl\.?|inclusive\s+of|einschließlich|inkl\.?)
      | (?P<between>between|zwischen)
      | (?P<rngw>(?:to|till|til|until|through|thru|bis)\b)
      | (?P<andw>(?:and|und)\b)
    )
  | (?P<bars>\+\d[\d ]{{7,}}\d|\(\d{{3}}\)\s?\d{{3}}-\d{{4}}|[£$€]\s?\d[\d,.]*)
  | (?P<rng>[-–—~→])
  | (?P<and>[&+/])
    """,
    re.IGNORECASE | re.VERBOSE,
)
_GROUP_KIND = {
    "bar": "bar",
    "bars": "bar",
    "money": "bar",
    "h24d": "h24",
    "h24w": "h24",
    "alld": "all",
    "allw": "all",
    "dated": "date",
    "datew": "date",
    "time": "time",
    "timew": "time",
    "num": "num",
    "tz": "tz",
    "ph": "ph",
    "day": "day",
    "wkd": "wkd",
    "wke": "wke",
    "closed": "closed",
    "except": "except",
    "incl": "incl",
    "between": "between",
    "rngw": "rng",
    "rng": "rng",
    "andw": "and",
    "and": "and",
}

# Cheap pre-filter: every hours statement has a clock time, a "24/7"-like marker or a number range; a
# bare range ("9-5", also dates and phone numbers) or a lone "10:45" counts only with a day word nearby.
# Tried only where ``_anchors`` says a match can begin (a digit it names, or one of ``_ANCHOR_WORDS``).
_ANCHOR = re.compile(
    r"(?P<strong>\d(?:\s?[aApP]\.?\s?[mM]\b|[:.hH]\d\d\s*(?:[-–—~]|to\b|till|til\b|until|and\b|bis\b)\s*\d"
    r"|\s?[/xX]\s?7|\s?-?(?:hours|hrs|Uhr|Stunden))|[Nn]oon|[Mm]id(?:night|day)|clock|Mitternacht"
    r"|day or night|[Rr]und um die Uhr)"
    r"|\d(?:\s?(?:[-–—~]|to\b|till|til\b|until|bis\b|and\b)\s?\d|[:.]\d\d)"
)
_DAYISH = re.compile(  # what ``_Dayish`` answers from the places of its words
    r"(?i:mon|tue|wed|thu|fri|sat|sun|week|daily|every|werktag|täglich)|(?-i:Mo|Di|Mi|Do|Fr|Sa|So)\b"
)

# The words and digits a match of ``_MASTER`` can begin with (see ``_scan.starts``).
_D2_LOW = "(?:mo|tu|we|th|fr|sa|su|di|mi|do|so|ph)"
_TOKEN_WORDS: tuple[tuple[str, str], ...] = (
    (r"\d", ""),
    # round the clock, every day
    ("open available staffed answered manned operates operating running there", r"\s+24"),
    ("around round", r"[-\s]the"),
    ("rund", r"\s+um"),
    ("any", r"\s?time"),
    ("seven", r"\s+days"),
    ("every", r"\s?day"),
    ("each", r"\s+day"),
    ("all", r"\s+week"),
    # days, dates, times of day, time zones, holidays
    (
        "mon tue wed thu fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag daily "
        "täglich christmas easter thanksgiving noon midday mittag midnight mitternacht feiertag week werktags "
        "wochenende",
        "",
    ),
    (
        "mo tu we th fr sa su di mi do so ph",
        rf"\.?(?:\s*(?:[-–—,/&+]|bis|und|to)\s*{_D2_LOW}|:?\s*\d|\s+(?:off|closed))",
    ),
    (
        "january february march april may june july august september october november december jan feb mar apr "
        "jun jul aug sep sept oct nov dec januar februar märz mai juni juli oktober dezember",
        r"\.?\s+\d",
    ),
    ("boxing", r"\s+(?:day|eve)"),
    ("new", r"\s+year"),
    (
        "central australian eastern mountain pacific alaska hawaii uk british london greenwich irish german local",
        r"(?:\s+(?:european|eastern))?(?:\s+(?:standard|daylight|summer|mean))?\s+time",
    ),
    (
        "et est edt ct cst cdt mt mst mdt pt pst pdt akst akdt hst gmt bst utc cet cest mez mesz aest aedt aet acst "
        "acdt awst nzst nzdt ph off to till til until through thru bis and und",
        r"\b",
    ),
    ("bank public national federal statutory legal", r"\s+holiday"),
    ("gesetzlichen", r"\s+feiertag"),
    ("business working", r"\s+days"),
    ("the", r"\s+week"),
    ("am", r"\s+wochenende"),
    # closed, except, including, between
    ("closed geschlossen except excluding excl außer ausgenommen including incl einschließlich inkl", ""),
    ("between zwischen", ""),
    ("not", r"\s+(?:open|including)"),
    ("apart", r"\s+from"),
    ("other", r"\s+than"),
    ("with", r"\s+the\s+exception"),
    ("inclusive", r"\s+of"),
)
#: Where a match of ``_MASTER`` can begin: a digit or word after a word boundary or an escape ("\nMonday"
#: in JSON), or one of the symbols.
_MASTER_STARTS = _scan.starts(
    *_TOKEN_WORDS,
    more=[(rf"\\[nrt](?={_scan.alternation(*_TOKEN_WORDS)})", 2), ("[+(£$€\\-–—~→&/]", 0)],
)

# Where an ``_ANCHOR`` match can begin: the last digit of a run followed by what one of its digit
# alternatives needs next, or one of its words.
_ANCHOR_AFTER_DIGIT = re.compile(r"\s?[aApP:.hH/xX\-–—~tubUS]")
# The words are looked for in lower case (and found in the stem index): a place "NOON" adds is tried and fails.
_ANCHOR_WORDS = ("noon", "midnight", "midday", "clock", "mitternacht", "day or night", "rund um die uhr")
# ``_DAYISH`` as literal words: case-insensitive ones, and case-sensitive ones followed by a word boundary.
_DAYISH_WORDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "week", "daily", "every", "werktag", "täglich")
_DAYISH_CODES = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_WORD_CHAR = re.compile(r"\w")

# Markup and escapes left in text (``<br>``, ``\n`` in JSON strings) count as line breaks between tokens.
_MARKUP = re.compile(r"<[^<>]{0,80}>|\\[nrt]|&nbsp;")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_FILLERS = frozenset(
    """on from between and or the at are is we we're were re open opening opens lines line hours hour times
    our also then only in by as for of a an it its it's also available until till to with every each
    am um von ab bis und geöffnet öffnungszeiten sind wir telefonisch erreichbar uhr""".split()
)
# Words that mean the times are not when a channel is open (outbound calls, deliveries, replies, events).
_NEG = re.compile(
    r"\b(?:(?:call|ring|phone|contact|text|visit)(?:s|ing|ed)?\s+you|we(?:\s+(?:may|might|will|could|would)|['’]ll)"
    r"\s+(?:call|ring|phone|contact|try)|deliver(?:y|ies|ed|s)?|dispatch(?:ed|es)?|shipping|shipped|collect(?:ion|ed)?"
    r"|repl(?:y|ies|ied)|respond(?:s|ed)?|responses?|appointments?|engineers?|installers?|arriv(?:e|al|es)"
    r"|events?|webinars?|meetings?|sessions?|class(?:es)?|lectures?|ceremon(?:y|ies)|starts?|begins?|kick[-\s]?off"
    r"|maintenance|outages?|downtime|unavailable|breakfast|dinner|served|check[-\s]?(?:in|out)|depart(?:s|ure)?"
    r"|trains?|bus(?:es)?|flights?|visiting|parking|festival|concerts?|match|race|published|posted|updated"
    r"|tomorrow|yesterday|tonight|last\s+(?:week|night)|next\s+week|quiet\s+hours|curfew"
    r"|only\s+(?:call|ring|phone|dial)(?!\s+us)|do\s+not\s+(?:call|ring|phone|dial)|call\s+lists?|outbound"
    r"|telemarketing|(?:calling|dialling|dialing)\s+(?:hours|times|window))\b",
    re.IGNORECASE,
)
# Words that make times without days an hours statement ("Lines are open 8am to 8pm").
_OPEN_CUE = re.compile(
    r"\b(?:open|opening|lines?|available|staffed|hours|call|phone|ring|telephone|tel|contact\s+us|helpline"
    r"|reach\s+us|speak\s+to\s+us|erreichbar|geöffnet|öffnungszeiten|sprechzeiten)\b",
    re.IGNORECASE,
)
# After "24/7" with no days: what is round the clock must be a channel ("24/7 support is available").
_TRAIL_CUE = re.compile(
    r"\W{0,3}(?:[\w-]+\s+){0,2}?(?:support|helplines?|lines?|calls?|calling|phones?|telephone|available|open|advice"
    r"|emergenc(?:y|ies)|chat|team|staffed|assistance|help|contact|erreichbar|geöffnet|hotline)\b"
    # or a number to call straight after it ("24/7 at (312) 555-0187", "rund um die Uhr: +49 30 ...")
    r"|\W{0,4}(?:(?:at|on|via|unter)\s+)?[+(]?\d[\d\s().-]{5,}\d",
    re.IGNORECASE,
)
_CHANNEL_WORDS = frozenset(
    """webchat chat email e-mail mail phone telephone calls call textphone whatsapp sms text post office
    offices branch branches shop store stores team helpline hotline messenger live""".split()
)


# --------------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Time:
    hour: int
    minute: int
    mer: str | None  # "a" / "p"
    definite: bool  # a 24-hour clock reading (20:00, 08:00, 0800, 17 Uhr)
    special: str | None = None  # "noon" / "midnight"


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    start: int
    end: int
    days: frozenset[int] = frozenset()
    ph: bool = False
    time: _Time | None = None
    tz: str | None = None
    suffix: bool = False  # a bare number written with "Uhr"/"h"


def _compact_days(s: str) -> tuple[frozenset[int], bool]:
    """Days of a compact selector such as ``Mo-Fr``, ``Mo.-Fr.``, ``Sa,Su``, ``Mo, We und Fr``, ``Sa,PH``."""
    parts = re.findall(r"(Mo|Tu|We|Th|Fr|Sa|Su|Di|Mi|Do|So|PH)\.?|([-–—]|bis|to)", s)
    days: set[int] = set()
    ph = False
    prev: int | None = None
    ranged = False
    for code, sep in parts:
        if sep:
            ranged = prev is not None
            continue
        if code == "PH":
            ph, prev = True, None
            continue
        d = _DAY_WORDS[code.lower()]
        if ranged and prev is not None:
            days.update(_day_range(prev, d))
        else:
            days.add(d)
        prev, ranged = d, False
    return frozenset(days), ph


def _day_range(a: int, b: int) -> list[int]:
    if a <= b:
        return list(range(a, b + 1))
    return list(range(a, 7)) + list(range(0, b + 1))  # Fr-Mo wraps


def _day_of(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w.endswith("s") and w[:-1] in _DAY_WORDS and len(w) > 4:
        w = w[:-1]
    return _DAY_WORDS.get(w)


def _make_token(m: re.Match[str]) -> _Tok | None:
    kind = _GROUP_KIND.get(m.lastgroup or "")
    s, e = m.span()
    if kind is None:
        return None
    if kind == "bar":
        return _Tok("bar", s, e)
    if kind == "date":
        return _Tok("date", s, e)
    if kind == "h24":
        txt = m.group().replace(" ", "")
        every_day = "/7" in txt or "x7" in txt.lower()
        return _Tok("h24", s, e, days=_ALL_DAYS if every_day else frozenset())
    if kind == "all":
        return _Tok("day", s, e, days=_ALL_DAYS)
    if kind == "wkd":
        return _Tok("day", s, e, days=frozenset(range(5)))
    if kind == "wke":
        return _Tok("day", s, e, days=frozenset((5, 6)))
    if kind == "ph":
        return _Tok("day", s, e, ph=True)
    if kind == "day":
        txt = m.group()
        d = _day_of(txt)
        if d is not None:
            return _Tok("day", s, e, days=frozenset((d,)))
        days, ph = _compact_days(txt)
        return _Tok("day", s, e, days=days, ph=ph) if days or ph else None
    if kind == "tz":
        if m.group("tza"):
            return _Tok("tz", s, e, tz=_TZ_ABBR.get(m.group("tza")))
        word = re.sub(r"\s+", " ", (m.group("tzw") or "").lower())
        return _Tok("tz", s, e, tz=_TZ_WORDS.get(word))
    if kind == "time":
        return _Tok("time", s, e, time=_time_of(m))
    if kind == "num":
        h = int(m.group("nh"))
        suffix = m.group("nsuf") is not None
        if h > 24:
            return None
        return _Tok("time", s, e, time=_Time(h, 0, None, h > 12 or suffix), suffix=suffix)
    if kind in ("closed", "except", "incl", "between", "rng", "and"):
        return _Tok(kind, s, e)
    return None


def _time_of(m: re.Match[str]) -> _Time | None:
    if m.group("th"):
        h, mm = int(m.group("th")), int(m.group("tm") or 0)
        if not 0 <= h <= 12:
            return None
        return _Time(h, mm, m.group("mer").lower(), False)
    if m.group("hh"):
        raw = m.group("hh")
        h, mm = int(raw), int(m.group("hm"))
        if h > 24:
            return None
        definite = h > 12 or h == 0 or raw.startswith("0") or m.group("hsuf") is not None
        return _Time(h, mm, None, definite)
    if m.group("h4"):
        h, mm = int(m.group("h4")), int(m.group("m4"))
        if mm not in (0, 15, 30, 45) and m.group("h4suf") is None:
            return None
        return _Time(h, mm, None, True)
    if m.group("noon") or m.group("noon12"):
        return _Time(12, 0, "p", True, "noon")
    if m.group("midnight") or m.group("mid12"):
        return _Time(0, 0, "a", True, "midnight")
    return None


def _tokens(text: str, lo: int, hi: int) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _scan.finditer(_MASTER, _MASTER_STARTS, text, _scan.folded(text), lo, hi):
        tok = _make_token(m)
        if tok is None or (tok.kind == "time" and tok.time is None):
            out.append(_Tok("bar", m.start(), m.end()))
        else:
            out.append(tok)
    return out


# --------------------------------------------------------------------------------------------------
# Time ranges
# --------------------------------------------------------------------------------------------------


def _minutes(t: _Time, mer: str | None) -> int:
    h = t.hour % 12 if mer else t.hour
    if mer == "p":
        h += 12
    return h * 60 + t.minute


def _resolve(a: _Time, b: _Time) -> Interval | None:
    """Minutes for a written range; bare numbers read as business hours ("8 to 6" is 08:00-18:00)."""
    if a.special == "midnight":
        start = 0
    elif a.special == "noon":
        start = 720
    elif a.mer or a.definite:
        start = _minutes(a, a.mer)
    else:
        start = -1
    explicit_a = start >= 0
    if b.special == "midnight":
        end = 1440
    elif b.special == "noon":
        end = 720
    elif b.mer or b.definite:
        end = _minutes(b, b.mer)
        if end == 0 and (b.mer or b.definite):
            end = 1440
    else:
        end = -1
    explicit_b = end >= 0
    if not explicit_a and not explicit_b:
        if not 1 <= a.hour <= 12 or not 1 <= b.hour <= 12:
            return None
        start = _minutes(a, "p" if 1 <= a.hour <= 5 or a.hour == 12 else "a")
        cands = [_minutes(b, "a"), _minutes(b, "p")]
        later = [c for c in cands if c > start]
        if not later:
            return None
        end = min(later)
    elif not explicit_a:
        if a.hour > 12:
            return None
        # Take the start's am/pm that puts it before the end ("9-5pm" is 09:00-17:00).
        cands = [_minutes(a, b.mer)] if b.mer else []
        cands += (
            [_minutes(a, "p"), _minutes(a, "a")]
            if 1 <= a.hour <= 5 or a.hour == 12
            else [_minutes(a, "a"), _minutes(a, "p")]
        )
        before = [c for c in cands if c < end]
        if not before:
            return None
        start = before[0]
    elif not explicit_b:
        if b.hour > 12:
            return None
        cands = [_minutes(b, "a"), _minutes(b, "p"), 1440 if b.hour == 12 else -1]
        later = [c for c in cands if c > start]
        if not later:
            return None
        end = min(later)
    if start == end or not 0 <= start < 1440 or not 0 < end <= 1440:
        return None
    if end < start and not (explicit_a and explicit_b):
        return None
    return (start, end)


# --------------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    kind: str  # "D" days, "T" times, "C" closed, "X" except, "I" including
    start: int
    end: int
    days: frozenset[int] = frozenset()
    ph: bool = False
    intervals: tuple[Interval, ...] = ()
    every_day: bool = False  # 24/7 written as such
    dated: bool = False
    bare: bool = False  # times written without am/pm or a 24-hour clock ("9-5")


def _gap(text: str, a: _Tok, b: _Tok) -> str:
    return text[a.end : b.start]


def _is_comma_gap(g: str) -> bool:
    return g.strip() in (",", ";", ":", "") and "\n\n" not in g


def _parse_items(text: str, toks: Sequence[_Tok]) -> list[_Item]:
    """Group tokens into day groups, time groups and closure markers."""
    items: list[_Item] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.kind == "day":
            days, ph, j = set(t.days), t.ph, i
            single = len(t.days) == 1 and not t.ph
            while j + 1 < n:
                nxt = toks[j + 1]
                g = _gap(text, toks[j], nxt)
                if (
                    nxt.kind == "rng"
                    and single
                    and j + 2 < n
                    and toks[j + 2].kind == "day"
                    and len(toks[j + 2].days) == 1
                    and len(_gap(text, nxt, toks[j + 2]).strip()) == 0
                    and len(g.strip()) == 0
                ):
                    a = next(iter(toks[j].days))
                    b = next(iter(toks[j + 2].days))
                    days.update(_day_range(a, b))
                    j += 2
                    single = False
                    continue
                if nxt.kind == "and" and j + 2 < n and toks[j + 2].kind == "day" and not g.strip():
                    after = toks[j + 2]
                    days.update(after.days)
                    ph = ph or after.ph
                    single = len(after.days) == 1 and not after.ph
                    j += 2
                    continue
                if (
                    nxt.kind == "day"
                    and _is_comma_gap(g)
                    and "," in g
                    and not _followed_by_time(toks, j + 1, items)
                ):
                    days.update(nxt.days)
                    ph = ph or nxt.ph
                    single = len(nxt.days) == 1 and not nxt.ph
                    j += 1
                    continue
                break
            item = _Item("D", t.start, toks[j].end, days=frozenset(days), ph=ph)
            if (
                j + 1 < n
                and toks[j + 1].kind == "date"
                and len(_gap(text, toks[j], toks[j + 1]).strip(" ,")) == 0
            ):
                item.dated = True
            items.append(item)
            i = j + 1
            continue
        if t.kind in ("time", "between"):
            got = _parse_time_group(text, toks, i)
            if got is None:
                i += 1
                continue
            item, j = got
            items.append(item)
            i = j
            continue
        if t.kind == "h24":
            items.append(_Item("T", t.start, t.end, intervals=((0, 1440),), every_day=bool(t.days)))
        elif t.kind == "closed":
            items.append(_Item("C", t.start, t.end))
        elif t.kind == "except":
            items.append(_Item("X", t.start, t.end))
        elif t.kind == "incl":
            items.append(_Item("I", t.start, t.end))
        i += 1
    return items


def _followed_by_time(toks: Sequence[_Tok], k: int, items: Sequence[_Item]) -> bool:
    """After times, "8am-8pm Mon-Fri, Sat 9-5": a day directly followed by times starts a new pair."""
    if not items or items[-1].kind != "T":
        return False
    return k + 1 < len(toks) and toks[k + 1].kind in ("time", "between", "h24")


def _range_at(text: str, toks: Sequence[_Tok], i: int, between: bool) -> tuple[Interval, int] | None:
    """A time range starting at token ``i``: ``t1 (to|-|and) t2``."""
    n = len(toks)
    if i + 2 >= n:
        return None
    a, c, b = toks[i], toks[i + 1], toks[i + 2]
    if a.kind != "time" or b.kind != "time" or a.time is None or b.time is None:
        return None
    is_and = c.kind == "and" and text[c.start : c.end].lower() in ("and", "und")
    explicit = bool(a.time.mer and b.time.mer)  # "8am and 8pm, Monday to Friday"
    if not (c.kind == "rng" or (is_and and (between or explicit))):
        return None
    if len(_gap(text, a, c)) > 3 or len(_gap(text, c, b)) > 3:
        return None
    ta, tb = a.time, b.time
    if b.suffix and not ta.mer and not ta.definite:  # "9-17 Uhr"
        ta = _Time(ta.hour, ta.minute, None, True)
    bare = not (ta.mer or ta.definite or tb.mer or tb.definite)
    iv = _resolve(ta, tb)
    if iv is None:
        return None
    if (
        bare
        and (a.time.minute or b.time.minute)
        and "." in text[a.start : b.end]
        and "," in text[a.start : b.end]
    ):
        return None
    return iv, i + 3


def _parse_time_group(text: str, toks: Sequence[_Tok], i: int) -> tuple[_Item, int] | None:
    between = toks[i].kind == "between"
    k = i + 1 if between else i
    got = _range_at(text, toks, k, between)
    if got is None:
        return None
    iv, j = got
    intervals = [iv]
    bare = all(t.time is None or not (t.time.mer or t.time.definite or t.time.special) for t in toks[k:j])
    end = toks[j - 1].end
    while j < len(toks):
        nxt = toks[j]
        g = _gap(text, toks[j - 1], nxt)
        start = j
        if nxt.kind == "and" and not g.strip():
            start = j + 1
        elif not (_is_comma_gap(g) and "," in g):
            break
        if start < len(toks) and toks[start].kind == "between":
            more = _range_at(text, toks, start + 1, True)
        else:
            more = _range_at(text, toks, start, False)
        if more is None:
            break
        iv2, j2 = more
        last = intervals[-1]
        if not (last[1] <= iv2[0] and last[0] < last[1]):  # lists only increasing, separate ranges
            break
        intervals.append(iv2)
        end = toks[j2 - 1].end
        j = j2
    return _Item("T", toks[i].start, end, intervals=tuple(intervals), bare=bare), j


@dataclass(slots=True)
class _Week:
    days: dict[int, tuple[Interval, ...]] = field(default_factory=dict)
    ph: tuple[Interval, ...] | None = None  # None: not stated; (): closed
    spans: list[tuple[int, int]] = field(default_factory=list)
    assumed_days: bool = False

    def assign(self, d: _Item, t: _Item) -> None:
        """Give days their hours: a later range adds to a day's when apart, replaces it when overlapping."""
        for day in d.days:
            self.days[day] = _combine(self.days.get(day, ()), t.intervals)
        if d.ph:
            self.ph = _combine(self.ph or (), t.intervals)
        self.spans += [(d.start, d.end), (t.start, t.end)]

    def close(self, d: _Item, marker: _Item) -> None:
        for day in d.days:
            self.days[day] = ()
        if d.ph:
            self.ph = ()
        self.spans += [(d.start, d.end), (marker.start, marker.end)]

    @property
    def is_open(self) -> bool:
        return any(self.days.values()) or bool(self.ph)


def _combine(old: Sequence[Interval], new: Sequence[Interval]) -> tuple[Interval, ...]:
    """ "Mon-Sat 11am-2:30pm / Mon-Thu 5pm-9:30pm" adds; "Mon-Fri 9-5, Wed 10-5" overrides Wednesday."""
    if not old or not new:
        return tuple(new)
    for s1, e1 in old:
        for s2, e2 in new:
            if s1 < e1 and s2 < e2 and s1 < e2 and s2 < e1:
                return tuple(new)
    return tuple(old) + tuple(new)


def _binds_forward(text: str, t: _Item, d: _Item, items: Sequence[_Item], k: int) -> bool:
    """In "22:00-02:00; Tu 12:00-14:00" a day right before its own times does not end the previous rule."""
    nxt = items[k] if k < len(items) else None
    if nxt is None or nxt.kind != "T":
        return False
    before, after = text[t.end : d.start], text[d.end : nxt.start]
    return (";" in before or "\n" in before) and after.strip(" :\t") == ""


def _interpret(text: str, items: Sequence[_Item], times_only_ok: bool) -> _Week | None:
    """Pair day groups with time groups (either order) and apply closures; None when no hours result."""
    week = _Week()
    pending_d: _Item | None = None
    pending_t: _Item | None = None
    last_d: _Item | None = None
    close_next: _Item | None = None
    include_next = False
    saw_days = False
    k = 0
    while k < len(items):
        it = items[k]
        k += 1
        if it.kind == "D":
            saw_days = saw_days or bool(it.days)
            if it.dated:
                pending_d = pending_t = None
                continue
            if include_next:
                include_next = False
                if not it.days:
                    week.spans.append((it.start, it.end))
                    continue
            if close_next is not None:
                week.close(it, close_next)
                close_next = None
                continue
            if pending_t is not None and not _binds_forward(text, pending_t, it, items, k):
                week.assign(it, pending_t)
                last_d, pending_t = it, None
                continue
            pending_d = it
        elif it.kind == "T":
            if close_next is not None:
                # "closed for lunch 1pm-2pm": take the break out of the last days given.
                if last_d is not None:
                    for day in last_d.days:
                        week.days[day] = _subtract(week.days.get(day, ()), it.intervals)
                    week.spans += [(close_next.start, close_next.end), (it.start, it.end)]
                close_next = None
                continue
            if pending_d is not None:
                week.assign(pending_d, it)
                last_d, pending_d = pending_d, None
            elif it.every_day and times_only_ok:
                week.assign(_Item("D", it.start, it.end, days=_ALL_DAYS), it)
            else:
                pending_t = it
        elif it.kind == "C":
            if pending_d is not None:
                week.close(pending_d, it)
                pending_d = None
            else:
                close_next = it
        elif it.kind == "X":
            nxt = items[k] if k < len(items) else None
            if pending_d is not None and nxt is not None and nxt.kind == "D":
                # "Monday to Friday (except bank holidays)", "every day except Sunday"
                pending_d = _Item(
                    "D", pending_d.start, pending_d.end, days=pending_d.days - nxt.days, ph=pending_d.ph
                )
                if nxt.ph:
                    week.ph = ()
                week.spans += [(it.start, it.end), (nxt.start, nxt.end)]
                k += 1
            else:
                close_next = it
        elif it.kind == "I":
            include_next = True
    if pending_t is not None and not saw_days and times_only_ok and not pending_t.bare:
        week.assign(_Item("D", pending_t.start, pending_t.start, days=_ALL_DAYS), pending_t)
        week.assumed_days = pending_t.intervals != ((0, 1440),)
    return week if week.is_open else None


def _subtract(ivs: Sequence[Interval], cut: Sequence[Interval]) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for s, e in ivs:
        pieces = [(s, e)]
        for cs, ce in cut:
            nxt: list[Interval] = []
            for ps, pe in pieces:
                if pe <= ps or ce <= ps or cs >= pe:
                    nxt.append((ps, pe))
                    continue
                if cs > ps:
                    nxt.append((ps, cs))
                if ce < pe:
                    nxt.append((ce, pe))
            pieces = nxt
        out += pieces
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# Canonical OSM
# --------------------------------------------------------------------------------------------------


def _fmt_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _fmt_days(days: Iterable[int]) -> str:
    ds = sorted(set(days))
    parts: list[str] = []
    run: list[int] = []
    for d in [*ds, 99]:
        if run and d == run[-1] + 1:
            run.append(d)
            continue
        if run:
            if len(run) >= 3:
                parts.append(f"{_DAY_CODES[run[0]]}-{_DAY_CODES[run[-1]]}")
            else:
                parts.extend(_DAY_CODES[x] for x in run)
        run = [d]
    return ",".join(parts)


def _norm_intervals(ivs: Iterable[Interval]) -> tuple[Interval, ...]:
    plain = sorted(iv for iv in ivs if iv[0] < iv[1])
    merged: list[Interval] = []
    for s, e in plain:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    wrapping = sorted(iv for iv in ivs if iv[0] > iv[1])
    return tuple(merged + wrapping)


def canonical_osm(week: Mapping[int, Sequence[Interval]], ph: Sequence[Interval] | None = None) -> str:
    """The canonical OSM value of a week (day 0 = Monday -> intervals in minutes, end may be 1440).

    Days with the same intervals share one rule; rules follow the first day (Mo..Su); runs of three or
    more days are written as ranges (``Mo-Fr``), shorter ones as lists (``Sa,Su``). ``ph`` is None when
    holidays are not mentioned, empty for ``PH off``, else the holiday hours; the PH rule comes last.
    A week open round the clock every day is ``24/7``. Nothing open gives ``off``.
    """
    norm = {d: _norm_intervals(week.get(d, ())) for d in range(7)}
    rules: list[str] = []
    if all(norm[d] == ((0, 1440),) for d in range(7)):
        rules.append("24/7")
    else:
        groups: dict[tuple[Interval, ...], list[int]] = {}
        for d in range(7):
            if norm[d]:
                groups.setdefault(norm[d], []).append(d)
        for ivs, days in sorted(groups.items(), key=lambda kv: kv[1][0]):
            rules.append(f"{_fmt_days(days)} " + ",".join(f"{_fmt_time(s)}-{_fmt_time(e)}" for s, e in ivs))
    if ph is not None:
        pivs = _norm_intervals(ph)
        rules.append("PH " + (",".join(f"{_fmt_time(s)}-{_fmt_time(e)}" for s, e in pivs) if pivs else "off"))
    return "; ".join(rules) if rules else "off"


# --------------------------------------------------------------------------------------------------
# Finding statements
# --------------------------------------------------------------------------------------------------


def _anchors(text: str) -> Iterator[re.Match[str]]:
    """``_ANCHOR.finditer(text)``, trying the pattern only where it can begin."""
    after = _ANCHOR_AFTER_DIGIT.match
    starts = [e - 1 for _, e in _scan.digit_runs(text) if after(text, e)]
    yield from _scan.match_at(_ANCHOR, text, starts + _scan.places(_scan.ascii_lower(text), _ANCHOR_WORDS))


class _Dayish:
    """Whether ``_DAYISH.search(text, lo, hi)`` finds something, answered from the places of its words."""

    def __init__(self, text: str) -> None:
        fold = _scan.folded(text)
        n = len(text)
        spans: list[tuple[int, int]] = []
        for word in _DAYISH_WORDS:
            spans += [(i, i + len(word)) for i in _scan.places(fold, (word,))]
        for code in _DAYISH_CODES:
            i = text.find(code)
            while i >= 0:
                # the code's "\b" holds after it in the text, or at the end of a window ending there
                spans.append((i, i + 2 if i + 2 >= n or not _WORD_CHAR.match(text, i + 2) else -(i + 2)))
                i = text.find(code, i + 1)
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def near(self, lo: int, hi: int) -> bool:
        spans = self.spans
        for k in range(bisect_left(self.starts, lo), len(spans)):
            start, end = spans[k]
            if start >= hi:
                break
            if 0 <= end <= hi or end == -hi:
                return True
        return False


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    dayish: _Dayish | None = None
    for m in _anchors(text):
        if m.group("strong") is None:
            dayish = dayish or _Dayish(text)
            if not dayish.near(max(0, m.start() - 60), m.end() + 60):
                continue
        lo, hi = max(0, m.start() - 180), min(n, m.end() + 180)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    snapped: list[tuple[int, int]] = []
    for lo, hi in out:
        if lo > 0:
            nl = text.rfind("\n", max(0, lo - 120), lo)
            sp = text.rfind(" ", max(0, lo - 40), lo)
            lo = nl + 1 if nl >= 0 else (sp + 1 if sp >= 0 else lo)
        if hi < n:
            sp = text.find(" ", hi, min(n, hi + 40))
            hi = sp if sp >= 0 else hi
        snapped.append((lo, hi))
    return snapped


def _joinable(text: str, a: _Tok, b: _Tok) -> bool:
    g = text[a.end : b.start]
    if len(g) > 70:
        return False
    if "<" in g or "\\" in g or "&" in g:
        g = _MARKUP.sub("\n", g)
    if not g.strip():
        return True
    words = [w.lower() for w in _WORD.findall(g)]
    if len(words) > 6:
        return False
    if _NEG.search(g):
        return False
    others = [w for w in words if w not in _FILLERS]
    if any(w in _CHANNEL_WORDS for w in others):
        return False
    if _SENTENCE_END.search(g) or "|" in g:
        return not others
    return len(others) <= 1


def _runs(text: str, toks: Sequence[_Tok]) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for t in toks:
        if t.kind == "bar":
            if cur:
                runs.append(cur)
            cur = []
            continue
        if t.kind == "date":
            if cur:
                cur.append(t)  # marks a dated day; ends the statement
                runs.append(cur)
            cur = []
            continue
        if cur and (
            not _joinable(text, cur[-1], t)
            # a sentence that is only "closed" says nothing of the days after it ("Our lines are closed. We're open")
            or (all(c.kind == "closed" for c in cur) and _SENTENCE_END.search(text, cur[-1].end, t.start))
        ):
            runs.append(cur)
            cur = []
        cur.append(t)
    if cur:
        runs.append(cur)
    return runs


def _lead_in(text: str, start: int) -> str:
    lo = max(0, start - 140)
    seg = text[lo:start]
    cut = max(seg.rfind("\n"), seg.rfind(". "), seg.rfind("! "), seg.rfind("? "))
    return seg[cut + 1 :] if cut >= 0 else seg


def _lead_in_rejects(lead: str) -> bool:
    """True when the words before the times say they are not opening hours ("we may call you between")."""
    negs = list(_NEG.finditer(lead))
    if not negs:
        return False
    cues = list(_OPEN_CUE.finditer(lead))
    return not cues or cues[-1].start() < negs[-1].end()


def _statement(text: str, run: Sequence[_Tok]) -> tuple[str, int, int, tuple[tuple[str, str], ...]] | None:
    """The canonical value, span and attrs of one run of tokens, or None when it is no hours statement."""
    items = _parse_items(text, run)
    if not any(it.kind == "T" for it in items):
        return None
    content_start = min(it.start for it in items if it.kind in ("T", "D"))
    lead = _lead_in(text, content_start)
    if _lead_in_rejects(lead):
        return None
    times_only_ok = bool(_OPEN_CUE.search(lead))
    if not times_only_ok and any(it.kind == "T" and it.intervals == ((0, 1440),) for it in items):
        last = max(it.end for it in items)
        times_only_ok = bool(_TRAIL_CUE.match(text, last, last + 40))
        if not times_only_ok:  # the sentence may run over a line break (PDF lines, "... web chat at\nurl around")
            seg = text[max(0, content_start - 140) : content_start]
            cut = max(seg.rfind("\n\n"), seg.rfind(". "), seg.rfind("! "), seg.rfind("? "), seg.rfind(".\n"))
            sentence = seg[cut + 1 :] if cut >= 0 else seg
            times_only_ok = bool(_OPEN_CUE.search(sentence)) and not _NEG.search(sentence)
    week = _interpret(text, items, times_only_ok)
    if week is None or not week.spans:
        return None
    start = min(s for s, _ in week.spans)
    end = max(e for _, e in week.spans)
    attrs: list[tuple[str, str]] = []
    for t in run:
        if t.kind == "tz" and t.start >= start - 3 and t.tz:
            attrs.append(("timezone", t.tz))
            end = max(end, t.end)
            break
    if end < len(text) and text[end : end + 1] == ")" and "(" in text[start:end]:
        end += 1
    if week.assumed_days:
        attrs.append(("days", "unstated"))
    value = canonical_osm(week.days, week.ph)
    return value, start, end, tuple(sorted(attrs))


def find_hours(text: str) -> list[Match]:
    """Opening-hours statements in ``text``, one :class:`Match` per statement, value canonical OSM.

    ``attrs`` has ``("timezone", IANA)`` when the statement names a zone, and ``("days", "unstated")``
    when it gives times without days ("Lines are open 8am to 8pm": read as every day).
    """
    if not text:
        return []
    found: list[Match] = []
    seen: set[tuple[int, int]] = set()
    for lo, hi in _windows(text):
        toks = _tokens(text, lo, hi)
        for run in _runs(text, toks):
            if not any(t.kind in ("time", "h24") for t in run):
                continue
            got = _statement(text, run)
            if got is None:
                continue
            value, start, end, attrs = got
            if (start, end) in seen:
                continue
            seen.add((start, end))
            found.append(Match("hours", value, start, end, attrs))
    found.sort(key=lambda m: m.start)
    return found


def _parse_loose(text: str) -> _Week | None:
    toks = [t for t in _tokens(text, 0, len(text)) if t.kind not in ("bar", "date")]
    items = _parse_items(text, toks)
    return _interpret(text, items, times_only_ok=True)


_OSM_DAYS = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_OSM_TIME = r"(?:[01]?\d|2[0-4]):[0-5]\d-(?:[01]?\d|2\d|3[0-6]):[0-5]\d"
_OSM_RULE = re.compile(
    rf"(?:(?P<days>{_OSM_DAYS}(?:,{_OSM_DAYS})*)(?:\s+|$))?"
    rf"(?P<times>{_OSM_TIME}(?:\s*,\s*{_OSM_TIME})*|off|closed)?\s*(?:open)?"
)
_OSM_SPLIT_ADDITIONAL = re.compile(r"(?:(?<=\d)|(?<=off)|(?<=closed)),\s*(?=(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)\b)")


def _strict_osm(value: str) -> _Week | None:
    """Simple OSM values (weekdays, PH, times, off; ``;`` overrides, ``,`` adds) with OSM semantics."""
    week = _Week()
    ph_set = False
    rules = [r.strip() for r in value.split(";")]
    if not any(rules):
        return None
    for rule in rules:
        if not rule:
            continue
        for n, part in enumerate(_OSM_SPLIT_ADDITIONAL.split(rule)):
            part = part.strip()
            if part == "24/7":
                for d in range(7):
                    week.days[d] = ((0, 1440),)
                continue
            m = _OSM_RULE.fullmatch(part)
            if m is None or not (m.group("days") or m.group("times")):
                return None
            days: set[int] = set()
            ph = False
            for sel in (m.group("days") or "Mo-Su").split(","):
                if sel == "PH":
                    ph = True
                    continue
                a, _, b = sel.partition("-")
                days.update(_day_range(_DAY_WORDS[a.lower()], _DAY_WORDS[(b or a).lower()]))
            times = m.group("times") or "00:00-24:00"
            ivs: tuple[Interval, ...] = ()
            if times not in ("off", "closed"):
                spans = []
                for iv in times.split(","):
                    a, _, b = iv.strip().partition("-")
                    ah, am = a.split(":")
                    bh, bm = b.split(":")
                    end = (int(bh) * 60 + int(bm)) % 1440 if int(bh) > 24 else int(bh) * 60 + int(bm)
                    spans.append((int(ah) * 60 + int(am), end))
                ivs = tuple(spans)
            additional = n > 0
            for d in days:
                week.days[d] = (week.days.get(d, ()) + ivs) if additional else ivs
            if ph:
                week.ph = ((week.ph or ()) + ivs) if additional and ph_set else ivs
                ph_set = True
    return week


def normalise_osm(value: str) -> str | None:
    """Canonical form of an hours value written by hand; None when it gives no hours.

    A simple OSM value (weekdays, ``PH``, times, ``off``) is read with OSM semantics (a later rule
    replaces the days it names); anything else is read as free text like :func:`find_hours` does.
    """
    week = _strict_osm(value.strip())
    if week is None:
        week = _parse_loose(value)
    if week is None or not week.is_open:
        return None
    return canonical_osm(week.days, week.ph)


def hours_from_table(rows: Sequence[tuple[str, str]]) -> str | None:
    """Hours laid out as a table of days: ``[("Monday", "8am - 8pm"), ("Sunday", "Closed")]`` -> OSM value.

    Each row is a day label (a day, a range, a list, "Weekdays", "Bank holidays") and its hours
    ("9am to 5pm", "09:00-17:30", "9am-1pm, 2pm-5pm", "Closed", "24 hours"). Rows are applied in order,
    later rows overriding earlier ones for the days they name. None when no row gives times.
    """
    week = _Week()
    for label, hours in rows:
        ltoks = [t for t in _tokens(label, 0, len(label)) if t.kind in ("day", "rng", "and")]
        ditems = [it for it in _parse_items(label, ltoks) if it.kind == "D"]
        if not ditems:
            continue
        days = frozenset().union(*(it.days for it in ditems))
        ph = any(it.ph for it in ditems)
        d = _Item("D", 0, 0, days=days, ph=ph)
        htxt = hours.strip()
        if re.fullmatch(r"(?i)\s*24\s*(?:hours|hrs|h|/7)?(?:\s+a\s+day)?\s*|open\s+24\s+hours|24/7", htxt):
            week.assign(d, _Item("T", 0, 0, intervals=((0, 1440),)))
            continue
        htoks = [t for t in _tokens(hours, 0, len(hours)) if t.kind != "day"]
        titems = _parse_items(hours, htoks)
        times = [it for it in titems if it.kind == "T"]
        if times:
            week.assign(d, _Item("T", 0, 0, intervals=tuple(iv for t in times for iv in t.intervals)))
        elif any(it.kind == "C" for it in titems) or re.search(
            r"(?i)\bclosed\b|geschlossen|^\s*[-–—]\s*$", hours
        ):
            week.close(d, _Item("C", 0, 0))
    if not week.is_open:
        return None
    return canonical_osm(week.days, week.ph)
