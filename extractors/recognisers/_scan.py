"""Fast scanning shared by the recognisers: lower-cased copies of a text, its digit runs, keyword windows,
and running a large pattern only where a match can begin.

The recognisers' patterns are long alternations; Python's ``re`` tries every alternative at every position,
which costs up to a microsecond per character. These helpers keep the work down without changing any
result:

* :func:`windows` finds the spans around keyword stems, so a pattern only runs where one of its words is
  written; :func:`covered` finds only the windows around given places. Every stem any recogniser has
  asked for is found in a text by one Aho-Corasick pass (pyahocorasick, in C), not a ``str.find`` loop
  per stem: on a 140,000-character page the recognisers ask for about 90 stems, which cost 11 ms as
  ``str.find`` loops and 2.6 ms as one pass;
* :func:`finditer` and :func:`find_in_windows` give exactly the matches of ``pattern.finditer`` over a
  span or over the windows, but try the pattern only where a cheap scan (:func:`starts`) says a match can
  begin; the scans of several recognisers run as one;
* the lower-cased copies, the digit runs and those scans are kept for the last text seen, so the
  recognisers run over one document share them (``extractors.text.recognise`` passes the same string to
  each).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

__all__ = [
    "Starts",
    "alternation",
    "ascii_lower",
    "covered",
    "digit_runs",
    "find_in_windows",
    "finditer",
    "folded",
    "lower",
    "merge",
    "starts",
    "windows",
]

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_DIGIT_RUN = re.compile(r"\d+")
# With more than one place where a pattern can begin per this many characters, finding all the windows
# costs less than growing one from each place (:func:`find_in_windows`).
_DENSE = 3000


class _Forms:
    """What has been worked out about one text."""

    __slots__ = ("ascii", "digits", "fold", "indexes", "lower", "own", "text", "union")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower: str | None = None
        self.ascii: str | None = None
        self.fold: str | None = None
        self.digits: list[tuple[int, int]] | None = None
        self.union: tuple[int, list[int]] | None = None  # (shared scans, places)
        self.own: dict[int, list[int]] = {}  # id of a shared Starts -> its places
        self.indexes: list[_Index] = []  # the stems found in this text or a copy of it (by identity)


# The last text seen, replaced as a whole (so threads sharing it never mix two texts).
_last = _Forms("")


def _forms(text: str) -> _Forms:
    global _last
    forms = _last
    if forms.text is not text:
        forms = _last = _Forms(text)
    return forms


def lower(text: str) -> str:
    """``text.lower()``, worked out once per text."""
    forms = _forms(text)
    if forms.lower is None:
        forms.lower = text.lower()
    return forms.lower


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased: same length, so offsets carry over (``str.lower`` can
    change the length, "İ" -> "i̇"). Every stem looked for in it is ASCII."""
    forms = _forms(text)
    if forms.ascii is None:
        # str.lower gives the same ASCII letters at the same offsets unless one of these is written, and is
        # many times faster than str.translate.
        if text.isascii() or ("\u0130" not in text and "\u212a" not in text):
            forms.ascii = lower(text)
        else:
            forms.ascii = text.translate(_ASCII_LOWER)
    return forms.ascii


def folded(text: str) -> str:
    """``text`` lower-cased, same length, with every character a case-insensitive pattern takes for an ASCII
    letter made that letter ("(?i)s" matches "ſ", "(?i)i" matches "İ" and "ı"): a :func:`starts` scan
    written in lower case finds in it every place where the case-insensitive pattern it stands for can
    match in ``text``. Lower-casing keeps word characters, spaces and digits what they were."""
    forms = _forms(text)
    if forms.fold is None:
        if text.isascii():
            fold = lower(text)
        else:
            # "İ" is the one character whose lower case is two characters long.
            fold = text.replace("\u0130", "i").lower() if "\u0130" in text else lower(text)
            if "\u0131" in fold or "\u017f" in fold:
                fold = fold.replace("\u0131", "i").replace("\u017f", "s")
        forms.fold = fold
    return forms.fold


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of digits (``\\d+``) in ``text``, in order, worked out once per text."""
    forms = _forms(text)
    if forms.digits is None:
        forms.digits = [m.span() for m in _DIGIT_RUN.finditer(text)]
    return forms.digits


@lru_cache(maxsize=64)
def _distinct(stems: tuple[str, ...]) -> tuple[str, ...]:
    """The stems whose hits are not all hits of a shorter stem (every "payment" starts a "pay")."""
    return tuple(s for s in dict.fromkeys(stems) if not any(o != s and s.startswith(o) for o in stems))


def places(low: str, stems: Iterable[str]) -> list[int]:
    """Every place where one of ``stems`` starts in ``low``, in order."""
    return _all_hits(low, tuple(stems))


def match_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` tried only at ``starts`` (any order), left to right."""
    at = 0
    match = pattern.match
    for i in sorted(starts):
        if i >= at:
            m = match(text, i)
            if m is not None:
                at = m.end()
                yield m


def _all_hits(low: str, stems: tuple[str, ...]) -> list[int]:
    """Every place where a stem starts in ``low``, in order."""
    index = _index_of(low)
    if index is not None:
        return index.hits(stems)
    return _find_all(low, stems)


def _find_all(low: str, stems: Iterable[str]) -> list[int]:
    hits: list[int] = []
    add = hits.append
    find = low.find
    for stem in stems:
        i = find(stem)
        while i >= 0:
            add(i)
            i = find(stem, i + 1)
    hits.sort()
    return hits


# Below this length a str.find per stem costs less than a pass of the automaton.
_INDEXED = 400


class _Stems:
    """Every stem asked for so far, and an Aho-Corasick automaton that finds all of them in one pass (rebuilt
    for the next text when a new one is asked for)."""

    def __init__(self) -> None:
        self.known: dict[str, None] = {}
        self.built: tuple[frozenset[str], ahocorasick.Automaton] | None = None
        self.lock = threading.Lock()  # threads may ask for new stems while another builds

    def add(self, stem: str) -> None:
        with self.lock:
            self.known[stem] = None

    def automaton(self) -> tuple[frozenset[str], ahocorasick.Automaton]:
        built = self.built
        if built is None or len(built[0]) != len(self.known):
            with self.lock:
                stems = frozenset(self.known)
            automaton = ahocorasick.Automaton()
            for stem in stems:
                automaton.add_word(stem, (len(stem) - 1, stem))
            if stems:  # an automaton with no words cannot be made or run
                automaton.make_automaton()
            built = self.built = (stems, automaton)
        return built


_STEMS = _Stems()


class _Index:
    """Where each stem starts in one text: one automaton pass for the stems known then, ``str.find`` for
    any asked for later (they join the automaton for the next text)."""

    __slots__ = ("found", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        covered, automaton = _STEMS.automaton()
        found: dict[str, list[int]] = {stem: [] for stem in covered}
        if covered:  # an automaton with no words cannot be run
            for end, (back, stem) in automaton.iter(text):
                found[stem].append(end - back)
        self.found = found

    def hits(self, stems: Iterable[str]) -> list[int]:
        """Every place where one of ``stems`` starts, in order (a place twice when two stems start there)."""
        out: list[int] = []
        found = self.found
        for stem in stems:
            places = found.get(stem)
            if places is None:
                places = found[stem] = _find_all(self.text, (stem,))
                _STEMS.add(stem)
            out += places
        out.sort()
        return out


def _index_of(low: str) -> _Index | None:
    """The stem index of ``low`` when it is a lower-cased form of the last text seen (the few stems looked
    for in a text as written are found with ``str.find``)."""
    forms = _last
    if len(low) < _INDEXED or not (low is forms.lower or low is forms.ascii or low is forms.fold):
        return None
    for index in forms.indexes:
        if index.text is low:
            return index
    index = _Index(low)
    forms.indexes.append(index)
    return index


def windows(
    low: str, stems: tuple[str, ...], before: int, after: int, size: int | None = None
) -> list[tuple[int, int]]:
    """Merged spans around each occurrence of a stem in ``low`` (a text, lower-cased as the stems are): from
    ``before`` characters before it to ``after`` characters after its start, clipped to ``size`` (default
    ``len(low)``); spans that overlap or touch are one. These are the only places where the patterns the
    stems stand for can match."""
    n = len(low) if size is None else size
    reach = before + after
    hits = _all_hits(low, _distinct(stems))
    if not hits:
        return []
    spans: list[tuple[int, int]] = []
    first = prev = hits[0]
    for h in hits:
        if h - prev > reach or h - before > n:
            spans.append((max(0, first - before), min(n, prev + after)))
            first = h
        prev = h
    spans.append((max(0, first - before), min(n, prev + after)))
    return spans


def covered(
    low: str, systems: Sequence[tuple[tuple[str, ...], int, int]], places: Iterable[int]
) -> Iterator[tuple[int, int]]:
    """``(place, end)`` for each of the sorted ``places`` inside a window, ``end`` that window's end: the
    windows are what :func:`windows` gives for each ``(stems, before, after)`` of ``systems``, merged.

    Only the stems near the places are looked for, so a text with few places costs little whatever its
    length (a text full of places costs about what :func:`windows` does).
    """
    n = len(low)
    systems = [(_distinct(stems), before, after) for stems, before, after in systems]
    end = -1
    for p in places:
        if p >= end:
            end = _reach(low, systems, p, p + 1, n)  # a span holding p
            if end < 0:
                continue
            # grow the window to the right while another stem's span starts in it or touches it
            while True:
                further = _reach(low, systems, end, end + 1, n)
                if further <= end:
                    break
                end = further
        if p < end:
            yield p, end


def _reach(low: str, systems: Sequence[tuple[tuple[str, ...], int, int]], lo: int, hi: int, n: int) -> int:
    """The farthest end, clipped to ``n``, of a stem span (``h - before`` to ``h + after``) that starts at or
    before ``lo`` and ends after ``hi - 1``; -1 when there is none."""
    best = -1
    rfind = low.rfind
    for stems, before, after in systems:
        # stems starting in (hi - 1 - after, lo + before]
        start = max(0, hi - after)
        for stem in stems:
            h = rfind(stem, start, lo + before + len(stem))
            if h >= 0 and h + after > best:
                best = h + after
    return min(best, n)


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap or touch joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def alternation(*groups: tuple[str, str]) -> str:
    """A regex matching the first character of each word of ``groups`` where the word and its rest follow.

    Each group is ``(words, rest)``: space-separated regex words, each starting with a literal character or
    an escape such as "\\d", and a regex that follows each of them. Only the first character is consumed,
    so a scan with it steps over no place where another word begins.
    """
    by_first: dict[str, list[str]] = {}
    for words, rest in groups:
        tail = f"(?:{rest})" if "|" in rest else rest
        for word in words.split():
            k = 2 if word.startswith("\\") else 1
            by_first.setdefault(word[:k], []).append(word[k:] + tail)
    alts = [
        first if "" in tails else f"{first}(?={'|'.join(dict.fromkeys(tails))})" for first, tails in by_first.items()
    ]
    return f"(?:{'|'.join(alts)})"


@dataclass(frozen=True, slots=True)
class Starts:
    """Where matches of a larger pattern can begin in its :func:`folded` text: ``words`` (see :func:`starts`)
    and ``more`` scans, each with the shift from where it matches to where the larger match begins. The
    ``words`` of a ``shared`` one are found by one scan of the whole text for all of them."""

    words: re.Pattern[str]
    more: tuple[tuple[re.Pattern[str], int], ...] = ()
    groups: tuple[tuple[str, str], ...] = ()
    shared: bool = False

    def positions(self, fold: str, pos: int, endpos: int, extra: Sequence[int] = ()) -> Iterable[int]:
        """The places in ``fold[pos:endpos]``, with those of the sorted ``extra`` there, in order."""
        if self.shared:
            own = _shared_places(self, fold)
            found = own[bisect_left(own, pos) : bisect_left(own, endpos)]
        elif not self.more and not extra:
            return (m.start() for m in self.words.finditer(fold, pos, endpos))
        else:
            found = [m.start() for m in self.words.finditer(fold, pos, endpos)]
        for scan, shift in self.more:
            found += [m.start() + shift for m in scan.finditer(fold, max(0, pos - shift), endpos)]
        if extra:
            found += extra[bisect_left(extra, pos) : bisect_left(extra, endpos)]
        if self.more or extra:
            found.sort()
        return found


# The shared word scans, and the one pattern that finds the places of all of them (rebuilt when one is added).
_shared: list[Starts] = []
_union: tuple[int, re.Pattern[str]] = (0, re.compile(r"(?!)"))


def _shared_places(begin: Starts, fold: str) -> list[int]:
    """The places in all of ``fold`` where ``begin``'s words match, from one scan for all shared ones.

    (Finding the words' literal heads with the Aho-Corasick pass and trying the pattern only there costs
    more than this scan: two-letter heads such as "it", "in" and "at" begin 21,000 places on a
    140,000-character page.)"""
    global _union
    count, union = _union
    if count != len(_shared):
        groups = [g for member in _shared for g in member.groups]
        count, union = _union = (len(_shared), re.compile(r"\b" + alternation(*groups)))
    forms = _last
    cached = forms.fold is fold
    if cached and forms.union is not None and forms.union[0] == count:
        places = forms.union[1]
    else:
        places = [m.start() for m in union.finditer(fold)]
        if cached:
            forms.union = (count, places)
            forms.own = {}
    if not cached:
        return [p for p in places if begin.words.match(fold, p)]
    own = forms.own.get(id(begin))
    if own is None:
        match = begin.words.match
        own = forms.own[id(begin)] = [p for p in places if match(fold, p)]
    return own


def starts(*groups: tuple[str, str], more: Sequence[tuple[str, int]] = (), shared: bool = False) -> Starts:
    """The places where a larger pattern can begin: at a word boundary, one of the words of ``groups`` (see
    :func:`alternation`) with its rest; or where one of the ``more`` regexes matches, shifted.

    Every match of the larger pattern must, in lower case, be matched from its start by one of them, with
    the same end position (see :func:`finditer`): they may say less than the pattern, never more. A scan
    led by ``\\b`` is the fast one: most positions fail at once. ``shared`` words are found in the whole text
    by one scan with the other shared ones, so their rests must only read what the larger match reads (no
    look-ahead past it): a window's end cannot then change where they match.
    """
    begin = Starts(
        re.compile(r"\b" + alternation(*groups)),
        tuple((re.compile(scan), shift) for scan, shift in more),
        groups,
        shared,
    )
    if shared:
        _shared.append(begin)
    return begin


def finditer(
    pattern: re.Pattern[str],
    begin: Starts,
    text: str,
    fold: str,
    pos: int,
    endpos: int,
    extra: Sequence[int] = (),
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, trying ``pattern`` only where ``begin`` says a
    match can begin in ``fold`` (the :func:`folded` ``text``) and at the sorted places ``extra``.
    ``pattern`` must not match the empty string."""
    at = pos
    match = pattern.match
    for i in begin.positions(fold, pos, endpos, extra):
        if i < at:
            continue
        m = match(text, i, endpos)
        if m is not None:
            at = m.end()
            yield m


def find_in_windows(
    pattern: re.Pattern[str],
    begin: Starts,
    text: str,
    systems: Sequence[tuple[tuple[str, ...], int, int]],
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text, ws, we)`` for each window ``(ws, we)`` around the stems of
    ``systems`` in the :func:`ascii_lower` text (see :func:`covered`), in order; ``pattern`` is tried only
    where ``begin`` says a match can begin, and must not match the empty string."""
    fold, low = folded(text), ascii_lower(text)
    places = list(begin.positions(fold, 0, len(text)))
    if len(places) * _DENSE > len(text):
        # places all over: the windows of all the stems cost less than growing a window from each place
        spans = merge(span for stems, before, after in systems for span in windows(low, stems, before, after))
        for ws, we in spans:
            yield from finditer(pattern, begin, text, fold, ws, we)
        return
    at = 0
    match = pattern.match
    for i, end in covered(low, systems, places):
        if i < at:
            continue
        m = match(text, i, end)
        if m is not None:
            at = m.end()
            yield m
