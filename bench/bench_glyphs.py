#!/usr/bin/env python3
"""Benchmark the displaced-letter repair on held-out clean Kazakh text (``make bench-glyphs``).

The held-out text is clean seed 004 (``../shared/seeds/004_*.txt``), which
``tools/build_kazakh_lm.py`` never trains on. It is corrupted by :mod:`bench.corrupt` under
several random seeds, repaired, and compared line by line with the clean text:

* letters placed: Kazakh letters of the clean text that the repair put back in the right place
  (character alignment of the clean and repaired line);
* affected lines exact: lines the corruption changed that the repair restored exactly, overall
  and without letter-spaced lines (``а р н а л ғ а н``, where a one-letter word is ambiguous);
* unaffected lines untouched: lines without Kazakh letters that the corruption left alone and the
  repair did not change (a line with Kazakh letters counts as affected even when the corruption
  happens to reproduce it, e.g. a one-letter run);
* lines/s: all lines of the document through :func:`repair_text`, one core, cold word cache.

Two baselines run in the same process: ``tails left`` (no repair at all) and ``lexicon only``
(the same search scoring a word 0 when the lexicon knows it and -1 otherwise). Writes nothing.
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corrupt import CorruptionConfig, corrupt_text, split_runs  # noqa: E402
from normalize.glyph_alphabet import KZ_LETTERS  # noqa: E402
from normalize.glyph_lines import repair_lines  # noqa: E402
from normalize.glyph_repair import repair_text_with  # noqa: E402
from normalize.kazakh_lm import KazakhLexicon  # noqa: E402

SEEDS_DIR = ROOT.parent / "shared" / "seeds"
HELD_OUT = "004"
_GROUP = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһ]+")
_LETTER_SPACED = re.compile(r"(?:^|\s)(?:\w ){3,}\w(?:\s|$)")


@dataclass
class Metrics:
    letters: int = 0
    letters_ok: int = 0
    affected: int = 0
    affected_ok: int = 0
    affected_plain: int = 0
    affected_plain_ok: int = 0
    unaffected: int = 0
    unaffected_ok: int = 0
    lines: int = 0
    seconds: float = 0.0

    def add(self, clean: list[str], corrupted: list[str], repaired: list[str]) -> None:
        for c, k, r in zip(clean, corrupted, repaired, strict=True):
            self.lines += 1
            n = sum(ch in KZ_LETTERS for ch in c)
            self.letters += n
            self.letters_ok += n if r == c else _aligned_letters(c, r)
            if k == c and not n:
                self.unaffected += 1
                self.unaffected_ok += r == k
                continue
            self.affected += 1
            self.affected_ok += r == c
            if not _LETTER_SPACED.search(c):
                self.affected_plain += 1
                self.affected_plain_ok += r == c

    def row(self) -> dict[str, float]:
        return {
            "letters placed": self.letters_ok / max(1, self.letters),
            "affected lines exact": self.affected_ok / max(1, self.affected),
            "affected exact, letter-spaced aside": self.affected_plain_ok / max(1, self.affected_plain),
            "unaffected untouched": self.unaffected_ok / max(1, self.unaffected),
            "lines/s": self.lines / self.seconds if self.seconds else float("nan"),
        }


class LexiconOnly:
    """Baseline model: a word scores 0 when the lexicon knows it, -1 otherwise; no spacing cues."""

    double_space = 0.0
    double_space_end = 0.0

    def __init__(self, lm: KazakhLexicon) -> None:
        self.lm = lm

    def score(self, word: str) -> float:
        return 0.0 if self.lm.known(word) else -1.0

    def glue_left(self, ch: str, prev: str = " ") -> float:
        return 0.0

    def glue_right(self, ch: str, nxt: str = " ") -> float:
        return 0.0

    def plausible_junction(self, before: str, group: str, after: str) -> bool:
        return True


def _aligned_letters(clean: str, repaired: str) -> int:
    """Kazakh letters of ``clean`` that a character alignment matches in ``repaired``."""
    sm = difflib.SequenceMatcher(None, clean, repaired, autojunk=False)
    return sum(ch in KZ_LETTERS for a, _, size in sm.get_matching_blocks() for ch in clean[a : a + size])


def position_shares(text: str, seed: int = 0) -> dict[str, float]:
    """Where the simulator's removed groups sit, as shares (to compare with seed 002's facts)."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    cfg = CorruptionConfig()
    for line in text.split("\n"):
        for run in split_runs(line, rng, cfg):
            for m in _GROUP.finditer(run):
                if m.end() == len(run):
                    counts["run end"] += 1
                elif m.start() == 0:
                    counts["run start"] += 1
                elif run[m.start() - 1] == " ":
                    counts["word start after a space"] += 1
                elif run[m.end()].isalpha():
                    counts["inside a word"] += 1
                else:
                    counts["word end"] += 1
    total = max(1, sum(counts.values()))
    return {k: round(v / total, 2) for k, v in counts.most_common()}


def held_out_text(seeds_dir: Path = SEEDS_DIR, name: str = HELD_OUT) -> str:
    paths = sorted(seeds_dir.glob(f"{name}_*.txt"))
    if not paths:
        raise SystemExit(f"held-out seed {name} not found in {seeds_dir}")
    return paths[0].read_text(encoding="utf-8")


def run(clean_text: str, seeds: list[int], repair: Callable[[str], list[str]], timed: bool) -> Metrics:
    m = Metrics()
    clean = clean_text.split("\n")
    for seed in seeds:
        corrupted = corrupt_text(clean_text, seed=seed)
        t0 = time.perf_counter()
        repaired = repair(corrupted)
        if timed:
            m.seconds += time.perf_counter() - t0
        m.add(clean, corrupted.split("\n"), repaired)
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5, help="corruption seeds (each a full pass)")
    ap.add_argument("--show", type=int, default=0, help="print this many wrong lines")
    ap.add_argument("--held-out", default=HELD_OUT,
                    help="seed to test on (tuning: 001 with a model built with --exclude 001 --exclude 004)")  # fmt: skip
    ap.add_argument("--data-dir", type=Path, default=None, help="model directory (default normalize/data)")
    args = ap.parse_args(argv)
    text = held_out_text(name=args.held_out)
    seeds = list(range(args.seeds))
    t0 = time.perf_counter()
    lm = KazakhLexicon.from_dir(args.data_dir) if args.data_dir else KazakhLexicon.load()
    load = time.perf_counter() - t0

    def full(doc: str) -> list[str]:
        return repair_text_with(doc, lambda: lm).text.split("\n")

    def lexicon_only(doc: str) -> list[str]:
        return repair_lines(doc.split("\n"), LexiconOnly(lm))[0]

    lm.clear_cache()
    results = {
        "repair": run(text, seeds, full, timed=True),
        "tails left": run(text, seeds, lambda d: d.split("\n"), timed=False),
        "lexicon only": run(text, seeds, lexicon_only, timed=True),
    }
    print(f"held-out text: seed {args.held_out} ({len(text.splitlines())} lines), {len(seeds)} corruption seeds; "
          f"model load {load:.2f}s")  # fmt: skip
    header = ["metric", *results]
    print(" | ".join(f"{h:>36}" if i == 0 else f"{h:>13}" for i, h in enumerate(header)))
    ours = results["repair"].row()
    for key in ours:
        cells = []
        for m in results.values():
            v = m.row()[key]
            cells.append(f"{v:13.1f}" if key == "lines/s" else f"{100 * v:12.2f}%")
        print(f"{key:>36} | " + " | ".join(cells))
    r = results["repair"]
    print(f"letters {r.letters_ok}/{r.letters}, affected lines {r.affected_ok}/{r.affected} "
          f"({r.affected_plain_ok}/{r.affected_plain} letter-spaced aside), "
          f"unaffected {r.unaffected_ok}/{r.unaffected}")  # fmt: skip
    base = results["lexicon only"].row()
    print("ratio repair / lexicon-only: letters {:.3f}x, affected lines {:.3f}x".format(
        ours["letters placed"] / max(1e-9, base["letters placed"]),
        ours["affected lines exact"] / max(1e-9, base["affected lines exact"])))  # fmt: skip
    print("simulated group positions:", position_shares(text), "(seed 002: inside a word 0.54, word end 0.18, "
          "word start after a space 0.18, run start 0.07, run end 0.03)")  # fmt: skip
    real = sorted(SEEDS_DIR.glob("002_*.txt"))
    if real:
        doc = real[0].read_text(encoding="utf-8")
        lm.clear_cache()
        t0 = time.perf_counter()
        result = repair_text_with(doc, lambda: lm)
        dt = time.perf_counter() - t0
        n = doc.count("\n") + 1
        print(f"seed 002 (real corruption): {n} lines in {dt:.2f}s = {n / dt:.0f} lines/s; "
              f"{result.lines_changed} lines changed, {result.letters_placed} letters placed, "
              f"{len(result.unplaced)} lines with unplaced letters")  # fmt: skip
    if args.show:
        clean = text.split("\n")
        shown = 0
        for seed in seeds:
            corrupted = corrupt_text(text, seed=seed).split("\n")
            for c, k, x in zip(clean, corrupted, full("\n".join(corrupted)), strict=True):
                if x != c and shown < args.show:
                    print(f"-- clean:    {c!r}\n   corrupt:  {k!r}\n   repaired: {x!r}")
                    shown += 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
