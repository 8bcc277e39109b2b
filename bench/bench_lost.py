#!/usr/bin/env python3
"""Every corruption mode on held-out running text (part of ``make bench-glyphs``).

**Held-out text.** The Debian Kazakh translation catalogues that :func:`tools.lm_corpus.split_of`
holds out (one document in ten, by hash of its id; ``tools/build_kazakh_lm.py`` never counts
them), their messages joined into lines of up to :data:`LINE_CHARS` characters (running text,
numbers and Latin product names included), repeated lines dropped, with a Russian line (from the
Russian ``.mo`` catalogues of the machine) after every :data:`RUSSIAN_EVERY` Kazakh lines. The
packages are fetched with ``apt-get download`` into ``--corpus-cache`` when missing.

**Modes.** ``clean`` (the text as it is: every line must come back untouched), ``displaced`` (:mod:`bench.corrupt`, the seed 002 simulator), ``gaps`` (each group of
Kazakh letters deleted, leaving one space except at a word start), ``dropped`` (deleted without
a trace), ``lookalike`` (Russian look-alikes typed: қ→к, ғ→г, ң→н, ү/ұ→у, ө→о, ә→а, һ→х) and
``latin`` (Latin look-alikes inside the Cyrillic words of Kazakh lines: і→i always, а/е/о/с/р
in one word of three). Russian lines are never corrupted.

**Metrics**, by character alignment of clean, corrupted and repaired lines: letters restored
(clean characters the corruption changed that the repair put back), lines exact (affected lines
equal to the clean line), unaffected untouched (lines the corruption left as they were and the
repair did not change), false changes (clean characters the corruption left intact that the
repair broke), lines/s (:func:`normalize.glyph_repair.repair_text_with`, one core, cold cache).
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corrupt import corrupt_text  # noqa: E402
from normalize.glyph_alphabet import KZ_LETTERS  # noqa: E402
from normalize.glyph_lost import gap_skeleton  # noqa: E402
from normalize.glyph_repair import repair_text_with  # noqa: E402
from normalize.kazakh_lm import KazakhLexicon  # noqa: E402
from tools.lm_corpus import documents, mo_messages, split_of  # noqa: E402

LINE_CHARS = 110
RUSSIAN_EVERY = 6
MODES = ("clean", "displaced", "gaps", "dropped", "lookalike", "latin")
_LOOK = str.maketrans("қғңүұөәһҚҒҢҮҰӨӘҺ", "кгнууоахКГНУУОАХ")
_DROP = str.maketrans({ch: None for ch in KZ_LETTERS})
_LATIN_ALWAYS = str.maketrans("іІ", "iI")
_LATIN_SOME = str.maketrans("аеосрАЕОСР", "aeocpAEOCP")


def _kazakh(line: str) -> bool:
    return any(ch in KZ_LETTERS for ch in line)


def held_out_lines(cache: Path, limit: int) -> tuple[list[str], str]:
    docs = [d for d in documents(cache) if split_of(d.doc_id) == "heldout"]
    seen: set[str] = set()
    kk: list[str] = []
    for d in docs:
        cur = ""
        for msg in d.lines:
            msg = " ".join(msg.split())
            if len(msg.split()) < 2:
                continue
            if cur and len(cur) + 1 + len(msg) > LINE_CHARS:
                if cur not in seen and _kazakh(cur):
                    seen.add(cur)
                    kk.append(cur)
                cur = ""
            cur = f"{cur} {msg}".strip()
    ru: list[str] = []
    for path in sorted(Path("/usr/share/locale/ru/LC_MESSAGES").glob("*.mo")):
        for msg in mo_messages(path.read_bytes()):
            msg = " ".join(msg.split())
            if 40 <= len(msg) <= LINE_CHARS and msg not in seen and len(msg.split()) >= 5:
                seen.add(msg)
                ru.append(msg)
    kk = kk[:limit]
    out: list[str] = []
    for i, line in enumerate(kk):
        out.append(line)
        if ru and i % RUSSIAN_EVERY == RUSSIAN_EVERY - 1:
            out.append(ru[(i // RUSSIAN_EVERY) % len(ru)])
    what = (f"held-out running text: {len(docs)} Debian kk catalogues never counted by the model "
            f"(tools/lm_corpus.split_of), {len(kk)} distinct Kazakh lines of up to {LINE_CHARS} chars, "
            f"{len(out) - len(kk)} Russian lines (system ru .mo catalogues) mixed in")  # fmt: skip
    return out, what


def corrupt(lines: list[str], mode: str, seed: int = 0) -> list[str]:
    if mode == "clean":
        return list(lines)
    if mode == "displaced":
        return corrupt_text("\n".join(lines), seed=seed).split("\n")
    rng = random.Random(seed)
    out = []
    for line in lines:
        if not _kazakh(line):
            out.append(line)
        elif mode == "gaps":
            out.append(" ".join(gap_skeleton(w) for w in line.split(" ")))
        elif mode == "dropped":
            out.append(line.translate(_DROP))
        elif mode == "lookalike":
            out.append(line.translate(_LOOK))
        else:
            words = [w.translate(_LATIN_ALWAYS) for w in line.split(" ")]
            out.append(" ".join(w.translate(_LATIN_SOME) if rng.random() < 1 / 3 else w for w in words))
    return out


def _matched(a: str, b: str) -> set[int]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return {i for x, _, size in sm.get_matching_blocks() for i in range(x, x + size)}


@dataclass
class ModeMetrics:
    changed: int = 0
    restored: int = 0
    affected: int = 0
    exact: int = 0
    unaffected: int = 0
    untouched: int = 0
    false_changes: int = 0
    lines: int = 0
    seconds: float = 0.0

    def add(self, clean: list[str], corrupted: list[str], repaired: list[str]) -> None:
        for c, k, r in zip(clean, corrupted, repaired, strict=True):
            self.lines += 1
            if c == k:
                self.unaffected += 1
                self.untouched += r == k
                if r != k:
                    self.false_changes += len(c) - len(_matched(c, r))
                continue
            self.affected += 1
            self.exact += r == c
            if r == c:
                kept = _matched(c, k)
                self.changed += len(c) - len(kept)
                self.restored += len(c) - len(kept)
                continue
            kept, good = _matched(c, k), _matched(c, r)
            lost = set(range(len(c))) - kept
            self.changed += len(lost)
            self.restored += len(lost & good)
            self.false_changes += len(kept - good)


def measure(lines: list[str], lm: KazakhLexicon, modes: tuple[str, ...] = MODES) -> dict[str, ModeMetrics]:
    out = {}
    for mode in modes:
        m = ModeMetrics()
        bad = corrupt(lines, mode)
        lm.clear_cache()
        t0 = time.perf_counter()
        fixed = repair_text_with("\n".join(bad), lambda: lm).text.split("\n")
        m.seconds = time.perf_counter() - t0
        m.add(lines, bad, fixed)
        out[mode] = m
    return out


def report(results: dict[str, ModeMetrics]) -> None:
    print(f"{'mode':>10} | {'letters restored':>16} | {'lines exact':>11} | {'untouched':>9} | "
          f"{'false changes':>13} | {'lines/s':>8}")  # fmt: skip
    for mode, m in results.items():
        print(f"{mode:>10} | {100 * m.restored / max(1, m.changed):15.2f}% | {100 * m.exact / max(1, m.affected):10.2f}% | "
              f"{100 * m.untouched / max(1, m.unaffected):8.2f}% | {m.false_changes:13d} | "
              f"{m.lines / m.seconds if m.seconds else float('nan'):8.0f}")  # fmt: skip
        print(f"{'':>10}   ({m.restored}/{m.changed} characters, {m.exact}/{m.affected} lines, "
              f"{m.untouched}/{m.unaffected} unaffected)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus-cache", type=Path, default=Path.home() / ".cache" / "adilet-lm" / "debs")
    ap.add_argument("--lines", type=int, default=1500, help="Kazakh lines at most")
    ap.add_argument("--modes", default=",".join(MODES))
    args = ap.parse_args(argv)
    lines, what = held_out_lines(args.corpus_cache, args.lines)
    print(what)
    report(measure(lines, KazakhLexicon.load(), tuple(args.modes.split(","))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
