"""The pdfium calls the reader makes, bound once: ctypes prototypes (plain ``void*`` arguments,
or none at all for the calls made once per character) and the C reader (extract/_pdfium_read.c)
bound to the same functions."""

from __future__ import annotations

import ctypes
from collections.abc import Mapping
from typing import Any

import numpy as np
import pypdfium2.raw as pdfium_c

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


def reader_extension() -> Any:
    """The C reader (extract/_pdfium_read.c), or None: not built, or turned off (``FAST_READER``)."""
    return _read_c if FAST_READER else None


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

