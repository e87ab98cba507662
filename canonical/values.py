"""Contact values: normalising a strategy value for its kind, and the key two values are compared by."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from extractors.recognisers.email import normalise_email
from extractors.recognisers.phone import parse_number
from extractors.recognisers.urls import normalise_url, url_key

NUMBER_KINDS = frozenset({"phone", "relay", "textphone", "sms"})
URL_KINDS = frozenset({"webchat", "social"})
_HANDLE_RE = re.compile(r"^([a-z][a-z0-9.+-]*):@?([A-Za-z0-9_.-]+)$")
_WS_RE = re.compile(r"\s+")
# a strategy states values literally: no obfuscation ("help(at)acme"), no spaces in URLs
_STRICT_EMAIL_RE = re.compile(r"^(?:mailto:)?[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_STRICT_URL_RE = re.compile(r"^(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?(?:[/?#]\S*)?$")
_POST_KEY_RE = re.compile(r"[^0-9a-z]+")


class BadValueError(ValueError):
    """A strategy value that does not parse for its kind."""


def normalise_value(kind: str, raw: str, region: str | None) -> str:
    """The SPEC section 4 normalised value of a strategy ``value``; raise BadValueError with the reason."""
    text = raw.strip()
    if not text:
        raise BadValueError("is empty")
    if kind in NUMBER_KINDS:
        return _number(text, region, kind)
    if kind == "email":
        email = normalise_email(text) if _STRICT_EMAIL_RE.match(text) else None
        if email is None:
            raise BadValueError(f"{raw!r} is not an e-mail address")
        return email
    if kind == "post":
        return _WS_RE.sub(" ", text.replace("\n", ", ")).strip(" ,.")
    if kind == "social":
        handle = _HANDLE_RE.match(text)
        if handle and not text.startswith(("http:", "https:")):
            return f"{handle.group(1).lower()}:{handle.group(2).lower()}"
    if kind in ("whatsapp", "callback", "video") and not _looks_like_url(text):
        return _number(text, region, kind)
    url = normalise_url(text) if _looks_like_url(text) and _STRICT_URL_RE.match(text) else None
    if url is None:
        what = "a URL or platform:handle" if kind == "social" else "a URL"
        raise BadValueError(f"{raw!r} is not {what}")
    return url


def _looks_like_url(text: str) -> bool:
    return "/" in text or text.startswith(("http:", "https:", "www.")) or (
        "." in text and " " not in text and "@" not in text and not text.replace(" ", "").isdigit()
    )


def _number(text: str, region: str | None, kind: str) -> str:
    number = parse_number(text, region)
    if number is None:
        hint = "" if region else " (no region given: write it with +CC or set `region`)"
        raise BadValueError(f"{text!r} is not a phone number{hint}" if kind == "phone" else
                          f"{text!r} is not a phone number for a {kind} channel{hint}")
    return number


def match_key(value: str) -> str:
    """The key two normalised values are compared by (SPEC section 8 "URL values", "Postal facts").

    Numbers (E.164) and e-mails compare as they are; URLs ignoring scheme, ``www.``, host case and a
    trailing slash (a wa.me link compares as its number); anything else (postal addresses) ignoring case,
    whitespace and punctuation.
    """
    if value.startswith("+") and value[1:].isdigit():
        return value
    if "@" in value and "/" not in value:
        return value.lower()
    if value.startswith(("http://", "https://")):
        parts = urlsplit(value)
        if parts.hostname in ("wa.me", "api.whatsapp.com"):
            digits = re.sub(r"\D", "", parts.path + " " + parts.query)
            if digits:
                return "+" + digits
        return url_key(value)
    if _HANDLE_RE.match(value):
        return value.lower()
    return _POST_KEY_RE.sub("", value.lower())
