"""Render the producer samples and write their expected tables (issue 17).

    .venv/bin/python producer_samples/render_all.py

Needs `pip install weasyprint fpdf2 pyphen` (the sample renderers only; the pipeline does not use
them).  Writes producer_samples/pdf/<stem>.pdf and tests/expected_producers/<stem>/table_01.csv;
the expected CSV comes from content.py (the transcription), never from an extractor's output.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from content import TABLES  # noqa: E402

EXPECTED = HERE.parent / "tests" / "expected_producers"
PDF_DIR = HERE / "pdf"


def write_expected(stem: str, rows: list[list[str]]) -> None:
    folder = EXPECTED / stem
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "table_01.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def main() -> None:
    import render_fpdf2
    import render_weasyprint

    PDF_DIR.mkdir(exist_ok=True)
    for lang, table in TABLES.items():
        for engine, render in (("weasyprint", render_weasyprint.render), ("fpdf2", render_fpdf2.render)):
            stem = f"201_{engine}_{lang}"
            render(table, PDF_DIR / f"{stem}.pdf")
            write_expected(stem, table.expected())
            print(stem)


if __name__ == "__main__":
    main()
