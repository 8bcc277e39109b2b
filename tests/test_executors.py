"""Executors: the same outputs for any number of workers and on a Dask cluster; a crashing
worker takes only its own document down."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest

from adilet.executors import ProcessExecutor, SequentialExecutor, batches, make_executor
from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from tests.conftest import SAMPLES

SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def _csv_differences(a: Path, b: Path) -> list[str]:
    names = sorted({p.relative_to(a) for p in a.rglob("*.csv")} | {p.relative_to(b) for p in b.rglob("*.csv")})
    return [str(n) for n in names if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, False))]


def _extract(inputs: list[Path], out: Path, **settings: object) -> Path:
    run_extract(inputs, ExtractSettings(out_dir=out, report=False, **settings))  # type: ignore[arg-type]
    return out


def test_batches_cover_every_document_once() -> None:
    for n in (0, 1, 7, 40):
        for workers in (1, 2, 8):
            got = [i for b in batches(n, workers) for i in b]
            assert got == list(range(n))
    assert [len(b) for b in batches(10, 1, batch_size=4)] == [4, 4, 2]


def test_executor_choice() -> None:
    assert isinstance(make_executor(ExtractSettings(out_dir=Path("/tmp/x"), workers=1), 5), SequentialExecutor)
    assert isinstance(make_executor(ExtractSettings(out_dir=Path("/tmp/x"), workers=3), 1), SequentialExecutor)
    pool = make_executor(ExtractSettings(out_dir=Path("/tmp/x"), workers=3), 5)
    assert isinstance(pool, ProcessExecutor) and pool.workers == 3
    with pytest.raises(ValueError, match="--scheduler needs --executor dask"):
        ExtractSettings(out_dir=Path("/tmp/x"), scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ValueError, match="unknown reader"):
        ExtractSettings(out_dir=Path("/tmp/x"), reader="poppler")


def test_same_outputs_for_any_number_of_workers(tmp_path: Path) -> None:
    one = _extract(SAMPLE_PDFS, tmp_path / "w1", workers=1, reader="pdfium")
    two = _extract(SAMPLE_PDFS, tmp_path / "w2", workers=2, reader="pdfium")
    three = _extract(SAMPLE_PDFS, tmp_path / "w3", workers=3, reader="pdfium")
    assert list(one.rglob("*.csv"))
    assert _csv_differences(one, two) == []
    assert _csv_differences(one, three) == []


def crash_on_second(path: Path) -> str:
    """A worker function that dies (no exception: the process is gone) on one document."""
    if path.name == "b.pdf":
        os._exit(3)
    return path.name


def test_a_dying_worker_fails_only_its_document(tmp_path: Path) -> None:
    paths = [tmp_path / n for n in ("a.pdf", "b.pdf", "c.pdf", "d.pdf")]
    for p in paths:
        p.write_bytes(b"%PDF-1.4\n")
    done: list[str] = []
    results = ProcessExecutor(2).map(crash_on_second, paths, lambda p: done.append(p.name))
    assert results[0] == "a.pdf" and results[2] == "c.pdf" and results[3] == "d.pdf"
    crashed = results[1].document
    assert crashed["source_file"] == "b.pdf" and crashed["status"] == "internal_error"
    assert "worker process died" in crashed["error"]
    assert sorted(done) == ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]


def read_again(path: Path) -> str:
    """The fallback reader of the test below: it reads what crashed the first one."""
    return f"fallback:{path.name}"


def test_a_document_that_kills_its_worker_is_read_again_with_the_fallback(tmp_path: Path) -> None:
    paths = [tmp_path / n for n in ("a.pdf", "b.pdf", "c.pdf")]
    for p in paths:
        p.write_bytes(b"%PDF-1.4\n")
    results = ProcessExecutor(2, fallback=read_again).map(crash_on_second, paths)
    assert results == ["a.pdf", "fallback:b.pdf", "c.pdf"]


def test_the_pdfium_reader_falls_back_to_pdfplumber() -> None:
    settings = ExtractSettings(out_dir=Path("out"), workers=2, reader="pdfium")
    executor = make_executor(settings, 3)
    assert isinstance(executor, ProcessExecutor) and executor.fallback is not None
    assert executor.fallback.keywords["reader"] == "pdfplumber"  # type: ignore[attr-defined]
    reference = make_executor(ExtractSettings(out_dir=Path("out"), workers=2, reader="pdfplumber"), 3)
    assert isinstance(reference, ProcessExecutor) and reference.fallback is None


def test_dask_local_cluster_same_outputs(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    inputs = [p for p in SAMPLE_PDFS if p.stat().st_size < 400_000][:3]
    local = _extract(inputs, tmp_path / "local", workers=1, reader="pdfium")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        dask = _extract(inputs, tmp_path / "dask", executor="dask", scheduler=cluster.scheduler_address,
                        batch_size=2, reader="pdfium")  # fmt: skip
    assert _csv_differences(local, dask) == []
