"""pdfium path objects -> pdfplumber's line, rect and curve objects -> ruling edges; a text
object's clipping box."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

import pypdfium2.raw as pdfium_c
from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from extract.readers.pdfium_calls import (
    _OBJ_FORM,
    _OBJ_PATH,
    _SEG_BEZIER,
    _SEG_MOVE,
    _clip_of,
    _clip_paths,
    _clip_segment,
    _clip_segments,
    _each_form_object,
    _each_object_type,
    _each_page_object,
    _each_path_segment,
    _each_segment_close,
    _each_segment_point,
    _each_segment_type,
    _form_count_objects,
    _form_object,
    _obj_matrix,
    _obj_type,
    _page_count_objects,
    _page_object,
    _path_count,
    _path_draw_mode,
    _read_c,
    reader_extension,
)
from extract.readers.pdfium_geometry import Matrix, Point, _apply, _Geometry, _get_bound, _mult, _short

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
    if reader_extension() is None:
        return page_path_objects_py(page_handle, memo)
    return _read_c.page_path_objects(page_handle, memo, _short)


def page_paths(page_handle: int, geo: _Geometry) -> dict[str, list[dict[str, Any]]]:
    """pdfplumber's ``line``, ``rect`` and ``curve`` objects of a page, in content order."""
    found: dict[str, list[Any]] = {"line": [], "rect": [], "curve": []}
    memo: dict[float, float] = {}
    objects = page_path_objects(page_handle, memo)
    if reader_extension() is not None:  # the loop below in C (the same objects, tested)
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
    if reader_extension() is not None and type(lines) is list and type(rects) is list:
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

