"""Cell accuracy of extracted tables against expected CSVs (issue 17).

    .venv/bin/python tools/cell_accuracy.py OUT_DIR EXPECTED_DIR

EXPECTED_DIR/<stem>/table_NN.csv are the transcriptions; OUT_DIR/tables/<stem>/table_NN.csv what
`adilet extract` wrote.  A cell is right when the extracted table of the same number has the same
text at the same row and column; a missing table or row counts all its cells wrong.  Prints one line
per table and the total, and exits 0.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pypdfium2 as pdfium


def read_rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def table_accuracy(expected: list[list[str]], got: list[list[str]]) -> tuple[int, int]:
    """(right cells, expected cells) of one table, cell by cell at the same row and column."""
    total = sum(len(r) for r in expected)
    right = sum(1 for r, row in enumerate(expected) for c, cell in enumerate(row)
                if r < len(got) and c < len(got[r]) and got[r][c] == cell)
    return right, total


def accuracy(out_dir: Path, expected_dir: Path) -> dict[str, tuple[int, int]]:
    result = {}
    for folder in sorted(d for d in expected_dir.iterdir() if d.is_dir()):
        for exp in sorted(folder.glob("table_*.csv")):
            key = f"{folder.name}/{exp.name}"
            result[key] = table_accuracy(read_rows(exp), read_rows(out_dir / "tables" / folder.name / exp.name))
    return result


def page_numbers(spec: str) -> list[int]:
    """'7' -> [7]; '57-58' -> [57, 58] (1-based page numbers as tests/golden_real/pages/index.csv writes them)."""
    lo, _, hi = spec.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def copy_pages(src: Path, pages: list[int], dest: Path) -> None:
    """The named pages (1-based) of ``src`` as a PDF of their own, so only they are extracted."""
    doc, new = pdfium.PdfDocument(src), pdfium.PdfDocument.new()
    try:
        new.import_pages(doc, [p - 1 for p in pages])
        new.save(dest)
    finally:
        new.close()
        doc.close()


def page_case_stem(file: str, pages: str) -> str:
    """The name of the page-subset PDF (and its tables/ folder) of a page case."""
    return f"{Path(file).stem}_p{pages}"


def main(argv: list[str]) -> int:
    result = accuracy(Path(argv[0]), Path(argv[1]))
    for key, (right, total) in result.items():
        print(f"{key}: {right}/{total} cells ({100 * right / max(total, 1):.1f}%)")
    right = sum(r for r, _ in result.values())
    total = sum(t for _, t in result.values())
    print(f"all: {right}/{total} cells ({100 * right / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
