"""Real Kazakhstan PDFs (../shared/real_pdfs, made by nobody here) go through without an error,
and every table with a golden CSV comes out cell for cell as the page reads.

The golden CSVs in tests/golden_real/<stem>/table_NN.csv were typed from the rendered page
images (pdftoppm), not copied from the tool's output: a header row, then one row per table row;
a header repeated on a new page is not a row, a row cut by a page break is one row.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from extract.readers.pdf_to_pages import DEFAULT_READER
from tests.conftest import REAL_PDFS, ROOT, read_csv

GOLDEN_REAL = ROOT / "tests" / "golden_real"
GOLDEN_STEMS = sorted(p.name for p in GOLDEN_REAL.iterdir() if p.is_dir() and p.name != "pages") if GOLDEN_REAL.is_dir() else []
HAVE_REAL = REAL_PDFS.is_dir()


@pytest.fixture(scope="module")
def real_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real")
    pdfs = [REAL_PDFS / f"{stem}.pdf" for stem in GOLDEN_STEMS]
    run_extract(pdfs, ExtractSettings(out_dir=out, report=False, cache=False))
    return out


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.skipif(not HAVE_REAL, reason="../shared/real_pdfs is not here")
@pytest.mark.parametrize("stem", GOLDEN_STEMS)
def test_tables_match_golden(real_out: Path, stem: str) -> None:
    expected = sorted((GOLDEN_REAL / stem).glob("table_*.csv"))
    got = sorted((real_out / "tables" / stem).glob("table_*.csv"))
    assert [p.name for p in got] == [p.name for p in expected]
    for want, have in zip(expected, got, strict=True):
        w, h = _rows(want), _rows(have)
        diff = [(i, j, a, b) for i, (x, y) in enumerate(zip(w, h, strict=False))
                for j, (a, b) in enumerate(zip(x, y, strict=False)) if a != b]
        assert (len(h), [len(r) for r in h]) == (len(w), [len(r) for r in w]), want.name
        assert diff == [], (want.name, diff[:5])


@pytest.mark.skipif(not HAVE_REAL, reason="../shared/real_pdfs is not here")
def test_documents_ok_and_tables_counted(real_out: Path) -> None:
    docs = read_csv(real_out / "documents.csv").set_index("source_file")
    for stem in GOLDEN_STEMS:
        assert docs.at[f"{stem}.pdf", "status"] == "ok"
        assert int(docs.at[f"{stem}.pdf", "tables"]) == len(list((GOLDEN_REAL / stem).glob("table_*.csv")))


@pytest.mark.skipif(not HAVE_REAL, reason="../shared/real_pdfs is not here")
def test_split_rows_keep_both_pages(real_out: Path) -> None:
    """Order 110's row 2 is cut by the page break: its cells say so (pages 1 and 2 in provenance)."""
    cells = read_csv(real_out / "tables.csv")
    cells = cells[cells["source_file"] == "adilet_kk_mon_order110_2017_academic_leave_amendment.pdf"]
    doc_col = cells[(cells["col"] == "1") & (cells["is_header"] == "false")]
    assert doc_col["page"].tolist() == ["1", "1", "2", "2", "2"]
    assert set(cells["backend"]) == {f"{DEFAULT_READER}-lattice"}
