"""CLI: `adilet extract` finishes the good documents, summarises, and names the failures."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from adilet.cli import app
from tests.conftest import REAL_PDFS, needs_real_pdfs, read_csv

runner = CliRunner()
GOOD = REAL_PDFS / "adilet_kk_mon_order110_2017_academic_leave_amendment.pdf"


@needs_real_pdfs
def test_bad_file_fails_alone_and_is_named(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(GOOD, inputs / "good.pdf")
    (inputs / "notes.pdf").write_text("this is not a PDF", encoding="utf-8")
    (inputs / "empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 1
    assert "3 documents: 1 ok, 0 partial, 2 failed" in result.output
    assert "notes.pdf" in result.output and "not a PDF" in result.output
    assert "empty.pdf" in result.output and "empty file" in result.output
    docs = read_csv(out / "documents.csv").set_index("source_file")
    assert docs.loc["good.pdf", "status"] == "ok"
    assert docs.loc["notes.pdf", "status"] == "bad_input"
    for name in ("tvet_state_order", "tvet_state_order_costs", "additional_education_order", "totals", "documents"):
        assert (out / f"{name}.csv").exists() and (out / f"{name}.parquet").exists()


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "nope.pdf: no such file or folder" in result.stderr
    assert not (tmp_path / "o").exists()  # before any work


def test_unknown_format_is_rejected(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(GOOD), "--out", str(tmp_path), "--format", "xlsx"])
    assert result.exit_code == 2 and "unknown output format" in result.output


@needs_real_pdfs
def test_console_script_is_installed_and_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "adilet"
    proc = subprocess.run([str(exe), "extract", str(GOOD), "--out", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "1 documents: 1 ok, 0 partial, 0 failed" in proc.stderr


def test_cli_reader_default_is_the_readers_default_and_repair_text_imports_no_pipeline():
    """adilet.cli keeps the PDF pipeline out of its imports (repair-text starts fast)."""
    import subprocess
    import sys

    from adilet.cli import DEFAULT_READER
    from extract.readers.pdf_to_pages import DEFAULT_READER as READERS_DEFAULT

    assert DEFAULT_READER == READERS_DEFAULT
    code = "import sys, adilet.cli; print(sorted(m for m in ('pandas', 'pandera', 'adilet.pipeline') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
