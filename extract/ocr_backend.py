"""Scanned PDF (no text layer) -> Document, by OCR with Tesseract.

Each page is rendered with pypdfium2 and turned upright (Tesseract's orientation detection,
``--psm 0``); its small skew is measured on the table rules and removed. The ruling lines are
found with OpenCV (adaptive threshold, morphological opening with long horizontal and vertical
kernels, connected components -> line segments) and handed, as pdfplumber-style edges, to
pdfplumber's own lattice functions (merge, intersections, cells, tables). The page is OCR'd once
by the ``tesseract`` command (TSV word boxes), with the rules and coloured ink (stamps,
signatures, logos) removed from the image first. Every word becomes positioned "characters" in
PDF points, so :func:`extract.grid_build.boxes_to_grid` and :func:`extract.chars.chars_to_lines`
read the cells and the text outside the tables exactly as they do for a text layer.

Coordinates are PDF points with a top-left origin, in the frame of the page *as read*: for a page
scanned sideways that is the page turned upright (width and height swapped), as pdfplumber reports
a page that carries a ``/Rotate``. :func:`page_orientations` tells which pages were turned.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from core.document import Document, file_sha256
from core.errors import EmptyDocumentError, ExtractionError, InputError
from core.grid import BBox, TableGrid
from core.page import TextLine
from extract.chars import chars_to_lines
from extract.grid_build import boxes_to_grid, chars_outside, cluster_edges
from extract.stitch import stitch_grids

BACKEND = "ocr-tesseract"
MIN_CONF = 30.0  # words Tesseract is less sure of than this are dropped (stamps, specks, rule debris)
MIN_CONF_LETTER = 75.0  # the same for a lone letter: specks and rule stubs read as "р", "і", "ж"
TABLE_MARGIN = 4.0  # points around a table blanked on the page image (rule stubs past its border)
TESSERACT_TIMEOUT = 300  # seconds per call
SNAP = 3.0  # points: rules closer than this are one rule (as in plumber_backend)
JOIN = 6.0  # points: collinear pieces of a rule broken by the scan are joined over this gap
EXTEND = 3.0  # points: rules are lengthened at both ends so that scanned corners still meet
MIN_RULE = 8.0  # points: shorter ink runs are not rules
MIN_OSD_CONF = 2.0  # Tesseract's orientation confidence below which a page is left as it is
OSD_DPI = 150  # orientation is detected on a smaller image: as sure, four times faster
CELL_PSM = 6  # each table cell is read as a block of text, on a strip of cells (see _cell_strips)
PAGE_PSM = 3  # the text outside the tables: automatic page layout
STRIP_GAP = 24  # pixels of white between cells on a strip
STRIP_MAX_HEIGHT = 16000  # pixels; taller strips are split into several images
CELL_PROCESSES = 2  # tesseract calls that read a page's cells in parallel
MIN_CELL_INK = 12  # ink pixels (rules excluded) below which a cell is empty and not OCR'd


class OcrUnavailableError(ExtractionError):
    """The tesseract program or its language data are missing."""

    kind = "ocr_unavailable"


# --------------------------------------------------------------------------- tesseract


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_languages() -> set[str]:
    """Languages the installed tesseract can read (empty when it is not installed)."""
    exe = tesseract_path()
    if exe is None:
        return set()
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    lines = (out.stdout or out.stderr).splitlines()
    return {x.strip() for x in lines[1:] if x.strip()}


def check_tesseract(languages: str) -> str:
    """Path of tesseract; raises OcrUnavailableError naming what to install when it cannot run."""
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailableError("--ocr needs the tesseract program: apt-get install tesseract-ocr "
                                  "tesseract-ocr-kaz tesseract-ocr-rus")  # fmt: skip
    have = tesseract_languages()
    missing = [lang for lang in languages.split("+") if lang not in have]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in missing)
        raise OcrUnavailableError(
            f"tesseract has no language data for {'+'.join(missing)}: apt-get install {pkgs}"
        )
    return exe


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Tesseract's OpenMP threads make a page many times slower on a busy machine: one thread per call.
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())


def _finish(proc: subprocess.Popen[str]) -> str:
    try:
        out, err = proc.communicate(timeout=TESSERACT_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ExtractionError(f"tesseract took longer than {TESSERACT_TIMEOUT} s") from None
    if proc.returncode != 0:
        raise ExtractionError(f"tesseract failed ({proc.returncode}): {err.strip()[-300:]}")
    return out


def detect_rotation(exe: str, image_path: Path, dpi: int) -> int:
    """Clockwise degrees (0, 90, 180, 270) that turn the page upright, by Tesseract's OSD; 0 when unsure."""
    proc = subprocess.run([exe, str(image_path), "stdout", "--psm", "0", "--dpi", str(dpi)],
                          capture_output=True, text=True, timeout=TESSERACT_TIMEOUT, env=_env(), check=False)  # fmt: skip
    rotate, conf = 0, 0.0
    for line in (proc.stdout + "\n" + proc.stderr).splitlines():
        key, _, value = line.partition(":")
        try:
            if key.strip() == "Rotate":
                rotate = int(value.strip())
            elif key.strip() == "Orientation confidence":
                conf = float(value.strip())
        except ValueError:
            continue
    return rotate % 360 if rotate in (0, 90, 180, 270) and conf >= MIN_OSD_CONF else 0


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line_key: tuple[int, int, int, int]  # image (1-based), block, paragraph, line

    @property
    def image(self) -> int:
        return self.line_key[0]


def ocr_args(exe: str, image_path: Path, languages: str, dpi: int, psm: int) -> list[str]:
    return [exe, str(image_path), "stdout", "-l", languages, "--psm", str(psm), "--dpi", str(dpi), "tsv"]


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV -> its words (level 5) with their boxes in pixels."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        try:
            conf = float(row["conf"])
            box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        except (KeyError, TypeError, ValueError):
            continue
        words.append(Word(text, *box, conf, key))
    return words


# --------------------------------------------------------------------------- image


def _gray_without_colour(rgb: np.ndarray) -> np.ndarray:
    """Grey image in which coloured ink (blue stamps and signatures, red marks) turns light:
    the brightest channel of each pixel. Black print stays black."""
    if rgb.ndim == 2:
        return rgb
    return np.asarray(cv2.max(cv2.max(rgb[:, :, 0], rgb[:, :, 1]), rgb[:, :, 2]), dtype=np.uint8)


def _ink(gray: np.ndarray, dpi: int) -> np.ndarray:
    block = max(15, int(dpi / 10) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def _rule_masks(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of horizontal and vertical rules: ink runs longer than about 1/6 inch."""
    length = max(10, dpi // 6)
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # close the small breaks a scan leaves in a rule
    gap = max(3, dpi // 50)
    h = cv2.morphologyEx(h, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    v = cv2.morphologyEx(v, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return h, v


def _skew_degrees(h_mask: np.ndarray, dpi: int) -> float:
    """Median slope of the long horizontal rules, in degrees (positive: falling to the right)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(h_mask, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < dpi:  # at least an inch long
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 10:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(float(w))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][int(np.searchsorted(cum, cum[-1] / 2))])


def _rotate_small(img: np.ndarray, degrees: float) -> np.ndarray:
    hgt, wid = img.shape[:2]
    m = cv2.getRotationMatrix2D((wid / 2, hgt / 2), degrees, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (wid, hgt), flags=cv2.INTER_LINEAR, borderValue=border)


def _segments(mask: np.ndarray, orientation: str, scale: float, min_len: float) -> list[dict[str, Any]]:
    """Connected components of a rule mask -> pdfplumber-style edges in points."""
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    edges: list[dict[str, Any]] = []
    for i in range(1, n):
        x, y, w, h, _area = (float(v) for v in stats[i])
        if orientation == "h":
            if w * scale < min_len or h > w / 4:
                continue
            mid = (y + h / 2) * scale
            x0, x1 = x * scale - EXTEND, (x + w) * scale + EXTEND
            edges.append({"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0.0,
                          "orientation": "h", "object_type": "line"})  # fmt: skip
        else:
            if h * scale < min_len or w > h / 4:
                continue
            mid = (x + w / 2) * scale
            top, bottom = y * scale - EXTEND, (y + h) * scale + EXTEND
            edges.append({"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                          "orientation": "v", "object_type": "line"})  # fmt: skip
    return edges


def _closing_edges(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules that close a table cut open by the page edge: across the vertical rules, at their ends."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["height"] > 20]
    if len(verticals) < 2:
        return []
    x0 = min(e["x0"] for e in verticals) - EXTEND
    x1 = max(e["x1"] for e in verticals) + EXTEND
    out = []
    for y in (min(e["top"] for e in verticals) + EXTEND, max(e["bottom"] for e in verticals) - EXTEND):
        out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                    "orientation": "h", "object_type": "line"})  # fmt: skip
    return out


def table_boxes(edges: list[dict[str, Any]]) -> list[list[BBox]]:
    """pdfplumber's lattice: merged edges -> intersections -> cells -> tables (lists of cell boxes)."""
    merged = merge_edges(edges, SNAP, SNAP, JOIN, JOIN)
    intersections = edges_to_intersections(merged, SNAP, SNAP)
    cells = intersections_to_cells(intersections)
    tables = cells_to_tables(cells)
    return [[tuple(float(v) for v in c) for c in t] for t in tables]  # type: ignore[misc]


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


def words_to_chars(words: Sequence[Placed], scale: float, min_conf: float = MIN_CONF) -> list[dict[str, Any]]:
    """OCR words (page pixels) -> pdfplumber-like characters in points: each word's box is shared
    evenly by its letters, so spaces come from the gaps between words, as for a text layer."""
    heights: dict[tuple[int, ...], list[float]] = {}
    for w in words:
        heights.setdefault(w.line, []).append(w.bottom - w.top)
    chars: list[dict[str, Any]] = []
    for w in words:
        if (
            w.conf < min_conf
            or is_debris(w.text)
            or (len(w.text) == 1 and w.text.isalpha() and w.conf < MIN_CONF_LETTER)
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


def _cell_strips(clean: np.ndarray, text_ink: np.ndarray, cells_px: Sequence[tuple[int, int, int, int]],
                 inset: int) -> tuple[list[np.ndarray], list[Slot]]:  # fmt: skip
    """Crops of the non-empty cells stacked one under another on white strips. OCR'd together in one
    call, the cells cannot run into each other: a text line of one cell is never read across the
    misaligned lines of its neighbour (the page-level layout analysis does exactly that)."""
    crops: list[tuple[np.ndarray, int, int]] = []
    for x0, y0, x1, y1 in cells_px:
        x0, y0, x1, y1 = x0 + inset, y0 + inset, x1 - inset, y1 - inset
        if x1 - x0 < 4 or y1 - y0 < 4 or int(np.count_nonzero(text_ink[y0:y1, x0:x1])) < MIN_CELL_INK:
            continue
        crops.append((clean[y0:y1, x0:x1], x0, y0))
    if not crops:
        return [], []
    pad = STRIP_GAP
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
        if parts and y + h + pad > STRIP_MAX_HEIGHT:
            flush()
            parts, y = [], pad
        parts.append((crop, px, py, y))
        slots.append(Slot(len(strips) + 1, y, y + h, pad, px, py))
        y += h + pad
    flush()
    return strips, slots


def _chunks(cells_px: Sequence[tuple[int, int, int, int]], text_ink: np.ndarray,
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


def _dashes(text_ink: np.ndarray, cells_px: Sequence[tuple[int, int, int, int]], words: Sequence[Placed],
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


def _place_strip_words(words: Sequence[Word], slots: Sequence[Slot], group: int = 0) -> list[Placed]:
    """Words read on the strips -> page pixels, by the slot holding each word's centre."""
    by_image: dict[int, list[Slot]] = {}
    for s in slots:
        by_image.setdefault(s.image, []).append(s)
    out: list[Placed] = []
    for w in words:
        cy = w.top + w.height / 2
        for s in by_image.get(w.image, ()):
            if s.y0 - STRIP_GAP / 2 <= cy < s.y1 + STRIP_GAP / 2:
                dx, dy = s.page_x - s.x0, s.page_y - s.y0
                out.append(Placed(w.text, w.left + dx, w.top + dy, w.left + w.width + dx, w.top + w.height + dy,
                                  w.conf, (1, group, s.image, s.y0, *w.line_key[1:])))  # fmt: skip
                break
    return out


def _place_page_words(words: Sequence[Word]) -> list[Placed]:
    return [Placed(w.text, w.left, w.top, w.left + w.width, w.top + w.height, w.conf, (0, *w.line_key))
            for w in words]  # fmt: skip


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class OcrPage:
    page_no: int
    rotation: int  # clockwise degrees applied to the scan to make it upright
    skew: float  # degrees of skew removed (counter-clockwise)
    width: float  # points, upright
    height: float
    grids: tuple[TableGrid, ...]
    lines: tuple[TextLine, ...]
    n_words: int


_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def _upright(exe: str, gray: np.ndarray, dpi: int, workdir: Path) -> tuple[np.ndarray, int]:
    small = cv2.resize(gray, None, fx=OSD_DPI / dpi, fy=OSD_DPI / dpi, interpolation=cv2.INTER_AREA)
    osd_path = workdir / "osd.png"
    cv2.imwrite(str(osd_path), small)
    rotation = detect_rotation(exe, osd_path, OSD_DPI)
    return (cv2.rotate(gray, _ROTATE[rotation]) if rotation else gray), rotation


def _table_shape_ok(boxes: Sequence[BBox]) -> bool:
    xs = cluster_edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster_edges([b[1] for b in boxes] + [b[3] for b in boxes])
    return len(xs) >= 3 and len(ys) >= 3


def ocr_page(exe: str, rgb: np.ndarray, page_no: int, source: str, languages: str, dpi: int,
             workdir: Path) -> OcrPage:  # fmt: skip
    """One rendered page (RGB pixels at ``dpi``) -> its table grids and the text lines outside them."""
    scale = 72.0 / dpi
    gray, rotation = _upright(exe, _gray_without_colour(rgb), dpi, workdir)
    ink = _ink(gray, dpi)
    h_mask, v_mask = _rule_masks(ink, dpi)
    skew = _skew_degrees(h_mask, dpi)
    if abs(skew) > 0.05:
        gray = _rotate_small(gray, skew)
        ink = _ink(gray, dpi)
        h_mask, v_mask = _rule_masks(ink, dpi)
    edges = _segments(h_mask, "h", scale, MIN_RULE) + _segments(v_mask, "v", scale, MIN_RULE)
    edges += _closing_edges(edges)
    tables = [t for t in table_boxes(edges) if _table_shape_ok(t)]

    # the rules are wiped out before OCR (they read as "|" and "_" and glue words to the borders)
    rules = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((5, 5), np.uint8), iterations=1)
    clean = gray.copy()
    clean[rules > 0] = 255
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(rules))
    # text outside the tables: the page with the tables blanked out, automatic layout
    outside = clean.copy()
    px = 1 / scale
    hgt, wid = gray.shape[:2]
    for t in tables:
        x0, y0 = min(b[0] for b in t) - TABLE_MARGIN, min(b[1] for b in t) - TABLE_MARGIN
        x1, y1 = max(b[2] for b in t) + TABLE_MARGIN, max(b[3] for b in t) + TABLE_MARGIN
        outside[max(0, int(y0 * px)) : int(y1 * px) + 1, max(0, int(x0 * px)) : int(x1 * px) + 1] = 255
    page_path = workdir / "page.png"
    cv2.imwrite(str(page_path), outside)
    procs = [_start(ocr_args(exe, page_path, languages, dpi, PAGE_PSM))]
    # the cells: every cell of every table on strips, one call
    cells_px = [(int(b[0] * px), int(b[1] * px), int(b[2] * px), int(b[3] * px)) for t in tables for b in t]
    # on the strips, paper is pure white: the slightly grey crops on white would read as boxes
    paper = np.where(cv2.dilate(text_ink, np.ones((3, 3), np.uint8)) > 0, clean, 255).astype(np.uint8)
    # the cells go to CELL_PROCESSES tesseract calls (in parallel with the page's), in chunks of
    # about equal ink (fixed by the page, so the result is deterministic)
    chunks = _chunks(cells_px, text_ink, CELL_PROCESSES)
    jobs: list[list[Slot]] = []
    for k, chunk in enumerate(chunks):
        strips, slots = _cell_strips(paper, text_ink, chunk, inset=max(2, dpi // 100))
        if not strips:
            continue
        names = []
        for i, strip in enumerate(strips, start=1):
            name = workdir / f"cells-{k}-{i}.png"
            cv2.imwrite(str(name), strip)
            names.append(str(name))
        list_path = workdir / f"cells-{k}.txt"
        list_path.write_text("\n".join(names) + "\n", encoding="utf-8")
        procs.append(_start(ocr_args(exe, list_path, languages, dpi, CELL_PSM)))
        jobs.append(slots)
    outputs = [_finish(p) for p in procs]
    page_words = parse_tsv(outputs[0])
    cell_words = [w for k, (out, slots) in enumerate(zip(outputs[1:], jobs, strict=True))
                  for w in _place_strip_words(parse_tsv(out), slots, k)]  # fmt: skip
    cell_words += _dashes(text_ink, cells_px, cell_words, dpi)
    page_chars = words_to_chars(_place_page_words(page_words), scale)
    cell_chars = words_to_chars(cell_words, scale)

    grids: list[TableGrid] = []
    lost: list[BBox] = []
    for boxes in tables:
        grid = boxes_to_grid(boxes, cell_chars, page_no, source, BACKEND)
        if grid is not None and grid.n_rows >= 2 and grid.n_cols >= 2:
            grids.append(grid)
        else:
            lost.extend(boxes)
    grids.sort(key=lambda g: g.bbox[1])
    kept = [g.bbox for g in grids]
    rest = chars_outside(page_chars, kept) + [c for c in chars_outside(cell_chars, kept) if lost]
    lines = chars_to_lines(rest, page_no)
    return OcrPage(page_no, rotation, skew, wid * scale, hgt * scale, tuple(grids), tuple(lines),
                   len(page_words) + len(cell_words))  # fmt: skip


def _render(page: Any, dpi: int) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72.0)
    return np.asarray(bitmap.to_numpy()[:, :, :3])  # channel order does not matter: see _gray_without_colour


def ocr_pages(path: Path, languages: str = "kaz+rus", dpi: int = 300, work_dir: Path | None = None) -> list[OcrPage]:
    """Every page of a PDF, rendered and OCR'd (page images for Tesseract go to a temporary
    folder inside ``work_dir`` when given, e.g. the run's output folder)."""
    exe = check_tesseract(languages)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupted or truncated PDF: {exc}", file=path.name) from exc
    pages: list[OcrPage] = []
    try:
        if work_dir is not None:
            work_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="adilet-ocr-", dir=work_dir) as tmp:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    rgb = _render(page, dpi)
                finally:
                    page.close()
                try:
                    pages.append(ocr_page(exe, rgb, i + 1, path.name, languages, dpi, Path(tmp)))
                except (ValueError, KeyError, TypeError, IndexError, cv2.error) as exc:
                    raise ExtractionError(f"cannot OCR page: {exc}", file=path.name, page=i + 1) from exc
    finally:
        pdf.close()
    return pages


def pdf_to_document_ocr(path: Path, languages: str = "kaz+rus", dpi: int = 300,
                        work_dir: Path | None = None) -> Document:  # fmt: skip
    """Read a scanned PDF by OCR: ruled tables as grids (backend ``ocr-tesseract``), the rest as
    text lines; multi-page tables stitched as for a text layer."""
    if not path.is_file():
        raise InputError("no such file", file=path.name)
    sha = file_sha256(path)
    pages = ocr_pages(path, languages, dpi, work_dir)
    lines = [x for p in pages for x in p.lines]
    grids = [g for p in pages for g in p.grids]
    if pages and not lines and not any(c.lines for g in grids for c in g.cells):
        raise EmptyDocumentError(f"OCR found no text on any of its {len(pages)} pages", file=path.name)
    tables = stitch_grids(harmonize_repeated_headers(grids), lines)
    return Document(path.name, sha, len(pages), tuple(lines), tuple(tables))


HEADER_SIMILARITY = 0.8  # share of matching characters for OCR'd header rows to be "the same"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def harmonize_repeated_headers(grids: Sequence[TableGrid]) -> list[TableGrid]:
    """A header repeated on the next page is OCR'd a little differently each time ("№ п/п",
    "№ пп", "Жп/п"). When a page's first grid has the header rows of the previous page's last grid,
    cell for cell (same cells, text at least HEADER_SIMILARITY alike), their text is made the
    previous one's, so that stitching recognises and drops the repeat."""
    out: list[TableGrid] = []
    for grid in grids:
        prev = out[-1] if out else None
        if prev is not None and grid.pages[0] == prev.pages[-1] + 1 and prev.header_rows:
            k = prev.header_rows
            head_p = sorted((c for c in prev.cells if c.row < k), key=lambda c: (c.row, c.col))
            head_g = sorted((c for c in grid.cells if c.row < k), key=lambda c: (c.row, c.col))
            same_layout = grid.header_rows == k and [
                (c.row, c.col, c.rowspan, c.colspan) for c in head_p
            ] == [(c.row, c.col, c.rowspan, c.colspan) for c in head_g]
            if same_layout:
                a = _norm(" | ".join(" ".join(c.lines) for c in head_p))
                b = _norm(" | ".join(" ".join(c.lines) for c in head_g))
                if a and SequenceMatcher(None, a, b, autojunk=False).ratio() >= HEADER_SIMILARITY:
                    texts = {(c.row, c.col): c.lines for c in head_p}
                    cells = tuple(
                        replace(c, lines=texts[(c.row, c.col)], full_lines=()) if c.row < k else c
                        for c in grid.cells
                    )
                    grid = replace(grid, cells=cells)
        out.append(grid)
    return out


def page_orientations(path: Path) -> list[int]:
    """Per page, the clockwise degrees the OCR turns the scan to read it (0, 90, 180, 270): to draw
    OCR boxes over the page image, turn the image by as much first."""
    exe = check_tesseract("osd")
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        with tempfile.TemporaryDirectory(prefix="adilet-osd-") as tmp:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    gray = _gray_without_colour(_render(page, OSD_DPI))
                finally:
                    page.close()
                out.append(_upright(exe, gray, OSD_DPI, Path(tmp))[1])
    finally:
        pdf.close()
    return out
