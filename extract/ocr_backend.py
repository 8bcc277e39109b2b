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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from adilet.errors import EmptyDocumentError, ExtractionError, InputError
from extract.chars import TextLine, chars_to_lines
from extract.document import Document, file_sha256
from extract.grid import BBox, TableGrid
from extract.grid_build import boxes_to_grid
from extract.stitch import stitch_grids

BACKEND = "ocr-tesseract"
MIN_CONF = 30.0  # words Tesseract is less sure of than this are dropped (stamps, specks, rule debris)
TESSERACT_TIMEOUT = 300  # seconds per call
SNAP = 3.0  # points: rules closer than this are one rule (as in plumber_backend)
JOIN = 6.0  # points: collinear pieces of a rule broken by the scan are joined over this gap
EXTEND = 3.0  # points: rules are lengthened at both ends so that scanned corners still meet


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
        raise OcrUnavailableError(f"tesseract has no language data for {'+'.join(missing)}: apt-get install {pkgs}")
    return exe


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one page is one thread; parallelism is per document
    return env


def _run(args: list[str]) -> str:
    proc = subprocess.run(args, capture_output=True, text=True, timeout=TESSERACT_TIMEOUT, env=_env(), check=False)
    if proc.returncode != 0:
        raise ExtractionError(f"tesseract failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return proc.stdout


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
    return rotate % 360 if rotate in (0, 90, 180, 270) and conf >= 2.0 else 0


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line_key: tuple[int, int, int, int]


def ocr_words(exe: str, image_path: Path, languages: str, dpi: int) -> list[Word]:
    """Tesseract's words (TSV level 5) with their boxes in pixels."""
    tsv = _run([exe, str(image_path), "stdout", "-l", languages, "--psm", "3", "--dpi", str(dpi),
                "-c", "preserve_interword_spaces=0", "tsv"])  # fmt: skip
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
    return np.asarray(rgb[:, :, :3].max(axis=2), dtype=np.uint8)


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


def words_to_chars(words: Sequence[Word], scale: float, min_conf: float = MIN_CONF) -> list[dict[str, Any]]:
    """OCR words -> pdfplumber-like characters in points: each word's box is shared evenly by its
    letters, so spaces come from the gaps between words, as they do for a text layer."""
    heights: dict[tuple[int, int, int, int], list[int]] = {}
    for w in words:
        heights.setdefault(w.line_key, []).append(w.height)
    chars: list[dict[str, Any]] = []
    for w in words:
        if w.conf < min_conf or not any(ch.isalnum() for ch in w.text):
            continue
        size = float(np.median(heights[w.line_key])) * scale
        top, bottom = w.top * scale, (w.top + w.height) * scale
        step = w.width * scale / len(w.text)
        for i, ch in enumerate(w.text):
            x0 = (w.left * scale) + i * step
            chars.append({"text": ch, "x0": x0, "x1": x0 + step, "top": top, "bottom": bottom, "size": size,
                          "upright": True, "fontname": "ocr", "conf": w.conf})  # fmt: skip
    return chars


def _outside(chars: list[dict[str, Any]], grids: Sequence[TableGrid]) -> list[dict[str, Any]]:
    boxes = [(g.bbox[0] - 1, g.bbox[1] - 1, g.bbox[2] + 1, g.bbox[3] + 1) for g in grids]
    out = []
    for c in chars:
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        if not any(x0 <= x <= x1 and t <= y <= b for x0, t, x1, b in boxes):
            out.append(c)
    return out


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class OcrPage:
    page_no: int
    rotation: int  # clockwise degrees applied to the scan to make it upright
    skew: float  # degrees of skew removed
    width: float  # points, upright
    height: float
    grids: tuple[TableGrid, ...]
    lines: tuple[TextLine, ...]
    n_words: int


_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def ocr_page(exe: str, rgb: np.ndarray, page_no: int, source: str, languages: str, dpi: int,
             workdir: Path) -> OcrPage:  # fmt: skip
    """One rendered page (RGB pixels at ``dpi``) -> its table grids and the text lines outside them."""
    scale = 72.0 / dpi
    gray = _gray_without_colour(rgb)
    osd_path = workdir / f"osd-{page_no}.png"
    cv2.imwrite(str(osd_path), gray)
    rotation = detect_rotation(exe, osd_path, dpi)
    if rotation:
        gray = cv2.rotate(gray, _ROTATE[rotation])
    ink = _ink(gray, dpi)
    h_mask, v_mask = _rule_masks(ink, dpi)
    skew = _skew_degrees(h_mask, dpi)
    if abs(skew) > 0.05:
        gray = _rotate_small(gray, skew)
        ink = _ink(gray, dpi)
        h_mask, v_mask = _rule_masks(ink, dpi)
    min_len = 8.0  # points
    edges = _segments(h_mask, "h", scale, min_len) + _segments(v_mask, "v", scale, min_len)
    edges += _closing_edges(edges)
    # OCR on the page with the rules wiped out (they read as "|" and "_" and glue words to borders)
    rules = cv2.dilate(cv2.bitwise_or(h_mask, v_mask), np.ones((3, 3), np.uint8), iterations=1)
    clean = gray.copy()
    clean[rules > 0] = 255
    img_path = workdir / f"page-{page_no}.png"
    cv2.imwrite(str(img_path), clean)
    words = ocr_words(exe, img_path, languages, dpi)
    chars = words_to_chars(words, scale)
    grids: list[TableGrid] = []
    for boxes in table_boxes(edges):
        grid = boxes_to_grid(boxes, chars, page_no, source, BACKEND)
        if grid is not None and grid.n_rows >= 2 and grid.n_cols >= 2:
            grids.append(grid)
    grids.sort(key=lambda g: g.bbox[1])
    lines = chars_to_lines(_outside(chars, grids), page_no)
    hgt, wid = gray.shape[:2]
    return OcrPage(page_no, rotation, skew, wid * scale, hgt * scale, tuple(grids), tuple(lines), len(words))


def ocr_pages(path: Path, languages: str = "kaz+rus", dpi: int = 300) -> list[OcrPage]:
    """Every page of a PDF, rendered and OCR'd."""
    exe = check_tesseract(languages)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"cannot open PDF: {exc}", file=path.name) from exc
    pages: list[OcrPage] = []
    try:
        with tempfile.TemporaryDirectory(prefix="adilet-ocr-") as tmp:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    bitmap = page.render(scale=dpi / 72.0, grayscale=False)
                    rgb = bitmap.to_numpy()[:, :, :3][:, :, ::-1].copy()  # BGR(x) -> RGB
                finally:
                    page.close()
                try:
                    pages.append(ocr_page(exe, rgb, i + 1, path.name, languages, dpi, Path(tmp)))
                except (ValueError, KeyError, TypeError, IndexError, cv2.error) as exc:
                    raise ExtractionError(f"cannot OCR page: {exc}", file=path.name, page=i + 1) from exc
    finally:
        pdf.close()
    return pages


def pdf_to_document_ocr(path: Path, languages: str = "kaz+rus", dpi: int = 300) -> Document:
    """Read a scanned PDF by OCR: ruled tables as grids (backend ``ocr-tesseract``), the rest as
    text lines; multi-page tables stitched as for a text layer."""
    if not path.is_file():
        raise InputError("no such file", file=path.name)
    sha = file_sha256(path)
    pages = ocr_pages(path, languages, dpi)
    lines = [x for p in pages for x in p.lines]
    grids = [g for p in pages for g in p.grids]
    if pages and not lines and not any(c.lines for g in grids for c in g.cells):
        raise EmptyDocumentError(f"OCR found no text on any of its {len(pages)} pages", file=path.name)
    tables = stitch_grids(grids, lines)
    return Document(path.name, sha, len(pages), tuple(lines), tuple(tables))


def page_orientations(path: Path, dpi: int = 100) -> list[int]:
    """Per page, the clockwise degrees OCR turns it to read it (to draw OCR boxes on the scan)."""
    exe = check_tesseract("osd")
    pdf = pdfium.PdfDocument(str(path))
    out = []
    try:
        with tempfile.TemporaryDirectory(prefix="adilet-osd-") as tmp:
            for i in range(len(pdf)):
                page = pdf[i]
                rgb = page.render(scale=max(dpi, 150) / 72.0).to_numpy()[:, :, :3][:, :, ::-1]
                page.close()
                p = Path(tmp) / "osd.png"
                cv2.imwrite(str(p), _gray_without_colour(rgb))
                out.append(detect_rotation(exe, p, max(dpi, 150)))
    finally:
        pdf.close()
    return out
