"""pypdfium2 page -> the same characters and ruling edges as pdfplumber -> the same table grids.

pdfplumber (on pdfminer) parses the content streams in Python and reads about 15 pages/s; pdfium
does it in C. This backend reads from pdfium exactly what the pdfplumber path uses, in
pdfplumber's own shapes and coordinates (top-left origin, PDF points, pdfminer's page-rotation
matrix and MediaBox offsets):

* **characters** (``text, x0, x1, top, bottom, size, fontname, upright``) from the text page:
  origin from pdfium, advance from the font's widths (pdfium's "loose" box is wider for some
  fonts), the box height from the font size and the font descriptor's descent as pdfminer reads
  it (:func:`font_descents`); characters pdfium generates (spaces, line breaks) are dropped, and
  a line-end hyphen that pdfium marks is reported as "-";
* **ruling edges** from the path objects (page-level and inside form XObjects), classified as
  pdfminer does (a two-point subpath is a line, a closed axis-aligned four-point subpath a rect,
  anything else a curve) and turned into edges by pdfplumber's own ``rect_to_edges`` /
  ``line_to_edge`` / ``curve_to_edges``.

:class:`PdfiumPage` offers them as the part of pdfplumber's ``Page`` that
:func:`extract.plumber_backend.page_to_grids` reads (``chars``, ``edges``, ``bbox``,
``find_tables``), so both backends share the table finder (pdfplumber's pure
``TableFinder``: snap, merge, intersections, cells, tables) and the grid builder.

Where the two readers cannot agree: pdfium keeps coordinates in single precision and composes
page matrices in single precision (a cell box may differ by 0.01 after rounding to 2 decimals);
it keeps glyph widths as integers of 1/1000 em, so positions along a long run of text drift
by up to ~0.5 pt where a font's widths are fractional (reportlab, Chromium); its text page does
not report most space glyphs that pdfminer reports (spaces are inferred from gaps either way);
``fontname`` may lack the subset tag (``Calibri`` for ``ABCDEE+Calibri``).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from core.errors import ExtractionError, InputError
from core.page import CharList, Glyph
from extract.font_descents import font_descents, strip_subset

BACKEND = "pdfium-lattice"

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINE, _SEG_BEZIER, _SEG_MOVE = 0, 1, 2

# Private ctypes prototypes of the calls made once per character: plain void* arguments skip
# pypdfium2's pointer-type checks (a third of the cost of a call) and leave its own prototypes alone.
_lib = pdfium_c._libs["pdfium"] if hasattr(pdfium_c, "_libs") else None


def _proto(name: str, restype: Any, *argtypes: Any) -> Any:
    lib = _lib
    if lib is None:  # pragma: no cover - pypdfium2 without the raw library handle
        import pypdfium2_raw.bindings as bindings

        lib = bindings._libs["pdfium"]
    fn = lib[name]  # a new function object: our argtypes do not touch pypdfium2's
    fn.restype, fn.argtypes = restype, argtypes
    return fn


_vp, _int, _dbl_p = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
_text_count = _proto("FPDFText_CountChars", _int, _vp)
_text_box = _proto("FPDFText_GetCharBox", _int, _vp, _int, _dbl_p, _dbl_p, _dbl_p, _dbl_p)
_text_loose = _proto("FPDFText_GetLooseCharBox", _int, _vp, _int, ctypes.POINTER(pdfium_c.FS_RECTF))
_text_matrix = _proto("FPDFText_GetMatrix", _int, _vp, _int, ctypes.POINTER(pdfium_c.FS_MATRIX))
_text_get = _proto("FPDFText_GetText", _int, _vp, _int, _int, ctypes.c_void_p)
_obj_matrix = _proto("FPDFPageObj_GetMatrix", _int, _vp, ctypes.POINTER(pdfium_c.FS_MATRIX))
_obj_type = _proto("FPDFPageObj_GetType", _int, _vp)
_page_count_objects = _proto("FPDFPage_CountObjects", _int, _vp)
_page_object = _proto("FPDFPage_GetObject", _vp, _vp, _int)
_form_count_objects = _proto("FPDFFormObj_CountObjects", _int, _vp)
_form_object = _proto("FPDFFormObj_GetObject", _vp, _vp, ctypes.c_ulong)
_path_count = _proto("FPDFPath_CountSegments", _int, _vp)
_path_draw_mode = _proto("FPDFPath_GetDrawMode", _int, _vp, ctypes.POINTER(ctypes.c_int),
                         ctypes.POINTER(ctypes.c_int))  # fmt: skip
_textobj_font = _proto("FPDFTextObj_GetFont", _vp, _vp)
_textobj_size = _proto("FPDFTextObj_GetFontSize", _int, _vp, ctypes.POINTER(ctypes.c_float))
_font_glyph_width = _proto("FPDFFont_GetGlyphWidth", _int, _vp, ctypes.c_uint, ctypes.c_float,
                           ctypes.POINTER(ctypes.c_float))  # fmt: skip
_font_descent = _proto("FPDFFont_GetDescent", _int, _vp, ctypes.c_float, ctypes.POINTER(ctypes.c_float))
_text_font_info = _proto("FPDFText_GetFontInfo", ctypes.c_ulong, _vp, _int, ctypes.c_char_p, ctypes.c_ulong,
                         ctypes.POINTER(ctypes.c_int))  # fmt: skip




def _bare(name: str, restype: Any) -> Any:
    """A prototype without ``argtypes``, for the calls made once per character: ctypes then
    converts nothing (half the cost of a call, measured); callers pass the handle as a
    ``c_void_p`` object and indexes as small ints, the only argument kinds these calls take."""
    fn = _proto(name, restype)
    fn.argtypes = None
    return fn


_each_text_object = _bare("FPDFText_GetTextObject", _vp)  # returns an int address (or None)
_each_text_origin = _bare("FPDFText_GetCharOrigin", _int)
_each_text_generated = _bare("FPDFText_IsGenerated", _int)
_each_text_hyphen = _bare("FPDFText_IsHyphen", _int)
_each_text_unicode = _bare("FPDFText_GetUnicode", ctypes.c_uint)
_each_text_unmapped = _bare("FPDFText_HasUnicodeMapError", _int)


class _Handle(ctypes.c_void_p):
    """A pointer that ctypes hands back as is (a ``c_void_p`` subclass is not turned into an
    int), so it goes straight into the next bare call."""


_each_path_segment = _bare("FPDFPath_GetPathSegment", _Handle)
_each_segment_type = _bare("FPDFPathSegment_GetType", _int)
_each_segment_point = _bare("FPDFPathSegment_GetPoint", _int)
_each_segment_close = _bare("FPDFPathSegment_GetClose", _int)
_clip_of = _bare("FPDFPageObj_GetClipPath", _Handle)
_clip_paths = _bare("FPDFClipPath_CountPaths", _int)
_clip_segments = _bare("FPDFClipPath_CountPathSegments", _int)
_clip_segment = _bare("FPDFClipPath_GetPathSegment", _Handle)
_each_page_object = _bare("FPDFPage_GetObject", _Handle)
_each_form_object = _bare("FPDFFormObj_GetObject", _Handle)
_each_object_type = _bare("FPDFPageObj_GetType", _int)

_HYPHEN_MARKS = ("\x02", "\ufffe")

_f32 = np.float32


def _addr(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


# The per-character loop in C (same numbers to the last bit, tested); None when not built.
try:
    from extract import _pdfium_read as _read_c
except ImportError:  # pragma: no cover - built by ``pip install``; the Python loop stands in
    _read_c = None  # type: ignore[assignment]
FAST_READER = True  # False: always the Python loop (tests compare the two)
if _read_c is not None:
    Mapping.register(_read_c.Char)  # its characters: read-only mappings with a dict's keys and values
    _read_c.bind({name: _addr(_proto(name, None)) for name in (
        "FPDFText_GetUnicode", "FPDFText_GetText", "FPDFText_IsGenerated", "FPDFText_IsHyphen",
        "FPDFText_HasUnicodeMapError", "FPDFText_GetTextObject", "FPDFText_GetCharOrigin",
        "FPDFText_GetCharBox", "FPDFText_GetLooseCharBox", "FPDFText_GetMatrix", "FPDFTextObj_GetFontSize",
        "FPDFTextObj_GetFont", "FPDFFont_GetGlyphWidth", "FPDFPageObj_GetClipPath", "FPDFClipPath_CountPaths",
        "FPDFClipPath_CountPathSegments", "FPDFClipPath_GetPathSegment", "FPDFPathSegment_GetPoint",
        "FPDFPage_CountObjects", "FPDFFormObj_CountObjects", "FPDFPath_CountSegments", "FPDFPage_GetObject",
        "FPDFFormObj_GetObject", "FPDFPageObj_GetType", "FPDFPathSegment_GetType", "FPDFPathSegment_GetClose",
        "FPDFPageObj_GetMatrix", "FPDFPath_GetDrawMode", "FPDFPath_GetPathSegment")})


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


# --------------------------------------------------------------------------------------------
# ruling lines


def _path_subpaths(obj: Any, memo: dict[float, float]) -> list[list[tuple[str, Point]]]:
    """A path object's segments as pdfminer operations (``m``, ``l``, ``c``, ``h``) with end points."""
    fx, fy = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(fx), ctypes.byref(fy)
    get_segment, get_type, get_point, get_close = (_each_path_segment, _each_segment_type, _each_segment_point,
                                                   _each_segment_close)  # fmt: skip
    handle = obj if isinstance(obj, ctypes.c_void_p) else ctypes.c_void_p(obj)
    subpaths: list[list[tuple[str, Point]]] = []
    current: list[tuple[str, Point]] = []
    bezier = 0
    for i in range(_path_count(obj)):
        seg = get_segment(handle, i)
        kind = get_type(seg)
        get_point(seg, px, py)
        x, y = fx.value, fy.value
        sx = memo.get(x)
        if sx is None:
            sx = memo[x] = _short(x)
        sy = memo.get(y)
        if sy is None:
            sy = memo[y] = _short(y)
        if kind == _SEG_MOVE:
            if current:
                subpaths.append(current)
            current = [("m", (sx, sy))]
            bezier = 0
        elif kind == _SEG_BEZIER:
            bezier += 1
            if bezier == 3:  # two control points, then the end point
                current.append(("c", (sx, sy)))
                bezier = 0
        else:
            current.append(("l", (sx, sy)))
        if get_close(seg) and current:
            current.append(("h", current[0][1]))
    if current:
        subpaths.append(current)
    return subpaths


def _paint_path(ops: list[tuple[str, Point]], ctm: Matrix, geo: _Geometry, out: dict[str, list[Any]],
                paint: dict[str, Any]) -> None:  # fmt: skip
    """pdfminer's ``PDFLayoutAnalyzer.paint_path`` for one subpath, then pdfplumber's object dict
    (with the path's ``stroke`` and ``fill`` flags in ``paint``)."""
    shape = "".join(op for op, _ in ops)
    if shape[:1] != "m" or len(shape) < 2:
        return
    pts = [_apply(ctm, *pt) for _, pt in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        (ax, ay), (bx, by) = pts[0], pts[1]
        out["line"].append(geo.obj("line", min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)) | paint)
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            out["rect"].append(geo.obj("rect", min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2)) | paint)
            return
    curve = geo.obj("curve", *_get_bound(pts)) | paint
    curve["pts"] = [geo.point(p) for p in pts]
    out["curve"].append(curve)


def _iter_path_objects(container: Any, count: Any, get: Any, parent: Matrix | None,
                       memo: dict[float, float]) -> Iterator[tuple[Any, Matrix]]:  # fmt: skip
    """Path objects in content order, descending into form XObjects, with their full matrices
    (``container`` and the objects are ``c_void_p`` handles, for the bare per-object calls)."""
    m = pdfium_c.FS_MATRIX()
    pm = ctypes.byref(m)
    object_type = _each_object_type
    for i in range(count(container)):
        obj = get(container, i)
        kind = object_type(obj)
        if kind != _OBJ_PATH and kind != _OBJ_FORM:
            continue
        _obj_matrix(obj, pm)
        mat: Matrix = tuple(_short_memo(v, memo) for v in (m.a, m.b, m.c, m.d, m.e, m.f))  # type: ignore[assignment]
        if parent is not None:
            mat = _mult(mat, parent)
        if kind == _OBJ_PATH:
            yield obj, mat
        else:
            yield from _iter_path_objects(obj, _form_count_objects, _each_form_object, mat, memo)


def _short_memo(v: float, memo: dict[float, float]) -> float:
    s = memo.get(v)
    if s is None:
        s = memo[v] = _short(v)
    return s


def _count_objects(page_handle: int, kind: int) -> int:
    """Objects of one type on a page, inside form XObjects too."""

    def count(container: int, n: Any, get: Any) -> int:
        total = 0
        for i in range(n(container)):
            obj = get(container, i)
            t = _obj_type(obj)
            if t == kind:
                total += 1
            elif t == _OBJ_FORM:
                total += count(obj, _form_count_objects, _form_object)
        return total

    return count(page_handle, _page_count_objects, _page_object)


Subpath = list[tuple[str, Point]]
PathObject = tuple[Matrix, bool, bool, list[Subpath]]


def page_path_objects_py(page_handle: int, memo: dict[float, float]) -> list[PathObject]:
    """A page's path objects in content order (inside form XObjects too): full matrix, fill and
    stroke flags, subpaths; the reference of the C reader (:func:`page_path_objects`)."""
    out: list[PathObject] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pfill, pstroke = ctypes.byref(fill), ctypes.byref(stroke)
    page = ctypes.c_void_p(page_handle)
    for obj, mat in _iter_path_objects(page, _page_count_objects, _each_page_object, None, memo):
        _path_draw_mode(obj, pfill, pstroke)
        out.append((mat, bool(fill.value), bool(stroke.value), _path_subpaths(obj, memo)))
    return out


def page_path_objects(page_handle: int, memo: dict[float, float]) -> list[PathObject]:
    """:func:`page_path_objects_py`, read in C when the extension is built."""
    if _read_c is None or not FAST_READER:
        return page_path_objects_py(page_handle, memo)
    return _read_c.page_path_objects(page_handle, memo, _short)


def page_paths(page_handle: int, geo: _Geometry) -> dict[str, list[dict[str, Any]]]:
    """pdfplumber's ``line``, ``rect`` and ``curve`` objects of a page, in content order."""
    found: dict[str, list[Any]] = {"line": [], "rect": [], "curve": []}
    memo: dict[float, float] = {}
    objects = page_path_objects(page_handle, memo)
    if _read_c is not None and FAST_READER:  # the loop below in C (the same objects, tested)
        geometry = (geo.height, geo.mb_top, geo.mb_x0, geo.mediabox[1], geo.initial_doctop, *(float(v) for v in geo.ctm))
        _read_c.paint_paths(objects, geometry, found)
        return found
    for mat, fill, stroke, subpaths in objects:
        ctm = _mult(mat, geo.ctm)
        paint = {"stroke": stroke, "fill": fill}
        for ops in subpaths:
            _paint_path(ops, ctm, geo, found, paint)
    return found


def paths_to_edges(objects: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Ruling edges as pdfplumber's ``Page.edges``: line edges, then rect edges, then curve edges."""
    lines, rects = objects.get("line", []), objects.get("rect", [])
    if _read_c is not None and FAST_READER and type(lines) is list and type(rects) is list:
        # pdfplumber's line_to_edge and rect_to_edges in C (the same dicts, keys in the same order: tested)
        edges = _read_c.line_and_rect_edges(lines, rects)
        for c in objects.get("curve", ()):
            edges.extend(curve_to_edges(c))
        return edges
    return paths_to_edges_py(objects)


def paths_to_edges_py(objects: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """:func:`paths_to_edges` by pdfplumber's own functions (the reference)."""
    edges = [line_to_edge(x) for x in objects.get("line", ())]
    for r in objects.get("rect", ()):
        edges.extend(rect_to_edges(r))
    for c in objects.get("curve", ()):
        edges.extend(curve_to_edges(c))
    return edges


def page_edges(page_handle: int, geo: _Geometry) -> list[dict[str, Any]]:
    return paths_to_edges(page_paths(page_handle, geo))


# --------------------------------------------------------------------------------------------
# characters


class _FontInfo:
    __slots__ = ("name", "size", "descent", "font", "widths")

    def __init__(self, name: str, size: float, descent: float, font: int):
        self.name, self.size, self.descent, self.font = name, size, descent, font
        self.widths: dict[str, float | None] = {}

    def advance(self, ch: str) -> float | None:
        """The glyph's advance in text space (the font's /Widths or /W entry x size), as pdfminer
        reads it; None when pdfium cannot map the character back to a code of the font."""
        w = self.widths.get(ch, -1.0)
        if w == -1.0:
            out = ctypes.c_float()
            ok = self.font and len(ch) == 1 and _font_glyph_width(self.font, ord(ch), self.size, ctypes.byref(out))
            w = self.widths[ch] = out.value if ok else None
        return w


def _font_name_descent(tp: int, index: int, font: int, size: float, descents: dict[str, float]) -> tuple[str, float]:
    """Font name (with its subset tag when pdfium keeps it) and descent of the font of the
    character at ``index`` (``font`` its handle, 0 when pdfium has none)."""
    flags = ctypes.c_int()
    buf = ctypes.create_string_buffer(256)
    n = _text_font_info(tp, index, buf, 256, ctypes.byref(flags))
    if n > 256:
        buf = ctypes.create_string_buffer(n)
        _text_font_info(tp, index, buf, n, ctypes.byref(flags))
    name = buf.value.decode("utf-8", "replace")
    descent = descents.get(strip_subset(name), 1.0)
    if descent == 1.0 and font:
        descent = 0.0
        d = ctypes.c_float()
        if size and _font_descent(font, ctypes.c_float(1000.0), ctypes.byref(d)):
            descent = -abs(d.value) / 1000.0  # pdfminer: a positive Descent is read as negative
    return name, descent


def _text_object_info(tp: int, index: int, obj: int, cache: dict[tuple[int, float], _FontInfo],
                      descents: dict[str, float]) -> _FontInfo:  # fmt: skip
    """Font name, size and descent of a text object; shared by every object in the same font
    and size, so glyph widths are looked up once."""
    fsize = ctypes.c_float()
    _textobj_size(obj, ctypes.byref(fsize))
    size = fsize.value
    font = _textobj_font(obj) or 0
    info = cache.get((font, size))
    if info is None:
        name, descent = _font_name_descent(tp, index, font, size, descents)
        info = cache[(font, size)] = _FontInfo(name, size, descent, font)
    return info


def _page_text(tp: int, n: int) -> str | None:
    """All characters of the text page in one call (UTF-16); None when it is not one per index."""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = _text_get(tp, 0, n, buf)
    text = buf.raw[: 2 * max(got - 1, 0)].decode("utf-16-le", "replace")
    return text if len(text) == n else None


CLIP_SLACK = 0.5  # points: a character whose centre is this far outside its clip is hidden


def clip_box(obj: int, ctm: Matrix) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1, in the page space of the characters) that the object's clipping
    path leaves visible: the intersection of its paths' bounding boxes; None when unclipped.
    LibreOffice and Word hide what overflows a table row (a repeated header cut to its row
    height) by clipping: such text is in the content stream but not on the page."""
    clip = _clip_of(ctypes.c_void_p(obj))
    if not clip:
        return None
    fx, fy = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(fx), ctypes.byref(fy)
    get_segment, get_point = _clip_segment, _each_segment_point
    box: tuple[float, float, float, float] | None = None
    for p in range(max(0, _clip_paths(clip))):
        xs, ys = [], []
        for s in range(max(0, _clip_segments(clip, p))):
            seg = get_segment(clip, p, s)
            if seg and get_point(seg, px, py):
                xs.append(fx.value)
                ys.append(fy.value)
        if xs:
            # the path's box in PDF space, then its corners through the page matrix
            corners = [_apply(ctm, x, y) for x in (min(xs), max(xs)) for y in (min(ys), max(ys))]
            b = (min(x for x, _ in corners), min(y for _, y in corners),
                 max(x for x, _ in corners), max(y for _, y in corners))  # fmt: skip
            box = b if box is None else (max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]), min(box[3], b[3]))
    return box


def page_chars(tp: int, geo: _Geometry, descents: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """Characters as pdfplumber's ``Page.chars`` (the keys the pipeline reads), with their glyph
    tuples; read in C (extract/_pdfium_read.c) when the extension is built, else in Python."""
    if _read_c is None or not FAST_READER:
        return page_chars_py(tp, geo, descents)
    n = _text_count(tp)
    if n <= 0:
        return []
    known = descents or {}

    def font_info(tp_: int, index: int, font: int, size: float) -> tuple[str, float]:
        return _font_name_descent(tp_, index, font, size, known)

    geometry = (geo.height, geo.mb_top, geo.mb_x0, geo.initial_doctop, *(float(v) for v in geo.ctm))
    return _read_c.page_chars(tp, n, geometry, font_info, CharList(), CLIP_SLACK)


def page_chars_py(tp: int, geo: _Geometry, descents: dict[str, float] | None = None) -> list[dict[str, Any]]:
    """:func:`page_chars` in Python: the reference the C reader is tested against.

    Per character two calls into pdfium (its text object and its origin); everything that is the
    same for a whole text object (font, size, descent, matrix) is read once per object.
    """
    n = _text_count(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    box = pdfium_c.FS_RECTF()
    pbox = ctypes.byref(box)
    m = pdfium_c.FS_MATRIX()
    pm = ctypes.byref(m)
    fonts: dict[tuple[int, float], _FontInfo] = {}
    objects: dict[int, tuple[Any, ...]] = {}
    height, mb_top, mb_x0, doctop0 = geo.height, geo.mb_top, geo.mb_x0, geo.initial_doctop
    ctm = geo.ctm
    rot: Matrix = (ctm[0], ctm[1], ctm[2], ctm[3], 0.0, 0.0)
    plain_page = ctm[:4] == (1, 0, 0, 1)
    ce, cf = ctm[4], ctm[5]
    left, right, bottom, top_ = (ctypes.c_double() for _ in range(4))
    pl, pr, pb, pt = (ctypes.byref(v) for v in (left, right, bottom, top_))
    text_object, text_origin, get_unicode = _each_text_object, _each_text_origin, _each_text_unicode
    tpv = ctypes.c_void_p(tp)  # passed as is to the bare prototypes
    out = CharList()
    append = out.append
    glyphs: list[Glyph] = []
    add_glyph = glyphs.append
    last_obj = None
    # what is the same for every character of the current text object (unpacked once per run)
    info: Any = None
    widths: dict[str, float | None] = {}
    name, pa, a, b, c, d, simple, ylo, yhi, lo, hi, upright = "", 0.0, 0.0, 0.0, 0.0, 0.0, False, 0.0, 0.0, 0.0, 0.0, True
    unmapped = False  # the run's first character has no Unicode mapping: check each one
    clip: tuple[float, float, float, float] | None = None  # what the run's clipping path leaves visible
    for i in range(n):
        ch = text[i] if text is not None else chr(get_unicode(tpv, i))
        if ch <= " " or ch == "\ufffe" or ch.isspace():
            if _each_text_generated(tpv, i):
                continue
            if ch in _HYPHEN_MARKS and _each_text_hyphen(tpv, i):
                ch = "-"  # pdfium marks a hyphen that ends a line; pdfminer reports the glyph, "-"
        obj = text_object(tpv, i)
        if not obj:
            continue
        if obj != last_obj:
            ob = objects.get(obj)
            if ob is None:
                oinfo = _text_object_info(tp, i, obj, fonts, descents or {})
                _text_matrix(tp, i, pm)
                # pdfium's char matrix (unrotated user space), then pdfminer's page matrix
                ma, mb, mc, md = _mult((m.a, m.b, m.c, m.d, 0.0, 0.0), rot)[:4]
                olo = oinfo.descent * oinfo.size
                ohi = olo + oinfo.size
                osimple = mb == 0 and mc == 0 and (m.a > 1e-6 or m.a < -1e-6)
                ob = objects[obj] = (oinfo, m.a, ma, mb, mc, md, osimple, min(md * olo, md * ohi),
                                     max(md * olo, md * ohi), olo, ohi, ma * md > 0 and mb * mc <= 0,
                                     bool(_each_text_unmapped(tpv, i)), clip_box(obj, ctm))  # fmt: skip
            info, pa, a, b, c, d, simple, ylo, yhi, lo, hi, upright, unmapped, clip = ob
            name, widths = info.name, info.widths
            last_obj = obj
        if (unmapped or ch < " ") and _each_text_unmapped(tpv, i):
            # a glyph without a Unicode mapping: pdfium gives its code as the character (control
            # characters for a subset font); pdfminer writes "(cid:N)", kept as printed and counted
            ch = f"(cid:{ord(ch)})"
        text_origin(tpv, i, pox, poy)
        if plain_page:
            e, f = ox.value + ce, oy.value + cf
        else:
            e, f = _apply(ctm, ox.value, oy.value)
        if simple or pa > 1e-6 or pa < -1e-6:
            # pdfminer: (0, descent) .. (adv, descent + fontsize) in text space through the char
            # matrix, adv from the font's widths (pdfium's loose box is too wide for some fonts)
            adv = widths.get(ch, -1.0)
            if adv == -1.0:
                adv = info.advance(ch)
            if adv is None:
                _text_loose(tp, i, pbox)
                adv = (box.right - box.left) / pa
            if simple:
                w = adv * a
                x0, x1 = (e, e + w) if w >= 0 else (e + w, e)
                y0, y1 = f + ylo, f + yhi
            else:
                xs = (e + c * lo, e + adv * a + c * lo, e + c * hi, e + adv * a + c * hi)
                ys = (f + d * lo, f + adv * b + d * lo, f + d * hi, f + adv * b + d * hi)
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        else:  # text turned a quarter: pdfium's loose box is empty; its glyph box is near enough
            _text_box(tp, i, pl, pr, pb, pt)
            (px0, py0), (px1, py1) = _apply(ctm, left.value, bottom.value), _apply(ctm, right.value, top_.value)
            x0, x1, y0, y1 = min(px0, px1), max(px0, px1), min(py0, py1), max(py0, py1)
        if clip is not None:
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not (clip[0] - CLIP_SLACK <= cx <= clip[2] + CLIP_SLACK and clip[1] - CLIP_SLACK <= cy <= clip[3] + CLIP_SLACK):
                continue  # hidden by its clipping path
        top = (height - y1) + mb_top
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        bottom_ = (height - y0) + mb_top
        size = (x1 - x0) if a == 0 else (y1 - y0)
        char = {"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom_, "doctop": doctop0 + top,
                "size": size, "fontname": name, "upright": upright, "object_type": "char"}  # fmt: skip
        append(char)
        if upright and not ch.isspace():  # what extract.chars.chars_to_glyphs would make of it
            add_glyph(((top + bottom_) / 2, size or (bottom_ - top) or 1.0, x0, x1, top, bottom_, ch, name, char))
    out.glyphs = glyphs
    return out


# --------------------------------------------------------------------------------------------
# the page, as much of pdfplumber's Page as the grid code reads


class PdfiumPage:
    """A pdfium page offering pdfplumber's ``chars``, ``edges``, ``bbox`` and ``find_tables``."""

    def __init__(self, page: pdfium.PdfPage, page_number: int, initial_doctop: float = 0.0,
                 descents: dict[str, float] | None = None):  # fmt: skip
        self._page = page
        self._descents = descents
        self.page_number = page_number
        mediabox = page.get_mediabox(fallback_ok=True)
        self._geo = _Geometry(mediabox, page.get_rotation(), initial_doctop)
        self.rotation = self._geo.rotation
        self.bbox = self.mediabox = self._geo.bbox
        self.width, self.height = self._geo.width, self._geo.height
        self._chars: list[dict[str, Any]] | None = None
        self._edges: list[dict[str, Any]] | None = None
        self._paths: dict[str, list[dict[str, Any]]] | None = None
        self._images: list[dict[str, Any]] | None = None
        self._closed = False

    @property
    def chars(self) -> list[dict[str, Any]]:
        if self._chars is None:
            self._check_open()
            tp = self._page.get_textpage()
            try:
                self._chars = page_chars(_addr(tp.raw), self._geo, self._descents)
            finally:
                tp.close()
        return self._chars

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        """pdfplumber's ``Page.objects`` for the kinds read here: char, line, rect, curve."""
        if self._paths is None:
            self._check_open()
            self._paths = page_paths(_addr(self._page.raw), self._geo)
        return {"char": self.chars, **self._paths}

    @property
    def edges(self) -> list[dict[str, Any]]:
        if self._edges is None:
            self._edges = paths_to_edges(self.objects)
        return self._edges

    def filter(self, test: Any) -> _FilteredPage:
        """pdfplumber's ``Page.filter``: the page with only the objects ``test`` keeps."""
        return _FilteredPage(self, test)

    @property
    def images(self) -> list[dict[str, Any]]:
        """Image objects (page-level and inside forms), as bare pdfplumber-like dicts."""
        if self._images is None:
            self._check_open()
            self._images = [{"object_type": "image"} for _ in range(_count_objects(_addr(self._page.raw), _OBJ_IMAGE))]
        return self._images

    @property
    def horizontal_edges(self) -> list[dict[str, Any]]:
        return [e for e in self.edges if e["orientation"] == "h"]

    @property
    def vertical_edges(self) -> list[dict[str, Any]]:
        return [e for e in self.edges if e["orientation"] == "v"]

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Any]:
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]

    def flush_cache(self) -> None:
        self._chars = self._edges = self._images = self._paths = None

    def close(self) -> None:
        self.flush_cache()
        self._page.close()
        self._closed = True

    def _check_open(self) -> None:
        if self._closed:  # pdfium would read freed memory
            raise ValueError(f"page {self.page_number} was closed: take what you need before the next page")


class _FilteredPage:
    """What ``PdfiumPage.filter`` returns (pdfplumber's ``FilteredPage``): same geometry, fewer objects."""

    def __init__(self, parent: Any, test: Any):
        self.parent, self._test = parent, test
        self.page_number, self.rotation = parent.page_number, parent.rotation
        self.bbox = self.mediabox = parent.bbox
        self.width, self.height = parent.width, parent.height
        self._kinds: dict[str, list[dict[str, Any]]] = {}
        self._edges: list[dict[str, Any]] | None = None

    def _kind(self, kind: str) -> list[dict[str, Any]]:
        """The parent's objects of one kind that pass the test, filtered on first use (the
        table finder reads only the paths, so a page's characters are not tested for it)."""
        kept = self._kinds.get(kind)
        if kept is None:
            test = self._test
            kept = self._kinds[kind] = [o for o in self.parent.objects.get(kind, ()) if test(o)]
        return kept

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        return {k: self._kind(k) for k in self.parent.objects}

    @property
    def chars(self) -> list[dict[str, Any]]:
        return self._kind("char")

    @property
    def edges(self) -> list[dict[str, Any]]:
        if self._edges is None:
            self._edges = paths_to_edges({k: self._kind(k) for k in ("line", "rect", "curve")})
        return self._edges

    @property
    def images(self) -> list[dict[str, Any]]:
        return self.parent.images  # type: ignore[no-any-return]

    def filter(self, test: Any) -> _FilteredPage:
        return _FilteredPage(self, lambda o: self._test(o) and test(o))

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Any]:
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# the document


class PdfiumPages:
    """The pages of a PDF, opened one at a time: each is closed (pdfium handles, characters,
    edges) when the next is taken, so memory stays bounded by one page."""

    def __init__(self, pdf: pdfium.PdfDocument, name: str, descents: dict[str, float] | None = None):
        self._pdf, self._name, self._descents = pdf, name, descents
        self._n = len(pdf)

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[PdfiumPage]:
        doctop = 0.0
        for i in range(self._n):
            try:
                page = PdfiumPage(self._pdf[i], i + 1, doctop, self._descents)
            except pdfium.PdfiumError as exc:
                raise ExtractionError(f"cannot read page: {exc}", file=self._name, page=i + 1) from exc
            doctop += page.height
            try:
                yield page
            finally:
                page.close()


class PdfiumPDF:
    """``pdfplumber.open`` for the pdfium backend: a context manager with ``pages``."""

    def __init__(self, path: Path):
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise InputError("encrypted PDF: a user password is needed", file=path.name) from exc
            raise InputError(f"corrupted or truncated PDF: {exc}", file=path.name) from exc
        self.pages = PdfiumPages(self._pdf, path.name, font_descents(path))

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> PdfiumPDF:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


BACKENDS = ("pdfplumber", "pdfium")


def open_pdf(path: Path, backend: str = "pdfplumber") -> Any:
    """The PDF's pages for ``backend``: pdfplumber's own, or pdfium pages offering the same API."""
    if backend == "pdfium":
        return PdfiumPDF(path)
    if backend == "pdfplumber":
        import pdfplumber

        return pdfplumber.open(path)
    raise ValueError(f"unknown backend {backend!r}; choose from {BACKENDS}")
