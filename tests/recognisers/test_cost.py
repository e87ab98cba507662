"""Call-cost recogniser: cost notices to Cost values, ranges, footnote markers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from contactcheck.facts import Cost
from extractors.recognisers.cost import find_costs, footnote_marker_after

# (text, [(category, pence_per_minute, access_charge, exact text of the match span, attrs), ...])
FOUND: list[tuple[str, list[tuple[str, float | None, bool, str, dict[str, str]]]]] = [
    # --- free
    (
        "Call 0800 123 4567 (free from mobiles and landlines)",
        [("free", None, False, "free from mobiles and landlines", {})],
    ),
    ("Freephone: 0800 111 6768", [("free", None, False, "Freephone", {})]),
    ("Call 0800 123 4567 (free).", [("free", None, False, "free", {})]),
    ("Helpline 0800 123 4567 (free of charge)", [("free", None, False, "free of charge", {})]),
    ("Call our toll-free number, 1-800-827-1000.", [("free", None, False, "toll-free", {})]),
    (
        "It's free to call from UK landlines and mobiles.",
        [("free", None, False, "It's free to call from UK landlines and mobiles", {})],
    ),
    ("Calls to this number are free.", [("free", None, False, "Calls to this number are free", {})]),
    (
        "Calls are free from all UK landlines and mobile phones.",
        [("free", None, False, "Calls are free from all UK landlines and mobile phones", {})],
    ),
    (
        "Calls to 0800 numbers are free from all phones.",
        [("free", None, False, "Calls to 0800 numbers are free from all phones", {"range": "0800"})],
    ),
    (
        "0800 and 0808 numbers are free to call from landlines and mobiles",
        [
            (
                "free",
                None,
                False,
                "0800 and 0808 numbers are free to call from landlines and mobiles",
                {"range": "0800,0808"},
            )
        ],
    ),
    ("Use our free helpline on 0808 800 4000.", [("free", None, False, "free helpline", {})]),
    (
        "Die Hotline ist kostenlos aus dem deutschen Festnetz.",
        [("free", None, False, "Hotline ist kostenlos", {})],
    ),
    (
        "Unsere kostenlose Hotline erreichen Sie unter 0800 123 456.",
        [("free", None, False, "kostenlose Hotline", {})],
    ),
    # --- basic rate
    (
        "Calls to 03 numbers cost no more than calls to 01 or 02 numbers.",
        [
            (
                "basic-rate",
                None,
                False,
                "Calls to 03 numbers cost no more than calls to 01 or 02 numbers",
                {"range": "03"},
            )
        ],
    ),
    (
        "Calls to 03 numbers cost no more than a national rate call to an 01 or 02 number and count towards "
        "any inclusive minutes.",
        [
            (
                "basic-rate",
                None,
                False,
                "Calls to 03 numbers cost no more than a national rate call to an 01 or 02 "
                "number and count towards any inclusive minutes",
                {"range": "03"},
            )
        ],
    ),
    (
        "Calls are charged at the standard national rate.",
        [("basic-rate", None, False, "Calls are charged at the standard national rate", {})],
    ),
    ("0345 300 0000 (local rate)", [("basic-rate", None, False, "local rate", {})]),
    (
        "Calls will be included in any inclusive minutes you have.",
        [("basic-rate", None, False, "Calls will be included in any inclusive minutes", {})],
    ),
    (
        "Calls cost the same as a call to a landline.",
        [("basic-rate", None, False, "Calls cost the same as a call to a landline", {})],
    ),
    ("Standard network rates apply.", [("basic-rate", None, False, "Standard network rates apply", {})]),
    ("Rufen Sie uns an (zum Festnetztarif).", [("basic-rate", None, False, "zum Festnetztarif", {})]),
    (
        "Calls to 01 numbers cost the same as calls to other UK landlines.",
        [
            (
                "basic-rate",
                None,
                False,
                "Calls to 01 numbers cost the same as calls to other UK landlines",
                {"range": "01"},
            )
        ],
    ),
    (
        "Service-Hotline: 0800 23125 45 (kostenlos aus allen deutschen Netzen)",
        [("free", None, False, "kostenlos aus allen deutschen Netzen", {})],
    ),
    ("Hotline: 0800 23125 45 (kostenlos)", [("free", None, False, "kostenlos", {})]),
    ("Call our free\nhardship line 1800 975 709.", [("free", None, False, "free\nhardship line", {})]),
    # --- standard (service charge + access charge)
    (
        "Calls cost 7p per minute plus your phone company's access charge.",
        [("standard", 7.0, True, "Calls cost 7p per minute plus your phone company's access charge", {})],
    ),
    (
        "Calls cost 13p a minute plus your phone company's access charge",
        [("standard", 13.0, True, "Calls cost 13p a minute plus your phone company's access charge", {})],
    ),
    (
        "0845 123 4567 (5p/min plus your telephone company's network access charge)",
        [("standard", 5.0, True, "5p/min plus your telephone company's network access charge)", {})],
    ),
    (
        "Calls cost up to 13p per minute plus network extras.",
        [("standard", 13.0, True, "Calls cost up to 13p per minute plus network extras", {})],
    ),
    (
        "Calls cost 7p plus your phone company's access charge.",
        [
            (
                "standard",
                None,
                True,
                "Calls cost 7p plus your phone company's access charge",
                {"per_call": "7"},
            )
        ],
    ),
    (
        "Calls cost between 2p and 5p per minute plus your phone company's access charge.",
        [
            (
                "standard",
                None,
                True,
                "Calls cost between 2p and 5p per minute plus your phone company's access charge",
                {},
            )
        ],
    ),
    ("0180 6 123456 (0,20 €/Anruf aus dem Festnetz)", []),
    ("Service-Hotline: 0180 5 123456 (14 ct/Min.)", [("standard", 14.0, False, "14 ct/Min", {})]),
    (
        "über unsere kostenfreie Service-Nummer zur Verfügung",
        [("free", None, False, "kostenfreie Service-Nummer", {})],
    ),
    ("0800 123 4567 (free call)", [("free", None, False, "free call", {})]),
    (
        "Calls to 0871 numbers cost 13p per minute plus your phone company's access charge.",
        [
            (
                "standard",
                13.0,
                True,
                "Calls to 0871 numbers cost 13p per minute plus your phone company's access charge",
                {"range": "0871"},
            )
        ],
    ),
    ("0906 123 4567: 45p per minute", [("premium", 45.0, False, "45p per minute", {})]),
    # --- premium
    ("£1.53 per minute", [("premium", 153.0, False, "£1.53 per minute", {})]),
    (
        "Calls to this number cost £1.53 per minute plus network extras.",
        [("premium", 153.0, True, "Calls to this number cost £1.53 per minute plus network extras", {})],
    ),
    ("Call 1-900-555-0199, $2.99/min.", [("premium", 299.0, False, "$2.99/min", {})]),
    (
        "Calls to 09 numbers cost 10p per minute plus your phone company's access charge.",
        [
            (
                "premium",
                10.0,
                True,
                "Calls to 09 numbers cost 10p per minute plus your phone company's access charge",
                {"range": "09"},
            )
        ],
    ),
    ("Premium rate charges apply.", [("premium", None, False, "Premium rate charges apply", {})]),
    # --- international
    (
        "From abroad, international rates apply.",
        [("international", None, False, "international rates apply", {})],
    ),
    (
        "Calls from outside the UK are charged at international rates.",
        [("international", None, False, "Calls from outside the UK are charged at international rates", {})],
    ),
    # --- footnotes
    (
        "* Calls cost 7p per minute plus your phone company's access charge.",
        [
            (
                "standard",
                7.0,
                True,
                "* Calls cost 7p per minute plus your phone company's access charge",
                {"footnote": "*"},
            )
        ],
    ),
    (
        "†Calls to 03 numbers cost no more than calls to 01 or 02 numbers.",
        [
            (
                "basic-rate",
                None,
                False,
                "†Calls to 03 numbers cost no more than calls to 01 or 02 numbers",
                {"footnote": "†", "range": "03"},
            )
        ],
    ),
    (
        "Contact\n1 Calls cost 13p per minute plus your phone company's access charge",
        [
            (
                "standard",
                13.0,
                True,
                "1 Calls cost 13p per minute plus your phone company's access charge",
                {"footnote": "1"},
            )
        ],
    ),
    (
        "¹ Calls cost 7p per minute plus your phone company's access charge",
        [
            (
                "standard",
                7.0,
                True,
                "¹ Calls cost 7p per minute plus your phone company's access charge",
                {"footnote": "1"},
            )
        ],
    ),
    # --- two notices in one sentence
    (
        "Calls to 0800 numbers are free; calls to 0845 numbers cost 7p per minute plus your phone company's "
        "access "
        "charge.",
        [
            ("free", None, False, "Calls to 0800 numbers are free", {"range": "0800"}),
            (
                "standard",
                7.0,
                True,
                "calls to 0845 numbers cost 7p per minute plus your phone company's access charge",
                {"range": "0845"},
            ),
        ],
    ),
]

REJECTED: list[str] = [
    "Download our app (free)",
    "Electricity costs 7p per kWh.",
    "There is a £25 fee for late payment.",
    "Interest is charged at 4.5% a year.",
    "The plan costs £10 a month.",
    "Calls cost £10 a month with our unlimited plan.",
    "Free delivery on orders over £50.",
    "Get a free quote today.",
    "Installation is free of charge.",
    "Call us for a free quote, which is free of charge.",
    "Request a free callback.",
    "Feel free to call us on 0345 300 0000.",
    "This is not a freephone number.",
    "We never use premium rate numbers.",
    "Standard delivery charges apply.",
    "Basic rate taxpayers get 20% relief.",
    "Prices from £9.99 per month.",
    "Our free trial lasts 30 days.",
    "Minimum order 5 items.",
    "Free parking available.",
    "The rate of interest is 5%.",
    "Sign up for free.",
    "Call charges may vary.",
    "Included free calls (email message)",
    "We can also offer 09 premium rate numbers.",
    "Find out about call charges",
    "Calls cost nothing extra.",
    "Text HELP to 07700 900790. Standard network rates apply.",
    "We can also offer other numbers such as 0800 freephone numbers, and 09 premium rate numbers.",
    "Currently, mobile users pay up to 40p a minute to dial the numbers, which are free to call from a landline.",
    "Making 0800 free from a mobile and giving people clarity",
    "Currently, mobile users pay up to 40p a \nminute to dial the numbers, which are free to call from a landline",
    "Free line rental for 12 months.",
]


def _as_tuple(text: str) -> list[tuple[str, float | None, bool, str, dict[str, str]]]:
    out = []
    for m in find_costs(text):
        assert m.kind == "cost"
        assert isinstance(m.value, Cost)
        attrs = dict(m.attrs)
        out.append(
            (m.value.category, m.value.pence_per_minute, m.value.access_charge, text[m.start : m.end], attrs)
        )
    return out


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[c[0][:40] for c in FOUND])
def test_cost_found(text: str, expected: list[tuple[str, float | None, bool, str, dict[str, str]]]) -> None:
    assert _as_tuple(text) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_cost_rejected(text: str) -> None:
    assert find_costs(text) == []


@pytest.mark.parametrize(
    ("text", "pos", "marker"),
    [
        ("0845 123 4567* Calls cost 7p", 13, "*"),
        ("0845 123 4567 ** see below", 13, "**"),
        ("0845 123 4567†", 13, "†"),
        ("0845 123 4567‡", 13, "‡"),
        ("0845 123 4567¹", 13, "1"),
        ("0845 123 45671 and more", 13, "1"),
        ("0845 123 4567.", 13, None),
        ("0845 123 4567 1", 13, None),
        ("0845 123 4567", 13, None),
        ("0845 123 4567 (Mon-Fri)", 13, None),
    ],
)
def test_cost_footnote_marker_after(text: str, pos: int, marker: str | None) -> None:
    assert footnote_marker_after(text, pos) == marker


def test_cost_footnote_links_number_and_notice() -> None:
    text = "Call 0845 123 4567¹\n\n¹ Calls cost 7p per minute plus your phone company's access charge."
    (m,) = find_costs(text)
    assert footnote_marker_after(text, text.index("4567") + 4) == m.attr("footnote") == "1"


def test_cost_speed_on_large_text() -> None:
    chunk = (
        "Free delivery on orders over £50. Electricity costs 24.5p per kWh "
        "and our standing charge is 45p a day. "
        "Call 0345 300 0000; calls to 03 numbers cost no more than calls to 01 or 02 numbers. "
        "Interest rates from 4.5%. Get a free quote. "
    )
    text = chunk * (150_000 // len(chunk))
    t0 = time.perf_counter()
    got = find_costs(text)
    elapsed = time.perf_counter() - t0
    assert len(got) == text.count("calls to 03")
    assert elapsed < 2.0


def test_cost_corpus_notices(corpus: Path) -> None:
    """Real pages: toll-free notices in VA copy; no notice in invoices, filings or news about other things."""
    ext = corpus / "external"
    chatbot = find_costs((ext / "va-gov-team/chatbot-copy.md").read_text())
    assert len(chatbot) >= 4
    assert {m.value.category for m in chatbot if isinstance(m.value, Cost)} == {"free"}
    for name in ("govuk-smart-answers", "multiwoz", "talon"):
        for path in sorted((ext / name).iterdir()):
            assert find_costs(path.read_text(errors="replace")) == [], path
