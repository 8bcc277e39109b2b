"""pdfminer's page geometry for pdfium numbers: single-precision values back to the decimals
written in the file, matrices composed as pdfminer does, and the flip to pdfplumber's top-left
origin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from extract.readers.pdfium_calls import _f32

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

def _short(v: float) -> float:
    """The shortest decimal that a single-precision number stands for (841.9199829 -> 841.92).

    pdfium stores coordinates as 32-bit floats; pdfminer reads the decimals written in the file.
    Recovering the decimal makes the geometry agree to the last bit wherever no matrix scales it.
    """
    return float(str(_f32(v)))


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """m1 then m0 (pdfminer's ``mult_matrix`` convention)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)  # fmt: skip


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _get_bound(pts: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


class _Geometry:
    """pdfminer's page matrix (rotation, MediaBox origin) and pdfplumber's flip to a top-left origin."""

    def __init__(self, mediabox: Sequence[float], rotate: int, initial_doctop: float):
        x0, y0, x1, y1 = (_short(v) for v in mediabox)
        self.rotation = rotate % 360
        if self.rotation == 90:
            self.ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif self.rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif self.rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber.page: _normalize_box then _invert_box of the MediaBox; page.bbox = mediabox
        nx0, nx1 = sorted((x0, x1))
        ny0, ny1 = sorted((y0, y1))
        if self.rotation in (90, 270):
            nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
        mb_height = ny1 - ny0
        self.mediabox = (nx0, mb_height - ny1, nx1, mb_height - ny0)
        self.bbox = self.mediabox
        self.width = self.bbox[2] - self.bbox[0]
        self.height = self.bbox[3] - self.bbox[1]
        self.mb_x0, self.mb_top = self.mediabox[0], self.mediabox[1]
        self.initial_doctop = initial_doctop

    def point(self, pt: Point) -> Point:
        """pdfminer point -> pdfplumber point (``Page.point2coord``)."""
        return (self.mediabox[0] + pt[0], self.mediabox[1] + self.height - pt[1])

    def obj(self, kind: str, x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
        """A pdfplumber object dict from a pdfminer bbox (``Page.process_object``)."""
        top = (self.height - y1) + self.mb_top
        bottom = (self.height - y0) + self.mb_top
        width, height = x1 - x0, y1 - y0
        if self.mb_x0 != 0:
            x0, x1 = x0 + self.mb_x0, x1 + self.mb_x0
        return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": width, "height": height,
                "top": top, "bottom": bottom, "doctop": self.initial_doctop + top}  # fmt: skip


