"""Non-phone channels in text and links: web chat, WhatsApp, SMS, social, post, call-back and video."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from extractors.recognisers import Match, _scan
from extractors.recognisers.email import normalise_email
from extractors.recognisers.urls import find_urls, normalise_url, url_key

__all__ = ["classify_href", "classify_url", "find_channels", "post_key", "social_key"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# ----------------------------------------------------------------------------------------------------
# URLs: what a link or a written address is a channel of
# ----------------------------------------------------------------------------------------------------

_SOCIAL_DOMAINS: tuple[tuple[str, str], ...] = (
    ("twitter.com", "x"),
    ("x.com", "x"),
    ("facebook.com", "facebook"),
    ("fb.com", "facebook"),
    ("fb.me", "facebook"),
    ("m.me", "facebook"),
    ("instagram.com", "instagram"),
    ("linkedin.com", "linkedin"),
    ("youtube.com", "youtube"),
    ("tiktok.com", "tiktok"),
    ("threads.net", "threads"),
    ("threads.com", "threads"),
    ("bsky.app", "bluesky"),
    ("xing.com", "xing"),
    ("pinterest.com", "pinterest"),
    ("pinterest.co.uk", "pinterest"),
    ("plus.google.com", "google-plus"),  # closed in 2019: a link to it is a channel that no longer answers
)
#: Platforms whose profile paths start with a kind of page ("linkedin.com/company/acme"): the kind and the
#: name together say whose page it is.
_TYPED_PATHS: dict[str, frozenset[str]] = {
    "linkedin": frozenset({"company", "in", "school", "showcase"}),
    "youtube": frozenset({"c", "channel", "user"}),
    "xing": frozenset({"companies", "pages", "profile"}),
    "bluesky": frozenset({"profile"}),
}

#: First path segments that are pages of the platform (sharing, search, posts), not someone's profile.
_NOT_PROFILE: dict[str, frozenset[str]] = {
    "x": _words(
        "intent share home search hashtag i login signup settings explore privacy tos notifications "
        "messages compose widgets widgets.js"
    ),
    "facebook": _words(
        "sharer sharer.php share share.php dialog plugins tr login login.php help policies privacy events "
        "watch groups hashtag photo.php photo story.php permalink.php marketplace gaming"
    ),
    "instagram": _words("p reel reels explore accounts stories tv about legal developer"),
    "youtube": _words(
        "watch embed results playlist shorts feed redirect live premium t about howyoutubeworks account "
        "attribution_link subscription_center"
    ),
    "pinterest": _words("pin search ideas today business _ login"),
    "google-plus": _words("share u communities collection"),
}
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_CHAT_PATH = re.compile(
    r"(?:^|/)(?:live[-_]?chat|web[-_]?chat|online[-_]?chat|chat)"
    r"(?:[-_](?:with[-_]us|online|now|support|to[-_]us))?(?:/|$|\.[a-z]{2,5}$)"
)
_CHAT_HOSTS = ("livechatinc.com", "lc.chat", "tawk.to", "livechat.com")
_CHAT_FRAGMENTS = frozenset(
    {"chat", "livechat", "live-chat", "webchat", "web-chat", "open-chat", "startchat"}
)
_VIDEO_HOSTS = ("signvideo.co.uk", "signvideo.net", "interpreternow.co.uk", "contactscotland-bsl.org")
_CALLBACK_PATH = re.compile(
    r"(?:^|/)(?:request[-_]?a[-_]?call[-_]?back|request[-_]?call[-_]?back|call[-_]back(?:[-_]request)?"
    r"|callback[-_]request|request[-_]a[-_]call|book[-_]a[-_]call[-_]?back)(?:/|$|\.[a-z]{2,5}$)"
)


def _host_in(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def _social_platform(host: str) -> str | None:
    for domain, platform in _SOCIAL_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return platform
    return None


def _social_profile(platform: str, host: str, segments: list[str], query: str) -> bool:
    """True when the path is a profile or page someone can be contacted on, not a post or a share link."""
    if not segments:
        return False
    first = segments[0].lower()
    if first in _NOT_PROFILE.get(platform, frozenset()):
        return False
    if platform == "x":
        return bool(_X_HANDLE.fullmatch(segments[0])) and (len(segments) < 2 or segments[1] != "status")
    if platform == "facebook":
        if host == "m.me" or host.endswith(".m.me"):
            return True
        if first == "profile.php":
            return "id=" in query
        return True
    if platform in ("linkedin", "xing", "bluesky"):
        return first in _TYPED_PATHS[platform] and len(segments) >= 2
    if platform == "youtube":
        return (
            first.startswith("@")
            or (first in _TYPED_PATHS["youtube"] and len(segments) >= 2)
            or (len(segments) == 1)
        )
    if platform in ("tiktok", "threads"):
        return first.startswith("@")
    return True


def _wa_value(digits: str) -> str | None:
    digits = re.sub(r"[^\d]", "", unquote(digits))
    return f"https://wa.me/{digits}" if 7 <= len(digits) <= 15 else None


def classify_url(url: str) -> tuple[str, str] | None:
    """(kind, value) for an absolute web URL that is a contact channel: ``whatsapp``, ``webchat``, ``social``,
    ``video`` or ``callback``; None for any other page.

    WhatsApp click-to-chat links become ``https://wa.me/<digits>``; social profile URLs lose their query
    and fragment (share buttons, posts and embeds are not channels).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    path = parts.path
    segments = [s for s in path.split("/") if s]
    if host == "wa.me" or host.endswith(".wa.me"):
        if segments and re.fullmatch(r"\+?[\d\s().\-]{7,}", unquote(segments[0])):
            wa = _wa_value(segments[0])
            if wa is not None:
                return "whatsapp", wa
        return "whatsapp", (f"https://wa.me{path}".rstrip("/") if segments else "https://wa.me")
    if _host_in(host, ("whatsapp.com",)):
        phone = parse_qs(parts.query).get("phone")
        if phone:
            wa = _wa_value(phone[0])
            if wa is not None:
                return "whatsapp", wa
        if host.startswith("chat.") and segments:
            return "whatsapp", f"https://{host}{path}"
        return None
    platform = _social_platform(host)
    if platform is not None:
        if not _social_profile(platform, host, segments, parts.query):
            return None
        keep_query = platform == "facebook" and segments and segments[0].lower() == "profile.php"
        query = f"?{parts.query}" if keep_query else ""
        return "social", f"{parts.scheme}://{parts.netloc}{path}{query}"
    if _host_in(host, _VIDEO_HOSTS):
        return "video", url
    low_path = path.lower()
    if (
        _host_in(host, _CHAT_HOSTS)
        or host.split(".", 1)[0] in ("chat", "webchat", "livechat")
        or _CHAT_PATH.search(low_path)
        or parts.fragment.lower() in _CHAT_FRAGMENTS
    ):
        return "webchat", url
    if _CALLBACK_PATH.search(low_path):
        return "callback", url
    return None


def classify_href(href: str, base: str | None = None) -> tuple[str, str] | None:
    """(kind, value) for a link's href, or None when the link is not a contact channel.

    ``mailto:`` gives ``email`` (normalised); ``tel:`` gives ``("tel", raw number)`` and ``sms:`` gives
    ``("sms", raw number)``, both left for the phone recogniser to normalise; ``whatsapp://send?phone=``
    and WhatsApp, chat, social, video-relay and call-back pages give their kind (see :func:`classify_url`).
    A ``javascript:`` href that opens a chat widget gives ``("webchat", "webchat")``.
    """
    h = href.strip()
    low = h.lower()
    if low.startswith("mailto:"):
        email = normalise_email(h)
        return ("email", email) if email else None
    if low.startswith("tel:"):
        raw = unquote(h[4:]).strip().lstrip("/").strip()
        return ("tel", raw) if any(c.isdigit() for c in raw) else None
    if low.startswith(("sms:", "smsto:")):
        raw = unquote(h.split(":", 1)[1]).lstrip("/")
        raw = re.split(r"[?;&]", raw, maxsplit=1)[0].strip()
        return ("sms", raw) if any(c.isdigit() for c in raw) else None
    if low.startswith("whatsapp:"):
        phone = parse_qs(urlsplit(h).query).get("phone")
        wa = _wa_value(phone[0]) if phone else None
        return ("whatsapp", wa) if wa else None
    if low.startswith("javascript:"):
        return ("webchat", "webchat") if "chat" in low else None
    url = normalise_url(h, base)
    return classify_url(url) if url is not None else None


def social_key(value: str) -> str:
    """A comparison key for a social value: ``platform:handle`` for a profile URL or a ``platform:handle``
    value (so ``https://twitter.com/AcmeHelp`` and ``x:acmehelp`` are equal), else the URL key."""
    v = value.strip()
    m = re.fullmatch(r"([a-z][a-z-]*):@?([^/\s]+(?:/[^/\s]+)?)", v, re.I)
    if m and not v.lower().startswith(("http:", "https:")):
        return f"{m.group(1).lower()}:{m.group(2).lower()}"
    url = normalise_url(v)
    if url is None:
        return v.lower()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    platform = _social_platform(host)
    segments = [s for s in parts.path.split("/") if s]
    if platform is None or not segments:
        return url_key(url)
    if len(segments) >= 2 and segments[0].lower() in _TYPED_PATHS.get(platform, frozenset()):
        return f"{platform}:{segments[0].lower()}/{segments[1].lower()}"
    return f"{platform}:{segments[0].lstrip('@').lower()}"


# ----------------------------------------------------------------------------------------------------
# Labels and offers in running text
# ----------------------------------------------------------------------------------------------------

_HS = r"[^\S\n]"  # horizontal space
_CHATWORD = rf"(?:live{_HS}?(?:web{_HS}?)?chat|web[\s-]?chat|online{_HS}chat)"
# "web chat software", "web chat packages": a chat product described, not a chat offered.
_NOT_PRODUCT = (
    r"(?!\s+(?:software|plans?|packages?|facility|facilities|bundles?|solutions?|widgets?|platforms?"
    r"|providers?|tools?|systems?|agents?))"
)
_WEBCHAT_RE = re.compile(
    rf"\bchat{_HS}+(?:with|to){_HS}+(?:us|one{_HS}+of{_HS}+our{_HS}+\w+"
    rf"|an?{_HS}+(?:adviser|advisor|agent|expert|specialist|member{_HS}+of{_HS}+(?:our|the){_HS}+team)"
    rf"|our{_HS}+(?:team|advisers|advisors|agents|experts|specialists))(?:{_HS}+(?:online|now|live))?\b"
    rf"|\bchat{_HS}+(?:online|now)(?:{_HS}+with{_HS}+us)?\b"
    rf"|\b(?:start|begin|open){_HS}+(?:a{_HS}+|an{_HS}+)?(?:{_CHATWORD}|chat)\b"
    rf"|(?<!why{_HS})\b(?:use|try|via|by|through|using|on){_HS}+(?:our{_HS}+)?{_CHATWORD}\b{_NOT_PRODUCT}"
    rf"|\b{_CHATWORD}{_HS}+(?:is{_HS}+|are{_HS}+)?"
    rf"(?:available|open\b|now{_HS}+open|with{_HS}+(?:us|an?{_HS}+\w+|our{_HS}+\w+))"
    rf"|\b{_CHATWORD}(?={_HS}*:)"
    # a label at the start of a line: "Live chat", "Webchat (opens in new tab)", "Live Chat – 8am to 8pm"
    rf"|(?m:^{_HS}*{_CHATWORD}(?:{_HS}+(?:now|online|with{_HS}+us|service|support))?"
    rf"(?={_HS}*(?:$|[-–—:|(])))",
    re.I,
)
_WEBCHAT_ELSEWHERE = re.compile(
    r"\W{0,3}(?:\w+\W+){0,3}?(?:on|via|using|through|over|by)\s+"
    r"(?:whats\s?app|facebook|messenger|twitter|x\b|instagram|sms|text)",
    re.I,
)

_WA = r"whats\s?app"
_WHATSAPP_RE = re.compile(
    rf"\b{_WA}{_HS}+us\b"
    rf"|\bsend{_HS}+us{_HS}+a{_HS}+{_WA}(?:{_HS}+message)?\b"
    rf"|\b(?:message|contact|chat|talk|speak|reach|text|help|support|get{_HS}+in{_HS}+touch)\b[^.\n]{{0,25}}?"
    rf"\b(?:on|via|by|through|using|over)\s+{_WA}\b"
    rf"|\bour{_HS}+{_WA}{_HS}+(?:number|line|service|channel|team|chat)\b"
    rf"|\b{_WA}(?={_HS}*:)"
    rf"|(?m:^{_HS}*{_WA}{_HS}*$)",
    re.I,
)
_SMS_RE = re.compile(
    rf"\b(?:text|sms|txt){_HS}+us\b"
    rf"|\bsend{_HS}+us{_HS}+an?{_HS}+(?:text|sms)(?:{_HS}+message)?\b"
    rf"|\b(?:contact|reach|message){_HS}+us{_HS}+(?:by|via|through|using){_HS}+"
    rf"(?:text(?:{_HS}+message)?|sms)\b"
    rf"|\b(?-i:SMS)(?={_HS}*:)",
    re.I,
)
_CALLBACK_RE = re.compile(
    rf"\b(?:request|book|arrange|schedule|get|order|ask{_HS}+for|want|need){_HS}+(?:a{_HS}+|your{_HS}+)?"
    rf"(?:free{_HS}+)?call[\s-]?backs?\b"
    rf"|\b(?:we|we'll|we’ll|we'd|we’d|an?{_HS}+advis[eo]r|one{_HS}+of{_HS}+our{_HS}+\w+"
    rf"|an?{_HS}+member{_HS}+of{_HS}+(?:our|the){_HS}+team|(?:our|the){_HS}+team)"
    rf"(?:{_HS}+(?:will|can|could|would|may))?(?:{_HS}+(?:be{_HS}+happy{_HS}+to|then|gladly|aim{_HS}+to))?"
    rf"{_HS}+(?:call|ring|phone){_HS}+you{_HS}+back\b"
    rf"|\bcall[\s-]?back{_HS}+(?:request|service|form)\b"
    rf"|\b(?:request|arrange|book){_HS}+a{_HS}+(?:phone{_HS}+)?call{_HS}+from{_HS}+"
    rf"(?:us|an?{_HS}+advis[eo]r|our{_HS}+team)\b"
    rf"|\bask{_HS}+us{_HS}+to{_HS}+(?:call|ring|phone){_HS}+you(?:{_HS}+back)?\b"
    rf"|\bcall{_HS}+me{_HS}+back\b",
    re.I,
)
# An instruction to staff ("Offer the caller a callback", "Agent: arrange a call back"), not an offer.
_AGENT_DIRECTED = re.compile(
    r"\b(?:the|a)\s+(?:customer|caller|client)\b|\bcustomer['’]s\b"
    r"|\b(?:agent|CSR|advis[eo]r)s?\s*(?:note\s*)?:"
    r"|\b(?:the|an?)\s+(?:agent|CSR)\b|\b(?:agents?|advis[eo]rs?)\s+(?:should|must|need\s+to)\b",
    re.I,
)
_VIDEO_STRONG_RE = re.compile(
    rf"\bSignVideo\b|\b(?:BSL{_HS}+)?video[\s-]relay(?:{_HS}+services?)?\b|\b(?-i:VRS)\b|\bInterpreterNow\b"
    rf"|\bcontactSCOTLAND[\s-]BSL\b|\bBSL{_HS}+video(?:{_HS}+(?:interpreting|calls?|service))?\b"
    rf"|\bvideo{_HS}+(?:interpreting|BSL)\b"
    rf"|\b(?:BSL|sign{_HS}+language){_HS}+interpreters?{_HS}+(?:by|via|over|on){_HS}+video(?:{_HS}+calls?)?\b",
    re.I,
)
_VIDEO_WEAK_RE = re.compile(rf"\bvideo[\s-]?call(?:s|ing)?\b|\bvideo{_HS}+(?:chat|appointment)s?\b", re.I)
_VIDEO_OFFER = re.compile(
    r"\b(?:us|our|we|book|arrange|request|adviser|advisor|appointment|contact|speak|talk|available)\b", re.I
)
_NUMBER_FOLLOWS = re.compile(
    rf"[\s:\-–—(]*(?:(?:us{_HS}+)?(?:on|at|to|via){_HS}+)?(?:\+|\(?0|\d)[\d \t().\-]{{5,}}\d"
)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?](?:\s|$)|\n\s*\n")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _sentence(text: str, start: int, end: int, reach: int = 120) -> str:
    """The text around ``start:end`` on its line, cut at sentence ends, for context checks."""
    ls, le = _line_bounds(text, start)
    left = text[max(ls, start - reach) : start]
    right = text[end : min(le, end + reach)]
    cut = max(left.rfind(". "), left.rfind("! "), left.rfind("? "))
    if cut >= 0:
        left = left[cut + 2 :]
    stop = re.search(r"[.!?](?:\s|$)", right)
    if stop:
        right = right[: stop.start()]
    return left + text[start:end] + right


_Url = tuple[int, int, str]


def _attach_url(
    text: str, end: int, urls: list[_Url], used: set[int], kind: str, reach: int = 120
) -> int | None:
    """Index of the URL written right after a label (same sentence, within ``reach`` characters and three
    lines) whose own kind is ``kind`` or none, or None."""
    for i, (us, _ue, url) in enumerate(urls):
        if us < end or i in used:
            continue
        if us - end > reach:
            break
        between = text[end:us]
        if between.count("\n") > 3 or "@" in between or re.search(r"\d{5}", between):
            return None
        own = classify_url(url)
        if own is not None and own[0] != kind:
            return None
        if own is None and _SENTENCE_BREAK.search(text, max(0, end - 2), us):
            return None
        return i
    return None


def _label_matches(
    text: str,
    regex: re.Pattern[str],
    kind: str,
    stems: tuple[str, ...],
    urls: list[_Url],
    used: set[int],
    skip_numbers: bool,
    low: str,
) -> list[Match]:
    out: list[Match] = []
    for m in (m for ws, we in _scan.windows(low, stems, 60, 90) for m in regex.finditer(text, ws, we)):
        start, end = m.start(), m.end()
        if text[start:end].strip() == "":
            continue
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        if kind == "webchat" and _WEBCHAT_ELSEWHERE.match(text, end):
            continue
        if kind == "callback" and _AGENT_DIRECTED.search(_sentence(text, start, end)):
            continue
        if (
            kind == "video"
            and regex is _VIDEO_WEAK_RE
            and not _VIDEO_OFFER.search(_sentence(text, start, end))
        ):
            continue
        idx = _attach_url(text, end, urls, used, kind, reach=60 if kind == "callback" else 120)
        if idx is not None:
            used.add(idx)
            url = urls[idx][2]
            own = classify_url(url)
            out.append(Match(kind, own[1] if own else url, start, urls[idx][1]))
            continue
        if skip_numbers and _NUMBER_FOLLOWS.match(text, end):
            continue  # "WhatsApp us on 07700 900123": the phone recogniser gives this one
        out.append(Match(kind, kind, start, end))
    return out


# ----------------------------------------------------------------------------------------------------
# Social handles
# ----------------------------------------------------------------------------------------------------

_HANDLE_RE = re.compile(r"(?<![\w@.\-/])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@]|\.\w)")
_PLATFORM_RE = re.compile(
    r"(?P<x>\b(?i:twitter|tweet\s+us)\b|(?<![\w.])X(?=\s*\(formerly|\s*[:/]|\s*$)|(?<=\bon\s)X\b|(?<=/)X\b)"
    r"|(?P<instagram>\b(?i:instagram)\b|\bIG\b)"
    r"|(?P<tiktok>\b(?i:tiktok)\b)"
    r"|(?P<threads>\b(?i:threads)\b)"
    r"|(?P<youtube>\b(?i:youtube)\b)"
    r"|(?P<facebook>\b(?i:facebook)\b)",
    re.M,
)


def _handle_matches(text: str, low: str) -> list[Match]:
    out: list[Match] = []
    if "@" not in text:
        return out
    for m in (m for ws, we in _scan.windows(low, ("@",), 1, 40) for m in _HANDLE_RE.finditer(text, ws, we)):
        ls, le = _line_bounds(text, m.start())
        best: tuple[int, str] | None = None
        for p in _PLATFORM_RE.finditer(text, max(ls, m.start() - 40), min(le, m.end() + 30)):
            dist = m.start() - p.end() if p.end() <= m.start() else p.start() - m.end()
            if dist < 0:
                continue
            platform = p.lastgroup or ""
            if best is None or dist < best[0]:
                best = (dist, platform)
        if best is None:
            continue
        handle = m.group(1)
        platform = best[1]
        if platform == "x" and not _X_HANDLE.fullmatch(handle):
            continue
        out.append(Match("social", f"{platform}:{handle.lower()}", m.start(), m.end()))
    return out


# ----------------------------------------------------------------------------------------------------
# Postal addresses offered for writing
# ----------------------------------------------------------------------------------------------------

_UK_POSTCODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR[^\S\n]?0AA"
    r"|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPS-UW]|[A-HK-Y]\d[ABEHMNPRV-Y])"  # outward code
    r"[^\S\n]{0,2}\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"  # inward code
)
_US_STATES = _words(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC "
    "ND "
    "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI"
)
_US_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|"
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|"
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|"
    "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
    "South Dakota|Tennessee|Texas|"
    "Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia|Puerto Rico"
)
_US_ZIP_RE = re.compile(
    rf"(?<![A-Za-z])(?:{'|'.join(sorted(_US_STATES))}|{_US_STATE_NAMES})"
    r"\.?,?[^\S\n]+\d{5}(?:-\d{4})?(?![\d-])"
)
# An Australian state or territory and its four-digit postcode ("Melbourne VIC 3001").
_AU_POSTCODE_RE = re.compile(r"(?<![A-Za-z])(?:NSW|VIC|QLD|SA|WA|TAS|ACT|NT)\.?,?[^\S\n]+\d{4}(?![\d-])")
# The letters of an inward code after its digit ("1AA"): with the digit runs, where a UK postcode can end.
_INWARD_LETTERS = re.compile(r"[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])")
_WRITE_CUE_RE = re.compile(
    rf"\b(?:write|writing)\b(?:{_HS}+(?:to{_HS}+(?:us|them)|in|to|us|them))?(?:{_HS}+(?:at|to))?"
    rf"|\bin{_HS}+writing\b(?:{_HS}+to)?(?:{_HS}+us)?(?:{_HS}+at)?"
    rf"|\bby{_HS}+(?:post|letter|mail)\b(?:{_HS}+(?:to|at))?(?:{_HS}+us)?(?:{_HS}+at)?"
    rf"|\b(?:postal|mailing|correspondence|return|complaints?|reply){_HS}+address(?:es)?\b(?:{_HS}+is)?"
    rf"|\baddress{_HS}+for{_HS}+(?:complaints|correspondence|letters|post|written{_HS}+complaints)\b"
    rf"|\b(?:send|post|mail|return|address)\b[^.\n]{{0,40}}?\bto\b(?:{_HS}+us)?(?:{_HS}+at)?"
    rf"|(?m:^{_HS}*(?:post|by{_HS}+post|letters?|mail|in{_HS}+writing){_HS}*:?{_HS}*$)"
    rf"|\b(?:post(?:al)?|mail|by{_HS}+mail|write|letters?|correspondence){_HS}*:",
    re.I,
)
_FORWARD_CUE_RE = re.compile(
    r"\b(?:write|writing|send|post|mail)\b[^.\n]{0,40}?\b(?:to|at)\s+(?:this|the\s+above)\s+address\b"
    r"|\b(?:this|the\s+above)\s+is\s+(?:our|the)\s+(?:postal|correspondence|mailing)\s+address\b",
    re.I,
)
_IN_BLOCK_CUE_RE = re.compile(r"\bfreepost\b|\bp\.?[^\S\n]?o\.?[^\S\n]+box\b", re.I)
_NOT_POST_RE = re.compile(
    r"\bregistered\s+(?:office|address|in\b|company|number|no\b)|\bcompany\s+(?:registration|number|no\b)"
    r"|\bVAT\s+(?:no|number|reg)|\bombudsman\b|\bcitizens\s+advice\b|\b(?:ofgem|ofcom|trading\s+standards)\b"
    r"|\binformation\s+commissioner",
    re.I,
)
_LEAD_IN_RE = re.compile(
    r"^[\s:,\-–—]*(?:(?:us\s+|them\s+)?(?:at|to)\b\s*)?"
    r"(?:(?:the\s+)?(?:following|below|above)\s+address|this\s+address|our\s+address"
    r"|the\s+address(?:\s+below)?)?"
    r"[\s:,\-–—]*(?:(?:as\s+)?follows|below|here)?[\s:,\-–—]*",
    re.I,
)
_OTHER_CONTACT_RE = re.compile(
    r"@|\d[\d \t().\-]{6,}\d|\b(?:tel|telephone|phone|fax|e-?mail|call)\b|https?://|www\.", re.I
)


def _has_postcode(line: str) -> bool:
    return bool(_UK_POSTCODE_RE.search(line) or _US_ZIP_RE.search(line) or _AU_POSTCODE_RE.search(line))


_HEADING_LINE_RE = re.compile(
    r"(?:contact(?:\s+us)?|get\s+in\s+touch|(?:our\s+|postal\s+|mailing\s+)?address|find\s+us|head\s+office|"
    r"by\s+post|post|in\s+writing)\s*:?",
    re.I,
)
_ABBREVIATIONS = _words("ltd co st rd ave inc no dept mr mrs ms dr plc corp bldg ste")
_SENTENCE_END_RE = re.compile(r"\b([A-Za-z]+)[.!?][^\S\n]+(?=[A-Z])")


def _has_sentence_break(segment: str) -> bool:
    return any(
        len(m.group(1)) > 1 and m.group(1).lower() not in _ABBREVIATIONS
        for m in _SENTENCE_END_RE.finditer(segment)
    )


def _last(regex: re.Pattern[str], s: str) -> re.Match[str] | None:
    last = None
    for last in regex.finditer(s):  # noqa: B007
        pass
    return last


def _post_match(text: str, ps: int, pe: int) -> Match | None:
    """The address ending at the postcode ``text[ps:pe]``, when it is offered for writing to."""
    ls, _le = _line_bounds(text, ps)
    pieces: list[tuple[int, str]] = []  # (absolute start, text), last line first
    cue = False
    head = text[ls:ps]
    cue_m = _last(_WRITE_CUE_RE, head)
    neg_m = _last(_NOT_POST_RE, head)
    if neg_m is not None and (cue_m is None or neg_m.start() >= cue_m.start()):
        return None
    if cue_m is not None:
        cue = True
        start = ls + cue_m.end()
        if _has_sentence_break(text[start:ps]):
            return None
        pieces.append((start, text[start:pe]))
    else:
        if _has_sentence_break(head):
            return None
        pieces.append((ls, text[ls:pe]))
        # Walk back over the lines above: address lines until a blank gap, a sentence or a cue.
        pos = ls - 1
        blank = 0
        lines = 0
        while pos > 0 and lines < 8:
            ps_line = text.rfind("\n", 0, pos) + 1
            line = text[ps_line:pos]
            pos = ps_line - 1
            stripped = line.strip()
            if not stripped:
                blank += 1
                if blank >= 3:  # element boundaries in extracted HTML text leave a blank line or two
                    break
                continue
            blank = 0
            if _NOT_POST_RE.search(line):
                return None
            # a phone, e-mail or another address is not part of this one, unless a cue comes after it
            # ("... fax 1-217-555-0167 or mail them to: Appeals Unit,")
            found = _last(_WRITE_CUE_RE, line)
            tail = line if found is None else line[found.end() :]
            if _OTHER_CONTACT_RE.search(tail) or _has_postcode(tail):
                break
            if found is not None:
                cue = True
                rest = line[found.end() :]
                lead = _LEAD_IN_RE.match(rest)
                body = rest[lead.end() if lead else 0 :].strip()
                # "Write to us at: Acme Energy," starts the address; "... to the address below,
                # quoting your account number:" does not.
                if body and len(body) <= 60 and not body.endswith(":") and not _has_sentence_break(body):
                    pieces.append((ps_line + found.end(), rest))
                break
            if (
                len(stripped) > 80
                or _has_sentence_break(line)
                or (stripped.endswith(".") and len(stripped) > 30)
            ):
                break
            pieces.append((ps_line, line))
            lines += 1
    pieces.reverse()
    block = text[pieces[0][0] : pe]
    if not cue and _IN_BLOCK_CUE_RE.search(block):
        cue = True
    if not cue:
        after = text[pe : pe + 250]
        nxt = _UK_POSTCODE_RE.search(after)
        if nxt:
            after = after[: nxt.start()]
        gap = re.search(r"\n[^\S\n]*\n[^\S\n]*\n[^\S\n]*\n", after)
        if gap:
            after = after[: gap.start()]
        if not _FORWARD_CUE_RE.search(after) or _NOT_POST_RE.search(after):
            return None
    if _NOT_POST_RE.search(block):
        return None
    while len(pieces) > 1 and _HEADING_LINE_RE.fullmatch(pieces[0][1].strip()):
        pieces.pop(0)
    parts: list[str] = []
    first_start: int | None = None
    for abs_start, chunk in pieces:
        offset = 0
        for piece in chunk.split(","):
            piece_abs = abs_start + offset
            offset += len(piece) + 1
            skip = 0
            if not parts:
                lead = _LEAD_IN_RE.match(piece)
                skip = lead.end() if lead else 0
            clean = " ".join(piece[skip:].split()).strip(" ,;:.-–—")
            if not clean:
                continue
            if first_start is None:
                first_start = piece_abs + piece.find(clean.split()[0], skip)
            parts.append(clean)
    value = ", ".join(parts)
    postcode = " ".join(text[ps:pe].split())
    if first_start is None or len(value) <= len(postcode) + 2:
        return None
    return Match("post", value, first_start, pe)


def _post_matches(text: str) -> list[Match]:
    out: list[Match] = []
    anchors: list[tuple[int, int]] = []
    runs = _scan.digit_runs(text)
    inward = _INWARD_LETTERS.match
    for _, e in runs:  # an inward code: the last digit of a run and two letters
        if inward(text, e) is None:
            continue
        end = e + 2
        m = _UK_POSTCODE_RE.search(text, max(0, e - 8), end)
        if m is not None and m.end() == end and (not anchors or anchors[-1][1] <= m.start()):
            anchors.append((m.start(), m.end()))
    last = -1
    for s, e in runs:  # a ZIP code: the last five digits of a run
        if e - s < 5 or e - 5 < last:
            continue
        m = _US_ZIP_RE.search(text, max(0, e - 35), e + 5)
        if m is not None and m.end() >= e:
            anchors.append((m.start(), m.end()))
            last = m.end()
    for s, e in runs:  # an Australian postcode: four digits after a state
        if e - s == 4:
            m = _AU_POSTCODE_RE.search(text, max(0, s - 6), e)
            if m is not None and m.end() == e:
                anchors.append((m.start(), m.end()))
    for ps, pe in sorted(anchors):
        match = _post_match(text, ps, pe)
        if match is not None:
            out.append(match)
    return out


def post_key(value: str) -> str:
    """A comparison key for postal addresses: equal ignoring case, whitespace and punctuation."""
    return re.sub(r"[\W_]+", "", value.lower())


# ----------------------------------------------------------------------------------------------------
# Everything together
# ----------------------------------------------------------------------------------------------------

#: Label patterns in the order they claim URLs: (pattern, kind, stems every match contains, skip numbers).
_LABELS: tuple[tuple[re.Pattern[str], str, tuple[str, ...], bool], ...] = (
    (_WHATSAPP_RE, "whatsapp", ("whats",), True),
    (_WEBCHAT_RE, "webchat", ("chat",), False),
    (_SMS_RE, "sms", ("text", "sms", "txt"), True),
    (_CALLBACK_RE, "callback", ("call", "ring", "phone"), False),
    (_VIDEO_STRONG_RE, "video", ("video", "vrs", "interpreter", "bsl"), False),
    (_VIDEO_WEAK_RE, "video", ("video",), False),
)


def find_channels(text: str) -> list[Match]:
    """Web chat, WhatsApp, SMS, social, post, call-back and video offers written in ``text``.

    Values are a URL when one is given with the offer (or the URL itself is a channel link), a
    ``platform:handle`` for social handles, the one-line address for post, and otherwise the kind's
    name (``webchat``, ``whatsapp``, ``sms``, ``callback``, ``video``). Offers of WhatsApp or SMS that
    give a number are left to the phone recogniser.
    """
    urls = find_urls(text)
    used: set[int] = set()
    out: list[Match] = []
    low = _scan.ascii_lower(text)
    for regex, kind, stems, skip_numbers in _LABELS:
        out.extend(_label_matches(text, regex, kind, stems, urls, used, skip_numbers, low))
    for i, (us, ue, url) in enumerate(urls):
        if i in used:
            continue
        own = classify_url(url)
        if own is not None:
            out.append(Match(own[0], own[1], us, ue))
    out.extend(_handle_matches(text, low))
    out.extend(_post_matches(text))
    return _dedupe(out)


def _dedupe(matches: list[Match]) -> list[Match]:
    """Sorted by position; a match inside another of the same kind is dropped."""
    matches.sort(key=lambda m: (m.start, -m.end, m.kind))
    out: list[Match] = []
    for m in matches:
        if any(o.kind == m.kind and o.start <= m.start and m.end <= o.end for o in out[-6:]):
            continue
        out.append(m)
    return out
