"""JSON-LD and microdata facts (region ``structured-data``): numbers read in the document's region, all
opening hours of a node as one value, microdata located at its itemscope element, wrapped JSON-LD read."""

from __future__ import annotations

import json

from contactcheck.facts import Fact
from extractors.html import extract_html

JSON_LD = "script[type='application/ld+json']"


def page(*scripts: object, body: str = "<p>Hello</p>", raw: str | None = None) -> str:
    """A page with one JSON-LD script per object (``raw``: a script's text as is)."""
    texts = [json.dumps(s) for s in scripts] + ([raw] if raw is not None else [])
    head = "".join(f'<script type="application/ld+json">{t}</script>' for t in texts)
    return f"<html><head>{head}</head><body>{body}</body></html>"


def structured(html: str, region: str | None = None) -> list[Fact]:
    return [f for f in extract_html(html, "x.html", region).facts if f.location.region == "structured-data"]


def found(html: str, kind: str, region: str | None = None) -> list[object]:
    return [f.value for f in structured(html, region) if f.kind == kind]


def org(**props: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "Organization", **props}


# -- 1. numbers in national format are read in the document's region ------------------------------------


def test_national_number_is_read_in_the_explicit_region() -> None:
    facts = structured(page(org(telephone="0345 300 0080")), "GB")
    assert [(f.kind, f.value, f.text, f.location.selector, f.attr("source")) for f in facts] == [
        ("phone", "+443453000080", "0345 300 0080", JSON_LD, "schema.org")
    ]


def test_national_number_is_read_in_the_region_inferred_for_the_page() -> None:
    html = page(org(telephone="02 9374 4000"), body="<p>Level 3, 1 Market St, Sydney NSW 2000</p>")
    assert found(html, "phone") == ["+61293744000"]


def test_explicit_region_wins_over_the_inferred_one() -> None:
    html = page(org(telephone="02 9374 4000"), body="<p>Visit us in London SW1A 2AA</p>")
    assert found(html, "phone", "AU") == ["+61293744000"]
    assert found(html, "phone") == []  # read as a GB number (the page's postcode) it is none


def test_international_number_needs_no_region() -> None:
    html = page(org(telephone="+44 20 7946 0123"))
    assert found(html, "phone") == ["+442079460123"]
    assert found(html, "phone", "US") == ["+442079460123"]


def test_a_telephone_that_is_no_number_gives_no_phone_fact() -> None:
    assert [(f.kind, f.value) for f in structured(page(org(telephone="call us", email="Help@Acme.example")), "GB")] \
        == [("email", "help@acme.example")]
    # a node left with no channel gives nothing at all, not its purpose alone
    assert structured(page(org(telephone="n/a", contactType="sales")), "GB") == []


def test_structured_national_number_agrees_with_the_same_number_in_the_text() -> None:
    html = page(org(telephone="0345 300 0080"), body="<p>Call us on 0345 300 0080</p>")
    document = extract_html(html, "x.html")
    assert sorted((f.location.region or "", f.value) for f in document.facts if f.kind == "phone") == [
        ("", "+443453000080"), ("structured-data", "+443453000080")
    ]


# -- 2. all opening hours of a node are one value ------------------------------------------------------------


def test_opening_hours_list_is_one_value() -> None:
    html = page(org(telephone="+44 345 300 0080", openingHours=["Mo-Fr 09:00-17:00", "Sa 09:00-12:00"]))
    hours = [f for f in structured(html) if f.kind == "hours"]
    assert [(f.value, f.text) for f in hours] == [
        ("Mo-Fr 09:00-17:00; Sa 09:00-12:00", "Mo-Fr 09:00-17:00; Sa 09:00-12:00")
    ]


def test_opening_hours_entries_for_one_day_add_up() -> None:
    html = page(org(telephone="+44 345 300 0080",
                    openingHours=["Mo-Fr 09:00-12:00", "Mo-Fr 13:00-17:00", "Sa 09:00-12:00"]))
    assert found(html, "hours") == ["Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00"]


def test_opening_hours_string_stays_one_value() -> None:
    html = page(org(telephone="+44 345 300 0080", openingHours="Mo,Tu,We,Th,Fr 09:00-17:00"))
    assert found(html, "hours") == ["Mo-Fr 09:00-17:00"]


def test_opening_hours_days_without_times_give_no_hours() -> None:
    html = page(org(telephone="+44 345 300 0080", openingHours=["Mo-Sa"]))
    assert found(html, "hours") == []
    assert found(html, "phone") == ["+443453000080"]


def spec(days: object, opens: str, closes: str, **more: str) -> dict[str, object]:
    return {"@type": "OpeningHoursSpecification", "dayOfWeek": days, "opens": opens, "closes": closes, **more}


def test_opening_hours_specification_list_is_one_value() -> None:
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    contact = {"@type": "ContactPoint", "telephone": "+44 20 7946 0123", "hoursAvailable": [
        spec(weekdays, "09:00", "12:00"),
        spec([f"https://schema.org/{d}" for d in weekdays], "13:00:00", "17:00:00"),
        spec("http://schema.org/Saturday", "09:00", "12:00"),
        spec("Sunday", "00:00", "23:59"),  # schema.org's "all day"
        spec("Saturday", "10:00", "14:00", validFrom="2024-12-24", validThrough="2024-12-24"),  # not ordinary
    ]}
    html = page(org(contactPoint=contact))
    assert found(html, "hours") == ["Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; Su 00:00-24:00"]


def test_opening_hours_specification_times_as_sites_write_them() -> None:
    contact = {"@type": "ContactPoint", "telephone": "+44 20 7946 0123", "hoursAvailable": [
        spec("Monday", "9:00", "5:30 PM"), spec("Tuesday", "09:00:00+01:00", "17:30")]}
    assert found(page(org(contactPoint=contact)), "hours") == ["Mo,Tu 09:00-17:30"]


def test_opening_hours_specification_without_times_gives_no_hours() -> None:
    html = page(org(telephone="+44 20 7946 0123", openingHoursSpecification=[{"dayOfWeek": "Monday"}]))
    assert found(html, "hours") == []


# -- 3. microdata is located at its itemscope element ----------------------------------------------------------


MICRODATA = """<html><body><main><section><p>Intro</p></section><section>
<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme</span>
 <div itemprop="contactPoint" itemscope itemtype="https://schema.org/ContactPoint">
  <p>Call <span itemprop="telephone">020 7946 0123</span></p>
  <a itemprop="email" href="mailto:help@acme.example">Mail us</a></div></div>
<div id="shop" itemscope itemtype="https://schema.org/Store"><span itemprop="telephone">+44 161 496 0000</span></div>
</section></main></body></html>"""


def test_microdata_facts_point_at_their_itemscope_element() -> None:
    facts = structured(MICRODATA, "GB")
    card = "html > body > main > section:nth-of-type(2) > div:nth-of-type(1) > div"
    assert [(f.kind, f.value, f.location.selector) for f in facts] == [
        ("phone", "+442079460123", card),
        ("email", "help@acme.example", card),
        ("phone", "+441614960000", "#shop"),
    ]
    assert all(f.location.selector != JSON_LD for f in facts)


def test_microdata_selector_is_the_path_the_page_text_is_located_by() -> None:
    document = extract_html(MICRODATA, "x.html", "GB")
    text_phone = next(f for f in document.facts if f.kind == "phone" and f.location.region != "structured-data")
    data_phone = next(f for f in document.facts if f.kind == "phone" and f.location.region == "structured-data")
    assert text_phone.location.selector == f"{data_phone.location.selector} > p"


def test_json_ld_facts_keep_the_script_selector() -> None:
    assert {f.location.selector for f in structured(page(org(telephone="+44 20 7946 0123")))} == {JSON_LD}


# -- 4. JSON-LD wrapped in comments, and JSON-LD that cannot be read ----------------------------------------


TEL = '{"@context": "https://schema.org", "@type": "Organization", "telephone": "+44 20 7946 0123"}'


def test_json_ld_in_an_html_comment_is_read() -> None:
    assert found(page(raw=f"<!-- {TEL} -->"), "phone") == ["+442079460123"]
    assert found(page(raw=f"\n  <!--\n  {TEL}\n  //-->\n"), "phone") == ["+442079460123"]


def test_json_ld_in_cdata_is_read() -> None:
    assert found(page(raw=f"//<![CDATA[\n{TEL}\n//]]>"), "phone") == ["+442079460123"]
    assert found(page(raw=f"/* <![CDATA[ */ {TEL} /* ]]> */"), "phone") == ["+442079460123"]


def test_unreadable_json_ld_is_ignored_and_the_page_still_counts() -> None:
    body = "<p>Call 020 7946 0123</p>"
    for broken in (TEL + " {", TEL[:-1], '{"@type": "Organization", "telephone": '):
        document = extract_html(page(raw=broken, body=body), "x.html", "GB")
        assert [(f.kind, f.value, f.location.region) for f in document.facts] == [("phone", "+442079460123", None)]


def test_unreadable_json_ld_script_does_not_hide_the_others() -> None:
    html = page(org(telephone="0161 496 0000"), raw=TEL + " {")
    assert found(html, "phone", "GB") == ["+441614960000"]


def test_json_ld_type_is_read_whatever_its_case() -> None:
    html = ('<html><head><script type="Application/LD+JSON">{"@context": "https://schema.org", '
            '"@type": "Organization", "telephone": "+44 20 7946 0123"}</script></head><body><p>Hi</p></body></html>')
    assert found(html, "phone") == ["+442079460123"]
