"""Positioned characters -> text lines.

Works from pdfplumber's chars (text, x0, x1, top, bottom, size, fontname) rather than from the
content-stream order, so glyphs that a PDF draws out of order (Kazakh letters put in a second
font after the rest of the line) land where they are drawn. Gaps decide spaces; inside a
letter-spaced run a markedly wider gap becomes a double space, which
:func:`normalize.text.collapse_letter_spacing` reads as a word boundary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from operator import itemgetter
from typing import Any

from core.page import Char, Glyph, TextLine
from core.settings import DEFAULT_LAYOUT, LayoutSettings

_CENTRE, _SIZE, _X0, _X1, _TOP, _BOTTOM, _TEXT, _FONT, _CHAR = range(9)  # fields of a Glyph


def chars_to_glyphs(chars: Iterable[Char]) -> list[Glyph]:
    """The characters that carry text, as glyph tuples, in their order. Whitespace glyphs carry
    no text (gaps make the spaces) and some producers place them off the baseline, so they never
    steer the grouping; turned (not upright) characters are left out."""
    ready = getattr(chars, "glyphs", None)
    if ready is not None:
        return ready  # type: ignore[no-any-return]
    out: list[Glyph] = []
    append = out.append
    for c in chars:
        text = str(c["text"])
        if text.isspace() or not c.get("upright", True):
            continue
        top, bottom = float(c["top"]), float(c["bottom"])
        size = float(c.get("size") or (bottom - top) or 1.0)
        append(((top + bottom) / 2, size, float(c["x0"]), float(c["x1"]), top, bottom, text, c.get("fontname"), c))
    return out


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


_by_x0 = itemgetter(_X0)
CENTRE_KEY = itemgetter(_CENTRE)  # sort key of glyphs: top to bottom


def glyphs_to_line_groups(glyphs: list[Glyph], by_centre: bool = False) -> list[list[Glyph]]:
    """Group glyphs into lines by vertical position; each line sorted left to right.
    ``by_centre``: the glyphs are already in order of their centres (a stable sort's order).
    In C when the extension is built (:func:`glyph_line_groups_py` is the reference)."""
    pending = glyphs if by_centre and type(glyphs) is list else sorted(glyphs, key=CENTRE_KEY)
    fast = lines_extension()
    if fast is not None:
        return fast.groups(pending)  # type: ignore[no-any-return]
    return glyph_line_groups_py(pending)


def glyph_line_groups_py(pending: list[Glyph]) -> list[list[Glyph]]:
    """:func:`glyphs_to_line_groups` in Python, for glyphs in order of their centres."""
    lines: list[list[Glyph]] = []
    window: list[float] = []  # the centres of the current line's last 8 glyphs
    ref = 0.0
    last_size = 0.0
    line: list[Glyph] = []
    uniform = True  # every centre in the window is ``ref`` (the usual case: one baseline)
    for g in pending:
        centre, size = g[0], g[1]
        if line and abs(centre - ref) <= 0.45 * (size if size > last_size else last_size):
            line.append(g)
            window.append(centre)
            if len(window) > 8:
                del window[0]
            if not (uniform and centre == ref):
                ref = _median(window)
                uniform = min(window) == max(window)
        else:
            line = [g]
            lines.append(line)
            window = [centre]
            ref = centre
            uniform = True
        last_size = size
    return [sorted(line, key=_by_x0) for line in lines]


def chars_to_line_groups(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into lines by vertical position; each line sorted left to right."""
    return [[g[8] for g in line] for line in glyphs_to_line_groups(chars_to_glyphs(chars))]


def _dedupe(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Drop glyphs drawn twice at the same place (fake bold)."""
    out: list[Glyph] = [glyphs[0]]
    last = glyphs[0]
    for g in glyphs[1:]:
        if g[6] == last[6] and abs(g[2] - last[2]) < 0.7:
            continue
        out.append(g)
        last = g
    return out


KAZAKH_LETTERS = frozenset("ӘәҒғҚқҢңӨөҰұҮүҺһ")


def _kazakh_font_change(a: Glyph, b: Glyph) -> bool:
    """A Kazakh letter next to a glyph of another font: the case of fonts that lack those letters."""
    return a[7] != b[7] and (a[6] in KAZAKH_LETTERS or b[6] in KAZAKH_LETTERS)


def glyph_line_to_text(line: Sequence[Glyph], layout: LayoutSettings = DEFAULT_LAYOUT) -> str:
    """Glyphs of one line (sorted by x) -> text with spaces inferred from gaps."""
    if not line:
        return ""
    glyphs = _dedupe(line)
    size = _median([g[1] for g in glyphs])
    space = layout.space_gap_em * size
    gaps: list[float] = []
    limits: list[float] = []
    prev = glyphs[0]
    for g in glyphs[1:]:
        gaps.append(g[2] - prev[3])
        # a glyph from a second font (Kazakh letters drawn in another font at the first font's
        # advance) leaves a gap of the two fonts' width difference: only a wider gap is a space there
        limits.append(space * layout.font_change_factor if _kazakh_font_change(prev, g) else space)
        prev = g
    spaced = [g for g, lim in zip(gaps, limits, strict=True) if g > lim]
    if not spaced:
        return "".join(g[6] for g in glyphs)
    typical = _median(spaced)
    letter_spaced = len(spaced) >= 2 and len(spaced) >= 0.6 * len(gaps)
    parts = [glyphs[0][6]]
    for gap, limit, g in zip(gaps, limits, glyphs[1:], strict=True):
        if gap > limit:
            wide = letter_spaced and gap > layout.word_gap_ratio * typical and gap - typical > 0.2 * size
            parts.append("  " if wide else " ")
        parts.append(g[6])
    return "".join(parts)


def glyphs_to_lines(glyphs: list[Glyph], page: int, by_centre: bool = False,
                    layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TextLine]:  # fmt: skip
    """Glyphs (any order, or in order of centres with ``by_centre``) -> text lines, top to bottom;
    in C (extract/_glyph_lines.c) when the extension is built, else :func:`glyphs_to_lines_py`."""
    fast = lines_extension(layout)
    if fast is None:
        return glyphs_to_lines_py(glyphs, page, by_centre, layout)
    pending = glyphs if by_centre and type(glyphs) is list else sorted(glyphs, key=CENTRE_KEY)
    return fast.lines(pending, page, TextLine)  # type: ignore[no-any-return]


def glyphs_to_lines_py(glyphs: list[Glyph], page: int, by_centre: bool = False,
                       layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TextLine]:  # fmt: skip
    """:func:`glyphs_to_lines` in Python: the reference the C code is tested against."""
    out: list[TextLine] = []
    for group in glyph_line_groups_py(glyphs if by_centre else sorted(glyphs, key=CENTRE_KEY)):
        text = glyph_line_to_text(group, layout)
        if not text.strip():
            continue
        first = group[0]
        out.append(
            TextLine(
                text=text,
                x0=first[2],  # sorted by x0
                x1=max(g[3] for g in group),
                top=min(g[4] for g in group),
                bottom=max(g[5] for g in group),
                page=page,
                size=_median([g[1] for g in group]),
                char_width=_median([g[3] - g[2] for g in group]),
                first_width=_first_unit_width(group, layout.space_gap_em),
            )
        )
    return out


_NO_BREAK_BEFORE = frozenset(",.;:!?)]}%»”")  # a line never starts with these (UAX #14)


def _first_unit_width(line: Sequence[Glyph], space_gap_em: float) -> float:
    """Width of what a renderer had to fit at the end of the line above for this line's start to
    stay there: the first glyph with the punctuation glued after it ("1," of "1,7": no break
    comes before a comma)."""
    first = line[0]
    end = first[3]
    for g in line[1:]:
        if g[6] not in _NO_BREAK_BEFORE or g[2] - end > space_gap_em * first[1]:
            break
        end = g[3]
    return end - first[2]


def chars_to_lines(chars: Iterable[Char], page: int, layout: LayoutSettings = DEFAULT_LAYOUT) -> list[TextLine]:
    """Characters (any order) -> text lines, top to bottom."""
    return glyphs_to_lines(chars_to_glyphs(chars), page, layout=layout)


# The line grouping in C (the same lines, tested); None when the extension is not built.
try:
    from extract import _glyph_lines as _lines_c
except ImportError:  # pragma: no cover - built by ``pip install``; the Python code stands in
    _lines_c = None  # type: ignore[assignment]
FAST_LINES = True  # False: always the Python code (tests compare the two)


_SET_UP: list[tuple[float, float, float]] = []  # the spacing the C code was last set up with


def lines_extension(layout: LayoutSettings | None = None) -> Any:
    """The C line grouping (extract/_glyph_lines.c), or None: not built, or turned off. With
    ``layout``, set up for its spacing (again only when that changed since the last call)."""
    if _lines_c is None or not FAST_LINES:
        return None
    if layout is not None:
        spacing = (layout.space_gap_em, layout.font_change_factor, layout.word_gap_ratio)
        if not _SET_UP or _SET_UP[0] != spacing:
            _lines_c.setup(KAZAKH_LETTERS, _NO_BREAK_BEFORE, *spacing, tuple(f.name for f in fields(TextLine)))
            _SET_UP[:] = [spacing]
    return _lines_c


lines_extension(DEFAULT_LAYOUT)
