"""Tables of real Kazakhstan PDFs (../shared/real_pdfs) typed by hand from the page images, cell for
cell (issue 17, item 6).

tests/golden_real/pages/index.csv names each case: the source file, the page(s) it is on, the
table's number among the tables found on those pages, its language, who typed it and how, and (``xfail``) the bug it shows while
that is not fixed (a strict xfail: the test fails once the bug is fixed, so the mark comes off).
<case>.csv is the transcription, typed from a pdftoppm PNG of the page (never copied from a tool's
text): a header row, then one row per table row; the column-number row printed under a header
("1 2 3 4") is part of the header and rows with no text are not rows (the project's convention,
as in tests/golden_real/<stem>/). Only the named pages are extracted (copied into a temporary PDF
with pypdfium2), so the test stays fast.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from tests.conftest import REAL_PDFS, ROOT
from tools.cell_accuracy import copy_pages, page_case_stem, page_numbers

PAGES = ROOT / "tests" / "golden_real" / "pages"


def _index() -> list[dict[str, str]]:
    with (PAGES / "index.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


CASES = _index()
# pages read for a check of their own (not a whole-table transcription)
CALENDAR = ("college_academic_calendar_2019-20_kk_ru.pdf", "1")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.fixture(scope="module")
def pages_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("golden_pages")
    pdfs: dict[str, Path] = {}
    for case in [*CASES, {"file": CALENDAR[0], "pages": CALENDAR[1]}]:
        key = page_case_stem(case["file"], case["pages"])
        if key not in pdfs:
            pdfs[key] = work / "in" / f"{key}.pdf"
            pdfs[key].parent.mkdir(exist_ok=True)
            copy_pages(REAL_PDFS / case["file"], page_numbers(case["pages"]), pdfs[key])
    out = work / "out"
    run_extract(sorted(pdfs.values()), ExtractSettings(out_dir=out, report=False, cache=False))
    return out


def test_index_names_a_transcription_per_case() -> None:
    assert len({c["case"] for c in CASES}) == len(CASES)
    for case in CASES:
        assert (PAGES / f"{case['case']}.csv").is_file(), case["case"]
        assert case["language"] in {"kk", "ru"} and case["typed_by"] and case["how"]


@pytest.mark.skipif(not REAL_PDFS.is_dir(), reason="../shared/real_pdfs is not here")
@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["case"], marks=[pytest.mark.xfail(strict=True, reason=c["xfail"])] if c.get("xfail") else [])
    for c in CASES])
def test_page_table_matches_hand_transcription(pages_out: Path, case: dict[str, str]) -> None:
    stem = page_case_stem(case["file"], case["pages"])
    got_path = pages_out / "tables" / stem / f"table_{int(case['table']):02d}.csv"
    assert got_path.is_file(), f"{case['case']}: no table {case['table']} on page(s) {case['pages']}"
    want, got = _rows(PAGES / f"{case['case']}.csv"), _rows(got_path)
    diff = [(i, j, a, b) for i, (x, y) in enumerate(zip(want, got, strict=False))
            for j, (a, b) in enumerate(zip(x, y, strict=False)) if a != b]
    assert diff == [], (case["case"], diff[:5])
    assert [len(r) for r in got] == [len(r) for r in want], case["case"]


@pytest.mark.skipif(not REAL_PDFS.is_dir(), reason="../shared/real_pdfs is not here")
@pytest.mark.xfail(strict=True, reason="issue 17 item 5: text turned a quarter (Excel's rotated header, a char "
                   "matrix with cos 90 deg = 6e-17) counts as upright in both readers, so each glyph becomes a "
                   "line of its own read top down: '9 - 14' comes out '41 - 9'")
def test_rotated_header_reads_in_reading_order(pages_out: Path) -> None:
    """The college calendar's week ranges are printed bottom to top (typed from the page image)."""
    stem = page_case_stem(*CALENDAR)
    header = _rows(pages_out / "tables" / stem / "table_01.csv")[0]
    for week in ("2 - 7", "9 - 14", "16 - 21", "23 - 28"):
        assert f"қыркүйек сентябрь / {week}" in header, (week, header[:6])
