"""Run report (JSON + self-contained HTML, rendered in headless Chromium) and `adilet validate`."""

from __future__ import annotations

import json
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


def test_report_html_is_self_contained_and_renders(samples_out: Path, tmp_path: Path) -> None:
    page = (samples_out / "report.html").read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page  # opens offline
    assert page.count("data:image/png;base64,") >= 3  # a page image per table page
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    shot = tmp_path / "report.png"
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1000,1400",
         (samples_out / "report.html").as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert shot.exists() and shot.stat().st_size > 20_000, proc.stderr[-500:]


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
