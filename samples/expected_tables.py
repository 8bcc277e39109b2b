"""Expected table CSVs for the samples rendered from content/002-004, derived from the content JSON.

    .venv/bin/python samples/expected_tables.py      # writes tests/expected_tables/<pdf stem>/table_NN.csv

The format is the one `adilet extract` writes to out/tables/<stem>/table_NN.csv: UTF-8, csv-module
quoting, "\\n" line ends.  The first row is the flattened header: per grid column, the texts of the
header cells covering it from top to bottom joined with " / " (a spanning header's text is repeated
for every column it covers; identical consecutive texts are not repeated).  Then one row per body
row: a cell's text sits in its first column (and first row, for a row-spanning cell), the other
columns it covers are "".  The row of column numbers under a header is not a body row; a table
continued over pages is one table, and a row split by a page break is one row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from order_content import as_table, order_contents

HERE = Path(__file__).resolve().parent
EXPECTED = HERE.parent / "tests" / "expected_tables"

# content JSON -> the PDF rendered from it (samples/<stem>.pdf)
SOURCES = {
    "002_programme_tables.json": "002_state_programme_tables",
    "003_roadmap.json": "003_roadmap",
    "004_norms_open_data.json": "004_norms_open_data",
}

Slot = tuple[dict, int, int]          # (cell, its first row, its first column)


def place(rows: list[list[dict]], n_cols: int) -> list[list[Slot]]:
    """The grid slot of every cell, from cells listed left to right per row (HTML order)."""
    grid: list[list[Slot | None]] = [[None] * n_cols for _ in rows]
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while c < n_cols and grid[r][c] is not None:
                c += 1
            if c >= n_cols:
                raise ValueError(f"row {r}: more cells than the {n_cols} columns")
            for dr in range(cell.get("rowspan", 1)):
                for dc in range(cell.get("colspan", 1)):
                    grid[r + dr][c + dc] = (cell, r, c)
            c += cell.get("colspan", 1)
    for r, slots in enumerate(grid):
        if any(s is None for s in slots):
            raise ValueError(f"row {r} leaves columns uncovered: {[i for i, s in enumerate(slots) if s is None]}")
    return grid  # type: ignore[return-value]


def header_row(table: dict) -> list[str]:
    grid = place(table["header"]["rows"], table["n_cols"])
    out = []
    for c in range(table["n_cols"]):
        parts: list[str] = []
        for r in range(len(grid)):
            cell, r0, _c0 = grid[r][c]
            if r == r0 and (not parts or parts[-1] != cell["text"]):
                parts.append(cell["text"])
        out.append(" / ".join(parts))
    return out


def body_rows(table: dict) -> list[list[str]]:
    grid = place([row["cells"] for row in table["rows"]], table["n_cols"])
    return [[cell["text"] if (r, c) == (r0, c0) else "" for c, (cell, r0, c0) in enumerate(slots)]
            for r, slots in enumerate(grid)]


def table_csv(table: dict) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header_row(table), *body_rows(table)])
    return buf.getvalue()


def main() -> int:
    for json_name, stem in SOURCES.items():
        doc = json.loads((HERE / "content" / json_name).read_text(encoding="utf-8"))
        folder = EXPECTED / stem
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("table_*.csv"):
            old.unlink()
        for i, table in enumerate(doc["tables"], start=1):
            target = folder / f"table_{i:02d}.csv"
            target.write_text(table_csv(table), encoding="utf-8")
            print("wrote", target.relative_to(HERE.parent), f"({len(table['rows'])} body rows)")
    for order in order_contents():  # issue 19: one table per order sample (content/orders/)
        folder = EXPECTED / order["pdf"]
        folder.mkdir(parents=True, exist_ok=True)
        table = as_table(order)
        target = folder / "table_01.csv"
        target.write_text(table_csv(table), encoding="utf-8")
        print("wrote", target.relative_to(HERE.parent), f"({len(table['rows'])} body rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
