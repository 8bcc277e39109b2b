"""pdfium text page -> pdfplumber's characters (text, box, size, font name) with their glyph
tuples, in C when the extension is built (the Python loop is its reference)."""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c

from core.page import CharList, Glyph
from core.settings import DEFAULT_LAYOUT
from extract.readers.font_descents import strip_subset
from extract.readers.pdfium_calls import (
    _HYPHEN_MARKS,
    _each_text_generated,
    _each_text_hyphen,
    _each_text_object,
    _each_text_origin,
    _each_text_unicode,
    _each_text_unmapped,
    _font_descent,
    _font_glyph_width,
    _read_c,
    _text_box,
    _text_count,
    _text_font_info,
    _text_get,
    _text_loose,
    _text_matrix,
    _textobj_font,
    _textobj_size,
    reader_extension,
)
from extract.readers.pdfium_geometry import Matrix, _apply, _Geometry, _mult
from extract.readers.pdfium_paths import clip_box

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



def page_chars(tp: int, geo: _Geometry, descents: dict[str, float] | None = None,
               clip_slack: float = DEFAULT_LAYOUT.clip_slack) -> list[dict[str, Any]]:  # fmt: skip
    """Characters as pdfplumber's ``Page.chars`` (the keys the pipeline reads), with their glyph
    tuples; read in C (extract/_pdfium_read.c) when the extension is built, else in Python."""
    if reader_extension() is None:
        return page_chars_py(tp, geo, descents, clip_slack)
    n = _text_count(tp)
    if n <= 0:
        return []
    known = descents or {}

    def font_info(tp_: int, index: int, font: int, size: float) -> tuple[str, float]:
        return _font_name_descent(tp_, index, font, size, known)

    geometry = (geo.height, geo.mb_top, geo.mb_x0, geo.initial_doctop, *(float(v) for v in geo.ctm))
    return _read_c.page_chars(tp, n, geometry, font_info, CharList(), clip_slack)


def page_chars_py(tp: int, geo: _Geometry, descents: dict[str, float] | None = None,
                  clip_slack: float = DEFAULT_LAYOUT.clip_slack) -> list[dict[str, Any]]:  # fmt: skip
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
            if not (clip[0] - clip_slack <= cx <= clip[2] + clip_slack and clip[1] - clip_slack <= cy <= clip[3] + clip_slack):
                continue  # hidden by its clipping path
        top = (height - y1) + mb_top
        if mb_x0 != 0:
            x0, x1 = x0 + mb_x0, x1 + mb_x0
        bottom_ = (height - y0) + mb_top
        size = (x1 - x0) if a == 0 else (y1 - y0)
        char = {"text": ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom_, "doctop": doctop0 + top,
                "size": size, "fontname": name, "upright": upright, "object_type": "char"}  # fmt: skip
        append(char)
        if upright and not ch.isspace():  # what extract.chars_to_lines.chars_to_glyphs would make of it
            add_glyph(((top + bottom_) / 2, size or (bottom_ - top) or 1.0, x0, x1, top, bottom_, ch, name, char))
    out.glyphs = glyphs
    return out


