"""URL values: normalising hrefs and written addresses, the comparison key, URLs in running text."""

from __future__ import annotations

import pytest

from extractors.recognisers.urls import find_urls, normalise_url, url_key

BASE = "https://www.acme.com/help/contact.html"

# (href, base, expected)
NORMALISE_CASES: list[tuple[str, str | None, str | None]] = [
    ("https://www.acme.com/contact", None, "https://www.acme.com/contact"),
    ("HTTPS://WWW.Acme.COM/Contact", None, "https://www.acme.com/Contact"),
    ("http://acme.com:80/x", None, "http://acme.com/x"),
    ("https://acme.com:443/x", None, "https://acme.com/x"),
    ("https://acme.com:8443/x", None, "https://acme.com:8443/x"),
    ("www.acme.com/chat", None, "https://www.acme.com/chat"),
    ("acme.co.uk/help", None, "https://acme.co.uk/help"),
    ("acme.co.uk", None, "https://acme.co.uk"),
    ("//cdn.acme.com/x.js", None, "https://cdn.acme.com/x.js"),
    ("  https://acme.com/a\n/b  ", None, "https://acme.com/a/b"),
    ("/chat", BASE, "https://www.acme.com/chat"),
    ("chat.html", BASE, "https://www.acme.com/help/chat.html"),
    ("../complaints/", BASE, "https://www.acme.com/complaints/"),
    ("?tab=2", BASE, "https://www.acme.com/help/contact.html?tab=2"),
    ("#webchat", BASE, "https://www.acme.com/help/contact.html#webchat"),
    ("www.acme.com", BASE, "https://www.acme.com"),
    ("chat.html", None, None),
    ("/chat", None, None),
    ("#top", None, None),
    ("mailto:help@acme.com", None, None),
    ("tel:+443453000000", BASE, None),
    ("javascript:void(0)", BASE, None),
    ("ftp://files.acme.com/a", None, None),
    ("", BASE, None),
    ("index.html", None, None),
]


@pytest.mark.parametrize(
    ("href", "base", "expected"), NORMALISE_CASES, ids=[c[0] or "empty" for c in NORMALISE_CASES]
)
def test_normalise_url(href: str, base: str | None, expected: str | None) -> None:
    assert normalise_url(href, base) == expected


# pairs that are the same URL value, and pairs that are not
SAME: list[tuple[str, str]] = [
    ("https://www.acme.com/chat/", "http://acme.com/chat"),
    ("https://ACME.com/chat", "acme.com/chat"),
    ("www.acme.com", "https://acme.com/"),
    ("https://acme.com/chat?x=1", "http://www.acme.com/chat/?x=1"),
]
DIFFERENT: list[tuple[str, str]] = [
    ("https://acme.com/Chat", "https://acme.com/chat"),
    ("https://acme.com/chat", "https://acme.com/chat?x=1"),
    ("https://help.acme.com/", "https://acme.com/"),
    ("https://acme.com:8443/", "https://acme.com/"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_url_key_equal(a: str, b: str) -> None:
    assert url_key(a) == url_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_url_key_different(a: str, b: str) -> None:
    assert url_key(a) != url_key(b)


def test_url_key_shape() -> None:
    assert url_key("https://www.Acme.com/chat/") == "acme.com/chat"


# (text, [(text[start:end], normalised)])
FIND_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("See https://www.acme.com/chat.", [("https://www.acme.com/chat", "https://www.acme.com/chat")]),
    (
        "visit acme.co.uk/help or www.acme.com",
        [("acme.co.uk/help", "https://acme.co.uk/help"), ("www.acme.com", "https://www.acme.com")],
    ),
    ("(https://x.com/acme_help)", [("https://x.com/acme_help", "https://x.com/acme_help")]),
    ("URL:https://acme.com/x", [("https://acme.com/x", "https://acme.com/x")]),
    ("wa.me/447700900123", [("wa.me/447700900123", "https://wa.me/447700900123")]),
    ("(acme.com)", [("acme.com", "https://acme.com")]),
    (
        "https://en.wikipedia.org/wiki/Foo_(bar)",
        [("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)")],
    ),
    (  # TLDs longer than six letters
        "acme.insurance/claims or northwind-energy.example/help",
        [("acme.insurance/claims", "https://acme.insurance/claims"),
         ("northwind-energy.example/help", "https://northwind-energy.example/help")],
    ),
    ("help@acme.com", []),
    ("Acme Ltd.It is", []),
    ("file.pdf, e.g. this", []),
    ("version 2.0.1", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_find_urls(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[s:e], url) for s, e, url in find_urls(text)] == expected
