"""E-mail addresses in text, plain and obfuscated ("help [at] acme [dot] co.uk"), and their normal form."""

from __future__ import annotations

import re
from urllib.parse import unquote

from extractors.recognisers import Match, _scan

__all__ = ["decode_cfemail", "find_emails", "normalise_email"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: Endings that are file types, not top-level domains ("logo@2x.png", "bundle@1.2.min.js").
_BAD_TLDS = _words(
    "png jpg jpeg gif svg webp bmp ico tif tiff avif heic css scss less js mjs jsx tsx json html htm "
    "xhtml php asp aspx jsp cfm pdf txt xml csv tsv zip gz tgz rar mp3 mp4 mov avi wav ogg webm woff "
    "woff2 ttf otf eot map min exe dll bin dat log yml yaml ini cfg conf bak tmp lock"
)

#: TLDs accepted in the spelled-out form "help at acme dot co dot uk", which needs more evidence.
_WORD_FORM_TLDS = _words(
    "com net org uk co gov ac edu io info biz eu de fr ie us ca au nz in nhs sch ltd plc me tv app dev "
    "scot wales cymru london "
    "example"  # reserved for documentation (RFC 2606): the names used in examples and training material
)

#: Words that are never the local part of a spelled-out address ("contact us at acme dot com").
_WORD_FORM_STOP = _words(
    "us me you him her them it we i they he she one all this that here there home work look looking "
    "arrive arrived meet stay staying be is are was were available open email e-mail mail write contact "
    "find reach"
)

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_AT_BRACKET = r"[^\S\n]*[\[\(\{<][^\S\n]*(?:at|AT|At|@)[^\S\n]*[\]\)\}>][^\S\n]*"
_DOT_BRACKET = r"[^\S\n]*[\[\(\{<][^\S\n]*(?:dot|DOT|Dot|\.)[^\S\n]*[\]\)\}>][^\S\n]*"
_AT_WORD = r"[^\S\n]+(?:at|AT)[^\S\n]+"
_DOT_WORD = r"[^\S\n]+(?:dot|DOT)[^\S\n]+"
_AT = rf"(?:@|{_AT_BRACKET}|{_AT_WORD})"
_DOT = rf"(?:\.|{_DOT_BRACKET}|{_DOT_WORD})"

# One pattern for every form; the form is classified afterwards.  The local part has no leading or
# trailing dot; the domain may not stop just before ".label" (so "acme.co.uk" is never cut to "acme.co").
_EMAIL_RE = re.compile(
    rf"(?<![\w.%+\-/])"
    rf"(?P<local>[A-Za-z0-9_](?:[A-Za-z0-9._%+'\-]*[A-Za-z0-9_%+\-])?)"
    rf"(?P<at>{_AT})"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})+)"
    rf"(?![\w\-@]|\.[A-Za-z0-9])"
)
_PLAIN_RE = re.compile(
    r"(?P<local>[A-Za-z0-9_](?:[A-Za-z0-9._%+'\-]*[A-Za-z0-9_%+\-])?)@"
    rf"(?P<domain>{_LABEL}(?:\.{_LABEL})+)"
)
_DOT_SPLIT = re.compile(_DOT)
_DOT_BRACKET_RE = re.compile(_DOT_BRACKET)
_DOT_WORD_RE = re.compile(_DOT_WORD)
_EMAIL_CUE = re.compile(r"\b(?:e-?mail|mail|write|contact|message)\b", re.I)


def _domain_labels(domain: str) -> list[str]:
    return _DOT_SPLIT.split(domain)


def _valid(local: str, labels: list[str]) -> bool:
    if ".." in local or len(local) > 64 or len(labels) < 2:
        return False
    tld = labels[-1].lower()
    if not tld.isalpha() and not tld.startswith("xn--"):
        return False
    if len(tld) < 2 or tld in _BAD_TLDS:
        return False
    return all(not lab.startswith("-") and not lab.endswith("-") for lab in labels)


def find_emails(text: str) -> list[Match]:
    """E-mail addresses written in ``text``, each with its lower-cased address as value.

    Plain addresses and common obfuscations are recognised: bracketed "[at]"/"(dot)" anywhere, and
    the spelled-out "help at acme dot co dot uk" only when written in capitals ("help AT acme DOT com")
    or after an e-mail cue ("email", "write", "contact") on the same line.
    """
    out: list[Match] = []
    for ws, we in _spans(text):
        _scan_span(text, ws, we, out)
    return out


def _scan_span(text: str, ws: int, we: int, out: list[Match]) -> None:
    for m in _EMAIL_RE.finditer(text, ws, we):
        local, at, domain = m.group("local"), m.group("at"), m.group("domain")
        labels = _domain_labels(domain)
        end = m.end()
        last = labels[-1]
        run_on = at == "@" and len(labels) > 2 and last[:1].isupper() and last[1:].islower()
        if run_on and all(lab == lab.lower() for lab in labels[:-1]):
            # "help@acme.co.uk.Thanks": a sentence run on without a space (PDF line joins), not a TLD
            labels = labels[:-1]
            end = m.start("domain") + domain.rfind(".")
        if not _valid(local, labels):
            continue
        start = m.start()
        if _inside_url(text, start, end):
            continue
        word_form = at.strip() in ("at", "AT") or bool(_DOT_WORD_RE.search(_DOT_BRACKET_RE.sub(".", domain)))
        if word_form and not _word_form_ok(text, start, local, at, domain, labels):
            continue
        value = f"{local}@{'.'.join(labels)}".lower()
        out.append(Match("email", value, start, end))


_AT_STEMS = (
    "@",
    "[at",
    "(at",
    "{at",
    "<at",
    "[ at",
    "( at",
    "[dot",
    "(dot",
    "{dot",
    "[ dot",
    "( dot",
    " dot ",
)
_CUE_STEMS = ("mail", "write", "contact", "message")


def _spans(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` worth scanning: around each "@", bracketed or spelled-out "at"/"dot", and after
    each e-mail cue word when the text has " at " in it; merged and in order."""
    low = _scan.ascii_lower(text)
    spans = _scan.windows(low, _AT_STEMS, 150, 280)
    if " at " in low:
        spans += _scan.windows(low, _CUE_STEMS, 0, 160)
    spans += _scan.windows(text, (" AT ",), 70, 280)
    return _scan.merge(spans)


def _inside_url(text: str, start: int, end: int) -> bool:
    """True for "user@host" inside a URL ("https://user:pw@host/x", "https://x.com/a/b@c.de/")."""
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    return "://" in text[token_start:start] or text.startswith("/", end)


def _word_form_ok(text: str, start: int, local: str, at: str, domain: str, labels: list[str]) -> bool:
    """The spelled-out form needs a real-looking TLD, a local part that is not an ordinary word, and either
    capitals ("AT", "DOT") or an e-mail cue earlier on the line."""
    if labels[-1].lower() not in _WORD_FORM_TLDS or local.lower() in _WORD_FORM_STOP:
        return False
    if any(lab.lower() in _WORD_FORM_STOP for lab in labels[:-1]):
        return False
    if "AT" in at or "DOT" in domain:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_EMAIL_CUE.search(text, max(line_start, start - 80), start))


_MAILTO_RE = re.compile(r"^\s*mailto:(?://)?", re.I)
_ANGLE_RE = re.compile(r"<([^<>]+)>")


def normalise_email(s: str) -> str | None:
    """The lower-cased address in ``s`` (a mailto: href, "Name <addr>", an obfuscated address), or None.

    A ``mailto:`` prefix, query (``?subject=...``), percent-encoding, enclosing brackets or quotes and
    trailing punctuation are removed; of several recipients the first is taken.
    """
    raw = _MAILTO_RE.sub("", s)
    raw = unquote(raw.split("?", 1)[0]).strip()
    angle = _ANGLE_RE.search(raw)
    if angle:
        raw = angle.group(1)
    raw = re.split(r"[,;]", raw, maxsplit=1)[0].strip().strip("\"'()[]{}<> ").rstrip(".:!")
    m = _PLAIN_RE.fullmatch(raw)
    if m is not None:
        labels = m.group("domain").split(".")
        if _valid(m.group("local"), labels):
            return raw.lower()
        return None
    found = find_emails(s)
    if len(found) == 1:
        value = found[0].value
        return value if isinstance(value, str) else None
    return None


def decode_cfemail(encoded: str) -> str | None:
    """The address hidden by Cloudflare's e-mail protection (``data-cfemail`` hex, or the
    ``/cdn-cgi/l/email-protection#...`` fragment), normalised, or None when it does not decode."""
    hexstr = encoded.rsplit("#", 1)[-1].strip()
    if len(hexstr) < 4 or len(hexstr) % 2 or not re.fullmatch(r"[0-9a-fA-F]+", hexstr):
        return None
    data = bytes.fromhex(hexstr)
    key = data[0]
    try:
        decoded = bytes(b ^ key for b in data[1:]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    return normalise_email(decoded)
