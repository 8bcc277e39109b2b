"""PDF file -> the descent of each of its fonts, as pdfminer (and so pdfplumber) reads it.

The pdfium reader places a character's box from its origin, the font size and the font's
descent. pdfminer takes the descent from the font descriptor's ``Descent`` (from its AFM metrics
for the standard 14 fonts), even when it is 0; pdfium substitutes the font program's own descent
where the descriptor says 0 (LibreOffice writes 0), which would move every character box. So the
descriptors are read here, with pikepdf (qpdf, in C++): only the font dictionaries of the page
resources (inherited ones and those of form XObjects too), never a content stream. That takes
well under a millisecond for a short act where pdfminer took about 13 ms, a third of the whole
time of a two-page document on the fast path. ``tests/test_font_descents.py`` checks the values
against pdfminer's own reading on every sample and real PDF.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
import regex
from pdfminer.pdffont import FontMetricsDB

MAX_FORM_DEPTH = 8
_DIGITS = regex.compile(r"(\d+)")


def strip_subset(name: str) -> str:
    """``ABCDEF+Calibri`` -> ``Calibri`` (the subset tag pdfium sometimes keeps, sometimes drops)."""
    head, plus, tail = name.partition("+")
    return tail if plus and len(head) == 6 and head.isupper() else name


def _name(value: Any) -> str:
    """A PDF name or string as pdfminer gives it: ``/Arial`` -> ``Arial``, a string's bytes as latin-1."""
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    if isinstance(value, pikepdf.String):
        return bytes(value).decode("latin-1")
    return str(value)


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float | Decimal) and not isinstance(value, bool) else 0.0


def _descriptor(font: pikepdf.Dictionary, base: str) -> Any:
    if font.get("/Subtype") == pikepdf.Name.Type0:
        kids = font.get("/DescendantFonts")
        first = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else None
        return first.get("/FontDescriptor") if isinstance(first, pikepdf.Dictionary) else None
    try:
        return FontMetricsDB.get_metrics(base)[0]  # a standard 14 font: its AFM metrics
    except KeyError:
        return font.get("/FontDescriptor")


def _add_font(font: Any, out: dict[str, float]) -> None:
    if not isinstance(font, pikepdf.Dictionary) or font.get("/Subtype") == pikepdf.Name.Type3:
        return
    base = _name(font.get("/BaseFont", "unknown"))
    desc = _descriptor(font, base)
    if isinstance(desc, dict):  # AFM metrics
        descent, font_name = _number(desc.get("Descent", 0)), str(desc.get("FontName", base))
    elif isinstance(desc, pikepdf.Dictionary):
        descent, font_name = _number(desc.get("/Descent", 0)), _name(desc.get("/FontName", pikepdf.Name("/" + base)))
    else:
        return
    value = -abs(descent) * 0.001  # pdfminer: get_descent() = descent * vscale
    for key in (base, font_name):
        out.setdefault(strip_subset(key), value)


def _resource_order(key: str) -> tuple[tuple[int, int | str], ...]:
    """Resource names in the order producers write them (/F2 before /F10): qpdf hands a
    dictionary's keys over as a set, and when two fonts give the same name the first one's
    descent is kept, as pdfminer keeps it in file order."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(key) if part)


def _walk(resources: Any, out: dict[str, float], seen: set[tuple[int, int]], depth: int = 0) -> None:
    if not isinstance(resources, pikepdf.Dictionary) or depth > MAX_FORM_DEPTH:
        return
    for kind in ("/Font", "/XObject"):
        entries = resources.get(kind)
        if not isinstance(entries, pikepdf.Dictionary):
            continue
        for key in sorted(entries.keys(), key=_resource_order):
            obj = entries[key]
            ref = obj.objgen if obj.is_indirect else (0, 0)
            if ref != (0, 0):
                if ref in seen:
                    continue
                seen.add(ref)
            if kind == "/Font":
                _add_font(obj, out)
            elif isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Form:
                _walk(obj.get("/Resources"), out, seen, depth + 1)


def _page_resources(page: pikepdf.Dictionary) -> Any:
    """The page's resources, inherited from its page tree ancestors when it has none."""
    node: Any = page
    for _ in range(64):  # a page tree is never this deep; a cycle stops here
        if not isinstance(node, pikepdf.Dictionary):
            return None
        resources = node.get("/Resources")
        if resources is not None:
            return resources
        node = node.get("/Parent")
    return None


def font_descents(path: Path) -> dict[str, float]:
    """Descent (text space, negative) of every font of the PDF by name (subset tag dropped), as
    pdfminer reads it. Empty when the file cannot be parsed: pdfium's own values are used then."""
    out: dict[str, float] = {}
    seen: set[tuple[int, int]] = set()
    try:
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                _walk(_page_resources(page.obj), out, seen)
    except Exception:  # noqa: BLE001 - pdfium reads files qpdf cannot; its descents are near enough
        return {}
    return out
