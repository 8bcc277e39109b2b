"""Render the sample PDFs from samples/content/*.json, then check them with pdfplumber.

    .venv/bin/python samples/render_samples.py [--no-verify] [--keep-html PATH]

001_tvet_state_order_karaganda_2025.pdf                 HTML -> headless Chromium (render_html.py)
000_additional_education_karaganda_2025.pdf             reportlab canvas (render_reportlab.py)
000_additional_education_karaganda_2025_drawn_out_of_order.pdf
                                                        reportlab, Kazakh letters drawn last in a
                                                        second font
Output is byte-for-byte reproducible (Chromium's print dates are pinned, reportlab runs invariant).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import order_content  # noqa: E402
import render_html  # noqa: E402
import render_norms_html  # noqa: E402
import render_orders_html  # noqa: E402
import render_programme_reportlab  # noqa: E402
import render_reportlab  # noqa: E402
import render_roadmap_odt  # noqa: E402
import verify_samples  # noqa: E402


def load(name: str) -> dict:
    return json.loads((HERE / "content" / name).read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-verify", action="store_true", help="skip the pdfplumber checks")
    parser.add_argument("--keep-html", type=Path, help="also write the HTML given to Chromium here")
    args = parser.parse_args(argv)

    tvet = load("001_tvet_state_order.json")
    render_html.render(tvet, verify_samples.TVET_PDF, args.keep_html)
    print("wrote", verify_samples.TVET_PDF.relative_to(HERE.parent))

    additional = load("000_additional_education.json")
    render_reportlab.render(additional, verify_samples.ADD_PDF)
    print("wrote", verify_samples.ADD_PDF.relative_to(HERE.parent))
    render_reportlab.render(additional, verify_samples.ADD_OOO_PDF, out_of_order=True)
    print("wrote", verify_samples.ADD_OOO_PDF.relative_to(HERE.parent))

    # seeds 002-004 (issue 4): three more producers; expected tables: samples/expected_tables.py
    for name, module, pdf in (
            ("002_programme_tables.json", render_programme_reportlab, "002_state_programme_tables.pdf"),
            ("003_roadmap.json", render_roadmap_odt, "003_roadmap.pdf"),
            ("004_norms_open_data.json", render_norms_html, "004_norms_open_data.pdf")):
        module.render(load(name), HERE / pdf)
        print("wrote", (HERE / pdf).relative_to(HERE.parent))

    # issue 19: order layouts of other regions and families, Kazakh and Russian (content/orders/)
    for doc in order_content.order_contents():
        pdf = HERE / f"{doc['pdf']}.pdf"
        render_orders_html.render(doc, pdf)
        print("wrote", pdf.relative_to(HERE.parent))

    return 0 if args.no_verify else verify_samples.main()


if __name__ == "__main__":
    sys.exit(main())
