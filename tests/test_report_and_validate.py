"""Run report (JSON + self-contained HTML, rendered in headless Chromium) and `adilet validate`."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adilet.cli import app

runner = CliRunner()


def test_report_json_lists_every_document_with_repairs(samples_out: Path) -> None:
    report = json.loads((samples_out / "report.json").read_text(encoding="utf-8"))
    names = {d["source_file"] for d in report["documents"]}
    assert names == {p.name for p in (Path(__file__).parent.parent / "samples").glob("*.pdf")}
    tvet = next(d for d in report["documents"] if d["source_file"].startswith("001_"))
    assert tvet["repairs"]["split_rows_merged"] >= 2 and tvet["repairs"]["compound_costs_split"] > 0
    assert {(t["kind"], t["group"]) for t in tvet["totals_disagreeing"]} == {("group_subtotal", "04"),
                                                                            ("group_subtotal", "07")}  # fmt: skip


def test_report_counts_the_words_the_joins_rejoined(samples_out: Path) -> None:
    """Regression: ``words_rejoined`` counted the pairwise wrap decisions, not the joins the cell
    texts were made with (001: 24 reported, 14 in tables.csv). Now each is what tables.csv shows:
    a wrap between two letters whose words stand joined in the cell's text."""
    import pandas as pd

    report = json.loads((samples_out / "report.json").read_text(encoding="utf-8"))
    cells = pd.read_csv(samples_out / "tables.csv", dtype=str, keep_default_na=False)
    for doc in report["documents"]:
        seen = 0
        for raw, text in zip(*(cells.loc[cells.source_file == doc["source_file"], k] for k in ("text_raw", "text")),
                             strict=True):  # fmt: skip
            lines = [x.strip() for x in raw.split("\n") if x.strip()]
            seen += sum(a[-1].isalpha() and b[0].isalpha() and a.split()[-1] + b.split()[0] in text
                        for a, b in zip(lines, lines[1:], strict=False))  # fmt: skip
        assert doc["repairs"].get("words_rejoined", 0) == seen, doc["source_file"]
    assert any(d["repairs"].get("words_rejoined") for d in report["documents"])


def _chromium_dom(page: Path, tmp_path: Path) -> str:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "</html>" in proc.stdout, proc.stderr[-500:]
    return proc.stdout


def test_report_overview_read_back_in_a_browser(samples_out: Path, tmp_path: Path) -> None:
    """The index as Chromium builds it: one overview row per document, agreeing with documents.csv
    and linking to the document's own page."""
    import pandas as pd

    dom = _chromium_dom(samples_out / "report.html", tmp_path)
    overview = pd.read_html(io.StringIO(dom), attrs={"id": "overview"})[0].astype(str)
    docs = pd.read_csv(samples_out / "documents.csv", dtype=str, keep_default_na=False).set_index("source_file")
    assert sorted(overview["document"]) == sorted(docs.index)
    for _, row in overview.iterrows():
        doc = docs.loc[row["document"]]
        assert (row["status"], row["pages"], row["tables"], row["rows"]) == (doc.status, doc.pages, doc.tables, doc.rows)
    totals = pd.read_csv(samples_out / "totals.csv", dtype=str, keep_default_na=False)
    disagree = totals[totals.agrees == "false"].groupby("source_file").size()
    assert {k: int(v) for k, v in disagree.items()} == {
        r["document"]: int(r["totals disagreeing"]) for _, r in overview.iterrows() if r["totals disagreeing"] != "0"}
    assert f"{len(docs)} documents: {len(docs)} ok." in dom
    links = re.findall(r'href="(report/[^"]+)"', dom)
    assert len(links) == len(docs) and all((samples_out / link).is_file() for link in links)
    assert "None" not in overview.to_string()


def test_a_document_page_shows_each_grid_with_its_repairs(samples_out: Path, tmp_path: Path) -> None:
    """Per document: each table as read (repaired cells marked with the printed text on hover, flagged
    rows with their flags), and a crop of the printed table where a total disagrees."""
    page = next((samples_out / "report").glob("*-001_tvet_state_order_karaganda_2025.html"))
    text = page.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text  # opens offline
    assert "None" not in re.sub(r"<[^>]+>", " ", text)  # nulls blank
    cells = pd_cells(samples_out, "001_tvet_state_order_karaganda_2025.pdf")
    dom = _chromium_dom(page, tmp_path)
    assert dom.count('<table data-table="') == cells.table_index.nunique()
    repaired = cells[cells.text != cells.text_raw]
    assert len(re.findall(r'<t[dh][^>]* class="rep"', dom)) == len(repaired) > 0
    assert "total disagrees: group_subtotal 04" in dom  # 001 prints a subtotal its rows do not make
    assert dom.count("data:image/jpeg;base64,") >= 1


def pd_cells(out: Path, source: str):  # type: ignore[no-untyped-def]
    import pandas as pd

    cells = pd.read_csv(out / "tables.csv", dtype=str, keep_default_na=False)
    return cells[cells.source_file == source]


def test_validate_accepts_a_fresh_output(samples_out: Path) -> None:
    result = runner.invoke(app, ["validate", str(samples_out)])
    assert result.exit_code == 0 and "valid" in result.output


def test_validate_reports_a_tampered_output(samples_out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(samples_out, copy)
    csv = copy / "totals.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # a row lost
    (copy / "documents.parquet").unlink()
    (copy / "documents.csv").unlink()
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    assert "totals.csv" in result.output and "documents: missing" in result.output


def test_empty_frames_skip_pandera_only_when_built_from_the_declaration() -> None:
    """A frame without rows from records_to_frame is valid by construction (pandera skipped);
    an empty frame with other columns still meets pandera, and fails."""
    import pandas as pd
    import pytest as _pytest

    from core.errors import SchemaError
    from schemas.declarations import DATASETS
    from schemas.validate import records_to_frame, validate_frame

    ds = DATASETS["tvet_state_order"]
    v = validate_frame(ds, records_to_frame(ds, []))
    assert len(v.frame) == 0 and len(v.rejects) == 0 and list(v.frame.columns) == ds.column_names
    with _pytest.raises(SchemaError):
        validate_frame(ds, pd.DataFrame({"unexpected": pd.Series([], dtype="string")}))


def test_rejected_rows_are_counted_per_document_once_per_row() -> None:
    import pandas as pd
    import pyarrow as pa

    from adilet.outputs import rejected_rows_by_file
    from schemas.validate import REJECT_COLUMNS, ValidatedTable

    rejects = pd.DataFrame([["totals", 3, "printed", "ge", "-1", "a.pdf", 1, 1],
                            ["totals", 3, "computed", "ge", "-1", "a.pdf", 1, 1],  # the same row twice
                            ["totals", 7, "printed", "ge", "-5", "b.pdf", 2, 1]], columns=REJECT_COLUMNS)  # fmt: skip
    validated = {"totals": ValidatedTable(pa.table({}), rejects),
                 "documents": ValidatedTable(pa.table({}), pd.DataFrame(columns=REJECT_COLUMNS))}  # fmt: skip
    assert rejected_rows_by_file(validated) == {"a.pdf": 1, "b.pdf": 1}
