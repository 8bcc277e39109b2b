"""Repair a displaced document line by line: spilled groups first, then each segment's tail.

Each line is parsed into segments and tails (:func:`normalize.glyph_displaced.parse_line`) and
each segment's groups are placed by :func:`normalize.glyph_displaced.place_groups`; groups a
segment has no room for stay at the end of their run and are reported as unplaced.

**Spills and wraps.** About 4% of tailed lines push their last group to the next line. A line
that holds nothing but a tail continues the tail of the last non-blank line up to two lines above
it; its groups join that tail and it becomes empty. A group at the front of the next line's first
tail is moved back when both lines then score better by more than ``SPILL_PENALTY``. Only a line
that still has a tail of its own takes a spilled group back: a line without one cannot be told
from a line wrap inside a word, which clean Adilet text has (``мультимедиялы`` / ``қ дизайн`` in
seed 001) and which must stay as it is; there the letter goes back to the start of the next
line, before its leading space (:data:`normalize.glyph_displaced.LEAD_PENALTY`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from normalize.glyph_displaced import (
    TAIL,
    LineParse,
    Placement,
    PlacementModel,
    Segment,
    is_tail_only,
    parse_line,
    place_groups,
)

SPILL_REACH = 2  # a spilled tail line is at most this many lines below the line it belongs to
SPILL_PENALTY = 3.0  # ln-odds against a group having spilled into the next line's tail (~4%)
UNPLACED_PENALTY = 25.0  # per group a segment has no room for


def repair_lines(lines: list[str], model: PlacementModel) -> tuple[list[str], int, list[tuple[int, str]]]:
    """Repair a displaced document given as lines (without line ends).

    Returns the new lines, the number of letters placed and the unplaced letters per line
    (0-based line index, letters joined by spaces).
    """
    parses = [parse_line(line) if TAIL.search(line) else None for line in lines]
    out = list(lines)
    placed_total = _join_spilled_lines(lines, parses, out)
    solver = _Solver(model)
    _join_spilled_groups(parses, solver)
    unplaced: list[tuple[int, str]] = []
    for idx, parse in enumerate(parses):
        if parse is None:
            continue
        pieces: list[str] = []
        left: list[str] = []
        for seg in parse.segments:
            if not seg.groups:
                pieces.append(seg.text)
                continue
            res = solver.place(seg)
            rest = seg.groups[res.placed :]
            placed_total += sum(len(x) for x in seg.groups[: res.placed])
            pieces.append(res.text)
            if rest:
                pieces.append(" ".join(rest))
                left.extend(rest)
        out[idx] = "".join(pieces)
        if left:
            unplaced.append((idx, " ".join(left)))
    return out, placed_total, unplaced


@dataclass
class _Solver:
    """:func:`place_groups` with a cache, and the score of a segment with its groups placed."""

    model: PlacementModel
    cache: dict[tuple[str, tuple[str, ...]], Placement] = field(default_factory=dict)

    def place(self, seg: Segment) -> Placement:
        key = (seg.text, tuple(seg.groups))
        if key not in self.cache:
            self.cache[key] = place_groups(seg.text, seg.groups, self.model)
        return self.cache[key]

    def cost(self, text: str, groups: list[str]) -> float:
        res = self.place(Segment(text, groups))
        return res.score - UNPLACED_PENALTY * (len(groups) - res.placed)


def _join_spilled_lines(lines: list[str], parses: list[LineParse | None], out: list[str]) -> int:
    """A tail-only line continues the tail of the closest non-blank line above, which it leaves
    empty. Under a line without a tail of its own it is the end of a wrapped word (``арды`` /
    ``ң``): its letters are already in place. Returns how many letters were left so in place."""
    in_place = 0
    for idx, line in enumerate(lines):
        if parses[idx] is None or not is_tail_only(line):
            continue
        target = _spill_target(lines, idx)
        tparse = parses[target] if target is not None else None
        groups = line.strip(" ").split(" ")
        parses[idx] = None
        if tparse is None:
            in_place += sum(len(g) for g in groups) if target is not None else 0
            if target is None:  # nothing above to belong to: report it, leave it
                parses[idx] = parse_line(line)
            continue
        _last_tailed_segment(tparse).groups.extend(groups)
        out[idx] = ""
    return in_place


def _join_spilled_groups(parses: list[LineParse | None], solver: _Solver) -> None:
    """A spilled group at the front of the next line's first tail goes back to this line's tail
    when that scores better by more than :data:`SPILL_PENALTY` (``халы аралық`` + `` к сіби қ ә``
    reads ``халықаралық кәсіби``, not ``халы аралық қкәсіби``)."""
    for idx in range(len(parses) - 1):
        cur, nxt = parses[idx], parses[idx + 1]
        if cur is None or nxt is None:
            continue
        last, first = _last_tailed_segment(cur), nxt.segments[0]
        if last is first or not first.groups or not first.text.strip(" ") or not last.text.strip(" "):
            continue
        group = first.groups[0]
        stay = solver.cost(last.text, last.groups) + solver.cost(first.text, first.groups)
        move = solver.cost(last.text, [*last.groups, group]) + solver.cost(first.text, first.groups[1:])
        if move - SPILL_PENALTY > stay:
            last.groups.append(group)
            first.groups.pop(0)


def _spill_target(lines: list[str], idx: int) -> int | None:
    for back_idx in range(idx - 1, max(-1, idx - 1 - SPILL_REACH), -1):
        if lines[back_idx].strip(" "):
            return None if is_tail_only(lines[back_idx]) else back_idx
    return None


def _last_tailed_segment(parse: LineParse) -> Segment:
    """The segment a spilled tail continues: the last one with a tail, or the trailing text."""
    segs = parse.segments
    if len(segs) >= 2 and not segs[-1].groups and not segs[-1].text.strip(" "):
        return segs[-2]
    return segs[-1]
