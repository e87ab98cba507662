"""URL values: normalising hrefs and written addresses, the comparison key, and URLs in running text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from extractors.recognisers import _scan

__all__ = ["find_urls", "normalise_url", "url_key"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: Top-level domains accepted for a bare host written without scheme or ``www.`` ("acme.co.uk/help").
_COMMON_TLDS = _words(
    "com net org edu gov mil int info biz name pro mobi app dev io ai co uk ie de fr nl be lu at ch es pt "
    "it dk se no fi is pl cz sk hu ro bg gr cy mt ee lv lt si hr eu us ca au nz za in sg hk jp cn kr br "
    "mx ar cl tv me ly gl to fm gd ac nhs scot wales cymru london online site shop store tech help "
    "support email services energy bank insurance me "
    "example"  # reserved for documentation (RFC 2606): the names used in examples and training material
)

#: Path endings that look like a host's TLD but are file names ("index.html" is not a host).
_FILE_EXTS = _words(
    "html htm shtml xhtml php asp aspx jsp cfm cgi pl py rb js mjs css json xml txt csv pdf doc docx xls "
    "xlsx ppt pptx png jpg jpeg gif svg webp ico bmp zip gz mp3 mp4 mov avi wav md rss atom"
)

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST_RE = re.compile(
    r"^(?:[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff\-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+"
    r"(?P<tld>[A-Za-z\u00a1-\uffff]{2,24}|xn--[A-Za-z0-9\-]{2,59})\.?(?::\d{1,5})?$"
)
_IPV4_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$")
_CTRL_RE = re.compile(r"[\t\n\r]")

_URL_BODY = r"[^\s<>\"'`\]\[{}|\\^]"
# A URL in running text with a scheme or starting www.; tried only where "http" or "www." is written
# (``_scheme_urls``).
_SCHEME_URL_RE = re.compile(rf"(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)(?:{_URL_BODY})+")
# A bare host on a common TLD ("acme.co.uk", "wa.me/4477..."), looked for only around a ".tld" seen in the
# lower-cased text.  The lookbehind keeps e-mail domains ("help@acme.com") and the middle of words out.
_BARE_HOST_RE = re.compile(
    r"(?<![\w@.\-/])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,24})"
    rf"(?:/(?:{_URL_BODY})*)?(?![\w@\-])"
)
_HOST_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_BARE_TRIGGER_RE = re.compile(
    r"\.(?:" + "|".join(sorted(_COMMON_TLDS, key=len, reverse=True)) + r")(?![a-z0-9\-])"
)
_TRAILING_PUNCT = ".,;:!?'\"*"


def _looks_like_host(segment: str) -> bool:
    """True when ``segment`` (the text before the first / ? #) is a host name with a plausible TLD."""
    if segment.lower().startswith("www."):
        return True
    if _IPV4_RE.match(segment):
        return True
    m = _HOST_RE.match(segment)
    if not m:
        return False
    tld = m.group("tld").lower()
    return tld not in _FILE_EXTS and (tld in _COMMON_TLDS or len(tld) == 2 or tld.startswith("xn--"))


def normalise_url(href: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL for ``href``, or None when it is not a web address.

    A relative href is resolved against ``base``; a scheme-less host ("www.acme.com/chat",
    "acme.co.uk/help", "//cdn.acme.com/x") gets ``https://``. Scheme and host are lower-cased and a
    default port is dropped; path, query and fragment are kept as written.
    """
    s = _CTRL_RE.sub("", href).strip()
    if not s or (s.startswith("#") and base is None):
        return None
    m = _SCHEME_RE.match(s)
    if m and "." not in m.group(1):
        scheme = m.group(1).lower()
        if scheme not in ("http", "https"):
            return None
        if not s[m.end() :].startswith("//"):
            # "http:path" is relative in a browser; treat "http:/x" and "http:x" as broken.
            return None
    elif s.startswith("//"):
        s = "https:" + s
    elif _looks_like_host(re.split(r"[/?#]", s, maxsplit=1)[0]):
        s = "https://" + s
    elif base is not None:
        absolute_base = normalise_url(base)
        if absolute_base is None:
            return None
        s = urljoin(absolute_base, s)
    else:
        return None
    return _tidy(s)


def _tidy(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not host:
        return None
    if "." not in host and host != "localhost" and not host.startswith("["):
        return None
    netloc = host
    if parts.username is not None:
        cred = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{cred}@{host}"
    if port is not None and not (scheme == "http" and port == 80) and not (scheme == "https" and port == 443):
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def url_key(url: str) -> str:
    """The comparison key of a URL: equal keys for URLs that differ only in scheme, a leading ``www.``,
    host case or a trailing slash."""
    norm = normalise_url(url)
    if norm is None:
        return url.strip().lower().rstrip("/")
    parts = urlsplit(norm)
    host = parts.netloc.rsplit("@", 1)[-1]
    if host.startswith("www."):
        host = host[4:]
    key = host + parts.path.rstrip("/")
    if parts.query:
        key += "?" + parts.query
    if parts.fragment:
        key += "#" + parts.fragment
    return key


def _trim(candidate: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from the end of a URL found in text."""
    while candidate:
        last = candidate[-1]
        if last in _TRAILING_PUNCT or (last == ")" and candidate.count("(") < candidate.count(")")):
            candidate = candidate[:-1]
        else:
            break
    return candidate


def find_urls(text: str) -> list[tuple[int, int, str]]:
    """Web addresses written in ``text``: ``(start, end, normalised URL)`` for each, in order."""
    if "." not in text:
        return []
    found: list[tuple[int, int, str]] = []
    low = _scan.ascii_lower(text)
    for m in _scheme_urls(text, low):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@.-/"):
            continue
        _add(found, m.start(), m.group(0))
    last_end = -1
    taken = [(s, e) for s, e, _u in found]  # in order, not overlapping
    k = 0
    for t in _BARE_TRIGGER_RE.finditer(low):
        while k < len(taken) and taken[k][1] <= t.start():
            k += 1
        if t.start() < last_end or (k < len(taken) and taken[k][0] <= t.start()):
            continue
        host_start = t.start()
        while host_start > 0 and t.start() - host_start < 253 and text[host_start - 1] in _HOST_CHARS:
            host_start -= 1
        while host_start < t.start() and text[host_start] in ".-":
            host_start += 1
        bare = _BARE_HOST_RE.match(text, host_start)
        if bare is None:
            continue
        last_end = bare.end()
        tld = bare.group("tld")
        host = bare.group(0).split("/", 1)[0]
        # A lower-case TLD ("Ltd.It" is a sentence), not a file name, and a common TLD.
        if tld.islower() and tld in _COMMON_TLDS and _looks_like_host(host):
            _add(found, bare.start(), bare.group(0))
    found.sort()
    return found


def _scheme_urls(text: str, low: str) -> Iterator[re.Match[str]]:
    """``_SCHEME_URL_RE.finditer(text)``, tried only where "http" or "www." is written (``low`` is the
    text with ASCII letters lower-cased)."""
    yield from _scan.match_at(_SCHEME_URL_RE, text, _scan.places(low, ("http", "www.")))


def _add(found: list[tuple[int, int, str]], start: int, candidate: str) -> None:
    raw = _trim(candidate)
    norm = normalise_url(raw)
    if norm is not None:
        found.append((start, start + len(raw), norm))
