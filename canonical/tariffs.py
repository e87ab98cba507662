"""What a number costs the caller by its range: the cost-band tables, kept as data.

Sources (see ../shared/design/DOMAIN.md section 1): Ofcom "UK Calling" unbundled tariffs
(084/087/09/118 carry an access charge plus a service charge; 03 costs no more than 01/02;
080 and 116 are free); FCC toll-free codes (800/888/877/866/855/844/833) and 900 pay-per-call;
ACMA freephone 1800, local-rate 13/1300, premium 190; Bundesnetzagentur 0800 free,
0180 shared-cost (service charge), 0900 premium.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Band:
    """The cost band of a number range."""

    category: str  # free | basic-rate | standard | premium
    access_charge: bool
    source: str


_OFCOM = "Ofcom UK Calling (2015)"
_FCC = "FCC toll-free / 900 pay-per-call"
_ACMA = "ACMA numbering plan"
_BNETZA = "Bundesnetzagentur TKG 2021"

#: country calling code -> [(national-number prefix, band)], longest prefix wins.
TARIFFS: dict[str, tuple[tuple[str, Band], ...]] = {
    "44": (
        ("80", Band("free", False, _OFCOM)),
        ("116", Band("free", False, _OFCOM)),
        ("1", Band("basic-rate", False, _OFCOM)),
        ("2", Band("basic-rate", False, _OFCOM)),
        ("3", Band("basic-rate", False, _OFCOM)),
        ("84", Band("standard", True, _OFCOM)),
        ("87", Band("standard", True, _OFCOM)),
        ("9", Band("premium", True, _OFCOM)),
        ("118", Band("premium", True, _OFCOM)),
    ),
    "1": tuple(
        [(code, Band("free", False, _FCC)) for code in ("800", "888", "877", "866", "855", "844", "833")]
        + [("900", Band("premium", False, _FCC))]
    ),
    "61": (
        ("1800", Band("free", False, _ACMA)),
        ("13", Band("basic-rate", False, _ACMA)),
        ("1300", Band("basic-rate", False, _ACMA)),
        ("190", Band("premium", False, _ACMA)),
    ),
    "49": (
        ("800", Band("free", False, _BNETZA)),
        ("180", Band("standard", False, _BNETZA)),
        ("900", Band("premium", False, _BNETZA)),
    ),
}

#: Categories that need a cost notice wherever the number appears (ISO 18295-2 5.5).
NOTICE_REQUIRED: frozenset[str] = frozenset({"standard", "premium"})


def band_of(e164: str) -> Band | None:
    """The cost band of an E.164 number (``+448456001234``), or None when no table covers it."""
    if not e164.startswith("+"):
        return None
    digits = e164[1:]
    for cc in sorted(TARIFFS, key=len, reverse=True):
        if digits.startswith(cc):
            national = digits[len(cc) :]
            best: Band | None = None
            best_len = -1
            for prefix, band in TARIFFS[cc]:
                if national.startswith(prefix) and len(prefix) > best_len:
                    best, best_len = band, len(prefix)
            return best
    return None
