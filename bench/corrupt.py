"""Simulate the Adilet text-layer corruption that displaces Kazakh letters (seed 002's facts).

* A line is one text run, or (``multi_run_rate``) two or three runs split at spaces; the space at
  a split opens the next run (``space_to_next``) or closes the previous one.
* Each run is emitted without the sixteen letters Windows-1251 lacks; each maximal group of them
  leaves one space when the previous emitted character of the run is not a space (NBSP is not a
  space), and nothing at a word start after a space, at the run start or at the run end. The
  removed groups follow the run as its tail, in order, separated by one space.
* ``spill_rate`` of the tailed lines whose last group was removed at the run end push that group
  to the next line: onto the farthest of up to two following blank lines, after a space or
  without one (``spill_no_space``), or, when the next line has a tail of its own, to the front of
  its first tail (``халы аралық`` + `` к сіби қ ә`` is ``халықаралық кәсіби``). A line spills
  only when it keeps a group of its own: one left without a tail reads exactly like a line wrap
  inside a word (``мультимедиялы`` / ``қ дизайн``, which clean seed 001 has), a different thing
  the repair keeps as it is.

The simulator keeps the number of lines, so line ``i`` of the corruption pairs with line ``i`` of
the clean text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from normalize.glyph_alphabet import KZ_CLASS

_GROUP = re.compile(f"[{KZ_CLASS}]+")


@dataclass(frozen=True)
class CorruptionConfig:
    multi_run_rate: float = 0.08
    three_run_share: float = 0.2
    space_to_next: float = 0.8
    spill_rate: float = 0.45
    spill_no_space: float = 0.07


def corrupt_run(run: str) -> tuple[str, list[str], bool]:
    """``(emitted text, tail groups, last group was at the run end)`` of one run."""
    out: list[str] = []
    groups: list[str] = []
    last = 0
    at_end = False
    prev = ""
    for m in _GROUP.finditer(run):
        chunk = run[last : m.start()]
        if chunk:
            out.append(chunk)
            prev = chunk[-1]
        at_end = m.end() == len(run)
        if prev and prev != " " and not at_end:
            out.append(" ")
            prev = " "
        groups.append(m.group())
        last = m.end()
    out.append(run[last:])
    return "".join(out), groups, at_end


def split_runs(line: str, rng: random.Random, cfg: CorruptionConfig) -> list[str]:
    """Cut ``line`` into runs at one or two of its spaces (or leave it whole)."""
    spaces = [i for i, ch in enumerate(line) if ch == " " and 0 < i < len(line) - 1 and line[i - 1] != " "]
    if not spaces or rng.random() >= cfg.multi_run_rate:
        return [line]
    cuts = 2 if len(spaces) >= 2 and rng.random() < cfg.three_run_share else 1
    points = sorted(rng.sample(spaces, cuts))
    runs, start = [], 0
    for p in points:
        cut = p if rng.random() < cfg.space_to_next else p + 1
        runs.append(line[start:cut])
        start = cut
    runs.append(line[start:])
    return [r for r in runs if r]


@dataclass
class CorruptLine:
    """A corrupted line as its runs: ``(emitted text, tail groups)`` each."""

    runs: list[tuple[str, list[str]]]
    last_at_end: bool  # the last group of the last run was removed at the run end

    def render(self) -> str:
        return "".join(text + " ".join(groups) for text, groups in self.runs)


def corrupt_line(line: str, rng: random.Random, cfg: CorruptionConfig) -> CorruptLine:
    """Split ``line`` into runs and corrupt each."""
    runs, at_end = [], False
    for run in split_runs(line, rng, cfg):
        text, groups, at_end = corrupt_run(run)
        runs.append((text, groups))
    return CorruptLine(runs, at_end and bool(runs[-1][1]))


def corrupt_text(text: str, seed: int = 0, cfg: CorruptionConfig | None = None) -> str:
    """Corrupt a clean document; the result has exactly as many lines."""
    cfg = cfg or CorruptionConfig()
    rng = random.Random(seed)
    lines = text.split("\n")
    out = list(lines)
    parsed = [corrupt_line(line, rng, cfg) if _GROUP.search(line) else None for line in lines]
    for i, cur in enumerate(parsed):
        if cur is None:
            continue
        nxt = parsed[i + 1] if i + 1 < len(lines) else None
        groups = sum(len(g) for _, g in cur.runs)
        if cur.last_at_end and groups >= 2 and rng.random() < cfg.spill_rate:
            blanks = 0
            while blanks < 2 and i + blanks + 1 < len(lines) and not lines[i + blanks + 1].strip():
                blanks += 1
            if blanks and parsed[i + blanks] is None:  # onto a blank line of its own
                group = cur.runs[-1][1].pop()
                out[i + blanks] = ("" if rng.random() < cfg.spill_no_space else " ") + group
            elif nxt is not None and any(g for _, g in nxt.runs):  # into the next line's first tail
                group = cur.runs[-1][1].pop()
                first = next(g for _, g in nxt.runs if g)
                first.insert(0, group)
        out[i] = cur.render()
    return "\n".join(out)
