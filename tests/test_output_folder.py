"""The output folder is one consistent state (staging folder swapped in, lock, --out checked first);
inputs keyed by their path; only regular files read; the summary and exit code count every problem;
the cache is data only, checksummed, versioned and pruned (adilet/out_folder.py, pipeline.py, cache.py)."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import adilet.outputs as outputs
from adilet import cache
from adilet.cli import app
from adilet.out_folder import MARKER, output_lock
from adilet.pipeline import RunSummary, input_files, run_extract
from adilet.settings import ExtractSettings
from tests.conftest import SAMPLES, read_csv

A = SAMPLES / "000_additional_education_karaganda_2025.pdf"
B = SAMPLES / "104_additional_education_kk.pdf"
EXE = Path(sys.executable).parent / "adilet"
runner = CliRunner()


def _settings(out: Path, **kw: object) -> ExtractSettings:
    return ExtractSettings(out_dir=out, workers=1, **kw)  # type: ignore[arg-type]


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _inputs(tmp_path: Path, *pairs: tuple[str, Path]) -> Path:
    root = tmp_path / "in"
    for name, src in pairs:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, root / name)
    return root


def test_a_run_replaces_the_whole_folder_and_nothing_of_an_earlier_run_survives(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([_inputs(tmp_path, ("a.pdf", A), ("b.pdf", B))], _settings(out))
    assert (out / "tables" / "b").is_dir() and (out / "report.html").exists()
    shutil.rmtree(tmp_path / "in")
    summary = run_extract([_inputs(tmp_path, ("a.pdf", A))], _settings(out, report=False))
    assert not (out / "tables" / "b").exists() and not (out / "report.html").exists()
    assert set(read_csv(out / "documents.csv")["source_file"]) == {"a.pdf"}
    marker = json.loads((out / MARKER).read_text())
    assert marker["run_id"] == summary.run_id
    assert pq.read_schema(out / "documents.parquet").metadata[b"run_id"].decode() == summary.run_id
    assert sorted(marker["files"]) == sorted(str(p.relative_to(out)) for p in summary.written)
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name or ".old-" in p.name]


def test_a_write_that_fails_leaves_the_previous_folder_exactly_as_it_was(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    run_extract([A], _settings(out))
    before = _snapshot(out)

    def full_disk(*args: object, **kw: object) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs, "write_report", full_disk)  # after the datasets were written
    result = runner.invoke(app, ["extract", str(A), str(B), "--out", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "left as it was" in result.output
    assert "Traceback" not in result.output
    assert _snapshot(out) == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_a_second_run_into_the_same_folder_refuses_with_a_clear_message(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_lock(out):
        result = runner.invoke(app, ["extract", str(A), "--out", str(out)])
    assert result.exit_code == 2
    assert "another adilet run" in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("case", ["under_a_file", "foreign_folder"])
def test_out_is_checked_before_any_work(tmp_path: Path, case: str) -> None:
    if case == "under_a_file":
        (tmp_path / "file").write_text("x")
        out = tmp_path / "file" / "out"
    else:
        out = tmp_path / "mine"
        out.mkdir()
        (out / "thesis.docx").write_text("precious")
    proc = subprocess.run([str(EXE), "extract", str(A), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "--out" in proc.stderr, proc.stderr
    if case == "foreign_folder":
        assert [p.name for p in out.iterdir()] == ["thesis.docx"]


def test_same_named_files_in_two_folders_never_collide(tmp_path: Path) -> None:
    root = _inputs(tmp_path, ("kk/act.pdf", A), ("ru/act.pdf", B))
    out = tmp_path / "out"
    summary = run_extract([root], _settings(out))
    assert not summary.failed and not summary.rejects
    docs = read_csv(out / "documents.csv")
    assert sorted(docs["source_file"]) == ["kk/act.pdf", "ru/act.pdf"]
    rows = read_csv(out / "additional_education_order.csv")
    assert set(rows["source_file"]) == {"kk/act.pdf", "ru/act.pdf"}
    assert (out / "tables" / "kk" / "act").is_dir() and (out / "tables" / "ru" / "act").is_dir()
    # two folders named on the command line: keys relative to the folder they share
    keys = [f.key for f in input_files([root / "kk", root / "ru"])]
    assert keys == ["kk/act.pdf", "ru/act.pdf"]


def test_fifos_and_links_to_devices_are_refused_by_name_and_never_read(tmp_path: Path) -> None:
    root = _inputs(tmp_path, ("good.pdf", A))
    os.mkfifo(root / "pipe.pdf")
    (root / "zero.pdf").symlink_to("/dev/zero")
    out = tmp_path / "out"
    for _ in range(2):  # the rerun has a cache to look things up in
        proc = subprocess.run([str(EXE), "extract", str(root), "--out", str(out), "-j", "1"], capture_output=True,
                              text=True, timeout=300)  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert "pipe.pdf: not a regular file: a FIFO" in proc.stderr
        assert "zero.pdf: not a regular file: a character device (a link to /dev/zero)" in proc.stderr
    docs = read_csv(out / "documents.csv").set_index("source_file")
    assert docs.loc["pipe.pdf", "status"] == "bad_input" and docs.loc["good.pdf", "status"] == "ok"


def test_a_250_byte_file_name_works(tmp_path: Path) -> None:
    name = "ә" * 123 + ".pdf"  # 250 bytes
    root = _inputs(tmp_path, (name, A))
    out = tmp_path / "out"
    summary = run_extract([root], _settings(out))
    assert not summary.failed
    assert read_csv(out / "documents.csv")["source_file"].tolist() == [name]
    assert (out / "tables" / name[:-4] / "table_01.csv").exists()


def test_exit_code_counts_failed_partial_and_rejected_rows_but_not_disagreeing_totals() -> None:
    base = RunSummary(documents=2, failed=(), rows={}, totals_checked=3, totals_mismatched=("t",), written=(),
                      rejects={})  # fmt: skip
    assert base.exit_code == 0
    assert RunSummary(**{**base.__dict__, "failed": (("x.pdf", "bad"),)}).exit_code == 1
    assert RunSummary(**{**base.__dict__, "partial": (("x.pdf", "page 2"),)}).exit_code == 1
    assert RunSummary(**{**base.__dict__, "rejects": {"tvet_state_order": 2}}).exit_code == 1


def _entries(out: Path) -> list[Path]:
    return sorted((out / ".cache").glob(f"*{cache.SUFFIX}"))


def test_a_damaged_cache_entry_is_recomputed_with_a_warning_never_served(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([A], _settings(out, report=False))
    fresh = (out / "additional_education_order.csv").read_bytes()
    (entry,) = _entries(out)
    data = bytearray(entry.read_bytes())
    at = data.index(b'"source_file"', data.index(b"\n")) + 20  # a byte inside a string of the body
    data[at] ^= 0x01
    entry.write_bytes(bytes(data))
    summary = run_extract([A], _settings(out, report=False))
    assert any("checksum mismatch" in w for w in summary.warnings), summary.warnings
    assert (out / "additional_education_order.csv").read_bytes() == fresh
    cache.decode_entry(_entries(out)[0].read_bytes(), _entries(out)[0].stem)  # the entry was rewritten good


def _entry(key: str, body: object) -> bytes:
    """An entry with a good header and checksum around any JSON body."""
    data = json.dumps(body).encode()
    header = {"format": cache.FORMAT, "version": cache.VERSION, "key": key, "fingerprint": cache.fingerprint(),
              "body_sha256": cache.hashlib.sha256(data).hexdigest()}  # fmt: skip
    return json.dumps(header).encode() + b"\n" + data + b"\n"


def test_cache_entries_of_the_wrong_type_or_pickles_are_never_loaded(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([A], _settings(out, report=False))
    (entry,) = _entries(out)
    key = entry.stem
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    good = cache.result_to_json(cache.decode_entry(entry.read_bytes(), key))
    for bad in (pickle.dumps(Evil()), json.dumps([1, 2]).encode(), _entry(key, [1, 2]),
                _entry(key, {**good, "totals": [{"nonsense": 1}]}), _entry(key, {**good, "datasets": "x"})):
        entry.write_bytes(bad)
        summary = run_extract([A], _settings(out, report=False))
        assert summary.warnings and not summary.failed
        assert not marker.exists()
    with pytest.raises(cache.BadEntry, match="another key"):
        cache.decode_entry(_entries(out)[0].read_bytes(), "0" * 40)


def test_cache_key_holds_the_library_versions_and_old_entries_are_pruned(tmp_path: Path) -> None:
    assert "pypdfium2=" in cache.library_versions() and "pdfplumber=" in cache.library_versions()
    out = tmp_path / "out"
    run_extract([A], _settings(out, report=False))
    (first,) = _entries(out)
    for _ in range(cache.KEEP_RUNS - 1):
        run_extract([B], _settings(out, report=False))
        assert first.exists()
    run_extract([B], _settings(out, report=False))
    assert not first.exists() and len(_entries(out)) == 1
