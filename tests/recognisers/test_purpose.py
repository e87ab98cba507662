"""Purpose recogniser: what a contact is for, from phrases and from short headings."""

from __future__ import annotations

import pytest

from extractors.recognisers.purpose import PURPOSE_VALUES, find_purposes, purpose_of_heading

# (text, [(value, text[start:end])])
CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Make a complaint", [("complaints", "Make a complaint")]),
    ("How to complain", [("complaints", "complain")]),
    ("If you're not happy with our service, tell us", [("complaints", "not happy with")]),
    ("Complaints: 0800 123 4567", [("complaints", "Complaints")]),
    ("New customers: 0800 123 4567", [("sales", "New customers")]),
    ("Switch to us today", [("sales", "Switch to us")]),
    ("Get a free quote", [("sales", "Get a free quote")]),
    ("Sales: 0800 000 000", [("sales", "Sales")]),
    ("Call our sales team", [("sales", "Call our sales team")]),
    ("Customer services: 0345 300 0000", [("service", "Customer services")]),
    ("General enquiries", [("service", "General enquiries")]),
    ("Existing customers", [("service", "Existing customers")]),
    ("Manage your account online", [("service", "Manage your account")]),
    ("Pay your bill by direct debit", [("billing", "Pay your bill"), ("billing", "direct debit")]),
    ("Billing enquiries", [("billing", "Billing")]),
    ("Submit a meter reading", [("billing", "meter reading")]),
    ("Report a fault", [("technical", "Report a fault")]),
    ("Power cut? Call 105", [("technical", "Power cut")]),
    ("Broadband faults line", [("technical", "Broadband faults")]),
    ("Technical support: 0333 000 000", [("technical", "Technical support")]),
    # German labels and headings
    ("Kundenservice", [("service", "Kundenservice")]),
    ("Service-Hotline: 0800 23125 45", [("service", "Service-Hotline")]),
    ("Störungsdienst rund um die Uhr", [("technical", "Störungsdienst")]),
    ("Reservierung: Mo–Fr 09:00–18:00", [("sales", "Reservierung")]),
    ("Reservations: Monday to Friday 9am–6pm", [("sales", "Reservations")]),
    ("Takes Reservations: Yes", []),
    ("Beschwerden richten Sie bitte an", [("complaints", "Beschwerden")]),
    ("Rechnungsfragen: 030 1234567", [("billing", "Rechnungsfragen")]),
    ("Notdienst: 0800 111 0999", [("emergency", "Notdienst")]),
    ("Bei Gasgeruch rufen Sie", [("emergency", "Gasgeruch")]),
    ("Unsere Buchung der Anzeigen", []),
    # Markdown heading marks and bullets around a heading word
    ("## Sales", [("sales", "Sales")]),
    ("* Faults", [("technical", "Faults")]),
    ("## Sales figures for 2023", []),
    # a purpose word right before a number labels it
    ("Sales 0345 300 0001.", [("sales", "Sales")]),
    ("Emergencies 0800 111 999", [("emergency", "Emergencies")]),
    ("Sales 2023 rose by 4%", []),
    (
        "Smell gas? Call 0800 111 999 (24-hour emergency line)",
        [("emergency", "Smell gas"), ("emergency", "24-hour emergency line")],
    ),
    ("In an emergency call 0800 111 999", [("emergency", "In an emergency")]),
    ("Report a gas leak", [("emergency", "gas leak")]),
    ("All other enquiries", [("other", "All other enquiries")]),
    ("Press office: 020 7000 0000", [("other", "Press office")]),
    ("Sales\n0800 000 000", [("sales", "Sales")]),
    ("Payments\n0345 000 0000", [("billing", "Payments")]),
    ("Faults and repairs\n0800 000 000", [("technical", "Faults")]),
    ("Emergencies:\n0800 000 000", [("emergency", "Emergencies")]),
    # negatives
    ("emergency credit on your prepayment meter", []),
    ("Apply for an emergency travel document", []),
    ("a global health emergency", []),
    ("Net sales: $4.2m", []),
    ("Billing address", []),
    ("BILLING CODE 4910-13-P", []),
    ("The plaintiff filed an amended complaint.", []),
    ("Bill Wiggin\nMP for North Herefordshire", []),
    ("Social Media\nPress Releases", []),
    ("Support vector machine (SVM)", []),
    ("dmg media\n\n\nContact us", []),
    ("British Consulate-General\nEnquiries", []),
    ("Opening hours", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_find_purposes(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_purposes(text)
    assert [(m.value, text[m.start : m.end]) for m in found] == expected
    assert all(m.kind == "purpose" and m.value in PURPOSE_VALUES for m in found)


HEADINGS: list[tuple[str, str | None]] = [
    ("Complaints", "complaints"),
    ("Make a complaint", "complaints"),
    ("Billing enquiries", "billing"),
    ("Bills and payments", "billing"),
    ("Sales", "sales"),
    ("New customers", "sales"),
    ("Power cuts", "technical"),
    ("Faults and repairs", "technical"),
    ("Report a fault", "technical"),
    ("Emergencies", "emergency"),
    ("Customer services", "service"),
    ("General enquiries", "service"),
    ("Other enquiries", "other"),
    ("Other", "other"),
    ("Sales and service", "sales"),
    ("Contact us", None),
    ("Opening hours", None),
    ("", None),
    ("This heading is far too long to be a heading of a contact section in any real page at all", None),
]


@pytest.mark.parametrize(("heading", "expected"), HEADINGS, ids=[h or "empty" for h, _ in HEADINGS])
def test_purpose_of_heading(heading: str, expected: str | None) -> None:
    assert purpose_of_heading(heading) == expected


def test_offsets_survive_non_ascii_case_mapping() -> None:
    text = "İİİ Make a complaint"
    (m,) = find_purposes(text)
    assert text[m.start : m.end] == "Make a complaint"


def test_scanning_only_near_keywords_finds_every_phrase() -> None:
    """The phrases found by trying the pattern only where its start words are written are the ones the
    pattern finds anywhere: no alternative lacks its start words or its stem."""
    from extractors.recognisers import purpose

    text = "\n".join(t for t, _ in CASES) + "\n" + "\n".join(t.upper() for t, _ in CASES)
    fast = [(m.start, m.end, m.value) for m in purpose._text_matches(text)]
    slow = [(m.start(), m.end(), m.lastgroup) for m in purpose._TEXT_RE.finditer(text)
            if m.lastgroup is not None and purpose._accept(text, m, m.lastgroup)]
    assert fast == slow
