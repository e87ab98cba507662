"""The shared scanning helpers give exactly what a plain search gives, on short texts (``str.find``) and on
long ones (the Aho-Corasick index of the last text seen)."""

from __future__ import annotations

import random
import re

import pytest

from extractors.recognisers import _scan


def brute_places(text: str, stems: tuple[str, ...]) -> list[int]:
    return sorted(i for stem in stems for i in range(len(text)) if text.startswith(stem, i))


def random_text(rng: random.Random, size: int) -> str:
    words = ["call", "calls", "free", "freephone", "aaa", "a", "rate", "pay", "payment", "bill", "İstanbul", "■"]
    return " ".join(rng.choice(words) for _ in range(size // 5))[:size]


@pytest.mark.parametrize("size", [50, 5000])
@pytest.mark.parametrize("seed", range(6))
def test_places_are_every_start_of_every_stem(size: int, seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng, size)
    low = _scan.lower(text)  # a lower-cased form of the last text seen: indexed when long
    first = ("call", "free", "aa")
    assert _scan.places(low, first) == brute_places(low, first)
    # stems asked for after the text was indexed, overlapping ones and one that is never written
    later = ("freephone", "a", "pay", "payment", "zzz", "i̇stanbul")
    assert _scan.places(low, later) == brute_places(low, later)
    assert _scan.places(low, first + later) == brute_places(low, first + later)


def test_long_texts_are_indexed_once_and_stems_asked_later_join_the_next_index() -> None:
    text = "Freephone 0800 123 4567. Calls to 03 numbers cost no more than 01. " * 100
    low = _scan.lower(text)
    _scan.places(low, ("freephone",))
    _scan.places(low, ("a brand new stem",))
    index = _scan._index_of(low)
    assert index is not None and _scan._index_of(low) is index
    assert "a brand new stem" in _scan._STEMS.known
    other = _scan.lower(text + " a brand new stem")
    assert _scan.places(other, ("a brand new stem",)) == [len(text) + 1]
    covered, _ = _scan._STEMS.automaton()
    assert "a brand new stem" in covered


def test_texts_that_are_not_the_last_seen_are_searched_directly() -> None:
    _scan.lower("something else entirely")
    text = "call " * 200  # long, but not a form of the last text seen
    assert _scan._index_of(text) is None
    assert _scan.places(text, ("call",)) == list(range(0, 1000, 5))


@pytest.mark.parametrize("seed", range(4))
def test_windows_cover_each_stem_with_its_margins(seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng, 3000)
    low = _scan.lower(text)
    stems, before, after = ("rate", "bill"), 20, 30
    covered = [False] * len(low)
    for hit in brute_places(low, stems):
        for i in range(max(0, hit - before), min(len(low), hit + after)):
            covered[i] = True
    spans = _scan.windows(low, stems, before, after)
    flat = [False] * len(low)
    for start, end in spans:
        assert all(not flat[i] for i in range(start, end)), "windows do not overlap"
        for i in range(start, end):
            flat[i] = True
    assert flat == covered


def test_finditer_gives_the_matches_of_the_pattern() -> None:
    text = "Calls are free. Call us free of charge; freephone 0800. " * 20
    pattern = re.compile(r"(?i)\bfree(?:phone)?\b")
    begin = _scan.starts(("free", ""))
    fold = _scan.folded(text)
    found = [m.span() for m in _scan.finditer(pattern, begin, text, fold, 0, len(text))]
    assert found == [m.span() for m in pattern.finditer(text)]


def test_threads_asking_for_new_stems_at_once_get_exact_places() -> None:
    import sys
    import threading

    errors: list[object] = []

    def work(seed: int) -> None:
        rng = random.Random(seed)
        try:
            for k in range(60):
                text = random_text(rng, 2000) + f" {seed} {k}"
                low = _scan.lower(text)
                stems = (*(f"new{seed}x{k}x{j}" for j in range(3)), "call", "free")
                if _scan.places(low, stems) != brute_places(low, stems):
                    errors.append((seed, k))
        except Exception as exc:  # a dictionary changed size while the automaton was built
            errors.append(repr(exc))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
