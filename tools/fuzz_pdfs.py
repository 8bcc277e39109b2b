"""Fuzz the pipeline with mutated sample PDFs: every outcome must be a result with a named status.

    .venv/bin/python tools/fuzz_pdfs.py [--mutations N] [--seed S]     (make fuzz: 1,000 mutations)

Each mutation takes a sample PDF and flips bytes, truncates, deletes, duplicates or splices
chunks, or zeroes a stream; the mutated file is run through the same per-document function as
`adilet extract`, with each reader (pdfium, the default, and pdfplumber). A crash, or a document
reported as ``internal_error`` (an exception the pipeline did not name), is a failure: its input
is kept in /tmp/adilet-fuzz-failures.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from adilet.process import process_file

ROOT = Path(__file__).resolve().parent.parent
FAILURES = Path(tempfile.gettempdir()) / "adilet-fuzz-failures"


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random structural or byte-level mutation."""
    buf = bytearray(data)
    kind = rng.choice(["flip", "truncate", "delete", "duplicate", "splice", "zero", "digits"])
    n = len(buf)
    a = rng.randrange(n)
    b = min(n, a + rng.randint(1, 4096))
    if kind == "flip":
        for _ in range(rng.randint(1, 64)):
            buf[rng.randrange(n)] = rng.randrange(256)
    elif kind == "truncate":
        del buf[a:]
    elif kind == "delete":
        del buf[a:b]
    elif kind == "duplicate":
        buf[a:a] = buf[a:b]
    elif kind == "splice":
        c = rng.randrange(n)
        buf[c:c] = bytes(buf[a:b])[::-1]
    elif kind == "zero":
        buf[a:b] = bytes(b - a)
    else:  # change numbers: object refs, lengths, offsets
        for _ in range(rng.randint(1, 16)):
            i = rng.randrange(n)
            if 48 <= buf[i] <= 57:
                buf[i] = rng.randint(48, 57)
    return bytes(buf)


READERS = ("pdfium", "pdfplumber")


def run(mutations: int, seed: int, samples: list[Path], readers: tuple[str, ...] = READERS) -> Counter[str]:
    """Statuses over all mutations and readers (an ``internal_error`` under any reader counts)."""
    rng = random.Random(seed)
    statuses: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(mutations):
            src = rng.choice(samples)
            path = Path(tmp) / f"m{i:05d}_{src.name}"
            path.write_bytes(mutate(src.read_bytes(), rng))
            for reader in readers:
                status = str(process_file(path, reader=reader).document["status"])
                statuses[status] += 1
                if status == "internal_error":
                    FAILURES.mkdir(exist_ok=True)
                    shutil.copy(path, FAILURES / f"{reader}_{path.name}")
            path.unlink()
    return statuses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mutations", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261122)
    args = ap.parse_args(argv)
    samples = sorted(p for p in (ROOT / "samples").glob("*.pdf") if p.stat().st_size < 200_000)
    start = time.perf_counter()
    statuses = run(args.mutations, args.seed, samples)
    took = time.perf_counter() - start
    print(f"{args.mutations} mutations of {len(samples)} samples, each read by {' and '.join(READERS)}, in "
          f"{took:.0f} s: {dict(sorted(statuses.items()))}")
    if statuses["internal_error"]:
        print(f"FAIL: {statuses['internal_error']} unnamed errors; inputs kept in {FAILURES}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
