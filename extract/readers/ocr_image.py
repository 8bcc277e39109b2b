"""A rendered scan -> grey pixels without coloured ink, ink masks, the ruling lines (OpenCV
morphology -> pdfplumber-style edges in points), the skew they show, the page turned upright."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np

from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.readers.ocr_tesseract import detect_rotation

# --------------------------------------------------------------------------- image


def gray_without_colour(rgb: np.ndarray) -> np.ndarray:
    """Grey image in which coloured ink (blue stamps and signatures, red marks) turns light:
    the brightest channel of each pixel. Black print stays black."""
    if rgb.ndim == 2:
        return rgb
    return np.asarray(cv2.max(cv2.max(rgb[:, :, 0], rgb[:, :, 1]), rgb[:, :, 2]), dtype=np.uint8)


def ink_mask(gray: np.ndarray, dpi: int) -> np.ndarray:
    block = max(15, int(dpi / 10) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def rule_masks(ink: np.ndarray, dpi: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of horizontal and vertical rules: ink runs longer than about 1/6 inch."""
    length = max(10, dpi // 6)
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # close the small breaks a scan leaves in a rule
    gap = max(3, dpi // 50)
    h = cv2.morphologyEx(h, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    v = cv2.morphologyEx(v, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return h, v


def skew_degrees(h_mask: np.ndarray, dpi: int) -> float:
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


def rotate_small(img: np.ndarray, degrees: float) -> np.ndarray:
    hgt, wid = img.shape[:2]
    m = cv2.getRotationMatrix2D((wid / 2, hgt / 2), degrees, 1.0)
    border = (255, 255, 255) if img.ndim == 3 else 255
    return cv2.warpAffine(img, m, (wid, hgt), flags=cv2.INTER_LINEAR, borderValue=border)


def mask_to_edges(mask: np.ndarray, orientation: str, scale: float, min_len: float,
                  extend: float = DEFAULT_LAYOUT.ocr_extend) -> list[dict[str, Any]]:  # fmt: skip
    """Connected components of a rule mask -> pdfplumber-style edges in points."""
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    edges: list[dict[str, Any]] = []
    for i in range(1, n):
        x, y, w, h, _area = (float(v) for v in stats[i])
        if orientation == "h":
            if w * scale < min_len or h > w / 4:
                continue
            mid = (y + h / 2) * scale
            x0, x1 = x * scale - extend, (x + w) * scale + extend
            edges.append({"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0.0,
                          "orientation": "h", "object_type": "line"})  # fmt: skip
        else:
            if h * scale < min_len or w > h / 4:
                continue
            mid = (x + w / 2) * scale
            top, bottom = y * scale - extend, (y + h) * scale + extend
            edges.append({"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                          "orientation": "v", "object_type": "line"})  # fmt: skip
    return edges


def closing_edges(edges: list[dict[str, Any]], extend: float = DEFAULT_LAYOUT.ocr_extend) -> list[dict[str, Any]]:
    """Rules that close a table cut open by the page edge: across the vertical rules, at their ends."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["height"] > 20]
    if len(verticals) < 2:
        return []
    x0 = min(e["x0"] for e in verticals) - extend
    x1 = max(e["x1"] for e in verticals) + extend
    out = []
    for y in (min(e["top"] for e in verticals) + extend, max(e["bottom"] for e in verticals) - extend):
        out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                    "orientation": "h", "object_type": "line"})  # fmt: skip
    return out


_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn_upright(exe: str, gray: np.ndarray, dpi: int, workdir: Path,
                 layout: LayoutSettings = DEFAULT_LAYOUT) -> tuple[np.ndarray, int]:  # fmt: skip
    osd_dpi = layout.ocr_osd_dpi
    small = cv2.resize(gray, None, fx=osd_dpi / dpi, fy=osd_dpi / dpi, interpolation=cv2.INTER_AREA)
    osd_path = workdir / "osd.png"
    cv2.imwrite(str(osd_path), small)
    rotation = detect_rotation(exe, osd_path, osd_dpi, layout)
    return (cv2.rotate(gray, _ROTATE[rotation]) if rotation else gray), rotation


def render_page(page: Any, dpi: int) -> np.ndarray:
    bitmap = page.render(scale=dpi / 72.0)
    return np.asarray(bitmap.to_numpy()[:, :, :3])  # channel order does not matter: see gray_without_colour


