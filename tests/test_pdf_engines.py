"""The two PDF engines (pypdfium2, the default, and pdfplumber) read the same facts from the same files,
whatever text objects the file draws its lines in, and report unreadable files alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from contactcheck.facts import Document
from extractors.pdf import extract_pdf
from extractors.sources import extract_file

ENGINES = ["pdfium", "pdfplumber"]


def found(document: Document) -> set[tuple[str, str]]:
    return {(f.kind, str(f.value)) for f in document.facts if f.kind in ("phone", "email")}


def in_corpus(corpus: Path, *parts: str) -> Path:
    path = corpus.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{'/'.join(parts)} not in the corpus")
    return path


@pytest.mark.parametrize("engine", ENGINES)
def test_oyo_receipt_drawn_glyph_by_glyph(corpus: Path, engine: str) -> None:
    # every glyph of this receipt is a text object of its own: pdfium gives one rectangle per character,
    # which once became ~970 one-letter lines and no facts
    document = extract_file(in_corpus(corpus, "external", "invoice2data", "oyo.pdf"), pdf_engine=engine)
    assert document.error is None, document.error
    assert {("phone", "+918010044466"), ("email", "contactus@oyorooms.com")} <= found(document)
    phone = next(f for f in document.facts if f.kind == "phone")
    assert phone.location.page == 1 and phone.location.bbox is not None
    x0, top, x1, bottom = phone.location.bbox
    assert x1 - x0 > 40 and 0 < top < bottom < 842, phone.location.bbox  # the whole number, not a letter


def test_engines_agree_on_invoices_drawn_glyph_by_glyph(corpus: Path) -> None:
    for name in ("oyo.pdf", "AzureInterior.pdf"):
        path = in_corpus(corpus, "external", "invoice2data", name)
        pdfium, plumber = (extract_file(path, pdf_engine=engine) for engine in ENGINES)
        assert found(pdfium) and found(pdfium) == found(plumber), name


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_says_a_password_is_needed(corpus: Path, engine: str) -> None:
    path = in_corpus(corpus, "external", "pdfplumber", "password-example.pdf")
    document = extract_file(path, pdf_engine=engine)
    assert document.error == "encrypted PDF: a password is needed to read it" and not document.facts


def pieced_pdf() -> bytes:
    """A page whose lines come in pieces: the e-mail line drawn one glyph per text object, the phone
    number cut in two text objects in the middle of a group of digits."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    x = 20.0
    for char in "Write to help@northwind-energy.example today.":
        if char != " ":
            pdf.set_xy(x, 20)
            pdf.cell(0, 5, char)
        x += pdf.get_string_width(char)
    x = 20.0
    for part in ("Complaints: call 0808 15", "7 0192, free from mobiles."):
        pdf.set_xy(x, 30)
        pdf.cell(0, 5, part)
        x += pdf.get_string_width(part)
    return bytes(pdf.output())


@pytest.mark.parametrize("engine", ENGINES)
def test_lines_drawn_in_pieces_are_read_whole(engine: str) -> None:
    document = extract_pdf(pieced_pdf(), "pieces.pdf", "GB", engine)
    assert found(document) == {("email", "help@northwind-energy.example"), ("phone", "+448081570192")}
    email = next(f for f in document.facts if f.kind == "email")
    assert email.location.bbox is not None
    x0, top, x1, bottom = email.location.bbox
    assert 40 < x0 < x1 < 300 and x1 - x0 > 100 and 40 < top < bottom < 80, email.location.bbox


def superscript_footnote_pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    line = "Call our advice line on 0906 123 4567"
    pdf.set_xy(20, 30)
    pdf.cell(0, 5, line)
    width = pdf.get_string_width(line)
    pdf.set_font("Helvetica", size=7)  # the marker: smaller, raised, straight after the number
    pdf.set_xy(20 + width + 0.3, 29)
    pdf.cell(0, 4, "1")
    pdf.set_xy(20, 270)
    pdf.cell(0, 4, "1 Calls cost £1.53 per minute plus your phone company's access charge.")
    return bytes(pdf.output())


@pytest.mark.parametrize("engine", ENGINES)
def test_a_raised_footnote_digit_is_a_marker_not_a_digit_of_the_number(engine: str) -> None:
    document = extract_pdf(superscript_footnote_pdf(), "advice.pdf", "GB", engine=engine)
    phone = next(f for f in document.facts if f.kind == "phone")
    assert phone.value == "+449061234567" and phone.attr("footnote") == "1"
    cost = next(i for i, f in enumerate(document.facts) if f.kind == "cost")
    assert (cost, document.facts.index(phone)) in {p for b in document.blocks for p in b.attached}


@pytest.mark.parametrize("engine", ENGINES)
def test_markers_drawn_before_their_line_and_one_after_another_do_not_break_the_page(engine: str) -> None:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    width = pdf.get_string_width("Call 0906 123 4567")
    pdf.set_font("Helvetica", size=7)
    one = pdf.get_string_width("1")
    pdf.set_font("Helvetica", size=5)  # the smaller "2" comes first in the content stream, then "1", then the line
    pdf.text(20 + width + 0.3 + one + 0.2, 46.78, "2")
    pdf.set_font("Helvetica", size=7)
    pdf.text(20 + width + 0.3, 48.5, "1")
    pdf.set_font("Helvetica", size=10)
    pdf.text(20, 50, "Call 0906 123 4567")
    document = extract_pdf(bytes(pdf.output()), "order.pdf", "GB", engine=engine)
    assert document.error is None
    assert [f.value for f in document.facts if f.kind == "phone"] == ["+449061234567"]
