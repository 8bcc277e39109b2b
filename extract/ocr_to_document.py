"""Scanned PDF (no text layer) -> Document, by OCR with Tesseract.

Each page is rendered with pypdfium2 and turned upright (Tesseract's orientation detection,
``--psm 0``); its small skew is measured on the table rules and removed. The ruling lines are
found with OpenCV (adaptive threshold, morphological opening with long horizontal and vertical
kernels, connected components -> line segments) and handed, as pdfplumber-style edges, to
pdfplumber's own lattice functions (merge, intersections, cells, tables). The page is OCR'd once
by the ``tesseract`` command (TSV word boxes), with the rules and coloured ink (stamps,
signatures, logos) removed from the image first. Every word becomes positioned "characters" in
PDF points, so :func:`extract.tables.cells_to_grid.boxes_to_grid` and :func:`extract.chars_to_lines.chars_to_lines`
read the cells and the text outside the tables exactly as they do for a text layer.

Coordinates are PDF points with a top-left origin, in the frame of the page *as read*: for a page
scanned sideways that is the page turned upright (width and height swapped), as pdfplumber reports
a page that carries a ``/Rotate``. :func:`page_orientations` tells which pages were turned."""

from __future__ import annotations

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
from core.page_ranges import PageRanges, check_selection
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.chars_to_lines import chars_to_lines
from extract.readers.ocr_image import (
    closing_edges,
    gray_without_colour,
    ink_mask,
    mask_to_edges,
    render_page,
    rotate_small,
    rule_masks,
    skew_degrees,
    turn_upright,
)
from extract.readers.ocr_tesseract import (
    BACKEND,
    check_tesseract,
    finish_tesseract,
    ocr_args,
    parse_tsv,
    start_tesseract,
)
from extract.readers.ocr_words import (
    Slot,
    cell_strips,
    chunks_by_ink,
    dash_words,
    place_page_words,
    place_strip_words,
    words_to_chars,
)
from extract.stitch import stitch_grids
from extract.tables.cells_to_grid import boxes_to_grid, chars_outside, cluster_edges


def table_boxes(edges: list[dict[str, Any]], layout: LayoutSettings = DEFAULT_LAYOUT) -> list[list[BBox]]:
    """pdfplumber's lattice: merged edges -> intersections -> cells -> tables (lists of cell boxes)."""
    snap, join = layout.ocr_snap, layout.ocr_join
    merged = merge_edges(edges, snap, snap, join, join)
    intersections = edges_to_intersections(merged, snap, snap)
    cells = intersections_to_cells(intersections)
    tables = cells_to_tables(cells)
    return [[tuple(float(v) for v in c) for c in t] for t in tables]  # type: ignore[misc]


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


def _table_shape_ok(boxes: Sequence[BBox], snap: float) -> bool:
    xs = cluster_edges([b[0] for b in boxes] + [b[2] for b in boxes], snap)
    ys = cluster_edges([b[1] for b in boxes] + [b[3] for b in boxes], snap)
    return len(xs) >= 3 and len(ys) >= 3


def ocr_page(exe: str, rgb: np.ndarray, page_no: int, source: str, languages: str, dpi: int,
             workdir: Path, layout: LayoutSettings = DEFAULT_LAYOUT) -> OcrPage:  # fmt: skip
    """One rendered page (RGB pixels at ``dpi``) -> its table grids and the text lines outside them."""
    scale = 72.0 / dpi
    gray, rotation = turn_upright(exe, gray_without_colour(rgb), dpi, workdir, layout)
    ink = ink_mask(gray, dpi)
    h_mask, v_mask = rule_masks(ink, dpi)
    skew = skew_degrees(h_mask, dpi)
    if abs(skew) > layout.ocr_min_skew:
        gray = rotate_small(gray, skew)
        ink = ink_mask(gray, dpi)
        h_mask, v_mask = rule_masks(ink, dpi)
    min_rule, extend = layout.ocr_min_rule, layout.ocr_extend
    edges = mask_to_edges(h_mask, "h", scale, min_rule, extend) + mask_to_edges(v_mask, "v", scale, min_rule, extend)
    edges += closing_edges(edges, extend)
    tables = [t for t in table_boxes(edges, layout) if _table_shape_ok(t, layout.cell_edge_snap)]

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
        margin = layout.ocr_table_margin
        x0, y0 = min(b[0] for b in t) - margin, min(b[1] for b in t) - margin
        x1, y1 = max(b[2] for b in t) + margin, max(b[3] for b in t) + margin
        outside[max(0, int(y0 * px)) : int(y1 * px) + 1, max(0, int(x0 * px)) : int(x1 * px) + 1] = 255
    page_path = workdir / "page.png"
    cv2.imwrite(str(page_path), outside)
    procs = [start_tesseract(ocr_args(exe, page_path, languages, dpi, layout.ocr_page_psm))]
    # the cells: every cell of every table on strips, one call
    cells_px = [(int(b[0] * px), int(b[1] * px), int(b[2] * px), int(b[3] * px)) for t in tables for b in t]
    # on the strips, paper is pure white: the slightly grey crops on white would read as boxes
    paper = np.where(cv2.dilate(text_ink, np.ones((3, 3), np.uint8)) > 0, clean, 255).astype(np.uint8)
    # the cells go to layout.ocr_cell_processes tesseract calls (in parallel with the page's), in chunks of
    # about equal ink (fixed by the page, so the result is deterministic)
    chunks = chunks_by_ink(cells_px, text_ink, layout.ocr_cell_processes)
    jobs: list[list[Slot]] = []
    for k, chunk in enumerate(chunks):
        strips, slots = cell_strips(paper, text_ink, chunk, inset=max(2, dpi // 100), layout=layout)
        if not strips:
            continue
        names = []
        for i, strip in enumerate(strips, start=1):
            name = workdir / f"cells-{k}-{i}.png"
            cv2.imwrite(str(name), strip)
            names.append(str(name))
        list_path = workdir / f"cells-{k}.txt"
        list_path.write_text("\n".join(names) + "\n", encoding="utf-8")
        procs.append(start_tesseract(ocr_args(exe, list_path, languages, dpi, layout.ocr_cell_psm)))
        jobs.append(slots)
    outputs = [finish_tesseract(p, layout.ocr_timeout) for p in procs]
    page_words = parse_tsv(outputs[0])
    cell_words = [w for k, (out, slots) in enumerate(zip(outputs[1:], jobs, strict=True))
                  for w in place_strip_words(parse_tsv(out), slots, k, layout.ocr_strip_gap)]  # fmt: skip
    cell_words += dash_words(text_ink, cells_px, cell_words, dpi)
    page_chars = words_to_chars(place_page_words(page_words), scale, layout)
    cell_chars = words_to_chars(cell_words, scale, layout)

    grids: list[TableGrid] = []
    lost: list[BBox] = []
    for boxes in tables:
        grid = boxes_to_grid(boxes, cell_chars, page_no, source, BACKEND, layout)
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


def ocr_pages(path: Path, languages: str = "kaz+rus", work_dir: Path | None = None,
              layout: LayoutSettings = DEFAULT_LAYOUT, pages: PageRanges | None = None) -> list[OcrPage]:  # fmt: skip
    """Every page of a PDF (or the ``pages`` selected), rendered and OCR'd (page images for Tesseract go to a temporary
    folder inside ``work_dir`` when given, e.g. the run's output folder)."""
    exe = check_tesseract(languages)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"corrupted or truncated PDF: {exc}", file=path.name) from exc
    done: list[OcrPage] = []
    try:
        chosen = check_selection(pages, len(pdf), path.name)
        if work_dir is not None:
            work_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="adilet-ocr-", dir=work_dir) as tmp:
            for i in sorted(p - 1 for p in chosen):
                page = pdf[i]
                try:
                    rgb = render_page(page, layout.ocr_dpi)
                finally:
                    page.close()
                try:
                    done.append(ocr_page(exe, rgb, i + 1, path.name, languages, layout.ocr_dpi, Path(tmp), layout))
                except (ValueError, KeyError, TypeError, IndexError, cv2.error) as exc:
                    raise ExtractionError(f"cannot OCR page: {exc}", file=path.name, page=i + 1) from exc
    finally:
        pdf.close()
    return done


def pdf_to_document_ocr(path: Path, languages: str = "kaz+rus", layout: LayoutSettings = DEFAULT_LAYOUT,
                        work_dir: Path | None = None, pages: PageRanges | None = None) -> Document:  # fmt: skip
    """Read a scanned PDF by OCR: ruled tables as grids (backend ``ocr-tesseract``), the rest as
    text lines; multi-page tables stitched as for a text layer."""
    if not path.is_file():
        raise InputError("no such file", file=path.name)
    sha = file_sha256(path)
    read = ocr_pages(path, languages, work_dir, layout, pages)
    lines = [x for p in read for x in p.lines]
    grids = [g for p in read for g in p.grids]
    if read and not lines and not any(c.lines for g in grids for c in g.cells):
        raise EmptyDocumentError(f"OCR found no text on any of its {len(read)} pages read", file=path.name)
    tables = stitch_grids(harmonize_repeated_headers(grids, layout.ocr_header_similarity), lines, layout)
    return Document(path.name, sha, _page_count(path) if pages else len(read), tuple(lines), tuple(tables))


def _page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def harmonize_repeated_headers(grids: Sequence[TableGrid],
                               similarity: float = DEFAULT_LAYOUT.ocr_header_similarity) -> list[TableGrid]:  # fmt: skip
    """A header repeated on the next page is OCR'd a little differently each time ("№ п/п",
    "№ пп", "Жп/п"). When a page's first grid has the header rows of the previous page's last grid,
    cell for cell (same cells, text at least ``similarity`` alike), their text is made the
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
                if a and SequenceMatcher(None, a, b, autojunk=False).ratio() >= similarity:
                    texts = {(c.row, c.col): c.lines for c in head_p}
                    cells = tuple(
                        replace(c, lines=texts[(c.row, c.col)], full_lines=()) if c.row < k else c
                        for c in grid.cells
                    )
                    grid = replace(grid, cells=cells)
        out.append(grid)
    return out


def page_orientations(path: Path, layout: LayoutSettings = DEFAULT_LAYOUT) -> list[int]:
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
                    gray = gray_without_colour(render_page(page, layout.ocr_osd_dpi))
                finally:
                    page.close()
                out.append(turn_upright(exe, gray, layout.ocr_osd_dpi, Path(tmp), layout)[1])
    finally:
        pdf.close()
    return out
