"""URL canonicalisation, crawl scope and spider-trap guards (pure functions, no Scrapy)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

#: query parameters that only say where a visitor came from; never part of a page's identity
TRACKING = re.compile(
    r"^(utm_[a-z_]+|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|yclid|twclid|ttclid|li_fat_id|mc_cid|mc_eid|"
    r"_ga|_gl|_hsenc|_hsmi|hsctatracking|mkt_tok|igshid|ref_src|spm|vero_id|oly_anon_id|oly_enc_id|wickedid|"
    r"trk|trkcampaign|cmpid|s_cid|ito)$",
    re.I,
)
#: query parameters and path parameters that carry a session: a new value on every visit
SESSION = re.compile(r"^(jsessionid|phpsessid|aspsessionid\w*|sid|sessionid|session_id|sessid|cfid|cftoken|"
                     r"zenid|oscsid|osCsid|ps_session|wt\.mc_id)$", re.I)
_PATH_PARAM = re.compile(r";[^/?#]*", re.I)
_DIGITS = re.compile(r"\d+")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def clean_url(url: str) -> str:
    """The URL to request: without its fragment, tracking parameters and session ids (the rest as linked)."""
    parts = urlsplit(url.strip())
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not TRACKING.match(k) and not SESSION.match(k)]
        if len(kept) != len(pairs):  # re-encode only when something was taken out
            query = urlencode(kept)
    path = _strip_session_params(parts.path)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path or "/", query, ""))


def _strip_session_params(path: str) -> str:
    """``/shop;jsessionid=AB12/cart`` -> ``/shop/cart`` (matrix parameters that name a session)."""
    if ";" not in path:
        return path
    def keep(match: re.Match[str]) -> str:
        name = match.group(0)[1:].split("=", 1)[0]
        return "" if SESSION.match(name) else match.group(0)
    return _PATH_PARAM.sub(keep, path)


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """A page's identity for de-duplication: scheme, a leading ``www.``, host case, default port,
    fragment, tracking and session parameters, query order and a trailing slash do not matter."""
    cleaned = canonicalize_url(clean_url(url), keep_fragments=False)
    parts = urlsplit(cleaned)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def is_ip_or_local(host: str) -> bool:
    """localhost, *.localhost and IP addresses: crawled by host and port only (SPEC section 8)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _extractor() -> object:
    import tldextract

    # the bundled public-suffix snapshot only: a crawl never fetches the list from the network
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str:
    """``www.shop.example.co.uk`` -> ``example.co.uk``; a name outside the public-suffix list keeps all
    but a leading ``www.``."""
    import tldextract

    extractor = _extractor()
    assert isinstance(extractor, tldextract.TLDExtract)
    found = extractor(host).top_domain_under_public_suffix
    return found or host.lower().removeprefix("www.")


@dataclass(frozen=True, slots=True)
class Scope:
    """Which URLs belong to the crawl: the entry's registrable domain (or, for localhost and IP
    addresses, its host and port), any allowed domains, filtered by include/exclude regexes."""

    hosts: frozenset[str] = frozenset()  # exact host:port (localhost / IP entry)
    domains: tuple[str, ...] = ()  # a host in scope equals one of these or ends with "." + it
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    entry: str = ""

    @classmethod
    def for_entry(cls, entry: str, allow_domains: Iterable[str] = (), include: Iterable[str] = (),
                  exclude: Iterable[str] = ()) -> Scope:
        """Raises ValueError for an entry that is not an http(s) URL or a bad regex."""
        parts = urlsplit(entry)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{entry!r} is not an http:// or https:// URL")
        hosts: set[str] = set()
        domains: list[str] = []
        if is_ip_or_local(parts.hostname):
            hosts.add(_host_port(entry))
        else:
            domains.append(registrable_domain(parts.hostname))
        for allowed in allow_domains:
            name = allowed.strip().lower()
            if "://" in name:
                name = urlsplit(name).hostname or ""
            if name and is_ip_or_local(name.split(":")[0]):
                hosts.add(name if ":" in name else f"{name}:*")
            elif name:
                domains.append(name.removeprefix("www.").lstrip("."))
        try:
            inc = tuple(re.compile(p) for p in include)
            exc = tuple(re.compile(p) for p in exclude)
        except re.error as err:
            raise ValueError(f"bad --include/--exclude regex: {err}") from err
        return cls(frozenset(hosts), tuple(dict.fromkeys(domains)), inc, exc, entry)

    def allows(self, url: str) -> bool:
        """Is ``url`` inside the crawl? The entry URL always is."""
        if url == self.entry:
            return True
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if not self._host_allowed(url, parts.hostname.lower()):
            return False
        if self.include and not any(p.search(url) for p in self.include):
            return False
        return not any(p.search(url) for p in self.exclude)

    def _host_allowed(self, url: str, host: str) -> bool:
        if self.hosts and (_host_port(url) in self.hosts or f"{host}:*" in self.hosts):
            return True
        return any(host == d or host.endswith("." + d) for d in self.domains)


def _host_port(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme, 0)
    return f"{host}:{port}"


def pattern_of(url: str) -> str:
    """A URL's shape: digits become ``N`` and query values are dropped unless they are words
    (``/calendar/2026/11?view=month`` -> ``host/calendar/N/N?view=month``)."""
    parts = urlsplit(url)
    path = _DIGITS.sub("N", parts.path)
    query = sorted({f"{k}={v}" if v.isalpha() else f"{k}=N"
                    for k, v in parse_qsl(parts.query, keep_blank_values=True)})
    shape = "&".join(query)
    return f"{(parts.hostname or '').lower()}{path}" + (f"?{shape}" if shape else "")


@dataclass(frozen=True, slots=True)
class TrapLimits:
    """Caps that keep calendars, session ids and ever-growing query strings from eating the page budget."""

    max_per_pattern: int = 1000  # pages of one URL shape (a product catalogue keeps the rest of the budget)
    max_chain: int = 12  # a shape found this many clicks deeper than where it first appeared
    max_url_length: int = 1024
    max_query_params: int = 12
    max_repeated_param: int = 2  # the same query key this many times
    max_segment_repeats: int = 3  # /a/b/a/b/a/b
    max_path_segments: int = 20


@dataclass(slots=True)
class TrapGuard:
    """Decides, link by link, whether a URL looks like part of a spider trap (and counts each shape)."""

    limits: TrapLimits = field(default_factory=TrapLimits)
    counts: dict[str, int] = field(default_factory=dict)
    first_depth: dict[str, int] = field(default_factory=dict)

    def check(self, url: str, depth: int) -> str | None:
        """None when the URL may be requested (and is counted), else the reason it is refused."""
        reason = self._shape_problem(url)
        if reason is None:
            pattern = pattern_of(url)
            first = self.first_depth.setdefault(pattern, depth)
            if self.counts.get(pattern, 0) >= self.limits.max_per_pattern:
                reason = f"more than {self.limits.max_per_pattern} pages shaped {pattern}"
            elif depth - first > self.limits.max_chain:
                reason = f"{pattern} keeps going deeper (a calendar or endless pagination)"
            else:
                self.counts[pattern] = self.counts.get(pattern, 0) + 1
        return reason

    def _shape_problem(self, url: str) -> str | None:
        limits = self.limits
        if len(url) > limits.max_url_length:
            return f"URL longer than {limits.max_url_length} characters"
        parts = urlsplit(url)
        params = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
        if len(params) > limits.max_query_params:
            return f"more than {limits.max_query_params} query parameters"
        if params and max(params.count(k) for k in set(params)) > limits.max_repeated_param:
            return "a query parameter repeated (a growing query string)"
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) > limits.max_path_segments:
            return f"more than {limits.max_path_segments} path segments"
        if segments and max(segments.count(s) for s in set(segments)) >= limits.max_segment_repeats:
            return "a path segment repeated (relative links that nest forever)"
        return None
