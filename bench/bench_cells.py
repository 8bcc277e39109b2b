"""Cell accuracy over every hand-checked table (issue 17): the producer samples
(producer_samples/pdf against tests/expected_producers/) and the real-PDF page tables typed from
their page images (tests/golden_real/pages/index.csv, only those pages extracted).

    .venv/bin/python bench/bench_cells.py [--real ../shared/real_pdfs]

Prints tools/cell_accuracy.py's line per table and a total per corpus and over both.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adilet.pipeline import run_extract  # noqa: E402
from adilet.settings import ExtractSettings  # noqa: E402
from tools.cell_accuracy import accuracy, copy_pages, page_case_stem, page_numbers, read_rows, table_accuracy  # noqa: E402


def producer_accuracy(work: Path) -> dict[str, tuple[int, int]]:
    out = work / "producers"
    run_extract(sorted((ROOT / "producer_samples" / "pdf").glob("*.pdf")), ExtractSettings(out_dir=out, report=False, cache=False))
    return accuracy(out, ROOT / "tests" / "expected_producers")


def real_page_accuracy(work: Path, real: Path) -> dict[str, tuple[int, int]]:
    pages = ROOT / "tests" / "golden_real" / "pages"
    with (pages / "index.csv").open(encoding="utf-8", newline="") as fh:
        cases = list(csv.DictReader(fh))
    pdfs: dict[str, Path] = {}
    (work / "in").mkdir()
    for case in cases:
        stem = page_case_stem(case["file"], case["pages"])
        if stem not in pdfs:
            pdfs[stem] = work / "in" / f"{stem}.pdf"
            copy_pages(real / case["file"], page_numbers(case["pages"]), pdfs[stem])
    out = work / "real"
    run_extract(sorted(pdfs.values()), ExtractSettings(out_dir=out, report=False, cache=False))
    result = {}
    for case in cases:
        got = out / "tables" / page_case_stem(case["file"], case["pages"]) / f"table_{int(case['table']):02d}.csv"
        result[f"real/{case['case']}"] = table_accuracy(read_rows(pages / f"{case['case']}.csv"), read_rows(got))
    return result


def _total(result: dict[str, tuple[int, int]]) -> tuple[int, int]:
    return sum(r for r, _ in result.values()), sum(t for _, t in result.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real_pdfs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {"producers": producer_accuracy(Path(tmp))}
        if args.real.is_dir():
            corpora["real pages"] = real_page_accuracy(Path(tmp), args.real)
    everything: dict[str, tuple[int, int]] = {}
    for name, result in corpora.items():
        for key, (right, total) in result.items():
            print(f"{key}: {right}/{total} cells ({100 * right / max(total, 1):.1f}%)")
        right, total = _total(result)
        print(f"== {name}: {right}/{total} cells ({100 * right / max(total, 1):.1f}%)")
        everything.update({f"{name}/{k}": v for k, v in result.items()})
    right, total = _total(everything)
    print(f"== all: {right}/{total} cells ({100 * right / max(total, 1):.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
