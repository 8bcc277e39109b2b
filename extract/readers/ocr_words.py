"""Tesseract's words -> positioned characters: table cells read together on strips of cells and
mapped back to their cells, debris dropped, a word's letters spread over its box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.readers.ocr_tesseract import Word

# --------------------------------------------------------------------------- words -> chars

DEBRIS = set("|_.,:;'\"`~^!()[]{}/\\¦‘’“”«»")


def is_debris(text: str) -> bool:
    """Punctuation alone (specks, remains of rules and stamps); a lone dash or "№" is kept."""
    return all(ch in DEBRIS for ch in text)


@dataclass(frozen=True)
class Placed:
    """A word in page pixels (after mapping back from a strip of cells)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    line: tuple[int, ...]


def words_to_chars(words: Sequence[Placed], scale: float, layout: LayoutSettings = DEFAULT_LAYOUT) -> list[dict[str, Any]]:
    """OCR words (page pixels) -> pdfplumber-like characters in points: each word's box is shared
    evenly by its letters, so spaces come from the gaps between words, as for a text layer."""
    heights: dict[tuple[int, ...], list[float]] = {}
    for w in words:
        heights.setdefault(w.line, []).append(w.bottom - w.top)
    chars: list[dict[str, Any]] = []
    for w in words:
        if (
            w.conf < layout.ocr_min_conf
            or is_debris(w.text)
            or (len(w.text) == 1 and w.text.isalpha() and w.conf < layout.ocr_min_conf_letter)
        ):
            continue
        size = float(np.median(heights[w.line])) * scale
        top, bottom = w.top * scale, w.bottom * scale
        step = (w.x1 - w.x0) * scale / len(w.text)
        for i, ch in enumerate(w.text):
            x0 = w.x0 * scale + i * step
            chars.append({"text": ch, "x0": x0, "x1": x0 + step, "top": top, "bottom": bottom, "size": size,
                          "upright": True, "fontname": "ocr", "conf": w.conf})  # fmt: skip
    return chars


# --------------------------------------------------------------------------- cells on strips


@dataclass(frozen=True)
class Slot:
    """Where a cell's crop sits on a strip: strip image (1-based), its rows there, and the page
    pixel its top-left corner came from."""

    image: int
    y0: int
    y1: int
    x0: int
    page_x: int
    page_y: int


def cell_strips(clean: np.ndarray, text_ink: np.ndarray, cells_px: Sequence[tuple[int, int, int, int]],
                inset: int, layout: LayoutSettings = DEFAULT_LAYOUT) -> tuple[list[np.ndarray], list[Slot]]:  # fmt: skip
    """Crops of the non-empty cells stacked one under another on white strips. OCR'd together in one
    call, the cells cannot run into each other: a text line of one cell is never read across the
    misaligned lines of its neighbour (the page-level layout analysis does exactly that)."""
    crops: list[tuple[np.ndarray, int, int]] = []
    for x0, y0, x1, y1 in cells_px:
        x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
        if x1 - x0 < 4 or y1 - y0 < 4 or int(np.count_nonzero(text_ink[y0:y1, x0:x1])) < layout.ocr_min_cell_ink:
            continue
        crops.append((clean[y0:y1, x0:x1], x0, y0))
    if not crops:
        return [], []
    pad = layout.ocr_strip_gap
    width = max(c.shape[1] for c, _, _ in crops) + 2 * pad
    strips: list[np.ndarray] = []
    slots: list[Slot] = []
    parts: list[tuple[np.ndarray, int, int, int]] = []  # crop, page x, page y, y on strip
    y = pad

    def flush() -> None:
        strip = np.full((y, width), 255, dtype=np.uint8)
        for crop, _px, _py, sy in parts:
            strip[sy : sy + crop.shape[0], pad : pad + crop.shape[1]] = crop
        strips.append(strip)

    for crop, px, py in crops:
        h = crop.shape[0]
        if parts and y + h + pad > layout.ocr_strip_max_height:
            flush()
            parts, y = [], pad
        parts.append((crop, px, py, y))
        slots.append(Slot(len(strips) + 1, y, y + h, pad, px, py))
        y += h + pad
    flush()
    return strips, slots


def chunks_by_ink(cells_px: Sequence[tuple[int, int, int, int]], text_ink: np.ndarray,
            n: int) -> list[list[tuple[int, int, int, int]]]:  # fmt: skip
    """Cells cut, in order, into ``n`` runs of about equal ink (the time OCR takes follows the text)."""
    weights = [int(np.count_nonzero(text_ink[y0:y1, x0:x1])) for x0, y0, x1, y1 in cells_px]
    total = sum(weights)
    if n <= 1 or total == 0:
        return [list(cells_px)]
    chunks: list[list[tuple[int, int, int, int]]] = [[]]
    acc = 0
    for cell, w in zip(cells_px, weights, strict=True):
        if acc >= total * len(chunks) / n and len(chunks) < n:
            chunks.append([])
        chunks[-1].append(cell)
        acc += w
    return [c for c in chunks if c]


def dash_words(text_ink: np.ndarray, cells_px: Sequence[tuple[int, int, int, int]], words: Sequence[Placed],
            dpi: int) -> list[Placed]:  # fmt: skip
    """Cells whose only ink is one to three short flat strokes hold a dash ("-", "--": no value).
    Tesseract drops a lone dash; it matters in a table."""
    out: list[Placed] = []
    inset = max(3, dpi // 60)
    for x0, y0, x1, y1 in cells_px:
        if any(x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 <= (w.top + w.bottom) / 2 <= y1 for w in words):
            continue
        region = text_ink[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
        if region.size == 0:
            continue
        n, _labels, stats, _ = cv2.connectedComponentsWithStats(region, connectivity=8)
        blobs = [stats[i] for i in range(1, n) if stats[i][4] >= 6]
        if not 1 <= len(blobs) <= 3:
            continue
        ok = all(dpi / 40 <= b[2] <= dpi / 3 and b[3] <= dpi / 40 and b[3] * 2 < b[2] for b in blobs)
        if not ok:
            continue
        blobs.sort(key=lambda b: b[0])
        bx0 = min(b[0] for b in blobs) + x0 + inset
        bx1 = max(b[0] + b[2] for b in blobs) + x0 + inset
        cy = float(np.mean([b[1] + b[3] / 2 for b in blobs])) + y0 + inset
        half = dpi / 20  # a text line's half height, about 10 pt
        out.append(Placed("-" * len(blobs), bx0, cy - half, bx1, cy + half, 100.0, (2, x0, y0)))
    return out


def place_strip_words(words: Sequence[Word], slots: Sequence[Slot], group: int = 0,
                      gap: int = DEFAULT_LAYOUT.ocr_strip_gap) -> list[Placed]:  # fmt: skip
    """Words read on the strips -> page pixels, by the slot holding each word's centre."""
    by_image: dict[int, list[Slot]] = {}
    for s in slots:
        by_image.setdefault(s.image, []).append(s)
    out: list[Placed] = []
    for w in words:
        cy = w.top + w.height / 2
        for s in by_image.get(w.image, ()):
            if s.y0 - gap / 2 <= cy < s.y1 + gap / 2:
                dx, dy = s.page_x - s.x0, s.page_y - s.y0
                out.append(Placed(w.text, w.left + dx, w.top + dy, w.left + w.width + dx, w.top + w.height + dy,
                                  w.conf, (1, group, s.image, s.y0, *w.line_key[1:])))  # fmt: skip
                break
    return out


def place_page_words(words: Sequence[Word]) -> list[Placed]:
    return [Placed(w.text, w.left, w.top, w.left + w.width, w.top + w.height, w.conf, (0, *w.line_key))
            for w in words]  # fmt: skip


