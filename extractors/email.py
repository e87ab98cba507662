"""E-mail messages (.eml): the HTML part through the HTML extractor, else the text part; headers are not material."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage, MIMEPart

from contactcheck.facts import Document
from extractors.html import LATIN1_LABELS, extract_html
from extractors.pdf import UnreadableError
from extractors.script import extract_script


def extract_email(data: bytes, uri: str, region: str | None = None) -> Document:
    """Facts of one message: its HTML body when it has one (the text alternative repeats it), else its text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise UnreadableError("not an e-mail message")
    html = message.get_body(preferencelist=("html",))
    if html is not None:
        content = _content(html)
        document = extract_html(content, uri, region)
        return Document(uri, "email", document.facts, document.blocks, title=str(message.get("subject") or ""),
                        links=document.links)
    text = message.get_body(preferencelist=("plain",))
    if text is None:
        raise UnreadableError("e-mail has no text or HTML body")
    document = extract_script(_content(text), uri, region, kind="email")
    return Document(uri, "email", document.facts, document.blocks, title=str(message.get("subject") or ""))


def _content(part: MIMEPart) -> str:
    charset = (part.get_content_charset() or "").lower()
    if charset in LATIN1_LABELS:  # "=96" in a message labelled ISO-8859-1 is an en dash, as mail readers show
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return payload.decode("cp1252", errors="replace")
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):  # unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else str(payload)
    return content if isinstance(content, str) else content.decode("utf-8", errors="replace")
