"""Call-cost notices in free text ("Calls cost 7p per minute plus ...", "Freephone") and footnote markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contactcheck.facts import Cost
from extractors.recognisers import Match, _scan

__all__ = ["PREMIUM_FROM_PENCE", "find_costs", "footnote_marker_after"]

#: A per-minute price at or above this (in the minor unit) is premium-rate unless the notice names an
#: 084/087 range; below it, a priced notice is a service charge (``standard``, UK 084/087, DE 0180).
PREMIUM_FROM_PENCE = 20.0
#: The same threshold for a price per call.
PREMIUM_PER_CALL_FROM_PENCE = 100.0

_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")

# --------------------------------------------------------------------------------------------------
# Pre-filter: every notice contains one of these (lower-cased) strings.
# --------------------------------------------------------------------------------------------------
_KEYS = (
    "free",
    " rate",
    "-rate",
    "cost",
    "charg",
    "/min",
    "minute",
    "ppm",
    "toll",
    "kosten",
    "gebühr",
    "gratis",
    "inclusive",
    "/anruf",
    "tarif",
)

# --------------------------------------------------------------------------------------------------
# Cue patterns
# --------------------------------------------------------------------------------------------------
_DEVICE = (
    r"(?:(?:all|any|most|uk|a|your|standard|bt|british|other|the\s+uk|uk-based)\s+){0,3}"
    r"(?:mobile\s+phones?|mobile\s+networks?|mobiles?|landlines?|fixed[-\s]lines?|phones?|networks?"
    r"|telephones?|home\s+phones?|cell\s?phones?)"
)
_DEVICES = rf"{_DEVICE}(?:\s*(?:,|and|or|&|/)\s*{_DEVICE})*"
_PRICE = (
    r"(?:£\s?(?P<gbp>\d{1,3}(?:\.\d{1,2})?)"
    r"(?!\d)|(?P<pence>\d{1,3}(?:\.\d{1,2})?)\s?(?:p\b|pence\b)(?!\s?\.?\s?m\b)"
    r"|\$\s?(?P<usd>\d{1,3}(?:\.\d{1,2})?)(?!\d)"
    r"|(?P<cents>\d{1,3}(?:[.,]\d{1,2})?)\s?(?:¢|c\b|cents?\b|ct\b)"
    r"|€\s?(?P<eur>\d{1,3}(?:[.,]\d{1,2})?)(?!\d)"
    r"|(?P<eur2>\d{1,3}(?:[.,]\d{1,2})?)\s?(?:€|eur\b|euro\b))"
)
_PERMIN = r"(?:\s*(?:per|a|an|/|each|pro|je)\s*min(?:ute)?\b|\s?ppm\b)"
_PERCALL = r"(?:\s*(?:per|a|/|each|pro|je)\s*(?:call|anruf)\b)"
_NOT_CALL_UNIT = (
    r"(?!\s*(?:a|per|/|each|every)\s*(?:month|year|week|day|kwh|unit|text|sms|message|mb|gb|litre|night)\b)"
)
_ACCESS = (
    r"(?P<access>\s*[,(]?\s*(?:plus|\+)\s+(?:your\s+|the\s+|a\s+)?"
    r"(?:(?:tele)?phone\s+company['’]?s?|(?:mobile\s+)?network(?:\s+operator)?['’]?s?|provider['’]?s?"
    r"|operator['’]?s?|service\s+provider['’]?s?|carrier['’]?s?)?\s*(?:network\s+)?"
    r"(?:access\s+(?:charges?|fees?)|extras?|charges?|call\s+charges?)\)?)?"
)
_MORE_THAN_TAIL = r"(?:\s+(?:[\w'’/]+\s+){0,7}(?:numbers?|calls?|landlines?|rates?|lines?)\b)?"

# Tried only where ``_CUE_STARTS``/``_cue_starts`` say a match can begin: a new alternative needs its words there.
_CUES = re.compile(
    rf"""
    (?<![^\W\d_])(?=[a-z£$€\d])               # a cue starts at a word start, a digit or a currency sign
    (?:
    (?P<free>
        free[-\s]?(?:phone|fone)\b(?:\s+numbers?)?
      | toll[-\s]{{0,3}}free\b
      | free[-\s]?call\b(?![-\s]?back) | free\s+calls\s+(?:from|to|on)\b
      | (?:completely\s+|totally\s+|always\s+)?(?<!feel\s)free\s+to\s+(?:call|phone|ring|dial)
            (?:\s+from\s+{_DEVICES})?
      | free\s+(?:of\s+charge\s+)?from\s+{_DEVICES}
      | free\s+on\b(?=\s*(?:\+|\(?0\d|1[-\s.]?[89]\d\d))   # "call our complaints team free on 0808 ..."
      | calls?\b(?:\s+(?:to|from|on|made|this|these|our|the|all|any|uk|numbers?|lines?|helplines?|landlines?
            |mobiles?|mobile|phones?|and|or|\d{{3,4}}))*\s+(?:are|is|will\s+be|remain|are\s+always)\s+
            (?:completely\s+|totally\s+|always\s+|also\s+)?free\b(?:\s+of\s+charge)?(?:\s+from\s+{_DEVICES})?
      | (?:this|the)\s+call\s+is\s+(?:completely\s+|totally\s+)?free\b(?:\s+of\s+charge)?
      | (?:it(?:['’]s|\s+is)|(?:this|the|our)\s+(?:number|line|helpline|hotline)\s+is)\s+
            (?:completely\s+|totally\s+|always\s+)?free(?:\s+of\s+charge)?\s+
            (?:to\s+(?:call|phone|ring)(?:\s+from\s+{_DEVICES})?|from\s+{_DEVICES})
      | free\s+(?:phone\s+|telephone\s+)?(?:number|helpline|hotline|phone\s+line|advice\s?line)s?\b
      | free\s+[a-z]+\s+(?:helpline|hotline|line)s?\b(?!\s+rental)
      | no\s+charge\s+(?:for|to)\s+(?:the\s+|your\s+)?call(?:s|ing)?\b
      | calls?\s+(?:cost|costs)\s+nothing\b(?!\s+(?:extra|more))
      | (?:kostenlos|kostenfrei|gebührenfrei|gratis)(?:e[rns]?)?\s+
            (?:aus\s+(?:dem\s+|allen\s+)?(?:deutschen\s+|dt\.\s+)?
            (?:fest|mobilfunk)?netz(?:en)?|anrufe?|hotline|rufnummer|service-?nummer|service-?hotline|telefonnummer)
      | (?<=\()\s*(?:kostenlos|kostenfrei|gebührenfrei|gratis)(?=\s*\))
      | (?:(?<=\d\s\()|(?<=\d\())free(?:\s+of\s+charge|\s+to\s+call|\s+call)?(?=\s*\))   # "0800 123 4567 (free)"
      | (?:anruf|hotline|rufnummer|servicenummer|telefonnummer)\s+(?:ist\s+)?
            (?:kostenlos|kostenfrei|gebührenfrei)
    )
  | (?P<intl>
        (?:(?:standard|normal|usual)\s+)?international\s+(?:call\s+)?(?:rates?|charges?|tariffs?)
            \s+(?:will\s+|may\s+|also\s+)?apply
      | (?:charged|billed|cost|costs)\s+at\s+(?:(?:the|your|standard|normal|usual)\s+)*international\s+
            (?:call\s+)?(?:rates?|charges?|tariffs?)
    )
  | (?P<basic>
        (?:cost|costs|are\s+charged|is\s+charged|charged|billed)\s+(?:no|never)\s+more\s+than{_MORE_THAN_TAIL}
      | never\s+cost\s+more\s+than{_MORE_THAN_TAIL}
      | (?:charged|billed|cost|costs|priced)\s+at\s+(?:the\s+|your\s+|a\s+|their\s+)?
            (?:(?:standard|normal|basic|local|national|geographic|uk|landline|usual)\s+){{1,3}}
            (?:call\s+)?(?:rates?|charges?|tariffs?)\b
      | (?:calls?\s+)?at\s+(?:the\s+)?local\s+rate\b
      | (?:standard|normal|local|national|basic|geographic|usual)\s+
            (?:(?:network|call|landline|national|uk)\s+){{0,2}}
            (?:rates?|charges?|tariffs?)\s+(?:will\s+|may\s+)?apply
      | (?:local|basic)[-\s]rate\s+(?:numbers?|calls?|lines?)\b
      | (?:zum|zu\s+den|zu\s+dem)\s+(?:normalen\s+|üblichen\s+)?(?:festnetz|orts)tarif(?:en)?\b
      | local[-\s]rate\b(?=\s*[):\]])
      | (?:included|include[sd]?|including|count(?:s|ed|ing)?|part\s+of|use[sd]?|come\s+out\s+of
            |deducted\s+from|taken\s+from)\s+(?:in\s+|within\s+|towards?\s+|from\s+|as\s+part\s+of\s+)?(?:your\s+|any\s+|the\s+)?
            (?:(?:free|inclusive|bundled|monthly)\s+)+(?:call\s+)?minutes\b
            (?:\s+(?:allowance|bundles?|packages?)(?:\s+(?:or|and)\s+(?:call\s+)?(?:packages?|bundles?))?)?
      | (?:cost|costs)\s+the\s+same\s+as\s+(?:a\s+|an\s+)?(?:calls?\s+to\s+|calling\s+)?
            (?:(?:a|an|any|other|standard|normal|uk|local|national|geographic|regular)\s+){{0,3}}
            (?:landlines?|01|02|geographic|local|national|standard|regular)\b
            (?:\s+(?:(?:or|and)\s+0[12]\s+)?(?:numbers?|calls?|landlines?|number))?
      | (?:charged|billed)\s+(?:the\s+same\s+as|as)\s+(?:a\s+)?
            (?:standard|normal|local|national|geographic)\s+
            (?:landline\s+)?calls?
    )
  | (?P<premium>
        premium[-\s]rate\s+(?:call\s+)?charges?\s+(?:will\s+|may\s+)?apply
      | (?:this|it)\s+is\s+a\s+premium[-\s]rate\s+(?:number|line|service|call)
      | (?:charged|billed)\s+at\s+(?:a\s+|the\s+)?premium\s+rates?
    )
  | (?P<price>
        (?P<between>between\s+)?(?:(?:up\s+to|around|about|approximately|approx\.?|max(?:imum)?\.?|only|just)\s+)?
        {_PRICE}(?(between)\s+and\s+(?:£|\$|€)?\s?\d{{1,3}}(?:[.,]\d{{1,2}})?\s?(?:p|pence|c|cents?|ct|€)?)
        (?P<permin>{_PERMIN})
        {_ACCESS}
    )
  | (?P<callprice>
        (?:(?:all\s+)?calls|(?:the|this|a|each|your|per)\s+call|call\s+charges?)\b
        (?:[ \t]+[\w'’-]+){{0,6}}?[ \t]+
        (?:cost|costs|are\s+charged\s+at|charged\s+at|will\s+cost)\s+
        (?:(?:up\s+to|around|about|approximately|from|only|just)\s+)?
        (?P<cprice>(?:£\s?\d{{1,3}}(?:\.\d{{1,2}})?|\d{{1,3}}(?:\.\d{{1,2}})?\s?(?:p\b|pence\b)|\$\s?\d{{1,3}}(?:\.\d{{1,2}})?
            |\d{{1,3}}(?:[.,]\d{{1,2}})?\s?(?:¢|c\b|cents?\b|ct\b)|€\s?\d{{1,3}}(?:[.,]\d{{1,2}})?)(?!\d))
        {_NOT_CALL_UNIT}(?P<cper>{_PERMIN}|{_PERCALL})?
        (?P<caccess>\s*[,(]?\s*(?:plus|\+)\s+(?:your\s+|the\s+|a\s+)?(?:(?:tele)?phone\s+company['’]?s?
            |(?:mobile\s+)?network(?:\s+operator)?['’]?s?|provider['’]?s?|operator['’]?s?|service\s+provider['’]?s?)?
            \s*(?:network\s+)?(?:access\s+(?:charges?|fees?)|extras?|charges?|call\s+charges?)\)?)?
    )
  | (?P<accessonly>
        calls?\s+cost\s+(?:\w+\s+){{0,3}}?plus\s+(?:your\s+)?(?:(?:tele)?phone\s+company['’]?s?\s+)?
            (?:network\s+)?access\s+charges?
    )
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

_PRICE_START = r"\s+[£$€\d]"
#: The words a match of ``_CUES`` can begin with (see ``_scan.starts``).
_CUE_WORDS: tuple[tuple[str, str], ...] = (
    # free
    ("free kostenlos kostenfrei gebührenfrei gratis call", ""),
    ("toll", r"[-\s]{0,3}free"),
    ("completely totally always", r"\s+free"),
    ("it", r"(?:['’]s|\s+is)\s"),
    ("this the our", r"\s+(?:number|line|helpline|hotline)\s+is\s"),
    ("no", r"\s+charge\s+(?:for|to)"),
    ("anruf hotline rufnummer servicenummer telefonnummer", r"\s+(?:ist\s+)?(?:kostenlos|kostenfrei|gebührenfrei)"),
    # international, basic rate, premium
    ("standard normal usual", r"\s+international"),
    (
        "standard normal local national basic geographic usual",
        r"\s+(?:(?:network|call|landline|national|uk)\s+){0,2}(?:rate|charge|tariff)",
    ),
    ("international", r"\s+(?:call\s+)?(?:rate|charge|tariff)"),
    ("charged billed cost costs priced", r"\s+at\s"),
    ("cost costs charged billed", r"\s+(?:no|never)\s+more"),
    ("are is", r"\s+charged\s+(?:no|never)\s+more"),
    ("never", r"\s+cost\s+more"),
    ("at", r"\s+(?:the\s+)?local\s+rate"),
    ("local basic", r"[-\s]rate"),
    ("zum", r"\s+(?:normalen\s+|üblichen\s+)?(?:festnetz|orts)tarif"),
    ("zu", r"\s+de[nm]\s+(?:normalen\s+|üblichen\s+)?(?:festnetz|orts)tarif"),
    (
        r"included include includes including count counts counted counting use uses used part\s+of "
        r"come\s+out\s+of deducted\s+from taken\s+from",
        r"\s+(?:in\s+|within\s+|towards?\s+|from\s+|as\s+part\s+of\s+)?(?:your\s+|any\s+|the\s+)?"
        r"(?:free|inclusive|bundled|monthly)\s",
    ),
    ("cost costs", r"\s+the\s+same\s+as"),
    ("charged billed", r"\s+(?:the\s+same\s+as|as)\s"),
    ("premium", r"[-\s]rate"),
    ("this it", r"\s+is\s+a\s+premium"),
    # prices, prices of a call
    ("between", r"\s"),
    (r"up\s+to around about approximately only just", _PRICE_START),
    ("approx", r"\.?" + _PRICE_START),
    ("max", r"(?:imum)?\.?" + _PRICE_START),
    ("all", r"\s+calls"),
    ("this the a each your per", r"\s+call"),
)
#: Where a match of ``_CUES`` can begin at a word boundary (see ``_scan.starts``); ``_cue_starts`` adds the
#: places after a digit or "_" ("3free") and the prices.
_CUE_STARTS = _scan.starts(*_CUE_WORDS, shared=True)
_CUE_WORD = re.compile(_scan.alternation(*_CUE_WORDS))
_PRICE_AFTER_DIGITS = re.compile(r"(?:[.,]\d{1,2})?\s?[p¢c€e]")
_PRICE_AFTER_SIGN = re.compile(r"\s?\d")


def _cue_starts(text: str, fold: str) -> list[int]:
    """The places, besides word starts, where a ``_CUES`` match can begin: a word straight after a digit or
    "_" (the pattern asks only for no letter before it), the last three digits of a run that a price unit
    follows, a currency sign before a digit."""
    out: list[int] = []
    word, price = _CUE_WORD.match, _PRICE_AFTER_DIGITS.match
    for s, e in _scan.digit_runs(text):
        if price(fold, e):
            out += range(max(s, e - 3), e)
        if word(fold, e):
            out.append(e)
    for mark in "_£$€":
        sign = mark != "_"
        i = text.find(mark)
        while i >= 0:
            if sign and _PRICE_AFTER_SIGN.match(text, i + 1):
                out.append(i)
            elif not sign and word(fold, i + 1):
                out.append(i + 1)
            i = text.find(mark, i + 1)
    out.sort()
    return out


_CLAUSE_BREAK = re.compile(r"[.!?;:\n(\[|•]")
_SUBJECT = re.compile(
    r"[\s*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]*(?P<subj>(?:all\s+)?calls\b|(?:the|this|a|each|your)\s+call\b(?!\s+(?:us|back))|call\s+(?:charges?|costs?)\b"
    r"|(?:this|the|our|these)\s+(?:phone\s+|telephone\s+)?(?:numbers?|lines?|helplines?|hotline)\b"
    r"|it(?:['’]s|\s+is)\b|(?:0\d{1,3}|1-?8\d\d|1-?900|118)(?:\s*(?:,|and|or|/)\s*0\d{1,3})*\s+numbers?\b)",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"\b(?P<r>0\d{1,3}|1-?[89]00|118)(?P<more>(?:\s*(?:,|and|or|/|&)\s*(?:0\d{1,3}|1-?[89]00))*)\s+numbers?\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|isn['’]t|aren['’]t|don['’]t|doesn['’]t|won['’]t|nicht|kein)\b", re.IGNORECASE
)
# A notice with no subject of its own ("Standard network rates apply") right after an offer to text us is
# about texts, not calls.
_TEXT_OFFER = re.compile(r"\b(?:text(?:s|ing)?|sms|messages?)\b", re.IGNORECASE)
_CALL_WORD = re.compile(r"\b(?:call(?:s|ing)?|phon(?:e|ing)|ring|dial(?:ling)?|lines?)\b", re.IGNORECASE)
# Kinds of number offered as a product ("we can also offer numbers such as 0800 freephone numbers"), what
# others pay in a news report ("mobile users pay up to 40p a minute"), a proposal ("making 0800 free").
_NOT_A_NOTICE = re.compile(
    r"(?:\b(?:such\s+as|e\.g\.|offer(?:s|ing)?|provide|supply|sell|buy|purchase|get\s+(?:a|an|your))\s+"
    r"(?:(?:an?|other|your|our|own|new)\s+)?(?:\d{2,4}\s*(?:/\s*\d{2,4}\s*)*)?"
    r"|\b(?:users|customers|consumers|callers|people|subscribers)\s+(?:\w+\s+)?(?:pay|are\s+charged)\s+"
    r"(?:\w+\s+){0,2}|\bmak(?:e|es|ing)\s+(?:\d{2,4}\s+)?(?:numbers?\s+|calls?\s+)?)$",
    re.IGNORECASE,
)
_OTHERS_PAY = re.compile(
    r"\b(?:users|customers|consumers|callers|people|subscribers)\s+(?:\w+\s+)?(?:pay|are\s+charged)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?](?:\s|$)|\n\s*\n|■")  # a single line break may wrap a sentence
_PREMIUM_HINT = re.compile(
    r"(?<![\d:.])(?:09\d{2}|118\s?\d{3}|0137)(?![\d:])|\b(?:09|118)\s+numbers?\b|\b1-?900\b|\bpremium\b",
    re.IGNORECASE,
)
_STANDARD_HINT = re.compile(
    r"(?<![\d:.])(?:08[47]\d|0180)(?![\d:])|\b08[47]\s+numbers?\b|\bservice\s+charge\b", re.IGNORECASE
)
_FOOT_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?P<m>\*{1,3}|[†‡§]{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})[ \t]*$")
_DIGIT_FOOT_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?P<m>[1-9])[ \t]+$")
_FOOT_AFTER = re.compile(r" ?(?P<sym>\*{1,3}|[†‡§]{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})|(?P<digit>[1-9])(?!\d)")


@dataclass(slots=True)
class _Cue:
    category: str
    start: int
    end: int
    pence: float | None = None
    access: bool = False
    per_call: float | None = None


def _minor_units(major: str | None, minor: str | None) -> float | None:
    if major:
        return round(float(major.replace(",", ".")) * 100, 2)
    if minor:
        return float(minor.replace(",", "."))
    return None


def _price_of(m: re.Match[str]) -> float | None:
    for major, minor in (("gbp", "pence"), ("usd", "cents"), ("eur", "eur2")):
        if major == "eur":
            if m.group("eur"):
                return _minor_units(m.group("eur"), None)
            if m.group("eur2"):
                return _minor_units(m.group("eur2"), None)
            continue
        value = _minor_units(m.group(major), m.group(minor))
        if value is not None:
            return value
    return None


def _parse_cprice(raw: str) -> float | None:
    s = raw.strip().lower().replace(" ", "")
    num = re.search(r"\d{1,3}(?:[.,]\d{1,2})?", s)
    if num is None:
        return None
    value = float(num.group().replace(",", "."))
    if s[0] in "£$€":
        return round(value * 100, 2)
    return value


def _category(price: float, context: str, per_call: bool) -> str:
    if _PREMIUM_HINT.search(context):
        return "premium"
    if _STANDARD_HINT.search(context):
        return "standard"
    limit = PREMIUM_PER_CALL_FROM_PENCE if per_call else PREMIUM_FROM_PENCE
    return "premium" if price >= limit else "standard"


def _context(text: str, start: int, end: int) -> str:
    lo = max(0, start - 120)
    seg = text[lo:start]
    cut = max(seg.rfind("\n"), seg.rfind(". "))
    hi = min(len(text), end + 60)
    tail = text[end:hi]
    stop = min((i for i in (tail.find("\n"), tail.find(". ")) if i >= 0), default=len(tail))
    return seg[cut + 1 :] + text[start:end] + tail[:stop]


def _cue_of(m: re.Match[str], text: str) -> _Cue | None:
    kind = m.lastgroup
    s, e = m.span()
    if kind is None:
        return None
    if kind in ("free", "intl", "basic"):
        return _Cue({"free": "free", "intl": "international", "basic": "basic-rate"}[kind], s, e)
    if kind == "premium":
        return _Cue("premium", s, e)
    if kind == "accessonly":
        return _Cue("standard", s, e, access=True)
    if kind == "price":
        price = _price_of(m)
        if price is None:
            return None
        ranged = m.group("between") is not None
        ctx = _context(text, s, e)
        return _Cue(
            _category(price, ctx, False), s, e, None if ranged else price, m.group("access") is not None
        )
    if kind == "callprice":
        price = _parse_cprice(m.group("cprice"))
        if price is None:
            return None
        per = (m.group("cper") or "").lower()
        per_min = "min" in per or "ppm" in per
        ctx = _context(text, s, e)
        cat = _category(price, ctx, not per_min)
        access = m.group("caccess") is not None
        if per_min:
            return _Cue(cat, s, e, price, access)
        return _Cue(cat, s, e, None, access, per_call=price)
    return None


def _windows(text: str) -> list[tuple[int, int]]:
    n = len(text)
    snapped: list[tuple[int, int]] = []
    for lo, hi in _scan.windows(_scan.lower(text), _KEYS, 130, 150, n):
        if lo > 0:
            sp = max(text.rfind(" ", max(0, lo - 40), lo), text.rfind("\n", max(0, lo - 40), lo))
            lo = sp + 1 if sp >= 0 else lo
        if hi < n:
            sp = text.find(" ", hi, min(n, hi + 40))
            hi = sp if sp >= 0 else hi
        snapped.append((lo, hi))
    return snapped


def _clause_start(text: str, pos: int) -> int:
    lo = max(0, pos - 100)
    best = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, pos):
        if (
            m.group() == "."
            and 0 < m.start() < len(text) - 1
            and text[m.start() - 1].isdigit()
            and text[m.start() + 1].isdigit()
        ):
            continue  # a decimal point
        best = m.end()
    return best


def _extend_to_subject(text: str, cue: _Cue) -> int:
    """Start the notice at its subject ("Calls to 03 numbers cost ...", "0800 numbers are free ...")."""
    cs = _clause_start(text, cue.start)
    prefix = text[cs : cue.start]
    if not prefix.strip():
        return cue.start
    m = _SUBJECT.match(prefix)
    if m is None:
        return cue.start
    return cs + m.start("subj")


def _negated(text: str, start: int) -> bool:
    cs = _clause_start(text, start)
    return _NEGATION.search(text, max(cs, start - 40), start) is not None


def _footnote_before(text: str, start: int) -> tuple[str, int] | None:
    lo = max(0, start - 12)
    seg = text[lo:start]
    m = _FOOT_BEFORE.search(seg)
    if m is not None:
        return m.group("m").translate(_SUPERSCRIPT), lo + m.start("m")
    dm = _DIGIT_FOOT_BEFORE.search(text, max(0, start - 6), start)
    if dm is not None and (dm.start() == 0 or text[dm.start()] == "\n" or dm.start() == max(0, start - 6)):
        return dm.group("m"), dm.start("m")
    return None


def _not_a_notice(text: str, cue: _Cue) -> bool:
    """True for a cue that states no call cost: rates for texts, numbers sold as a product, news."""
    if _NOT_A_NOTICE.search(text, max(0, cue.start - 60), cue.start):
        return True
    lo = max(0, cue.start - 200)
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, cue.start)]
    if _OTHERS_PAY.search(text, starts[-1] if starts else lo, cue.start):
        return True  # the same sentence says what others pay ("mobile users pay up to 40p a minute, ... free")
    if cue.category not in ("basic-rate", "international") or _SUBJECT.match(text, _clause_start(text, cue.start)):
        return False
    cs = _clause_start(text, cue.start)
    if text[cs : cue.start].strip():
        return False  # the notice has words of its own before it
    before = text[max(0, cs - 80) : cs]
    return bool(_TEXT_OFFER.search(before)) and not _CALL_WORD.search(before)


def _mergeable(text: str, a: _Cue, b: _Cue) -> bool:
    if b.start <= a.end:
        return True
    if a.category != b.category or (a.pence != b.pence and a.pence is not None and b.pence is not None):
        return False
    gap = text[a.end : b.start]
    return len(gap) <= 40 and not re.search(r"[.;!?\n]", gap)


def find_costs(text: str) -> list[Match]:
    """Call-cost notices in ``text``: one :class:`Match` per notice, ``value`` a :class:`Cost`.

    Categories: ``free`` (freephone, toll-free, "free from mobiles and landlines"), ``basic-rate`` (no more
    than 01/02, standard/local rate, inclusive minutes), ``standard`` (a price below
    :data:`PREMIUM_FROM_PENCE` a minute, or an 084/087 notice), ``premium`` (09/118/1-900 or a higher price),
    ``international``. ``pence_per_minute`` is the stated per-minute price in the minor unit (None for a
    price range or a price per call, which goes in attr ``per_call``). Attrs: ``range`` ("03", "0800,0808")
    for a notice about a number range, ``footnote`` for a notice that starts with a footnote marker.
    """
    if not text:
        return []
    cues: list[_Cue] = []
    last_end = -1
    fold = _scan.folded(text)
    more = _cue_starts(text, fold)
    for lo, hi in _windows(text):
        for m in _scan.finditer(_CUES, _CUE_STARTS, text, fold, lo, hi, more):
            if m.start() < last_end:
                continue
            cue = _cue_of(m, text)
            if cue is None or _negated(text, cue.start) or _not_a_notice(text, cue):
                continue
            cues.append(cue)
            last_end = m.end()
    merged: list[_Cue] = []
    for cue in sorted(cues, key=lambda c: c.start):
        if merged and _mergeable(text, merged[-1], cue):
            prev = merged[-1]
            prev.end = max(prev.end, cue.end)
            prev.pence = prev.pence if prev.pence is not None else cue.pence
            prev.access = prev.access or cue.access
            continue
        merged.append(cue)
    out: list[Match] = []
    for cue in merged:
        start = _extend_to_subject(text, cue)
        end = cue.end
        while end > start and text[end - 1] in " ,(":
            end -= 1
        attrs: list[tuple[str, str]] = []
        rm = _RANGE.search(text, start, end)
        if rm is not None and re.search(
            r"(?i)\b(?:than|as)\b", text[max(start, rm.start() - 25) : rm.start()]
        ):
            rm = None  # "no more than calls to 01 or 02 numbers": the comparison, not the notice's range
        if rm is not None:
            ranges = [rm.group("r"), *re.findall(r"0\d{1,3}|1-?[89]00", rm.group("more"))]
            attrs.append(("range", ",".join(r.replace("-", "") for r in ranges)))
        foot = _footnote_before(text, start)
        if foot is not None:
            attrs.append(("footnote", foot[0]))
            start = foot[1]
        if cue.per_call is not None:
            attrs.append(("per_call", f"{cue.per_call:g}"))
        value = Cost(cue.category, cue.pence, cue.access)
        out.append(Match("cost", value, start, end, tuple(sorted(attrs))))
    return out


_TO_SUPERSCRIPT = str.maketrans("1234567890", "¹²³⁴⁵⁶⁷⁸⁹⁰")
_MARKER_CHARS = frozenset("0123456789*†‡§")


def as_footnote_marker(text: str) -> str | None:
    """A footnote marker set apart from its number (a <sup>, a smaller raised PDF glyph) written as the
    superscript it is drawn as, so it neither joins the number's digits nor goes unseen; None when
    ``text`` is no marker (at most three digits or * † ‡ §)."""
    marker = text.strip()
    if not marker or len(marker) > 3 or not set(marker) <= _MARKER_CHARS:
        return None
    return marker.translate(_TO_SUPERSCRIPT)


def footnote_marker_after(text: str, pos: int) -> str | None:
    """The footnote marker right after ``pos`` (the end of a phone number), or None.

    Markers: ``*``, ``**``, ``***``, ``†``, ``‡``, ``§`` (one space allowed before them), superscript
    digits, or a single digit written straight after the number. Superscripts come back as ASCII digits,
    so "0845 123 4567¹" and "¹ Calls cost ..." give the same marker.
    """
    m = _FOOT_AFTER.match(text, pos)
    if m is None:
        return None
    if m.group("sym"):
        return m.group("sym").translate(_SUPERSCRIPT)
    digit = m.group("digit")
    return digit if digit else None
