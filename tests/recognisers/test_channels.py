"""Channel recogniser: web chat, WhatsApp, SMS, social, post, call-back and video, in text and in links."""

from __future__ import annotations

import pytest

from extractors.recognisers.channels import classify_href, find_channels, post_key, social_key

# (text, [(kind, value, text[start:end])])
FIND_CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    # web chat
    ("Live chat", [("webchat", "webchat", "Live chat")]),
    ("Webchat (opens in new tab)", [("webchat", "webchat", "Webchat")]),
    ("Live Chat – available 8am to 8pm", [("webchat", "webchat", "Live Chat")]),
    ("Live chat: 8am to 8pm", [("webchat", "webchat", "Live chat")]),
    ("Live chat will then pass the details on", []),
    (
        "Chat with us online at acme.com/chat",
        [("webchat", "https://acme.com/chat", "Chat with us online at acme.com/chat")],
    ),
    (
        "Live chat: https://help.acme.com/support",
        [("webchat", "https://help.acme.com/support", "Live chat: https://help.acme.com/support")],
    ),
    (
        "Webchat\nSpeak to an adviser now\nhttps://example.com",
        [("webchat", "https://example.com", "Webchat\nSpeak to an adviser now\nhttps://example.com")],
    ),
    ("You can chat to an adviser Monday to Friday.", [("webchat", "webchat", "chat to an adviser")]),
    ("Start a live chat", [("webchat", "webchat", "Start a live chat")]),
    (
        "See our help pages at https://www.acme.com/help/live-chat",
        [("webchat", "https://www.acme.com/help/live-chat", "https://www.acme.com/help/live-chat")],
    ),
    ("Combine all this with web chat software that's branded to your business.", []),
    ("Why use our LIVE WEB CHAT?", []),
    ("We had a chat about the weather.", []),
    # WhatsApp
    ("WhatsApp us", [("whatsapp", "whatsapp", "WhatsApp us")]),
    (
        "Message us on WhatsApp: wa.me/447700900123",
        [("whatsapp", "https://wa.me/447700900123", "Message us on WhatsApp: wa.me/447700900123")],
    ),
    ("chat with us on WhatsApp", [("whatsapp", "whatsapp", "chat with us on WhatsApp")]),
    (
        "https://api.whatsapp.com/send?phone=447700900123&text=Hi",
        [
            (
                "whatsapp",
                "https://wa.me/447700900123",
                "https://api.whatsapp.com/send?phone=447700900123&text=Hi",
            )
        ],
    ),
    ("WhatsApp us on 07700 900123", []),
    ("Share on WhatsApp", []),
    ("WhatsApp is a messaging app.", []),
    # SMS
    ("Text us", [("sms", "sms", "Text us")]),
    ("You can also send us a text message.", [("sms", "sms", "send us a text message")]),
    ("Text us on 07700 900123", []),
    ("SMS message delivery 12p", []),
    ("Let us text you when it is ready.", []),
    # social
    ("Follow @AcmeHelp on X for updates", [("social", "x:acmehelp", "@AcmeHelp")]),
    ("Twitter: @AcmeHelp", [("social", "x:acmehelp", "@AcmeHelp")]),
    ("X (formerly Twitter): @Acme_Help", [("social", "x:acme_help", "@Acme_Help")]),
    ("Instagram: @acme.uk", [("social", "instagram:acme.uk", "@acme.uk")]),
    ("email help@acme.com or tweet @AcmeHelp on Twitter", [("social", "x:acmehelp", "@AcmeHelp")]),
    (
        "http://www.facebook.com/bhcindia?ref=mf",
        [("social", "http://www.facebook.com/bhcindia", "http://www.facebook.com/bhcindia?ref=mf")],
    ),
    (
        "https://twitter.com/UKinHyderabad",
        [("social", "https://twitter.com/UKinHyderabad", "https://twitter.com/UKinHyderabad")],
    ),
    (
        "http://in.linkedin.com/in/ukinindia",
        [("social", "http://in.linkedin.com/in/ukinindia", "http://in.linkedin.com/in/ukinindia")],
    ),
    (
        "https://www.youtube.com/c/AcmeEnergy",
        [("social", "https://www.youtube.com/c/AcmeEnergy", "https://www.youtube.com/c/AcmeEnergy")],
    ),
    ("twitter.com/AcmeHelp", [("social", "https://twitter.com/AcmeHelp", "twitter.com/AcmeHelp")]),
    ("https://twitter.com/intent/tweet?text=hello", []),
    ("https://www.facebook.com/sharer/sharer.php?u=x", []),
    ("https://www.youtube.com/watch?v=abc", []),
    ("Follow us @AcmeHelp", []),
    ("TikTok star Dixie D'Amelio", []),
    (
        "She can talk to us through a BSL interpreter by video at valleyshousing.example/bsl.",
        [("video", "https://valleyshousing.example/bsl", "BSL interpreter by video at valleyshousing.example/bsl")],
    ),
    # post
    (
        "Write to us at: Complaints Team, Acme Energy, PO Box 123, Leeds LS1 1AA.",
        [
            (
                "post",
                "Complaints Team, Acme Energy, PO Box 123, Leeds LS1 1AA",
                "Complaints Team, Acme Energy, PO Box 123, Leeds LS1 1AA",
            )
        ],
    ),
    (
        "Write to:\nComplaints Manager\nDepartment of Health\n79 Whitehall\nLondon\nSW1A 2NS\nFill in our "
        "form",
        [
            (
                "post",
                "Complaints Manager, Department of Health, 79 Whitehall, London, SW1A 2NS",
                "Complaints Manager\nDepartment of Health\n79 Whitehall\nLondon\nSW1A 2NS",
            )
        ],
    ),
    (
        "HM Revenue and Customs\nFreepost NAT22785\n\nCF14 5GX\nUnited Kingdom",
        [
            (
                "post",
                "HM Revenue and Customs, Freepost NAT22785, CF14 5GX",
                "HM Revenue and Customs\nFreepost NAT22785\n\nCF14 5GX",
            )
        ],
    ),
    (
        "Pay As You Earn\nHM Revenue and Customs\nBX9 1AS\nUnited Kingdom\n\nWrite to HMRC at this address.",
        [
            (
                "post",
                "Pay As You Earn, HM Revenue and Customs, BX9 1AS",
                "Pay As You Earn\nHM Revenue and Customs\nBX9 1AS",
            )
        ],
    ),
    (
        "By post:\nAcme Energy\nPO Box 9\nLeeds\nLS1 1AA",
        [("post", "Acme Energy, PO Box 9, Leeds, LS1 1AA", "Acme Energy\nPO Box 9\nLeeds\nLS1 1AA")],
    ),
    (
        "Send your completed form to: Acme Energy, FREEPOST RTKB-XXXX-YYYY, Leeds LS1 1AA",
        [
            (
                "post",
                "Acme Energy, FREEPOST RTKB-XXXX-YYYY, Leeds LS1 1AA",
                "Acme Energy, FREEPOST RTKB-XXXX-YYYY, Leeds LS1 1AA",
            )
        ],
    ),
    (
        "Mail your complaint to: Consumer Affairs, Acme Inc., PO Box 100, Austin, TX 78701",
        [
            (
                "post",
                "Consumer Affairs, Acme Inc, PO Box 100, Austin, TX 78701",
                "Consumer Affairs, Acme Inc., PO Box 100, Austin, TX 78701",
            )
        ],
    ),
    (
        "Write to us at Acme, 1 Park Row, Leeds LS1 5AB. Registered office: 2 Park Sq, Leeds LS2 2BB",
        [("post", "Acme, 1 Park Row, Leeds LS1 5AB", "Acme, 1 Park Row, Leeds LS1 5AB")],
    ),
    (
        "If you'd prefer to write, send your letter to the address below, quoting your account number:\n"
        "Acme Energy\nPO Box 9\nLeeds LS1 1AA",
        [("post", "Acme Energy, PO Box 9, Leeds LS1 1AA", "Acme Energy\nPO Box 9\nLeeds LS1 1AA")],
    ),
    (
        "Contact us\nAcme Energy\nPO Box 9\nLeeds LS1 1AA",
        [("post", "Acme Energy, PO Box 9, Leeds LS1 1AA", "Acme Energy\nPO Box 9\nLeeds LS1 1AA")],
    ),
    (
        "Write to us at: Acme Energy,\nPO Box 123,\nLeeds LS1 1AA",
        [("post", "Acme Energy, PO Box 123, Leeds LS1 1AA", "Acme Energy,\nPO Box 123,\nLeeds LS1 1AA")],
    ),
    (
        "Customer Service: 1-800-555-0100 (TTY: 711)\n"
        "Mail: Acme Inc., Attn: Customer Relations, P.O. Box 1000, Springfield, IL 62701\n"
        "Corporate headquarters: 100 Main St, Springfield, IL 62701",
        [
            (
                "post",
                "Acme Inc, Attn: Customer Relations, P.O. Box 1000, Springfield, IL 62701",
                "Acme Inc., Attn: Customer Relations, P.O. Box 1000, Springfield, IL 62701",
            )
        ],
    ),
    (
        "You can also write to them at Customer Complaints, Harbour Bank, PO Box 300, Leeds, LS1 9AB, or email us.",
        [
            (
                "post",
                "Customer Complaints, Harbour Bank, PO Box 300, Leeds, LS1 9AB",
                "Customer Complaints, Harbour Bank, PO Box 300, Leeds, LS1 9AB",
            )
        ],
    ),
    (  # the cue comes after a fax number on the line above the postcode: the address starts at the cue
        "You may also fax documents to 1-217-555-0167 or mail them to: Appeals Unit, Prairie State\n"
        "Health Plan, P.O. Box 4401, Springfield, IL 62701.",
        [
            (
                "post",
                "Appeals Unit, Prairie State, Health Plan, P.O. Box 4401, Springfield, IL 62701",
                "Appeals Unit, Prairie State\nHealth Plan, P.O. Box 4401, Springfield, IL 62701",
            )
        ],
    ),
    (  # Australian state and postcode
        "Write to: Southern Cross Water, GPO Box 2000, Melbourne VIC 3001",
        [
            (
                "post",
                "Southern Cross Water, GPO Box 2000, Melbourne VIC 3001",
                "Southern Cross Water, GPO Box 2000, Melbourne VIC 3001",
            )
        ],
    ),
    ("Our office is at 12 Smith St, Sydney NSW 2000 and open daily.", []),
    (
        "Tel: 0113 000 0000\nEmail: a@b.com\nAcme Energy\nFreepost ACME\nLeeds LS1 1AA",
        [("post", "Acme Energy, Freepost ACME, Leeds LS1 1AA", "Acme Energy\nFreepost ACME\nLeeds LS1 1AA")],
    ),
    ("WhatsApp us. Visit www.acme.com for our terms.", [("whatsapp", "whatsapp", "WhatsApp us")]),
    (
        "Acme Energy Ltd. Registered in England and Wales no 123456. Registered office: 1 High Street, Leeds "
        "LS1 1AA.",
        [],
    ),
    ("Registered office:\nAcme Energy Ltd\n1 High Street\nLeeds\nLS1 1AA", []),
    ("Still unhappy? Write to the Financial Ombudsman Service, Exchange Tower, London E14 9SR.", []),
    ("Our office: 1 High Street, Leeds LS1 1AA", []),
    ("Search by postcode, e.g. LS1 1AA", []),
    # call-back
    ("Request a call back", [("callback", "callback", "Request a call back")]),
    ("We can call you back at a time that suits you.", [("callback", "callback", "We can call you back")]),
    ("Call 01273 741400 or request a call back below.", [("callback", "callback", "request a call back")]),
    (
        "Request a callback at https://acme.com/callback",
        [("callback", "https://acme.com/callback", "Request a callback at https://acme.com/callback")],
    ),
    (
        "https://www.acme.com/request-a-call-back",
        [
            (
                "callback",
                "https://www.acme.com/request-a-call-back",
                "https://www.acme.com/request-a-call-back",
            )
        ],
    ),
    (
        "A member of our team will call you back.",
        [("callback", "callback", "A member of our team will call you back")],
    ),
    (
        "One of our agents will ring you back",
        [("callback", "callback", "One of our agents will ring you back")],
    ),
    ("Call me back", [("callback", "callback", "Call me back")]),
    ("Agent: arrange a call back if needed.", []),
    ("If the customer asks, arrange a call back.", []),
    ("Agent note: book a callback for the caller.", []),
    ("Please call back later.", []),
    # video
    ("Use SignVideo to contact us in BSL", [("video", "video", "SignVideo")]),
    ("Contact us through our BSL video relay service", [("video", "video", "BSL video relay service")]),
    ("Book a video call with an adviser", [("video", "video", "video call")]),
    (
        "BSL users: https://acme.signvideo.net/",
        [("video", "https://acme.signvideo.net/", "https://acme.signvideo.net/")],
    ),
    ("Nick Jonas video calls his wife", []),
    ("Watch our video guide", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[c[0][:40] or "empty" for c in FIND_CASES])
def test_find_channels(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(m.kind, m.value, text[m.start : m.end]) for m in find_channels(text)] == expected


BASE = "https://www.acme.com/contact/"

# (href, base, expected)
HREF_CASES: list[tuple[str, str | None, tuple[str, str] | None]] = [
    ("mailto:Help@Acme.com?subject=x", BASE, ("email", "help@acme.com")),
    ("mailto:", BASE, None),
    ("tel:+44%20345%20300%200000", BASE, ("tel", "+44 345 300 0000")),
    ("tel:0345-300-0000", None, ("tel", "0345-300-0000")),
    ("tel:", None, None),
    ("sms:+447700900123?body=hi", BASE, ("sms", "+447700900123")),
    ("smsto:07700900123", BASE, ("sms", "07700900123")),
    ("sms:?body=hi", BASE, None),
    ("https://wa.me/447700900123?text=hi", BASE, ("whatsapp", "https://wa.me/447700900123")),
    ("https://wa.me/+44 7700 900123", BASE, ("whatsapp", "https://wa.me/447700900123")),
    ("https://api.whatsapp.com/send?phone=447700900123", BASE, ("whatsapp", "https://wa.me/447700900123")),
    ("whatsapp://send?phone=447700900123", BASE, ("whatsapp", "https://wa.me/447700900123")),
    ("https://chat.whatsapp.com/AbCdEf?x=1", BASE, ("whatsapp", "https://chat.whatsapp.com/AbCdEf")),
    ("/help/live-chat", BASE, ("webchat", "https://www.acme.com/help/live-chat")),
    ("https://www.acme.com/webchat", None, ("webchat", "https://www.acme.com/webchat")),
    ("https://www.acme.com/contact#chat", None, ("webchat", "https://www.acme.com/contact#chat")),
    ("https://chat.acme.com/", None, ("webchat", "https://chat.acme.com/")),
    ("javascript:openChat()", BASE, ("webchat", "webchat")),
    ("javascript:void(0)", BASE, None),
    ("https://www.acme.com/chateau-wines", None, None),
    ("https://x.com/AcmeHelp", BASE, ("social", "https://x.com/AcmeHelp")),
    ("https://twitter.com/AcmeHelp/status/123", BASE, None),
    ("https://twitter.com/intent/tweet?text=x", BASE, None),
    ("https://www.facebook.com/sharer/sharer.php?u=x", BASE, None),
    (
        "https://www.facebook.com/profile.php?id=42",
        BASE,
        ("social", "https://www.facebook.com/profile.php?id=42"),
    ),
    ("https://www.linkedin.com/company/acme/", BASE, ("social", "https://www.linkedin.com/company/acme/")),
    ("https://www.linkedin.com/shareArticle?url=x", BASE, None),
    ("https://www.instagram.com/p/Bx1/", BASE, None),
    ("https://www.tiktok.com/@acme", BASE, ("social", "https://www.tiktok.com/@acme")),
    ("https://m.me/acmeenergy", BASE, ("social", "https://m.me/acmeenergy")),
    ("https://www.xing.com/companies/acme", BASE, ("social", "https://www.xing.com/companies/acme")),
    ("https://www.xing.com/jobs", BASE, None),
    ("https://bsky.app/profile/acme.bsky.social", BASE, ("social", "https://bsky.app/profile/acme.bsky.social")),
    ("https://www.pinterest.co.uk/acmehome/", BASE, ("social", "https://www.pinterest.co.uk/acmehome/")),
    ("https://pinterest.com/pin/create/button/?url=x", BASE, None),
    ("https://plus.google.com/104749442767440988994", BASE,
     ("social", "https://plus.google.com/104749442767440988994")),
    ("https://plus.google.com/share?url=x", BASE, None),
    ("https://signvideo.co.uk/acme", BASE, ("video", "https://signvideo.co.uk/acme")),
    ("/request-a-call-back", BASE, ("callback", "https://www.acme.com/request-a-call-back")),
    ("/oauth/callback", BASE, None),
    ("/contact", BASE, None),
    ("#top", BASE, None),
]


@pytest.mark.parametrize(("href", "base", "expected"), HREF_CASES, ids=[c[0] for c in HREF_CASES])
def test_classify_href(href: str, base: str | None, expected: tuple[str, str] | None) -> None:
    assert classify_href(href, base) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://twitter.com/AcmeHelp", "x:acmehelp"),
        ("https://x.com/AcmeHelp/", "x:@AcmeHelp"),
        ("https://www.instagram.com/acme.uk/", "instagram:acme.uk"),
        ("https://www.linkedin.com/company/acme", "linkedin:company/acme"),
        ("https://www.xing.com/companies/Acme", "xing:companies/acme"),
        ("https://plus.google.com/+Acme", "google-plus:+acme"),
    ],
)
def test_social_key_equal(a: str, b: str) -> None:
    assert social_key(a) == social_key(b)


def test_social_key_platforms_differ() -> None:
    assert social_key("https://twitter.com/acme") != social_key("https://instagram.com/acme")


def test_post_key() -> None:
    assert post_key("Acme Energy, PO Box 123, Leeds LS1 1AA") == post_key(
        "ACME ENERGY\nP.O. Box 123 Leeds, LS11AA"
    )
    assert post_key("Acme, Leeds LS1 1AA") != post_key("Acme, Leeds LS1 1AB")


def test_offsets_survive_non_ascii_case_mapping() -> None:
    # "İ".lower() is two characters long; spans must still index the original text
    text = "İstanbul İİ office. Live chat: acme.com/chat"
    (m,) = find_channels(text)
    assert (m.kind, m.value, text[m.start : m.end]) == (
        "webchat",
        "https://acme.com/chat",
        "Live chat: acme.com/chat",
    )
