# ruff: noqa: E501  (long prose strings: the document text lives here)
"""Rebuild the example PDFs of Northwind Energy (acme/defects/pdf and acme/clean/pdf).

Usage: python canonical/examples/build_pdfs.py

Every PDF is drawn from the text below with fpdf2 and the core Helvetica font
(latin-1 only: "£" is fine, an en dash is not, so ranges are written "9am to 5pm").
Each document is built twice, once with its planted defects (defects/) and once
with every defect fixed (clean/); `pick(defect, clean)` marks the difference. The
output is deterministic (fixed creation date, /ID derived from the content), so
rebuilding without changing the text leaves git clean.

acme/defects/pdf/corrupt.pdf is written here too: the first bytes of a real PDF,
cut off, so that no PDF reader can open it (rule `unreadable-input`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent
ACME = HERE / "acme"
CREATED = dt.datetime(2026, 11, 1, 9, 0, 0, tzinfo=dt.UTC)

CHAT = "www.northwind-energy.example/help/chat"
COST_03 = (
    "*Calls to 03 numbers cost no more than calls to 01 or 02 numbers "
    "and count towards any inclusive minutes."
)
REGISTERED = (
    "Northwind Energy Supply Ltd. Registered in England and Wales, company number 09876543. "
    "Registered office: 1 Example Quay, Leeds LS1 4DL. VAT number GB 123 4567 89."
)

Pick = Callable[[str, str], str]


def new_pdf(title: str) -> FPDF:
    """An A4 portrait document with fixed metadata."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title(title)
    pdf.set_author("Northwind Energy")
    pdf.set_creator("canonical/examples/build_pdfs.py")
    pdf.set_margins(15, 15, 15)
    return pdf


def para(
    pdf: FPDF,
    text: str,
    *,
    size: float = 10,
    style: str = "",
    w: float = 0,
    h: float | None = None,
    x: float | None = None,
    gap: float = 2,
) -> None:
    """One paragraph at the current position (or at x), then a small gap."""
    pdf.set_font("Helvetica", style=style, size=size)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(
        w,
        h if h is not None else size * 0.5,
        text,
        align="L",
        new_x=XPos.LMARGIN if x is None else XPos.LEFT,
        new_y=YPos.NEXT,
    )
    pdf.set_y(pdf.get_y() + gap)


# ---------------------------------------------------------------------------
# leaflet.pdf: a two-column A4 sales leaflet with a footnote cost notice
# ---------------------------------------------------------------------------

LEAFLET_LEFT = [
    ("h", "Fix your energy prices until 31 March 2028"),
    (
        "p",
        "Fix & Save 24 protects you from price rises for 24 months. Your unit rates and standing charges "
        "stay the same until 31/03/2028, whatever happens to the energy price cap.",
    ),
    ("h2", "What you pay"),
    ("p", "Electricity: 24.86p per kWh and 53.35p per day standing charge."),
    ("p", "Gas: 6.12p per kWh and 31.65p per day standing charge."),
    (
        "p",
        "Prices include VAT at 5% and are for Direct Debit in Leeds (LS1). An average home using "
        "2,700 kWh of electricity and 11,500 kWh of gas a year would pay about £1,612 a year.",
    ),
    ("h2", "Leaving early"),
    (
        "p",
        "If you leave before 31/03/2028 there is an exit fee of £75 per fuel. There is no exit fee in "
        "the last 49 days of your fix.",
    ),
    ("h2", "Good to know"),
    (
        "p",
        "You can manage your account, give meter readings and see your bills online or in our app. "
        "We'll send you a reminder 42 to 49 days before your fix ends.",
    ),
]


def leaflet_right(pick: Pick) -> list[tuple[str, str]]:
    clean = pick("defect", "clean") == "clean"
    right = [
        ("h2", "Ready to switch?"),
        (
            "p",
            "Call our sales team free on\n0808 157 0440, Monday to Friday 9am to 8pm\nand Saturday 9am to 1pm.",
        ),
        ("h2", "Already a customer?"),
        (
            "p",
            "For help with your account or bill, call\n0306 999 0210*, Monday to Friday 8am to 8pm\n"
            "and Saturday 9am to 5pm, or chat with us at\n" + CHAT + ".",
        ),
    ]
    if clean:
        right.append(("p", "Relay UK: 18001 0306 999 0210"))
    right.append(("h2", "Win a year's free energy"))
    right.append(
        (
            "p",
            pick(
                "Call our prize draw line on 0909 879 0456\nto enter. Closes 31 May 2027.",
                "Switch by 31 May 2027 and you'll be entered into\nour prize draw automatically. "
                "No purchase necessary.",
            ),
        )
    )
    if clean:
        right.append(("h2", "Not happy with our service?"))
        right.append(
            (
                "p",
                "Call our complaints team free on\n0808 157 0192, Monday to Friday 9am to 5pm,\n"
                "or email complaints@northwind-energy.example.",
            )
        )
    return right


def column(pdf: FPDF, blocks: list[tuple[str, str]], x: float, y: float, w: float) -> None:
    """Draw one text column of headings and paragraphs starting at (x, y)."""
    pdf.set_xy(x, y)
    for kind, text in blocks:
        if kind == "h":
            para(pdf, text, size=15, style="B", w=w, h=7, x=x, gap=3)
        elif kind == "h2":
            para(pdf, text, size=11.5, style="B", w=w, h=6, x=x, gap=1)
        else:
            para(pdf, text, size=10, w=w, h=5, x=x, gap=3)


def build_leaflet(pick: Pick) -> FPDF:
    pdf = new_pdf("Fix & Save 24 - Northwind Energy")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_fill_color(11, 60, 93)
    pdf.rect(0, 0, 210, 38, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(15, 11)
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 10, "Northwind Energy", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 8, "Fix & Save 24: price certainty for two years")
    pdf.set_text_color(0, 0, 0)
    # Two columns side by side: 15-100 mm and 110-195 mm.
    column(pdf, LEAFLET_LEFT, x=15, y=48, w=85)
    pdf.set_draw_color(180, 180, 180)
    pdf.line(105, 48, 105, 250)
    column(pdf, leaflet_right(pick), x=110, y=48, w=85)
    # Footnote and small print across the bottom of the page.
    pdf.line(15, 262, 195, 262)
    pdf.set_xy(15, 264)
    para(pdf, COST_03, size=7.5, h=3.6, gap=1)
    para(
        pdf,
        "Fix & Save 24 is available to new and existing customers until 31 May 2027 and may be withdrawn "
        "at any time. " + REGISTERED,
        size=6.5,
        h=3.2,
        gap=0,
    )
    return pdf


# ---------------------------------------------------------------------------
# letter.pdf: a tariff letter with a contact box
# ---------------------------------------------------------------------------


def build_letter(pick: Pick) -> FPDF:
    pdf = new_pdf("Your new tariff - Northwind Energy")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.set_text_color(11, 60, 93)
    pdf.set_xy(120, 15)
    pdf.cell(75, 9, "Northwind Energy", align="R")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_xy(120, 25)
    pdf.multi_cell(75, 3.8, "Northwind Energy Supply Ltd\nwww.northwind-energy.example", align="R")
    # Customer address (window envelope position): not a postal contact.
    pdf.set_xy(20, 50)
    pdf.set_font("Helvetica", "", 10.5)
    pdf.multi_cell(80, 5, "Mr A Sample\n12 Example Road\nHeadingley\nLeeds\nLS6 2AB", align="L")
    pdf.set_xy(130, 50)
    pdf.multi_cell(65, 5, "Date: 14 November 2026\nAccount number: 8800 1234 56", align="L")
    pdf.set_xy(15, 85)
    para(pdf, "Your new tariff starts on 1 January 2027", size=14, style="B", h=7, gap=3)

    body = [
        "Dear Mr Sample,",
        "Your Fix & Save 12 tariff ends on 31 December 2026. Because you haven't chosen a new tariff, we'll move "
        "you to our Flex Variable tariff on 1 January 2027. You don't need to do anything.",
        "Your new prices are 25.73p per kWh for electricity (standing charge 53.35p per day) and 6.35p per kWh "
        "for gas (standing charge 31.65p per day). Based on your use over the last 12 months (2,940 kWh of "
        "electricity and 10,870 kWh of gas), we estimate you'll pay £1,701 a year.",
        "Your Direct Debit will change from £92.00 to £96.00 a month, starting on 1 January 2027.",
        "You can switch tariff or supplier at any time. There are no exit fees on Flex Variable. To compare "
        "our tariffs, visit www.northwind-energy.example/tariffs.",
        "If you're unhappy with how we've handled your account, email complaints@northwind-energy.example or "
        "write to Complaints Team, Northwind Energy, PO Box 7301, Leeds, LS98 1NW.",
        "Yours sincerely,",
        "Sam Okafor\nHead of Customer Service",
    ]
    for text in body:
        para(pdf, text, size=10, h=5, gap=3)

    # The contact box, across the page below the letter.
    lines = pick(
        "Contact us\n"
        "Phone: 0306 999 0210*\n"
        "Relay UK: 18001 0306 999 0210\n"
        "Email: help@northwind-energy.example\n"
        "Web chat: " + CHAT,
        "Questions about your account or bill?\n"
        "Call 0306 999 0210*, Monday to Friday 8am to 8pm, Saturday 9am to 5pm\n"
        "Relay UK: 18001 0306 999 0210\n"
        "Email: help@northwind-energy.example\n"
        "Web chat: " + CHAT,
    )
    box_x, box_y, box_w = 15, pdf.get_y() + 4, 180
    first, rest = lines.split("\n", 1)
    pdf.set_xy(box_x + 4, box_y + 3)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(box_w - 8, 5.5, first, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(box_w - 8, 5, rest, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_draw_color(11, 60, 93)
    pdf.set_line_width(0.5)
    pdf.rect(box_x, box_y, box_w, pdf.get_y() - box_y + 3)
    pdf.set_line_width(0.2)

    pdf.line(15, 268, 195, 268)
    pdf.set_xy(15, 270)
    para(pdf, COST_03, size=7.5, h=3.6, gap=1)
    para(pdf, REGISTERED, size=6.5, h=3.2, gap=0)
    return pdf


# ---------------------------------------------------------------------------
# terms.pdf: multi-page terms with contact details in the small print
# ---------------------------------------------------------------------------

TERMS_CLAUSES = [
    (
        "1. About these terms",
        "These terms and conditions apply to the supply of electricity and gas by Northwind Energy Supply Ltd "
        '("we", "us") to domestic customers in Great Britain. They form a contract between you and us, together '
        "with your Principal Terms and any tariff information we send you. Version 7 applies from 1 April 2026.",
    ),
    (
        "2. Starting your supply",
        "Your supply starts on the date we agree with you, usually 21 days after you apply. You have 14 days from "
        "the day after you enter into the contract to change your mind (the cooling-off period). If you ask us to "
        "start your supply within the cooling-off period and then cancel, you will pay for the energy you used.",
    ),
    (
        "3. Meter readings",
        "You must let us, or our agents, read and inspect your meters at reasonable times. We will ask you for a "
        "reading at least once a year. If we cannot get a reading, we will estimate your bill. Your meter point "
        "references (MPAN and MPRN) are shown on every bill, for example MPRN 7123456789.",
    ),
    (
        "4. Charges",
        "You will pay the unit rates and standing charges of your tariff. Our prices include VAT at the rate in "
        "force, currently 5%. If VAT or another tax changes, we will change our prices to reflect this without "
        "notice. For a fixed tariff we will not otherwise change your unit rates or standing charges during the "
        "fixed term.",
    ),
    (
        "5. Price changes",
        "On variable tariffs we may change our prices. We will tell you at least 30 days before a price rise "
        "takes effect. You may switch supplier or tariff without paying an exit fee if you do so within 20 working "
        "days of our notice.",
    ),
    (
        "6. Paying your bills",
        "You must pay each bill within 14 days of the date shown on it. If you pay by Direct Debit, we will review "
        "your payments at least every 6 months. If you don't pay on time, we may charge a late payment fee of £12 "
        "and interest at 4% a year above the Bank of England base rate, and we may ask you to pay by prepayment "
        "meter. We will always offer a payment plan first.",
    ),
    (
        "7. Security deposits",
        "We may ask for a security deposit of up to £300 if you do not have a satisfactory payment history. We "
        "will return it with interest after 12 months of payments on time.",
    ),
    (
        "8. Access to your property",
        "Our authorised representatives will carry identification. We will give you at least 7 days' notice of a "
        "visit except in an emergency. You can set up a password for home visits through the Priority Services "
        "Register.",
    ),
    (
        "9. Ending the contract",
        "You can end this contract by switching to another supplier or by telling us you are moving out. If you "
        "are on a fixed tariff and leave before it ends, you may have to pay the exit fee stated in your tariff "
        "information, currently £75 per fuel on Fix & Save 24. There is no exit fee in the last 49 days of a fix.",
    ),
    (
        "10. Our liability",
        "We are not responsible for the physical supply of energy to your property, which is the responsibility "
        "of the network operators. We are not liable for any loss that was not foreseeable when the contract was "
        "made. Nothing in these terms limits our liability for death or personal injury caused by our negligence.",
    ),
    (
        "11. Guaranteed standards",
        "If we fail to meet the Guaranteed Standards of Performance set by Ofgem, we will pay you £40 "
        "automatically within 10 working days. Details are on our website.",
    ),
    (
        "12. Your personal information",
        "We use your personal information to supply you, to manage your account and, if you agree, to tell you "
        "about our products. Our privacy notice explains your rights. We may share information with credit "
        "reference agencies and with network operators.",
    ),
    (
        "13. Vulnerable circumstances",
        "If you are of pensionable age, disabled, chronically sick or have young children, you can join our "
        "Priority Services Register. We can send bills and letters in large print, braille or audio on request.",
    ),
    (
        "14. Transfers",
        "We may transfer this contract to another licensed supplier. You may not transfer it without our consent.",
    ),
    (
        "15. Changes to these terms",
        "We may change these terms to reflect changes in law, regulation or our costs. We will give you at least "
        "30 days' notice of a change that is to your disadvantage.",
    ),
    (
        "16. Smart meters",
        "We will offer you a smart meter at no extra cost. If you have one, you agree that we may take readings "
        "remotely: monthly by default, daily or half-hourly if you agree. You can change this at any time in your "
        "online account.",
    ),
    (
        "17. Prepayment meters",
        "If you pay in advance, you will be charged the same unit rates as Direct Debit customers. Emergency credit "
        "of £15 and friendly-credit hours (8pm to 8am, weekends and bank holidays) mean your supply will not be "
        "cut off when it would be hard to top up.",
    ),
    (
        "18. Events outside our control",
        "We are not liable if we cannot perform our obligations because of an event beyond our reasonable control, "
        "such as severe weather, a failure of the national transmission system or industrial action by people who "
        "do not work for us.",
    ),
    (
        "19. Governing law",
        "This contract is governed by the law of England and Wales, unless your supply address is in Scotland, in "
        "which case Scots law applies.",
    ),
]


def terms_small_print(pick: Pick) -> list[tuple[str, str]]:
    return [
        (
            "20. Contacting us",
            pick(
                "You can call us on 0845 600 1234, Monday to Friday 8am to 8pm and Saturday 9am to 5pm. Calls to 0845 "
                "numbers cost 7p per minute plus your phone company's access charge. You can also email "
                "help@northwind-energy.example or chat with us at " + CHAT + ".",
                "For help with your account or bill, call us on 0306 999 0210, Monday to Friday 8am to 8pm and "
                "Saturday 9am to 5pm. Calls to 03 numbers cost no more than calls to 01 or 02 numbers and count "
                "towards any inclusive minutes. If you use Relay UK, dial 18001 then 0306 999 0210. You can also "
                "email help@northwind-energy.example or chat with us at " + CHAT + ".",
            ),
        ),
        (
            "21. Complaints",
            pick(
                "If you want to complain, call our complaints team free on 0808 157 0192, Monday to Friday 9am to "
                "5pm, email complaints@northwind-energy.example or write to Complaints Team, Northwind Energy, "
                "PO Box 7301, Leeds, LS98 1NW.",
                "If you want to complain, call our complaints team free on 0808 157 0192, Monday to Friday 9am to "
                "5pm (Relay UK: 18001 0808 157 0192), email complaints@northwind-energy.example or write to "
                "Complaints Team, Northwind Energy, PO Box 7301, Leeds, LS98 1NW.",
            )
            + " If we have not resolved your complaint within 8 weeks, or you are unhappy with our final response, "
            "you can refer it to the Energy Ombudsman, an independent and free service.",
        ),
        ("22. Who we are", REGISTERED + " Licensed by Ofgem (licence reference NWE-2012-0417)."),
    ]


class TermsPDF(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(
            0,
            5,
            "Northwind Energy - Terms and Conditions for the Supply of Electricity and Gas (version 7, "
            "1 April 2026)",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(0, 0, 0)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 7.5)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def build_terms(pick: Pick) -> FPDF:
    pdf = TermsPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title("Terms and Conditions of Supply - Northwind Energy")
    pdf.set_author("Northwind Energy")
    pdf.set_creator("canonical/examples/build_pdfs.py")
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    para(pdf, "Terms and Conditions for the Supply of Electricity and Gas", size=16, style="B", h=8, gap=2)
    para(pdf, "Domestic customers - version 7 - effective from 1 April 2026", size=10, h=5, gap=6)
    for heading, text in TERMS_CLAUSES:
        para(pdf, heading, size=11, style="B", h=6, gap=1)
        para(pdf, text, size=10, h=5, gap=5)
    if pdf.get_y() > 230:  # keep the small print together on one page
        pdf.add_page()
    para(pdf, "Small print", size=9, style="B", h=5, gap=2)
    for heading, text in terms_small_print(pick):
        para(pdf, heading, size=7, style="B", h=3.4, gap=0.5)
        para(pdf, text, size=7, h=3.4, gap=2.5)
    return pdf


# ---------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[Pick], FPDF]] = {
    "leaflet.pdf": build_leaflet,
    "letter.pdf": build_letter,
    "terms.pdf": build_terms,
}


def main() -> None:
    for variant in ("defects", "clean"):
        out = ACME / variant / "pdf"
        out.mkdir(parents=True, exist_ok=True)

        def pick(defect: str, clean: str, _v: str = variant) -> str:
            return defect if _v == "defects" else clean

        for name, build in BUILDERS.items():
            build(pick).output(str(out / name))
            print(out / name)
    # A PDF cut off after its first objects: the header is there, the page tree,
    # the cross-reference table and the trailer are not.
    whole = build_leaflet(lambda d, c: d).output()
    corrupt = ACME / "defects" / "pdf" / "corrupt.pdf"
    corrupt.write_bytes(bytes(whole[:700]))
    print(corrupt)


if __name__ == "__main__":
    main()
