"""Per-document limits, atomic and resumable output (a SIGKILL mid-run leaves out/ intact), cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from adilet.limits import Limits
from adilet.pipeline import run_extract
from adilet.process import process_file_limited
from adilet.settings import ExtractSettings
from tests.conftest import REAL_PDFS, SAMPLES

GOOD = SAMPLES / "000_additional_education_karaganda_2025.pdf"
EXE = Path(sys.executable).parent / "adilet"


def _pdf_with_content(path: Path, content: bytes) -> Path:
    data = zlib.compress(content, 9)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def test_time_limit_stops_a_document() -> None:
    # the pdfplumber reader: the default (pdfium) can finish a small file inside 0.05 s
    result = process_file_limited(GOOD, reader="pdfplumber", limits=Limits(seconds=0.05, memory_mb=0))
    assert result.document["status"] == "time_limit", result.document
    assert "--time-limit" in str(result.document["error"])


def test_decompression_bomb_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    bomb = _pdf_with_content(tmp_path / "bomb.pdf", b" " * (700 * 1024 * 1024))  # 0.7 MB on disk
    good = tmp_path / "good.pdf"
    good.write_bytes(GOOD.read_bytes())
    summary = run_extract([bomb, good], ExtractSettings(out_dir=tmp_path / "out", workers=2, memory_limit_mb=400,
                                                        report=False, cache=False))  # fmt: skip
    failed = dict(summary.failed)
    assert list(failed) == ["bomb.pdf"]
    assert "memory" in failed["bomb.pdf"] or "allocate" in failed["bomb.pdf"]
    assert summary.rows["additional_education_order"] == 20


def test_page_with_a_hundred_thousand_tiny_objects(tmp_path: Path) -> None:
    strokes = b"".join(b"%d %d m %d %d l S\n" % (i % 500, i // 500, i % 500 + 1, i // 500) for i in range(100_000))
    path = _pdf_with_content(tmp_path / "tiny.pdf", strokes)
    result = process_file_limited(path, limits=Limits(seconds=120, memory_mb=0))
    assert result.document["status"] in ("empty_document", "time_limit", "no_tables")


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and not p.name.startswith("report")}  # fmt: skip


def test_sigkill_mid_run_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([GOOD], ExtractSettings(out_dir=out, workers=1, report=False))
    before = _snapshot(out)
    # the slower reader on more pages, so that the kill lands while documents are being read
    # (outputs are written only once every document is done)
    inputs = [str(SAMPLES)] + ([str(REAL_PDFS)] if REAL_PDFS.is_dir() else [])
    proc = subprocess.Popen([str(EXE), "extract", *inputs, "--out", str(out), "--no-cache", "-j", "1",
                             "--backend", "pdfplumber"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    time.sleep(3.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _snapshot(out) == before
    run_extract([GOOD], ExtractSettings(out_dir=out, workers=1, report=False))  # a rerun completes
    assert not list(out.glob(".*.tmp"))


def test_rerun_reuses_cached_results(tmp_path: Path) -> None:
    out = tmp_path / "out"
    settings = ExtractSettings(out_dir=out, workers=1, report=False)
    run_extract([GOOD], settings)
    first = _snapshot(out)
    entries = list((out / ".cache").glob("*.pkl"))
    assert len(entries) == 1
    stamp = entries[0].stat().st_mtime_ns
    run_extract([GOOD], settings)
    assert entries[0].stat().st_mtime_ns == stamp  # read, not rewritten
    csvs = {k: v for k, v in _snapshot(out).items() if k.endswith(".csv")}  # Parquet carries the run id
    assert csvs == {k: v for k, v in first.items() if k.endswith(".csv")}


def test_nothing_is_written_outside_out(tmp_path: Path) -> None:
    cwd, tmpdir, out = tmp_path / "cwd", tmp_path / "tmpdir", tmp_path / "cwd" / "out"
    cwd.mkdir()
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir))
    proc = subprocess.run([str(EXE), "extract", str(GOOD), "--out", str(out), "-j", "1"], cwd=cwd, env=env,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in cwd.iterdir()] == ["out"]
    assert list(tmpdir.iterdir()) == []


def test_a_first_run_hashes_each_file_once_and_caches_it_under_that_hash(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a cache folder there is nothing to look up: the file is hashed once, when read, and
    the entry is stored under that hash (found again by the lookup of a rerun)."""
    import adilet.pipeline as pipeline
    import extract.pdf_to_document as document

    calls: list[str] = []
    real = document.file_sha256

    def counting(path: Path) -> str:
        calls.append(path.name)
        return real(path)

    monkeypatch.setattr(document, "file_sha256", counting)
    monkeypatch.setattr(pipeline, "file_sha256", counting)
    settings = ExtractSettings(out_dir=tmp_path / "out", workers=1, report=False)
    run_extract([GOOD], settings)
    assert calls == [GOOD.name]
    calls.clear()
    entries = list((tmp_path / "out" / ".cache").glob("*.pkl"))
    stamp = entries[0].stat().st_mtime_ns
    run_extract([GOOD], settings)
    assert calls == [GOOD.name] and entries[0].stat().st_mtime_ns == stamp  # looked up, found, not redone


def test_no_page_or_grid_outlives_its_document(tmp_path: Path) -> None:
    """Regression: caches keyed by identity kept the last pages (their characters) and grids of a
    document alive into the next one (42 MB traced after the bench corpus, 19 MB now, all of it
    bounded caches of words and lines). Every document cache is empty once a document is done."""
    from core import caches as document_caches
    from core import grid
    from extract.families import table_text
    from extract.tables import cells_to_grid as grid_build

    run_extract([GOOD, SAMPLES / "001_tvet_state_order_karaganda_2025.pdf"],
                ExtractSettings(out_dir=tmp_path / "out", workers=1, report=False, cache=False))  # fmt: skip
    caches = [grid._ROWS, grid_build._GLYPHS, grid_build._BY_CENTRE, table_text._COVERING]
    assert all(any(c is d for d in document_caches._CACHES) for c in caches)
    assert not any(document_caches._CACHES)
