"""Opening-hours recogniser: free-text statements and day tables to canonical OSM values."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

import opening_hours
import pytest

from extractors.recognisers.hours import canonical_osm, find_hours, hours_from_table, normalise_osm

# (text, [(value, exact text of the match span, timezone or None), ...])
FOUND: list[tuple[str, list[tuple[str, str, str | None]]]] = [
    # --- day ranges and clocks
    (
        "Lines are open Monday to Friday 8am to 8pm, Saturday 9am to 5pm.",
        [("Mo-Fr 08:00-20:00; Sa 09:00-17:00", "Monday to Friday 8am to 8pm, Saturday 9am to 5pm", None)],
    ),
    ("Mon-Fri 9-5", [("Mo-Fr 09:00-17:00", "Mon-Fri 9-5", None)]),
    ("Mon–Fri 8:30am–5:30pm", [("Mo-Fr 08:30-17:30", "Mon–Fri 8:30am–5:30pm", None)]),
    ("Monday – Friday, 9.00am – 5.00pm", [("Mo-Fr 09:00-17:00", "Monday – Friday, 9.00am – 5.00pm", None)]),
    ("Monday—Friday 8 a.m.—6 p.m.", [("Mo-Fr 08:00-18:00", "Monday—Friday 8 a.m.—6 p.m.", None)]),
    ("Mon - Fri: 8:30 a.m. to 5 p.m.", [("Mo-Fr 08:30-17:00", "Mon - Fri: 8:30 a.m. to 5 p.m.", None)]),
    (
        "Monday through Friday, 7 AM to 7 PM",
        [("Mo-Fr 07:00-19:00", "Monday through Friday, 7 AM to 7 PM", None)],
    ),
    ("Mon thru Fri 0800-2000", [("Mo-Fr 08:00-20:00", "Mon thru Fri 0800-2000", None)]),
    ("Mon-Fri 08:00 - 20:00", [("Mo-Fr 08:00-20:00", "Mon-Fri 08:00 - 20:00", None)]),
    ("Monday to Friday 9:00 - 17:30", [("Mo-Fr 09:00-17:30", "Monday to Friday 9:00 - 17:30", None)]),
    ("Tuesday 10am-4pm", [("Tu 10:00-16:00", "Tuesday 10am-4pm", None)]),
    ("Saturdays 9am-12 noon", [("Sa 09:00-12:00", "Saturdays 9am-12 noon", None)]),
    ("Friday from noon until midnight", [("Fr 12:00-24:00", "Friday from noon until midnight", None)]),
    ("Mon-Thu 6pm-midnight", [("Mo-Th 18:00-24:00", "Mon-Thu 6pm-midnight", None)]),
    ("Friday and Saturday 8pm-2am", [("Fr,Sa 20:00-02:00", "Friday and Saturday 8pm-2am", None)]),
    # --- bare numbers read as business hours
    ("Monday to Friday 8 to 6", [("Mo-Fr 08:00-18:00", "Monday to Friday 8 to 6", None)]),
    ("Mon-Sat 8 till 8", [("Mo-Sa 08:00-20:00", "Mon-Sat 8 till 8", None)]),
    ("Weekdays 9-5:30", [("Mo-Fr 09:00-17:30", "Weekdays 9-5:30", None)]),
    ("Mon-Fri 9-5pm", [("Mo-Fr 09:00-17:00", "Mon-Fri 9-5pm", None)]),
    ("Saturday 1-5pm", [("Sa 13:00-17:00", "Saturday 1-5pm", None)]),
    ("Sat 11-2pm", [("Sa 11:00-14:00", "Sat 11-2pm", None)]),
    ("Mon-Fri 8am-6", [("Mo-Fr 08:00-18:00", "Mon-Fri 8am-6", None)]),
    # --- lists, sets, times first
    ("Mon, Wed and Fri 9-5", [("Mo,We,Fr 09:00-17:00", "Mon, Wed and Fri 9-5", None)]),
    ("Saturday & Sunday 10am-4pm", [("Sa,Su 10:00-16:00", "Saturday & Sunday 10am-4pm", None)]),
    (
        "Weekdays 8am-8pm, weekends 9am-5pm",
        [("Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00", "Weekdays 8am-8pm, weekends 9am-5pm", None)],
    ),
    ("Open 7 days a week, 8am-10pm", [("Mo-Su 08:00-22:00", "7 days a week, 8am-10pm", None)]),
    ("We're here every day from 9am to 9pm.", [("Mo-Su 09:00-21:00", "every day from 9am to 9pm", None)]),
    ("Open daily 10:00-18:00", [("Mo-Su 10:00-18:00", "daily 10:00-18:00", None)]),
    (
        "8:45am to 5pm, Monday to Thursday, and 8:45am to 4:45pm, Friday",
        [
            (
                "Mo-Th 08:45-17:00; Fr 08:45-16:45",
                "8:45am to 5pm, Monday to Thursday, and 8:45am to 4:45pm, Friday",
                None,
            )
        ],
    ),
    (
        "Our lines are open 8am to 8pm Monday to Friday, and 9am to 5pm on Saturdays.",
        [
            (
                "Mo-Fr 08:00-20:00; Sa 09:00-17:00",
                "8am to 8pm Monday to Friday, and 9am to 5pm on Saturdays",
                None,
            )
        ],
    ),
    (
        "You can call between 9am and 5pm, Monday to Friday.",
        [("Mo-Fr 09:00-17:00", "between 9am and 5pm, Monday to Friday", None)],
    ),
    ("Mon-Fri 9am-1pm and 2pm-5pm", [("Mo-Fr 09:00-13:00,14:00-17:00", "Mon-Fri 9am-1pm and 2pm-5pm", None)]),
    ("Monday 9am-12pm, 1pm-5pm", [("Mo 09:00-12:00,13:00-17:00", "Monday 9am-12pm, 1pm-5pm", None)]),
    # --- round the clock
    ("Call us 24/7 on 0800 123 4567", [("24/7", "24/7", None)]),
    (
        "Our helpline is open 24 hours a day, 7 days a week.",
        [("24/7", "24 hours a day, 7 days a week", None)],
    ),
    ("Our emergency line is open 24 hours.", [("24/7", "open 24 hours", None)]),
    ("Monday to Friday, 24 hours a day", [("Mo-Fr 00:00-24:00", "Monday to Friday, 24 hours a day", None)]),
    (
        "Mon-Fri 00:00-24:00, Sat-Sun 00:00-24:00",
        [("24/7", "Mon-Fri 00:00-24:00, Sat-Sun 00:00-24:00", None)],
    ),
    # --- closures and holidays
    (
        "Monday to Saturday 8am to 8pm, closed Sundays and bank holidays.",
        [
            (
                "Mo-Sa 08:00-20:00; PH off",
                "Monday to Saturday 8am to 8pm, closed Sundays and bank holidays",
                None,
            )
        ],
    ),
    (
        "Monday to Friday 8am to 8pm. Closed on public holidays.",
        [("Mo-Fr 08:00-20:00; PH off", "Monday to Friday 8am to 8pm. Closed on public holidays", None)],
    ),
    (
        "Monday to Friday, 8:30am to 5pm (except bank holidays)",
        [("Mo-Fr 08:30-17:00; PH off", "Monday to Friday, 8:30am to 5pm (except bank holidays)", None)],
    ),
    (
        "Monday to Friday (excluding bank holidays) 9am to 5pm",
        [("Mo-Fr 09:00-17:00; PH off", "Monday to Friday (excluding bank holidays) 9am to 5pm", None)],
    ),
    ("Every day except Sunday, 9am-6pm", [("Mo-Sa 09:00-18:00", "Every day except Sunday, 9am-6pm", None)]),
    (
        "Mon-Fri 8am-8pm; Sat 9am-5pm; Sun & bank holidays 10am-4pm",
        [
            (
                "Mo-Fr 08:00-20:00; Sa 09:00-17:00; Su 10:00-16:00; PH 10:00-16:00",
                "Mon-Fri 8am-8pm; Sat 9am-5pm; Sun & bank holidays 10am-4pm",
                None,
            )
        ],
    ),
    (
        "Monday to Friday 9am to 5pm (closed for lunch 1pm to 2pm)",
        [
            (
                "Mo-Fr 09:00-13:00,14:00-17:00",
                "Monday to Friday 9am to 5pm (closed for lunch 1pm to 2pm)",
                None,
            )
        ],
    ),
    # --- consecutive lines (one statement) and separate channels (two)
    (
        "Opening hours\nMonday to Friday: 8am to 8pm\nSaturday: 9am to 5pm\nSunday: Closed\n",
        [
            (
                "Mo-Fr 08:00-20:00; Sa 09:00-17:00",
                "Monday to Friday: 8am to 8pm\nSaturday: 9am to 5pm\nSunday: Closed",
                None,
            )
        ],
    ),
    (
        "Monday to Friday 8am to 8pm. Saturday 9am to 5pm.",
        [("Mo-Fr 08:00-20:00; Sa 09:00-17:00", "Monday to Friday 8am to 8pm. Saturday 9am to 5pm", None)],
    ),
    (
        "Phone: Monday to Friday 8am-8pm\nWebchat: Monday to Sunday 8am-10pm",
        [
            ("Mo-Fr 08:00-20:00", "Monday to Friday 8am-8pm", None),
            ("Mo-Su 08:00-22:00", "Monday to Sunday 8am-10pm", None),
        ],
    ),
    (
        "Telephone: 0800 111 6768\nMonday to Friday, 8am to 6pm\nSaturday, 9am to 1pm\n"
        "Find out about call charges",
        [("Mo-Fr 08:00-18:00; Sa 09:00-13:00", "Monday to Friday, 8am to 6pm\nSaturday, 9am to 1pm", None)],
    ),
    # --- time zones
    ("Monday–Friday, 6am–9pm CT", [("Mo-Fr 06:00-21:00", "Monday–Friday, 6am–9pm CT", "America/Chicago")]),
    ("Mon-Fri 8am-8pm ET", [("Mo-Fr 08:00-20:00", "Mon-Fri 8am-8pm ET", "America/New_York")]),
    (
        "Monday to Friday 9am to 6pm Eastern Time",
        [("Mo-Fr 09:00-18:00", "Monday to Friday 9am to 6pm Eastern Time", "America/New_York")],
    ),
    (
        "between 9:00am and 6.00pm (GMT) Monday to Friday",
        [("Mo-Fr 09:00-18:00", "between 9:00am and 6.00pm (GMT) Monday to Friday", "Europe/London")],
    ),
    ("Mon-Fri 9am-5pm UK time", [("Mo-Fr 09:00-17:00", "Mon-Fri 9am-5pm UK time", "Europe/London")]),
    ("Mon-Fri 9am-5pm AEST", [("Mo-Fr 09:00-17:00", "Mon-Fri 9am-5pm AEST", "Australia/Sydney")]),
    ("Mo-Fr 09:00-17:00 CET", [("Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00 CET", "Europe/Berlin")]),
    (
        "8:00 a.m. to 8:00 p.m. Pacific Time, Monday through Friday",
        [
            (
                "Mo-Fr 08:00-20:00",
                "8:00 a.m. to 8:00 p.m. Pacific Time, Monday through Friday",
                "America/Los_Angeles",
            )
        ],
    ),
    # --- OSM-like and German (bonus)
    (
        "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off",
        [("Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off", "Mo-Fr 09:00-17:00; Sa 10:00-14:00; PH off", None)],
    ),
    ("Mo.-Fr. 8.00-18.00 Uhr", [("Mo-Fr 08:00-18:00", "Mo.-Fr. 8.00-18.00 Uhr", None)]),
    (
        "Montag bis Freitag von 9 bis 17 Uhr",
        [("Mo-Fr 09:00-17:00", "Montag bis Freitag von 9 bis 17 Uhr", None)],
    ),
    # --- times without days, read as every day
    ("Lines are open 8am to 8pm.", [("Mo-Su 08:00-20:00", "8am to 8pm", None)]),
    (
        "The Consular section is open 9am to 12pm (except public holidays).",
        [("Mo-Su 09:00-12:00; PH off", "9am to 12pm (except public holidays)", None)],
    ),
    ("Call us on 13 2224, 8am to 8pm, 7 days.", [("Mo-Su 08:00-20:00", "8am to 8pm, 7 days", None)]),
    ("24/7 support is available by telephone", [("24/7", "24/7", None)]),
    (
        "Our lines are closed. We're open Monday to Friday 8am to 8pm and Saturday 9am to 5pm.",
        [("Mo-Fr 08:00-20:00; Sa 09:00-17:00", "Monday to Friday 8am to 8pm and Saturday 9am to 5pm", None)],
    ),
    # round the clock in prose: a number to call or a channel cue next to it
    ("Claims can be reported 24/7 at (312) 555-0187.", [("24/7", "24/7", None)]),
    ("Report a leak 24 hours a day on 0808 157 0311.", [("24/7", "24 hours a day", None)]),
    ("For claims, you can call us any time, day or night, at 1-800-555-0178.",
     [("24/7", "any time, day or night", None)]),
    ("You can order refills around the clock by calling 1-888-742-7622.", [("24/7", "around the clock", None)]),
    ("Störungsdienst rund um die Uhr: +49 30 23125 499", [("24/7", "rund um die Uhr", None)]),
    ("Störungen Strom (24 Stunden): 030 23125 790", [("24/7", "24 Stunden", None)]),
    ("Wir sind 24 Stunden erreichbar.", [("24/7", "24 Stunden", None)]),
    (
        "Technical support is also available by web chat at\nwww.example.com/help/chat around\nthe clock.",
        [("24/7", "around\nthe clock", None)],
    ),
    # --- found in real pages: "and" between clock times, overlapping day lines that add up
    (
        "Opening times:\n8am and 8pm, Monday to Friday\n8am and 4pm Saturdays",
        [("Mo-Fr 08:00-20:00; Sa 08:00-16:00", "8am and 8pm, Monday to Friday\n8am and 4pm Saturdays", None)],
    ),
    (
        "Hours:\nMon-Sat 11am - 2:30pm\nMon-Thu 5pm - 9:30pm\nFri-Sat 5pm - 10pm",
        [
            (
                "Mo-Th 11:00-14:30,17:00-21:30; Fr,Sa 11:00-14:30,17:00-22:00",
                "Mon-Sat 11am - 2:30pm\nMon-Thu 5pm - 9:30pm\nFri-Sat 5pm - 10pm",
                None,
            )
        ],
    ),
    (
        "Öffnungszeiten\nMo. bis Fr. 11:00 – 18:00 Uhr\nMittwochs geschlossen",
        [("Mo,Tu,Th,Fr 11:00-18:00", "Mo. bis Fr. 11:00 – 18:00 Uhr\nMittwochs geschlossen", None)],
    ),
    (
        "Mo-Fr 8-19 Uhr, Sa 8-16 Uhr",
        [("Mo-Fr 08:00-19:00; Sa 08:00-16:00", "Mo-Fr 8-19 Uhr, Sa 8-16 Uhr", None)],
    ),
]

REJECTED: list[str] = [
    "We may call you between 8am and 9pm.",
    "We will only contact you between 8am and 8pm, Monday to Saturday.",
    "We reply within 2 working days.",
    "Parcels are delivered 9am-5pm Monday to Friday.",
    "Our engineer will arrive between 8am and 1pm.",
    "The webinar starts at 2pm on Monday 5 May.",
    "Monday to Friday",  # days without times
    "Closed on Sundays and bank holidays.",
    "Call us on Monday.",
    "The shop closes at 5pm.",
    "Opening from 9am.",
    "Allow 3-5 working days for a reply.",
    "Prices from £9-£15 on Saturdays.",
    "Call 0800 123 4567 or 0345 300 0000.",
    "The match ended 3-1 on Saturday.",
    "Page 9 of 12",
    "Read more at 10:45 on 12/05/2024.",
    "It takes 2 to 3 hours on Sunday.",
    "Ages 8 to 12",
    "Monday 5 May 9am to 5pm",
    "Published Tuesday 10:00 - 11:30",
    "Breakfast is served 7am-10am daily.",
    "Up to 20% off this weekend",
    "[Call lists are TPS-screened. Only call between 9am and 8pm, Monday to Saturday.]",
    "Free 24/7 upgrade or out of hours voicemail",
    "We deliver 24/7 on 12 routes",
    "The shop opened in 2004 and 24 hours later it closed.",
    "Email is effective from acknowledgement, typically within 24 hours.",
    "October 06, 2022 | 10:00 - 15:00 CEST | Online",
    "Received: Mon, 17 Mar 2014 04:15:16 -0700 (PDT)",
]


def _osm_ok(value: str) -> None:
    opening_hours.OpeningHours(value)  # raises on a value that is not OSM opening_hours


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[c[0][:40] for c in FOUND])
def test_hours_found(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = find_hours(text)
    assert [(m.value, text[m.start : m.end], m.attr("timezone")) for m in got] == expected
    for m in got:
        assert m.kind == "hours"
        assert isinstance(m.value, str)
        _osm_ok(m.value)


@pytest.mark.parametrize("text", REJECTED)
def test_hours_rejected(text: str) -> None:
    assert find_hours(text) == []


def test_hours_times_without_days_marked() -> None:
    (m,) = find_hours("Lines are open 8am to 8pm.")
    assert m.attr("days") == "unstated"
    (m,) = find_hours("Mon-Fri 8am to 8pm.")
    assert m.attr("days") is None


def test_hours_in_longer_text_offsets() -> None:
    text = "Contact us\n\nCall 0345 300 0000. Lines are open Mon-Fri 8am-6pm.\n\nWrite to us at PO Box 1."
    (m,) = find_hours(text)
    assert text[m.start : m.end] == "Mon-Fri 8am-6pm"
    assert m.value == "Mo-Fr 08:00-18:00"


TABLES: list[tuple[list[tuple[str, str]], str | None]] = [
    (
        [
            ("Monday", "8am - 8pm"),
            ("Tuesday", "8am - 8pm"),
            ("Wednesday", "8am - 8pm"),
            ("Thursday", "8am - 8pm"),
            ("Friday", "8am - 8pm"),
            ("Saturday", "9am to 1pm"),
            ("Sunday", "Closed"),
        ],
        "Mo-Fr 08:00-20:00; Sa 09:00-13:00",
    ),
    ([("Monday - Friday", "09:00 - 17:30"), ("Saturday & Sunday", "Closed")], "Mo-Fr 09:00-17:30"),
    ([("Mon-Fri", "9am-1pm, 2pm-5pm"), ("Bank holidays", "Closed")], "Mo-Fr 09:00-13:00,14:00-17:00; PH off"),
    ([("Weekdays", "24 hours"), ("Weekends", "10am to 4pm")], "Mo-Fr 00:00-24:00; Sa,Su 10:00-16:00"),
    ([("Every day", "24 hours")], "24/7"),
    ([("Monday", "Closed"), ("Sunday", "-")], None),
    ([("Saturday", "9-1")], "Sa 09:00-13:00"),
    ([("Address", "1 High Street")], None),
]


@pytest.mark.parametrize(("rows", "expected"), TABLES)
def test_hours_from_table(rows: list[tuple[str, str]], expected: str | None) -> None:
    got = hours_from_table(rows)
    assert got == expected
    if got is not None:
        _osm_ok(got)


def test_hours_canonical_osm() -> None:
    week = {0: [(480, 1200)], 1: [(480, 1200)], 2: [(480, 1200)], 5: [(540, 780)], 6: [(540, 780)]}
    assert canonical_osm(week, ph=[]) == "Mo-We 08:00-20:00; Sa,Su 09:00-13:00; PH off"
    assert canonical_osm({d: [(0, 1440)] for d in range(7)}) == "24/7"
    assert canonical_osm({}) == "off"
    _osm_ok(canonical_osm(week, ph=[]))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off", "Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off"),
        ("Mo,Tu,We,Th,Fr 08:00-20:00", "Mo-Fr 08:00-20:00"),
        ("Mo-Fr 08:00-20:00; Sa 08:00-20:00", "Mo-Sa 08:00-20:00"),
        ("24/7", "24/7"),
        ("Monday to Friday 8am to 8pm", "Mo-Fr 08:00-20:00"),
        ("nonsense", None),
    ],
)
def test_hours_normalise_osm(value: str, expected: str | None) -> None:
    assert normalise_osm(value) == expected


def test_hours_speed_on_large_text() -> None:
    chunk = (
        "Our customer service team can help with billing, moving home and meter readings. "
        "Call 0345 300 0000. Lines are open Monday to Friday 8am to 8pm and Saturday 9am to 5pm. "
        "Deliveries take 3-5 working days; prices from £9.99 (2024-05-12). "
    )
    text = chunk * (150_000 // len(chunk))
    t0 = time.perf_counter()
    got = find_hours(text)
    elapsed = time.perf_counter() - t0
    assert len(got) == text.count("Lines are open")
    assert elapsed < 2.0


def test_hours_normalise_agrees_with_opening_hours_on_peer_values(corpus: Path) -> None:
    """opening_hours.js test values in the simple subset: our canonical form means the same week."""
    peer = corpus / "external/peer-tests/opening_hours.js-test-values.json"
    cases = json.loads(peer.read_text())["cases"]
    simple = re.compile(r"^[MoTuWeThFrSaSuPH0-9:,;\- /7offclsedn]+$")
    start = dt.datetime(2024, 12, 23)  # a week with Christmas and Boxing Day
    end = start + dt.timedelta(days=7)

    def week(value: str) -> list[tuple[dt.datetime, dt.datetime]]:
        oh = opening_hours.OpeningHours(value, country="GB")
        return [(a, b) for a, b, state, _ in oh.intervals(start, end) if str(state).endswith("OPEN")]

    compared = 0
    for value in sorted({c["value"] for c in cases if simple.match(c["value"])}):
        try:
            expected = week(value)
        except Exception:  # not valid OSM: nothing to compare with
            continue
        got = normalise_osm(value)
        assert (week(got) if got else []) == expected, (value, got)
        compared += 1
    assert compared >= 100


def test_hours_corpus_statements(corpus: Path) -> None:
    """Real pages: every value parses, and known statements are found with their zone."""
    ext = corpus / "external"
    chatbot = (ext / "va-gov-team/chatbot-copy.md").read_text()
    got = find_hours(chatbot)
    assert ("Mo-Fr 08:00-19:00", "America/New_York") in [(m.value, m.attr("timezone")) for m in got]
    values = [m.value for m in got]
    for name in ("govuk-publishing-api", "govuk-smart-answers", "multiwoz", "schemaorg"):
        for path in sorted((ext / name).iterdir()):
            values += [m.value for m in find_hours(path.read_text(errors="replace"))]
    assert len(values) > 50
    for value in values:
        assert isinstance(value, str)
        _osm_ok(value)
