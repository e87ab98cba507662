"""Extraction speed against a floor measured in the same run (pypdfium2 plain text; BeautifulSoup get_text).

Usage: python benchmarks/extract.py [--pages 50] [--html 200] [--repeat 5] [--real DIR]
Prints pages per second of ours and of the floor, the time ratio (targets: PDF <= 3x, HTML <= 2x) and
the peak memory of extracting the 50-page PDF in a fresh process (target < 300 MB).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("energy account meter reading tariff direct debit payment supply customer service bill price smart "
         "switch contract renewal standing charge unit rate kilowatt hour estimate annual statement cancel "
         "notice period vulnerable support priority register engineer appointment").split()
CONTACT_LINES = [
    "Call us on 0306 999 0210 (Mon-Fri 8am-8pm, Sat 9am-5pm).",
    "Calls to 03 numbers cost no more than calls to 01 or 02 numbers.",
    "Complaints: 0808 157 0192, free from mobiles and landlines.",
    "Relay UK: 18001 0306 999 0210. Textphone 0113 496 0750.",
    "Email help@northwind-energy.example or write to Customer Relations, PO Box 123, Leeds LS1 1AA.",
    "Account number 1234 5678 90, invoice dated 12/03/2026, total £123.45.",
]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."


def build_pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    rng = random.Random(1)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        for x in (12, 108):
            y = 12.0
            while y < 280:
                line = rng.choice(CONTACT_LINES) if rng.random() < 0.04 else sentence(rng)
                pdf.set_xy(x, y)
                pdf.cell(90, 3.4, line[:70])
                y += 3.6
    pdf.output(str(path))


def build_html(folder: Path, count: int) -> list[Path]:
    rng = random.Random(2)
    paths = []
    for n in range(count):
        parts = ["<!doctype html><html><head><title>Page</title><style>.x{color:red}</style></head><body>",
                 "<header><nav><ul>" + "".join(f'<li><a href="/p{i}.html">Link {i}</a></li>' for i in range(30))
                 + "</ul></nav></header><main>"]
        size = 0
        while size < 150_000:
            if rng.random() < 0.03:
                block = f"<p>{rng.choice(CONTACT_LINES)} <a href='tel:+443069990210'>0306 999 0210</a></p>"
            else:
                block = "<div class='card'><h3>" + sentence(rng) + "</h3><p>" + " ".join(
                    sentence(rng) for _ in range(4)) + "</p></div>"
            parts.append(block)
            size += len(block)
        parts.append("</main><footer><p>Call 0306 999 0210. Calls cost no more than 01 or 02 numbers.</p>"
                     "</footer></body></html>")
        path = folder / f"page{n}.html"
        path.write_text("".join(parts), encoding="utf-8")
        paths.append(path)
    return paths


def best(floor: Callable[[], object], ours: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest of ``repeat`` runs of each, taken in turns (floor, ours, floor, ...) so that a change
    in the machine's load during the run weighs on both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((floor, times[0]), (ours, times[1])):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--html", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--real", type=Path, help="also measure the HTML pages under DIR (e.g. ../shared/corpus)")
    args = parser.parse_args()

    import pypdfium2 as pdfium
    from bs4 import BeautifulSoup

    from extractors.html import extract_html
    from extractors.pdf import extract_pdf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf_path = folder / "dense.pdf"
        build_pdf(pdf_path, args.pages)
        html_paths = build_html(folder, args.html)
        pdf_bytes = pdf_path.read_bytes()
        html_bytes = [p.read_bytes() for p in html_paths]

        def pdf_floor() -> None:
            doc = pdfium.PdfDocument(pdf_bytes)
            for page in doc:
                page.get_textpage().get_text_range()
            doc.close()

        def pdf_ours() -> None:
            extract_pdf(pdf_bytes, "dense.pdf", "GB")

        def html_floor() -> None:
            for data in html_bytes:
                BeautifulSoup(data, "lxml").get_text()

        def html_ours() -> None:
            for i, data in enumerate(html_bytes):
                extract_html(data, f"page{i}.html", "GB")

        facts = len(extract_pdf(pdf_bytes, "dense.pdf", "GB").facts)
        pf, po = best(pdf_floor, pdf_ours, args.repeat)
        hf, ho = best(html_floor, html_ours, args.repeat)
        peak = subprocess.run(
            [sys.executable, "-c",
             "import sys, resource; sys.path.insert(0, sys.argv[2]);"
             "from extractors.pdf import extract_pdf;"
             "extract_pdf(open(sys.argv[1], 'rb').read(), 'x.pdf', 'GB');"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)", str(pdf_path), str(ROOT)],
            capture_output=True, text=True, check=True).stdout.strip()
    print(f"PDF  {args.pages} pages: floor {args.pages / pf:8.1f} pages/s, ours {args.pages / po:8.1f} pages/s, "
          f"ratio {po / pf:5.2f}x (target <= 3x), {facts} facts")
    print(f"HTML {args.html} pages: floor {args.html / hf:8.1f} pages/s, ours {args.html / ho:8.1f} pages/s, "
          f"ratio {ho / hf:5.2f}x (target <= 2x)")
    print(f"peak RSS extracting the {args.pages}-page PDF in a fresh process: {int(peak) / 1024:.0f} MB "
          "(target < 300 MB)")
    if args.real is not None:
        real_pages(args.real, args.repeat)


def real_pages(folder: Path, repeat: int) -> None:
    """The same HTML ratio over real pages (the generated corpus is denser in contact words than most)."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    from extractors.html import extract_html

    warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
    pages = [p.read_bytes() for p in sorted(folder.rglob("*.htm*"))]
    if not pages:
        print(f"no .html pages under {folder}")
        return

    def floor() -> None:
        for data in pages:
            BeautifulSoup(data, "lxml").get_text()

    def ours() -> None:
        for i, data in enumerate(pages):
            extract_html(data, f"real{i}.html")

    f, o = best(floor, ours, repeat)
    size = sum(map(len, pages)) // 1024
    print(f"HTML {len(pages)} real pages ({size} KB) under {folder}: ratio {o / f:5.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
