#!/usr/bin/env python3
"""Benchmark what users run against its peers, on the same PDFs (``make bench``).

Corpus (:mod:`bench.corpus`): samples/, the real PDFs in ../shared/real_pdfs and Adilet-like
acts generated on the fly into a temporary folder. Timed, one after the other:

* the headline, ``adilet extract FILES --out DIR`` as a user types it: the CLI's defaults
  (report on, every core), a fresh DIR each time (no cache), start-up included; then the same
  with ``-j 1`` and with ``--no-report -j 1`` (the report's share of a run is the difference);
* peers on the same pages, each in this process after an untimed warm-up: pypdfium2 text (the
  floor), PyMuPDF text, PyMuPDF ``find_tables``, pdfplumber ``extract_tables``, tabula-py lattice
  (one JVM for all files, started before the timing), camelot lattice (the last three on a
  subset of whole documents when they are slow);
* ``ours (pdfplumber reader)`` in process on the subset, and whether both readers agree;
* scaling: the default CLI run with 1..N worker processes, and whether every CSV is identical;
* a profile of ours (pdfium, 1 worker, in process): the share of time per component.

Pages/s count every page of every document; ratios compare rates measured on the same PDFs.
Every contender is timed ``--repeat`` times (default 3) and its fastest run counts, the same for
all. Peak memory is the peak resident set of this process and its children during each measurement.
Nothing is written outside /tmp. ``--check`` exits non-zero when a target is missed.
"""

from __future__ import annotations

import argparse
import cProfile
import filecmp
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import CorpusFile, corpus  # noqa: E402

# issue 18's targets for the default CLI run (report included, start-up included)
TARGET_ONE_WORKER = 130.0  # pages/s
TARGET_TWO_WORKERS = 220.0
TARGET_VS = {"tabula-py lattice": 2.0, "PyMuPDF find_tables": 4.0, "pdfplumber extract_tables": 7.0,
             "camelot lattice": 30.0}  # fmt: skip
TARGET_REPORT_SHARE = 0.10
ADILET = Path(sys.executable).with_name("adilet")


# --------------------------------------------------------------------------------------------
# memory


def _status_kb(pid: int | str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    """The children of ``pid``, from /proc/PID/task/*/children (a few small files, where listing
    every process of the machine, as the sampler did first, cost 0.65 ms per sample)."""
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _tree(root: int) -> list[int]:
    """``root`` and every descendant process (pool workers are the forkserver's children)."""
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(_children(p))
    return out


def _reset_own_peak() -> bool:
    """Reset this process's peak resident set (VmHWM), so it is the peak of one measurement."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


class PeakMemory:
    """Peak resident set of this process tree while active: this process's own peak from the
    kernel (VmHWM, reset on entry), worker processes sampled every 20 ms. The sampler thread
    shares the GIL with the work measured, so each sample is kept cheap (~0.05 ms)."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(_status_kb(p, "VmRSS:") for p in _tree(me)))
            self._stop.wait(0.02)

    def __enter__(self) -> PeakMemory:
        self._own_exact = _reset_own_peak()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self._own_exact:  # the kernel's peak of this process, plus what the last sample saw of workers
            children = sum(_status_kb(p, "VmRSS:") for p in _tree(os.getpid())[1:])
            self.peak_kb = max(self.peak_kb, _status_kb("self", "VmHWM:") + children)


# --------------------------------------------------------------------------------------------
# the contenders


def pdfium_text(files: Sequence[CorpusFile]) -> None:
    import pypdfium2 as pdfium

    for f in files:
        pdf = pdfium.PdfDocument(str(f.path))
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        pdf.close()


def pymupdf_text(files: Sequence[CorpusFile]) -> None:
    import pymupdf

    for f in files:
        with pymupdf.open(f.path) as doc:
            for page in doc:
                page.get_text()


def pymupdf_tables(files: Sequence[CorpusFile]) -> None:
    import pymupdf

    for f in files:
        with pymupdf.open(f.path) as doc:
            for page in doc:
                for table in page.find_tables().tables:
                    table.extract()


def tabula_lattice(files: Sequence[CorpusFile]) -> None:
    import tabula

    for f in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                tabula.read_pdf(str(f.path), pages="all", lattice=True, silent=True)
            except Exception:  # noqa: BLE001 - a page tabula cannot read still took its time
                pass


def have(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        print(f"  ({module} is not installed: pip install '.[bench]'; its row is skipped)")
        return False
    return True


def cli(files: Sequence[CorpusFile], out: Path, *options: str) -> None:
    """``adilet extract`` as a user runs it, in a fresh output folder (nothing cached)."""
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([str(ADILET), "extract", *(str(f.path) for f in files), "--out", str(out), *options],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    if proc.returncode not in (0, 1):  # 1: some documents failed (scans without --ocr)
        raise SystemExit(f"adilet extract failed ({proc.returncode}): {proc.stderr[-2000:]}")


def plumber_tables(files: Sequence[CorpusFile]) -> None:
    import pdfplumber

    for f in files:
        with pdfplumber.open(f.path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.flush_cache()


def camelot_lattice(files: Sequence[CorpusFile]) -> None:
    import camelot

    for f in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                camelot.read_pdf(str(f.path), pages="all", flavor="lattice")
            except Exception:  # noqa: BLE001 - a page camelot cannot read still took its time
                pass


def ours(files: Sequence[CorpusFile], out: Path, backend: str, workers: int = 1) -> None:
    from adilet.pipeline import run_extract
    from adilet.settings import ExtractSettings

    shutil.rmtree(out, ignore_errors=True)
    settings = ExtractSettings(out_dir=out, reader=backend, workers=workers, report=False)
    run_extract([f.path for f in files], settings)


@dataclass
class Result:
    name: str
    pages: int
    seconds: float
    peak_mb: float

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


REPEAT = 3  # every contender is timed this many times; the fastest run counts (``--repeat``)


def measure(name: str, files: Sequence[CorpusFile], fn: Callable[[], None], repeat: int = REPEAT) -> Result:
    """The best of ``repeat`` runs (the same count for every contender: on a shared machine a
    run can only be slowed down by others, so the minimum is the closest to the work's own
    cost, as ``timeit`` reports it), and the highest peak memory of them."""
    pages = sum(f.pages for f in files)
    dt, peak = float("inf"), 0
    for _ in range(max(1, repeat)):
        with PeakMemory() as mem:
            t0 = time.perf_counter()
            fn()
            dt = min(dt, time.perf_counter() - t0)
        peak = max(peak, mem.peak_kb)
    r = Result(name, pages, dt, peak / 1024)
    print(f"  {name:34s} {pages:5d} pages {dt:8.2f} s {r.rate:8.1f} pages/s  peak {r.peak_mb:6.0f} MB", flush=True)
    return r


# --------------------------------------------------------------------------------------------
# profile


GROUPS = (
    ("extract/readers/pdfium", "pdfium reading (chars, rulings)"),
    ("pypdfium2", "pdfium reading (chars, rulings)"),
    ("pdfplumber/table", "table finder (pdfplumber.table)"),
    ("extract/tables/cells_to_grid", "grid building + cell text"),
    ("extract/chars_to_lines", "grid building + cell text"),
    ("statistics", "grid building + cell text"),
    ("extract/stitch", "stitching"),
    ("normalize/glyph", "glyph repair"),
    ("normalize/kazakh_lm", "glyph repair"),
    ("extract/document_repair", "glyph repair"),
    ("normalize/", "other normalizers (text, numbers, wraps)"),
    ("extract/families", "families"),
    ("extract/act_metadata", "act metadata"),
    ("schemas/", "validation + writing"),
    ("adilet/write", "validation + writing"),
    ("adilet/outputs", "validation + writing"),
    ("pandera", "validation + writing"),
    ("pandas", "validation + writing"),
    ("pyarrow", "validation + writing"),
)


def profile(files: Sequence[CorpusFile], out: Path) -> Counter[str]:
    """Exclusive time per component (callers' time charged to the component that spends it)."""
    prof = cProfile.Profile()
    prof.enable()
    ours(files, out, "pdfium")
    prof.disable()
    shares: Counter[str] = Counter()
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in pstats.Stats(prof).stats.items():  # type: ignore[attr-defined]
        group = next((g for pat, g in GROUPS if pat in filename), None)
        if group is None:
            group = "C calls and the rest" if filename == "~" else "other Python"
        shares[group] += tottime
    return shares


# --------------------------------------------------------------------------------------------


def same_csvs(a: Path, b: Path) -> list[str]:
    """CSV files (datasets and per-table CSVs) that differ between two output folders."""
    names = sorted({p.relative_to(a) for p in a.rglob("*.csv")} | {p.relative_to(b) for p in b.rglob("*.csv")})
    return [str(n) for n in names if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, False))]


BOX_COLUMNS = ("x0", "top", "x1", "bottom")


def reader_differences(a: Path, b: Path) -> list[str]:
    """CSVs that differ between the two readers' outputs, beyond what is documented: in
    ``tables.csv`` the ``backend`` column names the reader and cell boxes may differ by 0.01 pt."""
    import pandas as pd

    out = []
    for name in same_csvs(a, b):
        if name != "tables.csv":
            out.append(name)
            continue
        x = pd.read_csv(a / name, dtype=str, keep_default_na=False)
        y = pd.read_csv(b / name, dtype=str, keep_default_na=False)
        other = [c for c in x.columns if c not in ("backend", *BOX_COLUMNS)]
        boxes = x.shape == y.shape and all(
            (abs(x[c].astype(float) - y[c].astype(float)) <= 0.011).all() for c in BOX_COLUMNS)  # fmt: skip
        if x.shape != y.shape or not x[other].equals(y[other]) or not boxes:
            out.append(name)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=12, help="generated documents (default 12)")
    ap.add_argument("--pages", type=int, default=30, help="pages per generated document (about; default 30)")
    ap.add_argument("--subset-pages", type=int, default=60, help="pages of whole documents for camelot and "
                    "the pdfplumber pipeline (default 60)")  # fmt: skip
    ap.add_argument("--workers", default="", help="worker counts for the scaling run (default 1..cores)")
    ap.add_argument("--repeat", type=int, default=REPEAT, help=f"runs per contender, the best counts (default {REPEAT})")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    def timed(name: str, files: Sequence[CorpusFile], fn: Callable[[], None]) -> Result:
        return measure(name, files, fn, args.repeat)

    from adilet.executors import cores

    tmp = Path(tempfile.mkdtemp(prefix="adilet-bench-", dir="/tmp"))
    try:
        files = corpus(tmp, args.docs, args.pages)
        kinds = Counter()
        for f in files:
            kinds[f.kind] += f.pages
        total = sum(f.pages for f in files)
        load = os.getloadavg()[0]
        print(f"corpus: {len(files)} PDFs, {total} pages ({', '.join(f'{k} {v}' for k, v in kinds.items())}); "
              f"{platform.node()}, {cores()} cores, {platform.processor() or platform.machine()}, load {load:.1f} "
              f"at start; {time.strftime('%Y-%m-%d %H:%M %Z')}; best of {args.repeat}", flush=True)  # fmt: skip
        subset: list[CorpusFile] = []  # whole documents, smallest first per kind, up to --subset-pages pages
        for f in sorted(files, key=lambda f: (f.kind != "sample", f.pages)):
            if sum(x.pages for x in subset) + f.pages <= args.subset_pages:
                subset.append(f)
        small = [min(files, key=lambda f: f.pages if f.kind == "sample" else 10**9)]
        peers: list[tuple[str, Callable[[Sequence[CorpusFile]], None], bool, str]] = [
            ("pypdfium2 text (floor)", pdfium_text, False, "pypdfium2"),
            ("PyMuPDF text", pymupdf_text, False, "pymupdf"),
            ("pdfplumber extract_tables", plumber_tables, False, "pdfplumber"),
            ("tabula-py lattice", tabula_lattice, False, "tabula"),
            ("PyMuPDF find_tables", pymupdf_tables, True, "pymupdf"),
            ("camelot lattice", camelot_lattice, True, "camelot"),
        ]  # (name, run, on the subset only, module)
        peers = [p for p in peers if have(p[3])]
        for _, fn, _, _ in peers:  # warm-up, not timed: imports, tabula's JVM, camelot's first call
            fn(small)
        cli(small, tmp / "warm")
        ours(small, tmp / "warm_p", "pdfplumber")

        print("\nas users run it (the whole command, start-up included, full corpus):")
        default = timed("adilet extract (defaults)", files, lambda: cli(files, tmp / "cli"))
        one = timed("adilet extract -j 1", files, lambda: cli(files, tmp / "cli1", "-j", "1"))
        bare = timed("adilet extract --no-report -j 1", files, lambda: cli(files, tmp / "cli0", "--no-report", "-j", "1"))
        report_share = max(0.0, 1 - bare.rate / one.rate) if one.rate else 0.0
        print(f"  the report's share of a run (1 worker): {100 * report_share:.1f} %")

        print("\npeers (in this process, after a warm-up):")
        rates: dict[str, Result] = {}
        for name, fn, sub, _ in peers:
            on = subset if sub else files
            rates[name] = timed(name + (f" (subset, {len(on)} docs)" if sub else ""), on, lambda fn=fn, on=on: fn(on))

        print(f"\nsubset ({len(subset)} whole documents, in process):")
        plum = timed("ours (pdfplumber reader)", subset, lambda: ours(subset, tmp / "sub_p", "pdfplumber"))
        fast_sub = timed("ours (pdfium reader)", subset, lambda: ours(subset, tmp / "sub_f", "pdfium"))
        backend_diff = reader_differences(tmp / "sub_p", tmp / "sub_f")

        print("\nscaling (the default CLI run, worker processes):")
        counts = [int(x) for x in args.workers.split(",") if x] or sorted({1, *range(2, cores() + 1)})
        scaling = []
        for n in counts:
            r = timed(f"adilet extract -j {n}", files, lambda n=n: cli(files, tmp / f"out_w{n}", "-j", str(n)))
            scaling.append((n, r, same_csvs(tmp / "cli", tmp / f"out_w{n}")))
        print("  " + "; ".join(f"{n}: x{r.rate / scaling[0][1].rate:.2f}" + (" (CSVs identical)" if not d else
                                f" ({len(d)} CSVs differ: {d[:3]})") for n, r, d in scaling))  # fmt: skip

        print("\nratios (the default CLI run against each peer, same PDFs; a subset peer's rate is its own):")
        for name, r in rates.items():
            print(f"  ours (defaults) / {name:28s} {default.rate / r.rate:7.2f} x" +
                  (f"  (target {TARGET_VS[name]:g} x)" if name in TARGET_VS else ""))  # fmt: skip
        print(f"  ours (pdfium) / ours (pdfplumber), subset: {fast_sub.rate / plum.rate:6.1f} x")
        print(f"  pdfium vs pdfplumber reader, subset CSVs:  {'identical (tables.csv boxes within 0.01 pt)' if not backend_diff else f'{len(backend_diff)} differ: {backend_diff[:4]}'}")

        if not args.no_profile:
            shares = profile(files, tmp / "prof")
            whole = sum(shares.values())
            print("\nprofile of ours (pdfium, 1 worker, in process), exclusive time:")
            for g, t in shares.most_common():
                print(f"  {g:42s} {100 * t / whole:5.1f} %")

        two = next((r for n, r, _ in scaling if n == 2), None)
        checks = [
            (f"defaults, 1 worker >= {TARGET_ONE_WORKER:g} pages/s", one.rate >= TARGET_ONE_WORKER, f"{one.rate:.1f}"),
            (f"defaults, 2 workers >= {TARGET_TWO_WORKERS:g} pages/s", two is not None and two.rate >= TARGET_TWO_WORKERS,
             f"{two.rate:.1f}" if two else "not run"),
            (f"report <= {100 * TARGET_REPORT_SHARE:g} % of a run", report_share <= TARGET_REPORT_SHARE,
             f"{100 * report_share:.1f} %"),
            *((f"defaults >= {t:g} x {name}", name in rates and default.rate / rates[name].rate >= t,
               f"{default.rate / rates[name].rate:.1f} x" if name in rates else "not run") for name, t in TARGET_VS.items()),
            ("outputs identical for every worker count", all(not d for _, _, d in scaling), ""),
        ]  # fmt: skip
        print("\ntargets:")
        for name, ok, value in checks:
            print(f"  [{'met' if ok else 'MISSED'}] {name} {value}")
        return 0 if (not args.check or all(ok for _, ok, _ in checks)) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
