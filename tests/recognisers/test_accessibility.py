"""Accessibility recogniser: relay, textphone, sign language, alternative formats, interpreters, other."""

from __future__ import annotations

import pytest

from extractors.recognisers.accessibility import ACCESSIBILITY_VALUES, find_accessibility

# (text, [(value, text[start:end])])
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # relay
    ("Relay UK: 18001 then 0345 300 0000", [("relay", "Relay UK"), ("relay", "18001")]),
    ("Text relay: dial 18001 then 0800 1234 1234", [("relay", "Text relay"), ("relay", "18001")]),
    (
        "Call 0800 0282 878 or 18001 0800 0282 878 (Text relay service)",
        [("relay", "18001"), ("relay", "Text relay")],
    ),
    ("18002 0345 300 0000", [("relay", "18002")]),
    ("(Next Generation Text)", [("relay", "Next Generation Text")]),
    ("Use the NGT Lite app", [("relay", "NGT Lite")]),
    ("Dial 711", [("relay", "711")]),
    # SPEC 8: "711" or "TTY/711" with no number gives only accessibility: relay
    ("TTY/711", [("relay", "711")]),
    ("TTY: 711", [("relay", "711")]),
    ("call toll-free at 1-800-555-0166 (TTY 711), 7 a.m. to 7 p.m.", [("relay", "711")]),
    ("Telecommunications Device for the Deaf (TDD)\n\nDial 711", [("relay", "711")]),
    ("TTY 711 or 1-800-555-0199", [("textphone", "TTY"), ("relay", "711")]),
    ("Language assistance services are available free of charge.", [("interpreter", "Language assistance services")]),
    ("Telecommunications Relay Service (TRS)", [("relay", "Telecommunications Relay Service (TRS")]),
    ("We accept calls through any relay service.", [("relay", "relay service")]),
    ("Suite 711, Main Street", []),
    ("Call 0118001234 now", []),
    ("Order 7115 shipped", []),
    ("a relay race", []),
    # textphone
    ("Textphone: 0345 601 2002", [("textphone", "Textphone")]),
    ("Or contact us by textphone on 020 7210 5025", [("textphone", "textphone")]),
    (
        "(Textphone compatible with Ultratec Minicom 6000)",
        [("textphone", "Textphone"), ("textphone", "Minicom")],
    ),
    ("TTY/TDD: 1-800-555-0100", [("textphone", "TTY/TDD")]),
    ("Text phone users", [("textphone", "Text phone")]),
    (
        "Telecommunications Device for the Deaf (TDD)",
        [("textphone", "Telecommunications Device for the Deaf (TDD")],
    ),
    ("open a tty in your terminal", []),
    ("text your phone number", []),
    # sign language
    ("British Sign Language (BSL) interpreters available", [("sign-language", "British Sign Language (BSL")]),
    ("Use our BSL video relay service", [("sign-language", "BSL video relay service")]),
    ("Contact us in ASL via VRS", [("sign-language", "ASL"), ("sign-language", "VRS")]),
    ("Use SignVideo to talk to us", [("sign-language", "SignVideo")]),
    ("a sign language interpreter", [("sign-language", "sign language interpreter")]),
    ("a BSL interpreter", [("sign-language", "BSL interpreter")]),
    ("contactSCOTLAND-BSL", [("sign-language", "contactSCOTLAND-BSL")]),
    ("a BSL-3 laboratory", []),
    ("BSL 2 containment", []),
    ("summit at 2500 m ASL", []),
    ("No sign of the parcel", []),
    # alternative formats
    (
        "We can provide this leaflet in large print, braille or audio.",
        [("alternative-formats", "large print, braille or audio")],
    ),
    ("Request an accessible format.", [("alternative-formats", "accessible format")]),
    ("Easy Read versions are available", [("alternative-formats", "Easy Read")]),
    ("Ask for your bill in Braille", [("alternative-formats", "Braille")]),
    (
        "This information is available in other languages",
        [("alternative-formats", "This information is available in other languages")],
    ),
    ("Translated documents are available on request", [("alternative-formats", "Translated documents")]),
    ("We can send it as an audio CD", [("alternative-formats", "audio CD")]),
    ("The lift has buttons in Braille", []),
    ("audio visual equipment hire", []),
    ("This page is also available in Welsh", []),
    ("Cymraeg", []),
    ("English | Español | Polski", []),
    ("large printer for sale", []),
    # interpreter
    ("We can arrange an interpreter", [("interpreter", "an interpreter")]),
    ("Free telephone interpreting service", [("interpreter", "telephone interpreting service")]),
    ("We use Language Line", [("interpreter", "Language Line")]),
    ("Welsh Language Line: 0300 200 1900", []),
    ("the Python interpreter", []),
    ("lists of translators and interpreters", []),
    # other
    ("Hearing loop available at reception", [("other", "Hearing loop")]),
    ("Join our Priority Services Register", [("other", "Priority Services Register")]),
    ("Extra help if you're disabled or have a long-term illness", [("other", "Extra help")]),
    ("extra help with your homework", []),
    ("We will make reasonable adjustments for you", [("other", "reasonable adjustments")]),
    ("failing to make reasonable adjustments for a disabled worker", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_find_accessibility(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_accessibility(text)
    assert [(m.value, text[m.start : m.end]) for m in found] == expected
    assert all(m.kind == "accessibility" and m.value in ACCESSIBILITY_VALUES for m in found)


def test_offsets_in_longer_text() -> None:
    text = "Contact us.\n" * 400 + "Textphone: 0345 601 2002\n" + "Thanks.\n" * 400
    (m,) = find_accessibility(text)
    assert text[m.start : m.end] == "Textphone"
