"""Source extractors: what is material, where each fact is, and that bad input never stops a run."""

from __future__ import annotations

import io
import json
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from contactcheck.cli import main
from contactcheck.facts import Document, Fact
from extractors.html import extract_html
from extractors.pdf import extract_pdf
from extractors.script import extract_script
from extractors.sources import extract_bytes, extract_file, sniff
from tests.conftest import EXAMPLES


def facts_of(document: Document, kind: str) -> list[Fact]:
    return [f for f in document.facts if f.kind == kind]


def values(document: Document, kind: str) -> list[object]:
    return [f.value for f in facts_of(document, kind)]


PAGE = """<!doctype html><html><head><title>Contact us</title>
<script>var old = "0845 600 9999";</script><style>.x{content:"0845 600 8888"}</style></head>
<body>
<header><p>Call <a href="tel:+442079460123">020 7946 0123</a></p></header>
<nav><a href="/help">Help</a></nav>
<main>
  <h2>Complaints</h2>
  <p>Call 0808 157 0192, Monday to Friday 9am to 5pm. Calls are free from mobiles and landlines.</p>
  <p hidden>Old line 0845 600 7777</p>
  <p aria-hidden="true">0845 600 6666</p>
  <p style="color:red; display: none">0845 600 5555</p>
  <!-- 0845 600 4444 -->
  <details><summary>Other ways</summary><p>Textphone: 0113 496 0750</p></details>
  <img src="call.png" alt="Call us on 0306 999 0210">
  <p>Our sales line: <a href="tel:+448081570440">0808 157 0441</a></p>
  <p>Email <a href="mailto:Help@Example.com?subject=Hi">help@example.com</a></p>
  <table><tr><td>Monday</td><td>8am - 8pm</td></tr><tr><td>Tuesday</td><td>8am - 8pm</td></tr>
  <tr><td>Saturday</td><td>9am - 1pm</td></tr></table>
</main>
<footer><small>Calls to 03 numbers cost no more than calls to 01 or 02 numbers.</small></footer>
</body></html>"""


def test_html_visible_text_only_and_revealable_counts() -> None:
    document = extract_html(PAGE, "contact.html", "GB")
    phones = values(document, "phone")
    assert "+448456009999" not in phones and "+448456008888" not in phones  # script, style
    assert not any(str(v).startswith("+44845600") for v in phones)  # hidden, aria-hidden, display:none, comment
    assert "+441134960750" in values(document, "textphone")  # closed <details> is material
    revealable = extract_html('<div hidden="until-found"><p>Textphone: 0113 496 0750</p></div>', "x.html", "GB")
    assert values(revealable, "textphone") == ["+441134960750"]  # found by find-in-page: material
    # accordion and tab panels a visitor opens are material though written hidden; other hidden text is not
    panels = ('<button aria-controls="p1">Hours</button><div id="p1" style="display:none">Call 0345 300 0001</div>'
              '<a onclick="t()">More</a><div class="toggleText" style="display: none">Call 0345 300 0002</div>'
              '<div class="price" style="display:none">Call 0345 300 0003</div>')
    assert values(extract_html(panels, "x.html", "GB"), "phone") == ["+443453000001", "+443453000002"]
    assert "+443069990210" in phones  # image alt text is material
    assert document.title == "Contact us"


def test_html_regions_selectors_and_links() -> None:
    document = extract_html(PAGE, "contact.html", "GB")
    header = [f for f in facts_of(document, "phone") if f.value == "+442079460123"]
    assert len(header) == 1, "a tel: href and its matching text are one fact"
    assert header[0].location.region == "header" and header[0].evidence
    assert header[0].location.selector and "header" in header[0].location.selector
    cost = facts_of(document, "cost")
    assert cost and cost[-1].location.region in ("footer", "small-print")
    assert values(document, "email") == ["help@example.com"]


def test_html_tel_link_that_disagrees_gives_two_facts() -> None:
    document = extract_html(PAGE, "contact.html", "GB")
    sales = [f for f in facts_of(document, "phone") if f.value in ("+448081570440", "+448081570441")]
    assert {f.value for f in sales} == {"+448081570440", "+448081570441"}
    dialled = next(f for f in sales if f.value == "+448081570440")
    assert dialled.attr("via") == "href" and dialled.attr("shown") == "0808 157 0441"


def test_html_table_of_days_is_one_hours_fact() -> None:
    document = extract_html(PAGE, "contact.html", "GB")
    tables = [f for f in facts_of(document, "hours") if f.location.selector and "table" in f.location.selector]
    assert [f.value for f in tables] == ["Mo,Tu 08:00-20:00; Sa 09:00-13:00"]


def test_html_json_ld_contact_point_is_structured_data() -> None:
    page = """<html><head><script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Organization", "name": "Acme",
     "contactPoint": {"@type": "ContactPoint", "telephone": "+44 20 7946 0123", "contactType": "customer service",
       "email": "help@acme.example"}}</script></head><body><p>Hello</p></body></html>"""
    document = extract_html(page, "x.html")
    structured = [f for f in document.facts if f.location.region == "structured-data"]
    assert {f.value for f in structured if f.kind == "phone"} == {"+442079460123"}
    assert "help@acme.example" in {f.value for f in structured}


def test_html_broken_json_ld_does_not_stop_the_page() -> None:
    page = '<html><head><script type="application/ld+json">{"@type": "Organization", </script></head>' \
           "<body><p>Call 020 7946 0123</p></body></html>"
    assert values(extract_html(page, "x.html", "GB"), "phone") == ["+442079460123"]


def test_html_encoding_from_meta_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 line: 020 7946 0123 \u2013 ' \
           "open 9am\u20135pm Monday to Friday</p></body></html>"
    document = extract_html(page.encode("cp1252"), "x.html", "GB")
    assert values(document, "phone") == ["+442079460123"]
    assert values(document, "hours") == ["Mo-Fr 09:00-17:00"]
    assert "Café" in facts_of(document, "phone")[0].location.snippet


@pytest.mark.parametrize("page", ["", "   \n", "<!-- only a comment -->", "<?xml version='1.0'?>"])
def test_html_with_nothing_in_it_is_an_empty_page(page: str) -> None:
    document = extract_html(page, "empty.html", "GB")
    assert document.kind == "html" and document.facts == () and document.title is None


def test_html_nested_deeper_than_libxml2s_default_limit_is_read() -> None:
    page = "<div>" * 600 + "<p>Call 0345 300 0000</p>" + "</div>" * 600  # libxml2 stops at 256 without huge_tree
    assert values(extract_html(page, "deep.html", "GB"), "phone") == ["+443453000000"]


def test_html_xml_declaration_with_an_encoding_and_text_split_by_comments() -> None:
    page = ('<?xml version="1.0" encoding="iso-8859-1"?><html><head><title>Caf\xe9</title></head><body>'
            "<p>Call 020 <!-- tracked -->7946 0123<?php echo 1 ?> now</p>"
            '<p class="a"><span hidden>0845 600 7777</span>Hidden span, then call 0808 157 0192</p></body></html>')
    document = extract_html(page.encode("iso-8859-1"), "x.html", "GB")
    assert document.title == "Café"
    assert values(document, "phone") == ["+442079460123", "+448081570192"]


def test_html_indentation_between_tags_counts_as_one_line_break() -> None:
    # deep indentation must not push a label out of reach of its number
    page = "<div><b>Textphone:</b>\n" + " " * 300 + "<span>0113 496 0750</span></div>"
    document = extract_html(page, "x.html", "GB")
    assert values(document, "textphone") == ["+441134960750"]
    assert facts_of(document, "textphone")[0].location.snippet == "Textphone: 0113 496 0750"


def test_html_icon_only_links_are_facts_located_by_their_link() -> None:
    page = ('<footer><ul class="social"><li><a href="https://www.facebook.com/acme"><i class="fa fa-facebook"></i></a>'
            '</li><li><a href="https://twitter.com/acme" aria-label="Twitter"><svg><path/></svg></a></li>'
            '<li><a href="tel:+442079460123"><img src="phone.svg" alt=""></a></li></ul></footer>')
    document = extract_html(page, "x.html", "GB")
    assert values(document, "social") == ["https://www.facebook.com/acme", "https://twitter.com/acme"]
    assert values(document, "phone") == ["+442079460123"]
    facebook = facts_of(document, "social")[0]
    assert facebook.location.selector == "html > body > footer > ul > li:nth-of-type(1) > a"
    assert facebook.location.region == "footer" and facebook.location.snippet == "https://www.facebook.com/acme"


def test_html_table_row_cells_read_as_one_line() -> None:
    page = ("<table><tr><th>Line</th><th>Number</th><th>Hours</th></tr>"
            "<tr><td>TTY</td><td>1-888-555-0149</td><td>Mon\u2013Fri 8am\u20136pm</td></tr></table>"
            "<table><tr><td><p>Textphone</p></td><td><p>1-888-555-0142</p></td></tr></table>")
    document = extract_html(page, "x.html", "US")
    row = facts_of(document, "textphone")
    assert [f.value for f in row] == ["+18885550149"], "the label cell names the number in the next cell"
    assert row[0].location.selector == "html > body > table:nth-of-type(1) > tr:nth-of-type(2)"
    assert values(document, "hours") == ["Mo-Fr 08:00-18:00"]
    # a layout table (cells holding blocks) keeps one segment per block: no label crosses into a cell
    assert values(document, "phone") == ["+18885550142"]


def test_html_channel_named_in_a_link_takes_the_link_as_its_value() -> None:
    page = ('<base href="https://www.acme.example/"><p>BSL users can use our '
            '<a href="https://bsl.acme.example/video-relay">video relay service</a>.</p>'
            '<p>Contact us in BSL using a video relay interpreter: <a href="/bsl">connect to an interpreter</a>.</p>'
            '<p>Call 0161 496 0321 or <a href="contact/cb">ask us to call you back</a>.</p>'
            '<p>Video calls are available. <a href="/privacy">Read our privacy notice</a>.</p>')
    document = extract_html(page, "x.html", "GB")
    assert values(document, "video") == ["https://bsl.acme.example/video-relay", "https://www.acme.example/bsl",
                                         "video"], "a link in the next sentence is not the channel's"
    assert values(document, "callback") == ["https://www.acme.example/contact/cb"]
    video = facts_of(document, "video")[0]
    assert [e.selector for e in video.evidence] == ["html > body > p:nth-of-type(1) > a"]


def test_hours_laid_out_over_paragraphs_are_one_fact() -> None:
    page = ("<h2>Tax Credits Helpline</h2><p>Telephone: 0345 300 3900</p>"
            "<p>Monday to Friday, 8am to 8pm</p><p>Saturday 8am to 4pm</p><p>Find out about call charges</p>")
    document = extract_html(page, "x.html", "GB")
    hours = facts_of(document, "hours")
    assert [f.value for f in hours] == ["Mo-Fr 08:00-20:00; Sa 08:00-16:00"]
    assert hours[0].location.selector == "html > body > p:nth-of-type(2)"
    # other kinds still stop at a paragraph: no number is read across two
    assert values(extract_html("<p>Call 0345 300</p><p>3900 today</p>", "y.html", "GB"), "phone") == []
    # two cards are two statements: each keeps its own hours
    cards = ('<div class="card"><p>Phone 0345 300 0000</p><p>Monday to Friday, 8am to 8pm</p></div>'
             '<div class="card"><p>Saturday 9am to 1pm: chat with us online</p></div>')
    assert values(extract_html(cards, "z.html", "GB"), "hours") == ["Mo-Fr 08:00-20:00", "Sa 09:00-13:00"]


def test_html_superscript_footnote_marker_and_glued_spans_keep_the_number() -> None:
    page = ("<p>Call 0906 123 4567<sup>1</sup> or 0845 600 1234<a href='#fn'><sup>2</sup></a></p>"
            "<p><span>Phone</span><span>0345 300 0034</span></p><p>Floor 1<sup>st</sup>, 20 m<sup>2</sup></p>"
            "<footer><p><sup>1</sup> Calls cost £1.53 per minute.</p></footer>")
    document = extract_html(page, "x.html", "GB")
    phones = {str(f.value): f.attr("footnote") for f in facts_of(document, "phone")}
    assert phones == {"+449061234567": "1", "+448456001234": "2", "+443453000034": None}
    assert ("cost", "+449061234567") in attached(document)


def test_script_speakers_stage_directions_and_lines() -> None:
    text = ("# Inbound call\n\nAgent: Thanks for calling. [Check the account 0845 600 1234 first]\n"
            "Agent: You can call our complaints line on 0808 157 0192.\n"
            "Customer: My number is 020 7946 0999.\n\n## Closing\nAgent: Goodbye.\n")
    document = extract_script(text, "inbound.txt", "GB")
    phones = facts_of(document, "phone")
    assert [f.value for f in phones] == ["+448081570192"]
    assert phones[0].location.line == 4 and phones[0].attr("speaker") == "Agent"


def test_labels_that_look_like_speakers_are_not_speakers() -> None:
    text = ("US customers: call 1-800-555-0100.\nSort code: 12-34-56\n\nPlease call 1-800-555-0101.\n\n"
            "Jane Smith: You can reach me on 1-800-555-0102.\n\nCustomer: I want to complain.\n"
            "Support Agent: You can call our complaints line on 1-800-555-0103.\n")
    document = extract_script(text, "letter.txt", "US")
    speakers = {str(f.value): f.attr("speaker") for f in facts_of(document, "phone")}
    assert speakers == {"+18005550100": None, "+18005550101": None, "+18005550102": "Jane Smith",
                        "+18005550103": "Support Agent"}  # a role label is a speaker: not the customer's line


def two_column_pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left = ["Billing questions?", "Call 0306 999 0210*", "Mon to Fri 8am to 8pm."]
    right = ["Complaints", "Call free on 0808 157 0192", "Mon to Fri 9am to 5pm."]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.set_xy(15, 20 + 6 * i)
        pdf.cell(80, 5, a)
        pdf.set_xy(115, 20 + 6 * i)
        pdf.cell(80, 5, b)
    pdf.set_font("Helvetica", size=7)
    pdf.set_xy(15, 270)
    pdf.cell(180, 4, "* Calls to 03 numbers cost no more than calls to 01 or 02 numbers.")
    return bytes(pdf.output())


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_pdf_two_columns_read_in_order_with_boxes_and_footnote(engine: str) -> None:
    document = extract_pdf(two_column_pdf(), "leaflet.pdf", "GB", engine)
    phones = facts_of(document, "phone")
    assert [f.value for f in phones] == ["+443069990210", "+448081570192"]
    billing = phones[0]
    assert billing.location.page == 1 and billing.location.bbox is not None
    x0, top, x1, bottom = billing.location.bbox
    assert 30 < x0 < 300 and x1 < 300 and 0 < top < bottom < 120, billing.location.bbox
    assert billing.attr("footnote") == "*"
    hours = [f.value for f in facts_of(document, "hours")]
    assert hours == ["Mo-Fr 08:00-20:00", "Mo-Fr 09:00-17:00"]
    notice = facts_of(document, "cost")
    assert [n.attr("footnote") for n in notice][-1] == "*"
    assert notice[-1].location.region == "small-print"


def test_pdf_engines_give_the_same_facts_on_the_examples() -> None:
    for pdf in sorted(EXAMPLES.glob("acme/*/pdf/*.pdf")):
        a = extract_file(pdf, "GB", pdf_engine="pdfium")
        b = extract_file(pdf, "GB", pdf_engine="pdfplumber")
        assert (a.error is None) == (b.error is None), pdf
        key = [(f.kind, f.value_json(), f.location.page, f.location.region) for f in a.facts]
        assert key == [(f.kind, f.value_json(), f.location.page, f.location.region) for f in b.facts], pdf


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.pdf", "empty"),
        (b"<html><body>not a pdf</body></html>", "fake.pdf", None),
        (b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", "broken.pdf", "corrupt"),
        (b"PK\x03\x04garbage", "letter.docx", "unknown file type"),
        (bytes(range(256)) * 4, "blob.bin", "unknown file type"),
    ],
)
def test_unreadable_inputs_become_errors_not_crashes(data: bytes, name: str, words: str | None) -> None:
    document = extract_bytes(data, name, "GB")
    if words is None:  # a .pdf that is HTML is read as HTML
        assert document.kind == "html" and document.error is None
    else:
        assert document.error is not None and words in document.error, document.error


def test_image_only_pdf_says_no_text_layer(tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf")
    pil = pytest.importorskip("PIL.Image")
    image = tmp_path / "scan.png"
    pil.new("RGB", (200, 100), "white").save(image)
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    document = extract_bytes(bytes(pdf.output()), "scan.pdf")
    assert document.error is not None and "no text layer" in document.error


def test_encrypted_pdf_from_the_corpus(corpus: Path) -> None:
    path = corpus / "external" / "pdfplumber" / "password-example.pdf"
    if not path.exists():
        pytest.skip("password-example.pdf not in the corpus")
    document = extract_file(path)
    assert document.error is not None and "encrypted PDF" in document.error and not document.facts


def test_docx_paragraphs_tables_and_footer() -> None:
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_heading("Contact us", level=1)
    doc.add_paragraph("Call 020 7946 0123 for billing.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Monday to Friday", "8am to 8pm"
    table.cell(1, 0).text, table.cell(1, 1).text = "Saturday", "9am to 1pm"
    doc.sections[0].footer.paragraphs[0].text = "Complaints: complaints@acme.example"
    buffer = io.BytesIO()
    doc.save(buffer)
    document = extract_bytes(buffer.getvalue(), "letter.docx", "GB")
    assert document.kind == "docx" and document.error is None
    phone = facts_of(document, "phone")[0]
    assert phone.value == "+442079460123" and phone.location.line == 2
    assert values(document, "hours") == ["Mo-Fr 08:00-20:00; Sa 09:00-13:00"]
    email = facts_of(document, "email")[0]
    assert email.location.region == "footer"


def test_email_html_part_quoted_printable() -> None:
    message = EmailMessage()
    message["From"] = "news@acme.example"
    message["To"] = "you@example.com"
    message["Subject"] = "Your offer"
    message.set_content("Call 020 7946 0123 today.", cte="quoted-printable")
    message.add_alternative("<html><body><p>Call <a href='tel:02079460123'>020 7946 0123</a> "
                            "today \u2013 lines open 8am\u20138pm Monday to Friday.</p></body></html>",
                            subtype="html", cte="quoted-printable")
    document = extract_bytes(message.as_bytes(), "offer.eml", "GB")
    assert document.kind == "email" and document.error is None
    assert values(document, "phone") == ["+442079460123"]  # the text alternative is not read twice
    assert "news@acme.example" not in values(document, "email")  # headers are not material


def test_latin1_labels_read_as_windows_1252_like_browsers_and_mail_readers() -> None:
    text = "Lines open Monday\x96Friday 9am\x965pm on 020 7946 0123"
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{text}</p></body></html>'.encode("latin-1")
    assert values(extract_html(page, "x.html", "GB"), "hours") == ["Mo-Fr 09:00-17:00"]
    raw = ("From: a@acme.example\nSubject: Hi\nMIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
           "Lines open Monday=96Friday 9am=965pm on 020 7946 0123\n").encode("ascii")
    assert values(extract_bytes(raw, "m.eml", "GB"), "hours") == ["Mo-Fr 09:00-17:00"]


def test_sniffing_by_content() -> None:
    assert sniff(b"%PDF-1.4 ...", "x.html") == "pdf"
    assert sniff(b"<!DOCTYPE html><html>", "x.pdf") == "html"
    assert sniff(b"From: a@b.example\nTo: c@d.example\nSubject: hi\n\nbody", "message") == "email"
    assert sniff(b"Agent: hello", "notes") == "script"


def test_extract_command_json_shape_and_exit_codes(tmp_path: Path) -> None:
    page = tmp_path / "contact.html"
    page.write_text(PAGE, encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    runner = CliRunner()
    result = runner.invoke(main, ["extract", "--format", "json", "--region", "GB", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    docs = {d["uri"]: d for d in data["documents"]}
    assert docs[str(broken)]["error"] and docs[str(broken)]["facts"] == []
    facts = docs[str(page)]["facts"]
    assert {"kind", "value", "text", "location"} <= set(facts[0])
    assert all(f["location"]["uri"] == str(page) for f in facts)
    assert docs[str(page)]["blocks"]
    only_broken = runner.invoke(main, ["extract", str(broken)])
    assert only_broken.exit_code == 2
    bad_region = runner.invoke(main, ["extract", "--region", "XX", str(page)])
    assert bad_region.exit_code == 2


def test_every_corpus_file_is_read_or_explained(corpus: Path) -> None:
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.name != "SOURCES.md"]
    slow: list[tuple[str, float]] = []
    for path in files:
        start = time.perf_counter()
        document = extract_bytes(path.read_bytes(), str(path))
        elapsed = time.perf_counter() - start
        if elapsed > 10:
            slow.append((path.name, round(elapsed, 1)))
        if document.error is None:
            assert document.kind in ("html", "pdf", "script", "docx", "email", "ivr"), (path, document.kind)
        else:
            assert "Traceback" not in document.error and not document.error.startswith("could not be read"), (
                path, document.error)
    assert not slow, slow


def attached(document: Document) -> set[tuple[str, str]]:
    """(description text, channel value) pairs of a document's blocks."""
    out: set[tuple[str, str]] = set()
    for block in document.blocks:
        for d, c in block.attached:
            out.add((document.facts[d].kind, str(document.facts[c].value)))
    return out


def test_descriptions_attach_to_their_channels() -> None:
    page = """<html><body><main>
    <section><h2>Complaints</h2><p>Call 0808 157 0192, Monday to Friday 9am to 5pm.</p>
      <p>Calls are free from mobiles and landlines.</p></section>
    <section><h2>Billing</h2><p>Call 0306 999 0210*, Monday to Friday 8am to 8pm, or chat with us at
      https://acme.example/chat.</p></section>
    </main><footer><p>* Calls to 03 numbers cost no more than calls to 01 or 02 numbers.</p></footer>
    </body></html>"""
    pairs = attached(extract_html(page, "x.html", "GB"))
    assert ("hours", "+448081570192") in pairs and ("cost", "+448081570192") in pairs
    assert ("purpose", "+448081570192") in pairs
    assert ("hours", "+443069990210") in pairs
    assert ("hours", "https://acme.example/chat") not in pairs  # the hours follow the number, not the chat
    assert ("cost", "+443069990210") in pairs  # tied by the footnote marker across blocks
    document = extract_html(page, "x.html", "GB")
    by_text = {(document.facts[d].text, str(document.facts[c].value)) for b in document.blocks for d, c in b.attached}
    assert ("Monday to Friday 9am to 5pm", "+443069990210") not in by_text  # complaints hours stay in their block


def by_value(document: Document) -> set[tuple[str, str, str]]:
    """(description kind, description value, channel value) pairs of a document's blocks."""
    return {(document.facts[d].kind, str(document.facts[d].value), str(document.facts[c].value))
            for block in document.blocks for d, c in block.attached}


def test_a_label_before_a_number_describes_that_number() -> None:
    lines = extract_html("<p>Billing: 0345 300 0000<br>Complaints: 0800 123 4567<br>Sales line - call us on "
                         "0345 300 0001</p>", "x.html", "GB")
    assert {(v, c) for k, v, c in by_value(lines) if k == "purpose"} == {
        ("billing", "+443453000000"), ("complaints", "+448001234567"), ("sales", "+443453000001")}
    freephone = extract_html("<p>General enquiries 0345 300 0000. Freephone 0800 123 4567.</p>", "x.html", "GB")
    assert {c for k, _, c in by_value(freephone) if k == "cost"} == {"+448001234567"}
    # a notice after a number still describes that number, not the one labelled on the next line
    after = extract_html("<p>Call 0906 123 4567, calls cost £1.53 per minute.<br>Complaints: 0800 123 4567</p>",
                         "x.html", "GB")
    assert {(k, c) for k, _, c in by_value(after)} == {("cost", "+449061234567"), ("purpose", "+448001234567")}
    # a notice following a number in its clause describes it, though label words and a number come next
    piped = extract_html("<p>Tel: 0906 123 4567 - 65p per minute | Tel: 0800 123 4567</p>", "x.html", "GB")
    assert {(k, c) for k, _, c in by_value(piped)} == {("cost", "+449061234567")}


def test_a_markdown_heading_purpose_covers_its_section() -> None:
    text = "## Sales\n\nCall 0345 300 0001.\n\n## Emergencies\n\nSmell gas?\n\nCall 0800 111 999.\n"
    document = extract_script(text, "guide.md")
    assert {(v, c) for k, v, c in by_value(document) if k == "purpose"} >= {
        ("sales", "+443453000001"), ("emergency", "+44800111999")}
    assert ("sales", "+44800111999") not in {(v, c) for k, v, c in by_value(document)}


@pytest.mark.parametrize("week", [
    "<ul><li>Mon\u2013Fri 8am\u20138pm</li><li>Sat 9am\u20135pm</li></ul>",
    "<dl><dt>Monday to Friday</dt><dd>8am to 8pm</dd><dt>Saturday</dt><dd>9am to 5pm</dd></dl>",
])
def test_a_week_laid_out_as_a_list_describes_the_number_beside_it(week: str) -> None:
    document = extract_html(f"<section><h2>Phone</h2><p>0345 300 0000</p>{week}</section>", "x.html", "GB")
    assert by_value(document) == {("hours", "Mo-Fr 08:00-20:00; Sa 09:00-17:00", "+443453000000")}


def test_folder_walk_skips_hidden_folders_below_the_root_only(tmp_path: Path) -> None:
    from extractors.sources import walk

    root = tmp_path / ".venv" / "material"  # the root itself may sit under a hidden folder
    (root / ".git").mkdir(parents=True)
    (root / "page.html").write_text("<p>hi</p>", encoding="utf-8")
    (root / ".git" / "old.html").write_text("<p>hi</p>", encoding="utf-8")
    (root / "notes.bin").write_bytes(b"\x00")
    assert list(walk([root])) == [root / "page.html"]
