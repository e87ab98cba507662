"""Table-driven tests of the phone recogniser: found, rejected, attributes, parse_number, infer_region."""

from __future__ import annotations

import time

import pytest

from extractors.recognisers.phone import find_phones, infer_region, parse_number

Expected = list[tuple[str, str, str]]  # (kind, value, text[start:end])


def found(text: str, region: str | None) -> Expected:
    return [(m.kind, str(m.value), text[m.start : m.end]) for m in find_phones(text, region)]


FOUND: list[tuple[str, str | None, Expected]] = [
    # Numbers the matcher drops because another digit group touches them.
    ("Relay UK 18001 0345 300 0000", "GB", [("relay", "+443453000000", "18001 0345 300 0000")]),
    (
        "Relay UK: dial 18001 then 0345 300 0000",
        "GB",
        [("relay", "+443453000000", "18001 then 0345 300 0000")],
    ),
    ("Textphone: 18001\n0345 300 0000", "GB", [("relay", "+443453000000", "18001\n0345 300 0000")]),
    (
        "To call a textphone user dial 18002 0345 300 0000",
        "GB",
        [("relay", "+443453000000", "18002 0345 300 0000")],
    ),
    (
        "Relay UK users: add 18001 before our number: 0345 300 0000",
        "GB",
        [("relay", "+443453000000", "18001 before our number: 0345 300 0000")],
    ),
    ("Call 0345 300 0000 08:00-20:00", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    ("Mon-Fri 8-8 0345 300 0000", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    ("Lines open 8am-8pm 0345 300 0000", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    ("Opening hours 08:00-20:00, 0345 300 0000", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    ("Call us on 0345 300\n0000 today", "GB", [("phone", "+443453000000", "0345 300\n0000")]),
    # Written forms.
    ("Tel: +44 (0)345 300 0000", "GB", [("phone", "+443453000000", "+44 (0)345 300 0000")]),
    ("Phone 0345-300-0000", "GB", [("phone", "+443453000000", "0345-300-0000")]),
    ("Call 03453000000", "GB", [("phone", "+443453000000", "03453000000")]),
    ("London office: 020 7946 0123", "GB", [("phone", "+442079460123", "020 7946 0123")]),
    ("Freephone 0808 157 0123", "GB", [("phone", "+448081570123", "0808 157 0123")]),
    ("Tel:+442079460123", "GB", [("phone", "+442079460123", "+442079460123")]),
    ("From abroad: 0044 20 7946 0123", "GB", [("phone", "+442079460123", "0044 20 7946 0123")]),
    ("Call (+44) 20 7946 0123", "GB", [("phone", "+442079460123", "(+44) 20 7946 0123")]),
    ("Please call + (34) 91 714 6300", "GB", [("phone", "+34917146300", "+ (34) 91 714 6300")]),
    ("Phone: (020) 7946 0123", "GB", [("phone", "+442079460123", "(020) 7946 0123")]),
    ("Tel:0345 300 0000Email:info@example.co.uk", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    ("Call 0345\u00a0300\u20110000 now", "GB", [("phone", "+443453000000", "0345\u00a0300\u20110000")]),
    (
        "Call 0345 300 0000 or 0800 123 4567",
        "GB",
        [("phone", "+443453000000", "0345 300 0000"), ("phone", "+448001234567", "0800 123 4567")],
    ),
    (
        "Helpline 0300 123 1100 (Monday to Friday, 8am to 6pm)",
        "GB",
        [("phone", "+443001231100", "0300 123 1100")],
    ),
    # Possible but not valid: Ofcom drama ranges and the US 555-01xx range.
    ("Mobile: 07700 900123", "GB", [("phone", "+447700900123", "07700 900123")]),
    ("Call 01632 960123", "GB", [("phone", "+441632960123", "01632 960123")]),
    ("(555) 010-1234", "US", [("phone", "+15550101234", "(555) 010-1234")]),
    # NANP forms are +1 whatever the region.
    ("Call (800) 555-0199 from the US", "GB", [("phone", "+18005550199", "(800) 555-0199")]),
    ("US customers: 1-800-555-0199", "GB", [("phone", "+18005550199", "1-800-555-0199")]),
    ("Call +1 (212) 736-5000", None, [("phone", "+12127365000", "+1 (212) 736-5000")]),
    # Vanity numbers: E.161 keypad, only the letters the number needs.
    ("Call 1-800-FLOWERS today", "US", [("phone", "+18003569377", "1-800-FLOWERS")]),
    ("Order lenses on 1-800-CONTACTS", "US", [("phone", "+18002668228", "1-800-CONTACTS")]),
    (
        "Call 1-800-FLOWERS (1-800-356-9377)",
        "US",
        [("phone", "+18003569377", "1-800-FLOWERS"), ("phone", "+18003569377", "1-800-356-9377")],
    ),
    # Labels: textphone, WhatsApp, SMS.
    ("Textphone: 0800 123 4567", "GB", [("textphone", "+448001234567", "0800 123 4567")]),
    ("Minicom 020 7946 0123", "GB", [("textphone", "+442079460123", "020 7946 0123")]),
    ("TTY: 1-800-555-0199", "US", [("textphone", "+18005550199", "1-800-555-0199")]),
    (
        "Call 0800 123 4567 or 0800 123 4568 (Textphone)",
        "GB",
        [("phone", "+448001234567", "0800 123 4567"), ("textphone", "+448001234568", "0800 123 4568")],
    ),
    (
        "Textphone 0800 123 4567 or 0800 123 4568",
        "GB",
        [("textphone", "+448001234567", "0800 123 4567"), ("textphone", "+448001234568", "0800 123 4568")],
    ),
    ("Textphone users can call 0800 123 4567", "GB", [("textphone", "+448001234567", "0800 123 4567")]),
    ("WhatsApp us on 07700 900123", "GB", [("whatsapp", "+447700900123", "07700 900123")]),
    ("Text us on 07700 900123", "GB", [("sms", "+447700900123", "07700 900123")]),
    ("SMS: 07700 900124", "GB", [("sms", "+447700900124", "07700 900124")]),
    ("Call or text 07700 900123", "GB", [("sms", "+447700900123", "07700 900123")]),
    ("WhatsApp us or call 0345 300 0000", "GB", [("phone", "+443453000000", "0345 300 0000")]),
    (
        "TTY users call 711 and ask for 1-800-555-0199",
        "US",
        [("relay", "+18005550199", "711 and ask for 1-800-555-0199")],
    ),
    (
        "If you use a TTY, dial 711 and give the relay operator our number, 1-800-555-0177.",
        "US",
        [("relay", "+18005550177", "711 and give the relay operator our number, 1-800-555-0177")],
    ),
    # Australia's National Relay Service: its own numbers are no facts; the number asked for is a relay.
    (
        "TTY users phone 133 677 then ask for 1300 975 709.",
        "AU",
        [("relay", "+611300975709", "133 677 then ask for 1300 975 709")],
    ),
    (
        "Speak and Listen users phone 1300 555 727 then ask for 1300 975 709",
        "AU",
        [("relay", "+611300975709", "1300 555 727 then ask for 1300 975 709")],
    ),
    (
        "Internet relay users connect to the NRS then ask for 1300 975 709",
        "AU",
        [("relay", "+611300975709", "ask for 1300 975 709")],
    ),
    ("Relay UK users: ask the operator to call 0345 300 0000", "GB", [("relay", "+443453000000",
                                                                        "ask the operator to call 0345 300 0000")]),
    ("Ask for 0800 123 4567 at reception", "GB", [("phone", "+448001234567", "0800 123 4567")]),
    ("Phone 020 7946 0000, fax 020 7946 0999", "GB", [("phone", "+442079460000", "020 7946 0000")]),
    (
        "Telephone: 0800 123 4567\nTextphone: 0800 123 4568\nRelay UK: 18001 then 0800 123 4567\n"
        "Fax: 0800 123 4569",
        "GB",
        [
            ("phone", "+448001234567", "0800 123 4567"),
            ("textphone", "+448001234568", "0800 123 4568"),
            ("relay", "+448001234567", "18001 then 0800 123 4567"),
        ],
    ),
    (
        "Minicom users 0800 123 4567 or use Relay UK on 18001 0800 123 4567",
        "GB",
        [("textphone", "+448001234567", "0800 123 4567"), ("relay", "+448001234567", "18001 0800 123 4567")],
    ),
    (
        "Telecommunications Device for the Deaf (TDD)\nDial 711\nVA311 (VA's Primary Number)\n1-844-698-2311",
        "US",
        [("phone", "+18446982311", "1-844-698-2311")],
    ),
    ("Tel/Fax: 020 7946 0000", "GB", [("phone", "+442079460000", "020 7946 0000")]),
    # Short numbers offered as a contact.
    ("Call 118 118 for directory enquiries", "GB", [("phone", "+44118118", "118 118")]),
    ("Call 111 if you need medical help", "GB", [("phone", "+44111", "111")]),
    ("Call Samaritans free on 116 123", "GB", [("phone", "+44116123", "116 123")]),
    ("Text JOIN to 90210", "US", [("sms", "+190210", "90210")]),
    # Other regions.
    ("Telefon: 030 12345678", "DE", [("phone", "+493012345678", "030 12345678")]),
    ("Tel. +49 (0)30 1234567", "DE", [("phone", "+49301234567", "+49 (0)30 1234567")]),
    (
        "Kundenservice: +49 (0) 800 123 4567 (kostenlos)",
        "DE",
        [("phone", "+498001234567", "+49 (0) 800 123 4567")],
    ),
    (
        "Telefon 0431 / 53 62 26 7, Fax 0431 / 53 62 26 8",
        "DE",
        [("phone", "+494315362267", "0431 / 53 62 26 7")],
    ),
    ("Call us on 13 22 11", "AU", [("phone", "+61132211", "13 22 11")]),
    ("Phone 1300 655 506", "AU", [("phone", "+611300655506", "1300 655 506")]),
    ("Téléphone : 01 23 45 67 89", "FR", [("phone", "+33123456789", "01 23 45 67 89")]),
    # Region inferred when none is given.
    (
        "Write to us at London SW1A 1AA or call 020 7946 0123.",
        None,
        [("phone", "+442079460123", "020 7946 0123")],
    ),
    (
        "Rufen Sie uns an: 030 12345678 (Mo-Fr 8-18 Uhr). Wir sind für Sie da, info@example.de",
        None,
        [("phone", "+493012345678", "030 12345678")],
    ),
]


@pytest.mark.parametrize(("text", "region", "expected"), FOUND, ids=[c[0][:40] for c in FOUND])
def test_found(text: str, region: str | None, expected: Expected) -> None:
    assert found(text, region) == expected


REJECTED: list[tuple[str, str | None]] = [
    # Dates, times, prices, percentages, measurements.
    ("Dated 12/03/2024", "GB"),
    ("Due 2024-03-12", "GB"),
    ("Valid until 12.03.2024", "GB"),
    ("Signed on 1 March 2024", "GB"),
    ("Billing period 01.05.14-31.05.14", "DE"),
    ("Created 2012-01-02 08:00", "US"),
    ("Open 08:00-20:00", "GB"),
    ("Open from 8am", "GB"),
    ("Only £1,234.56", "GB"),
    ("Just $2.99", "US"),
    ("Calls cost 7p per minute plus your phone company's access charge", "GB"),
    ("Save 20% today", "GB"),
    ("Weighs 2.5 kg", "GB"),
    # Postcodes, banking, years, versions, ISBNs, long digit runs.
    ("Our office is at SW1A 1AA", "GB"),
    ("IBAN GB33 BUKB 2020 1555 5555 19", "GB"),
    ("IBAN : FR76 10107 00245 00617052317 39", "FR"),
    ("IBAN DE89 3704 0044 0532 0130 00", "DE"),
    ("Sort code 12-34-56", "GB"),
    ("Sort code: 01-23-45", "GB"),
    ("Copyright 2024", "GB"),
    ("In business 1990-2024", "GB"),
    ("Version v1.2.3", "GB"),
    ("Build 10.0.19041", "GB"),
    ("Server 192.168.0.1", "GB"),
    ("Location 51.5074, -0.1278", "GB"),
    ("ISBN 978-0-306-40615-7", "GB"),
    ("ISBN 0-306-40615-2", "GB"),
    ("Card 4111 1111 1111 1111", "GB"),
    ("Reference 12345678901234567890", "GB"),
    ("id 02937389-12b8-4338-b00e-23595b09a4ad", "GB"),
    # Labelled identifiers.
    ("Account number 0123 456 7890", "GB"),
    ("Your order number is 01234 567890", "GB"),
    ("Invoice No: 02079460123", "GB"),
    ("Customer reference: 0207 946 0123", "GB"),
    ("Ref: 01234 567890", "GB"),
    ("Policy number: 0345 300 0001", "GB"),
    ("VAT number 123 4567 89", "GB"),
    ("Company registration number 01234567", "GB"),
    ("Registered in England No. 01234567", "GB"),
    ("Offer code 0800123456", "GB"),
    ("Use voucher code 0800 123 4567 at checkout", "GB"),
    ("Steuer-Nr. 044 241 601 03", "DE"),
    ("USt-IdNr. DE 232 446 240", "DE"),
    # Fax numbers.
    ("Fax: 020 7946 0999", "GB"),
    ("020 7946 0999 (fax)", "GB"),
    ('"faxNumber": "+33142685301"', "FR"),
    # Emergency numbers, relay prefixes alone, IVR key presses.
    ("In an emergency call 999", "GB"),
    ("Call 112 from any phone", "GB"),
    ("Call 911", "US"),
    ("Dial 711", "US"),
    ("TTY users call 133 677.", "AU"),
    ("Textphone users dial 18001 first", "GB"),
    ("18001", "GB"),
    ("Press 1 for sales, 2 for support", "GB"),
    # Short numbers not offered as a contact; numbers that are not possible.
    ("Room 111, floor 2", "GB"),
    ("111 Main Street", "GB"),
    ("Call 0800 1234 1234", "GB"),
    ("Tori Spelling calls 90210 co-star Brian", "US"),
    ("SMS from a colleague, May 2014", "US"),
    ("Included free calls: 50 100 200 500 1000", "US"),
    ("Proceedings, pp. 339\u2013344", "DE"),
    ("Facture n\u00b0 2022089083", "US"),
    ("Fees 0 20 50 100 200 500", "DE"),
    ("0191-650-333-6000", "GB"),
    ("0845/0844 numbers", "GB"),
    # No region and no NANP form: a national number cannot be read.
    ("Call 0345 300 0000", "ZZ"),
]


@pytest.mark.parametrize(("text", "region"), REJECTED, ids=[c[0][:40] for c in REJECTED])
def test_rejected(text: str, region: str | None) -> None:
    assert found(text, region) == []


ATTRS: list[tuple[str, str | None, dict[str, str]]] = [
    ("Call 020 7946 0123 ext. 456", "GB", {"extension": "456"}),
    ("Call 1-800-FLOWERS", "US", {"vanity": "1-800-FLOWERS"}),
    ("Textphone: 0800 123 4567", "GB", {"label": "textphone"}),
    ("Relay UK 18001 0345 300 0000", "GB", {"prefix": "18001"}),
    ("Call 0345 300 0000. If you use Relay UK, dial 18001 first.", "GB", {"relay_prefix": "18001"}),
    ("Call us at (212) 555-0100 ext 23 or email", "US", {"extension": "23"}),
    ("Mobile: 07700 900123", "GB", {"valid": "false"}),
    ("Call 118 118", "GB", {"short": "true"}),
]


@pytest.mark.parametrize(("text", "region", "attrs"), ATTRS, ids=[c[0][:40] for c in ATTRS])
def test_attrs(text: str, region: str | None, attrs: dict[str, str]) -> None:
    (match,) = find_phones(text, region)
    assert dict(match.attrs) == attrs
    assert list(match.attrs) == sorted(match.attrs)


PARSED: list[tuple[str, str | None, str | None]] = [
    ("18001 0345 300 0000", "GB", "+443453000000"),
    ("+44 (0)345 300 0000", None, "+443453000000"),
    ("1-800-FLOWERS", None, "+18003569377"),
    ("1-800-CONTACTS", "US", "+18002668228"),
    ("0345-300-0000", "GB", "+443453000000"),
    ("03453000000", "GB", "+443453000000"),
    ("07700 900123", "GB", "+447700900123"),
    ("01632 960123", "GB", "+441632960123"),
    ("118 118", "GB", "+44118118"),
    ("111", "GB", "+44111"),
    ("tel:+44-20-7946-0123", None, "+442079460123"),
    ("(+44) 20 7946 0123", None, "+442079460123"),
    ("tel:0345%20300%200000", "GB", "+443453000000"),
    ("sms:+447700900123?body=Hello", None, "+447700900123"),
    ("tel:+44-20-7946-0123;ext=456", None, "+442079460123"),
    ("0044 20 7946 0123", "GB", "+442079460123"),
    ("(555) 010-1234", None, "+15550101234"),
    ("020 7946 0123 ext. 456", "GB", "+442079460123"),
    ("0800 123 4567", "gb", "+448001234567"),
    ("0800 123 4567", "UK", "+448001234567"),
    ("999", "GB", None),
    ("18001", "GB", None),
    ("hello", "GB", None),
    ("0345 300 0000 (free)", "GB", None),
    ("12345678901234567890", "GB", None),
    ("0345 300 0000", None, None),
]


@pytest.mark.parametrize(("text", "region", "expected"), PARSED, ids=[c[0] for c in PARSED])
def test_parse_number(text: str, region: str | None, expected: str | None) -> None:
    assert parse_number(text, region) == expected


INFERRED: list[tuple[str, tuple[str, ...], str | None]] = [
    ("Call 0345 300 0000, London SW1A 1AA", (), "GB"),
    ("Visit www.example.co.uk for details", (), "GB"),
    ("Prices from £5 and £10", (), "GB"),
    ("Kontakt: info@example.de", (), "DE"),
    ("Contact us at help@example.com.au", (), "AU"),
    ("Sydney NSW 2000", (), "AU"),
    ("Our office: 350 Fifth Avenue, New York, NY 10118", (), "US"),
    ("Call +49 30 1234567", (), "DE"),
    ("", ("tel:+61298765432",), "AU"),
    (
        "Preis: 10 € inkl. MwSt. Bitte rufen Sie uns an, wir sind für Sie da und helfen gerne "
        "mit der Bestellung",
        (),
        "DE",
    ),
    ("Call 020 7946 0123", (), "GB"),
    # a number split over a line break votes as the number it is, not as its first line ("0345 300" is Halle)
    ("Please call our team on 0345 300\n0000 for help.", (), "GB"),
    ("Hello world", (), None),
]


@pytest.mark.parametrize(
    ("text", "hints", "expected"), INFERRED, ids=[c[0][:40] or str(c[1]) for c in INFERRED]
)
def test_infer_region(text: str, hints: tuple[str, ...], expected: str | None) -> None:
    assert infer_region(text, hints) == expected


def test_no_digits_is_cheap_and_empty() -> None:
    assert find_phones("Contact us by e-mail at help@example.com", "GB") == []


def test_large_page_is_fast() -> None:
    block = (
        "<p>Call our helpline on 0345 300 0000 (Mon-Fri 8am-8pm, Sat 09:00-17:00). Textphone: 18001 0345 300 "
        "0000. Prices from £1,234.56; order number 0123 456 7890; updated 12/03/2024. Lorem ipsum dolor sit "
        "amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna.</p>\n"
    )
    text = block * (150_000 // len(block))
    find_phones(text[:2000], None)  # warm the metadata caches
    start = time.perf_counter()
    matches = find_phones(text, None)
    elapsed = time.perf_counter() - start
    assert len(matches) == 2 * (150_000 // len(block))
    assert elapsed < 2.0, elapsed
