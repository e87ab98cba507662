"""E-mail recogniser: plain and obfuscated addresses in text, normalisation of hrefs and written forms."""

from __future__ import annotations

import pytest

from extractors.recognisers.email import decode_cfemail, find_emails, normalise_email

# (text, [(value, text[start:end])])
FIND_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Email help@acme.co.uk for help.", [("help@acme.co.uk", "help@acme.co.uk")]),
    ("Write to Help@Acme-Energy.co.uk.", [("help@acme-energy.co.uk", "Help@Acme-Energy.co.uk")]),
    ("E-mail: <Consular.Riyadh@fco.gov.uk>", [("consular.riyadh@fco.gov.uk", "Consular.Riyadh@fco.gov.uk")]),
    ("(complaints@acme.com)", [("complaints@acme.com", "complaints@acme.com")]),
    ("mailto:sales@acme.com", [("sales@acme.com", "sales@acme.com")]),
    ("first.last+tag@sub.acme.org;", [("first.last+tag@sub.acme.org", "first.last+tag@sub.acme.org")]),
    ("'o'brien@acme.ie'", [("o'brien@acme.ie", "o'brien@acme.ie")]),
    ("a@acme.com, b@acme.com", [("a@acme.com", "a@acme.com"), ("b@acme.com", "b@acme.com")]),
    ("help [at] acme [dot] co.uk", [("help@acme.co.uk", "help [at] acme [dot] co.uk")]),
    ("help(at)acme.co.uk", [("help@acme.co.uk", "help(at)acme.co.uk")]),
    ("help (at) acme (dot) com", [("help@acme.com", "help (at) acme (dot) com")]),
    ("help [at] acme [ dot ] com", [("help@acme.com", "help [at] acme [ dot ] com")]),
    ("Contact: help@acme.co.uk.Thanks for reading", [("help@acme.co.uk", "help@acme.co.uk")]),
    ("Write to Help@Acme.Com", [("help@acme.com", "Help@Acme.Com")]),
    ("help{at}acme{dot}com", [("help@acme.com", "help{at}acme{dot}com")]),
    ("help@acme[dot]com", [("help@acme.com", "help@acme[dot]com")]),
    ("E-mail: secretariat (at) google.org", [("secretariat@google.org", "secretariat (at) google.org")]),
    ("Email us: help at acme dot co dot uk", [("help@acme.co.uk", "help at acme dot co dot uk")]),
    ("help AT acme DOT com", [("help@acme.com", "help AT acme DOT com")]),
    ("Support: support AT widgetry DOT example", [("support@widgetry.example", "support AT widgetry DOT example")]),
    ("email help at acme.co.uk", [("help@acme.co.uk", "help at acme.co.uk")]),
    # negatives
    ("logo@2x.png", []),
    ("icon@3x.webp and bundle@1.2.min.js", []),
    ("requires package@1.2.3", []),
    ("user@localhost", []),
    ("look at this dot com bubble", []),
    ("contact us at acme dot com", []),
    ("meet me at home dot", []),
    ("Speak to Chris at acme.com", []),
    ("https://user:secret@host.example.com/path", []),
    ("@AcmeHelp on X", []),
    ("@media screen and (max-width: 600px)", []),
    ("no address here", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[c[0][:40] or "empty" for c in FIND_CASES])
def test_find_emails(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_emails(text)
    assert [(m.value, text[m.start : m.end]) for m in found] == expected
    assert all(m.kind == "email" for m in found)


# (input, normalised or None)
NORMALISE_CASES: list[tuple[str, str | None]] = [
    ("Help@Acme.com", "help@acme.com"),
    ("mailto:Help@Acme.com", "help@acme.com"),
    ("MAILTO:help@acme.com?subject=Complaint&body=Hi", "help@acme.com"),
    ("mailto:help%40acme.com", "help@acme.com"),
    ("mailto:a@acme.com,b@acme.com", "a@acme.com"),
    ("Acme Help <help@acme.com>", "help@acme.com"),
    ("  help@acme.com.  ", "help@acme.com"),
    ("help [at] acme [dot] com", "help@acme.com"),
    ("help@acme", None),
    ("logo@2x.png", None),
    ("not an address", None),
    ("mailto:", None),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISE_CASES, ids=[c[0] or "empty" for c in NORMALISE_CASES])
def test_normalise_email(raw: str, expected: str | None) -> None:
    assert normalise_email(raw) == expected


def _cf_encode(address: str, key: int = 0x5A) -> str:
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        (_cf_encode("Help@Acme.com"), "help@acme.com"),
        ("/cdn-cgi/l/email-protection#" + _cf_encode("info@acme.co.uk", 0x21), "info@acme.co.uk"),
        ("zz", None),
        ("abc", None),
    ],
)
def test_decode_cfemail(encoded: str, expected: str | None) -> None:
    assert decode_cfemail(encoded) == expected
