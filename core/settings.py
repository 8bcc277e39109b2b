"""Layout settings: every tolerance and threshold of reading pages, finding tables and stitching
them, in one frozen object validated once (as pdfplumber's ``TableSettings``).

The pipeline passes one :class:`LayoutSettings` down to every stage that measures the page
(``ExtractSettings.layout``); it is part of the cache key, so a result read with other settings is
never reused. Lengths are PDF points unless a field says otherwise; ``_em`` fields are shares of
the font size. The defaults are what every sample, real PDF and golden dataset is made with.

Not here: the Kazakh language model's weights (normalize/kazakh_lm.py, normalize/wraps.py) and the
glyph repair's thresholds (normalize/glyph_*.py), which judge words, not layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any


def _f(default: float, doc: str, lo: float = 0.0, hi: float | None = None, *, open_lo: bool = False) -> Any:
    """A field with its documentation and its allowed range [lo, hi] ((lo, hi] with ``open_lo``)."""
    return field(default=default, metadata={"doc": doc, "lo": lo, "hi": hi, "open_lo": open_lo})


@dataclass(frozen=True)
class LayoutSettings:
    # characters -> text lines (extract/chars_to_lines.py; the same values go to the C code)
    space_gap_em: float = _f(0.17, "a gap wider than this share of the font size is a space", open_lo=True)
    font_change_factor: float = _f(1.25, "between a Kazakh letter and a glyph of another font a space needs "
                                   "this many times the usual gap (fonts lacking those letters)", 1.0)
    word_gap_ratio: float = _f(1.6, "in a letter-spaced line, a gap this many times the median gap is a word "
                               "gap", 1.0)
    # readers (extract/readers/)
    clip_slack: float = _f(0.5, "a character whose centre lies this far outside its clipping path is still "
                           "visible (pdfium reader)")
    # ruled tables (extract/tables/ruled.py, extract/tables/cells_to_grid.py)
    rule_max_thickness: float = _f(2.5, "a filled rectangle thinner than this is a drawn rule, a thicker one "
                                   "is shading (never a cell boundary)", open_lo=True)
    snap_tolerance: float = _f(3.0, "ruling lines closer than this are snapped into one (pdfplumber's "
                               "snap_tolerance)")
    intersection_tolerance: float = _f(3.0, "a vertical and a horizontal rule this close meet (pdfplumber's "
                                       "intersection_tolerance)")
    closing_rule_min_length: float = _f(4.0, "vertical rules longer than this close a table cut open by a page "
                                        "break at their ends")
    bottom_rule_tolerance: float = _f(2.0, "a horizontal rule this close to a table's bottom edge runs under it")
    cell_edge_snap: float = _f(2.0, "cell box edges closer than this are one column or row edge")
    full_line_slack: float = _f(1.0, "share of the next line's first unit that must not have fitted for a "
                                "cell line to count as full (a wrap there may cut a word)")
    table_text_margin: float = _f(1.0, "characters this close around a table belong to it, not to the text "
                                  "lines of the page")
    # tables without rules (extract/tables/text_aligned.py)
    gutter_em: float = _f(1.0, "a gap wider than this share of the font size separates two columns", open_lo=True)
    line_gap_em: float = _f(1.6, "lines further apart than this share of the font size end a region",
                            open_lo=True)  # fmt: skip
    max_wrap_lines: int = _f(2, "single-segment lines allowed in a row inside a region (wrapped cells)")
    min_table_lines: int = _f(3, "multi-segment lines a region needs to be a table candidate", 1)
    min_gutter_em: float = _f(0.6, "a gutter narrower than this share of the font size is no column boundary")
    rule_span: float = _f(0.8, "a horizontal rule must span this share of the region's width to make it ruled",
                          0.0, 1.0)  # fmt: skip
    prose_words: int = _f(7, "a cell line with this many words is prose", 1)
    min_score: float = _f(0.8, "a text-aligned grid scoring less is not a table", 0.0, 1.0)
    perfect_score: float = _f(0.99, "a text-aligned grid scoring this needs no second opinion (camelot)", 0.0, 1.0)
    min_alignment: float = _f(0.75, "share of cell starts aligned with their column a text-aligned grid needs",
                              0.0, 1.0)  # fmt: skip
    min_fill: float = _f(0.5, "share of filled cells a text-aligned grid needs", 0.0, 1.0)
    min_intact: float = _f(0.98, "share of words not cut by a column boundary a text-aligned grid needs", 0.0, 1.0)
    weight_fill: float = _f(0.3, "weight of the fill share in a text-aligned grid's score", 0.0, 1.0)
    weight_alignment: float = _f(0.35, "weight of the alignment share in the score", 0.0, 1.0)
    weight_intact: float = _f(0.2, "weight of the intact-words share in the score", 0.0, 1.0)
    weight_short_cells: float = _f(0.15, "weight of the share of cells without prose in the score", 0.0, 1.0)
    # stitching (extract/stitch.py)
    column_tolerance: float = _f(3.0, "column edges this close continue the same table on the next page")
    ruled_under: float = _f(0.9, "a cell with a rule under this share of its width is closed (not split by "
                            "the page break)", 0.0, 1.0)  # fmt: skip
    # the act's metadata (extract/act_metadata.py)
    right_share: float = _f(0.4, "a line starting this far across the page's text width sits on the right "
                            "(an approval stamp)", 0.0, 1.0)  # fmt: skip
    # scans (--ocr: extract/readers/ocr_*.py, extract/ocr_to_document.py)
    ocr_dpi: int = _f(300, "resolution scans are rendered at for OCR (pixels per inch)", 72)
    ocr_min_conf: float = _f(30.0, "words Tesseract is less sure of (0-100) are dropped: stamps, specks, "
                             "rule debris", 0.0, 100.0)  # fmt: skip
    ocr_min_conf_letter: float = _f(75.0, "the same for a lone letter (specks and rule stubs read as letters)",
                                    0.0, 100.0)  # fmt: skip
    ocr_table_margin: float = _f(4.0, "margin around a table blanked on the page image before reading the "
                                 "text outside it")
    ocr_snap: float = _f(3.0, "scanned rules closer than this are one rule")
    ocr_join: float = _f(6.0, "collinear pieces of a scanned rule are joined over gaps up to this")
    ocr_extend: float = _f(3.0, "scanned rules are lengthened by this at both ends so that corners meet")
    ocr_min_rule: float = _f(8.0, "shorter ink runs are not rules")
    ocr_min_osd_conf: float = _f(2.0, "Tesseract's orientation confidence below which a page is left as it is")
    ocr_osd_dpi: int = _f(150, "resolution orientation is detected at (pixels per inch)", 36)
    ocr_cell_psm: int = _f(6, "Tesseract page segmentation mode for the strips of table cells", 0, 13)
    ocr_page_psm: int = _f(3, "Tesseract page segmentation mode for the text outside the tables", 0, 13)
    ocr_strip_gap: int = _f(24, "pixels of white between cells on a strip", 1)
    ocr_strip_max_height: int = _f(16000, "pixels; taller strips of cells are split into several images", 100)
    ocr_cell_processes: int = _f(2, "tesseract calls that read a page's cells in parallel (the cells are "
                                 "split among them by ink, so the result does not depend on the machine)", 1)
    ocr_min_cell_ink: int = _f(12, "ink pixels (rules excluded) below which a cell is empty and not OCR'd")
    ocr_header_similarity: float = _f(0.8, "share of matching characters for header rows OCR'd on two pages "
                                      "to be the same header", 0.0, 1.0)  # fmt: skip
    ocr_timeout: float = _f(300.0, "seconds one tesseract call may take", open_lo=True)
    family_near_share: float = _f(0.5, "share of a family's needed columns a table must show (with the family's "
                                  "words in its titles) for the family to be named as the closest in a note",
                                  0.0, 1.0)  # fmt: skip

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            kind = int if isinstance(f.default, int) else float
            if isinstance(value, bool) or not isinstance(value, int | float) or (kind is int and not
                                                                                isinstance(value, int)):  # fmt: skip
                raise ValueError(f"layout setting {f.name}: {value!r} is not {'an int' if kind is int else 'a number'}")
            lo, hi, open_lo = f.metadata["lo"], f.metadata["hi"], f.metadata["open_lo"]
            if value < lo or (open_lo and value == lo) or (hi is not None and value > hi):
                bounds = f"{'(' if open_lo else '['}{lo}, {hi if hi is not None else 'inf'}{']' if hi is not None else ')'}"
                raise ValueError(f"layout setting {f.name}: {value!r} is outside {bounds}")

    @classmethod
    def resolve(cls, value: LayoutSettings | Mapping[str, Any] | None) -> LayoutSettings:
        """Settings from None (the defaults), a mapping of fields to change (an unknown key is an
        error naming it) or as they are."""
        if value is None:
            return DEFAULT_LAYOUT
        if isinstance(value, cls):
            return value
        if not isinstance(value, Mapping):
            raise TypeError(f"layout settings: expected LayoutSettings or a mapping, not {type(value).__name__}")
        names = {f.name for f in fields(cls)}
        bad = sorted(set(value) - names)
        if bad:
            raise ValueError(f"unknown layout setting(s): {', '.join(bad)}")
        return cls(**value)

    def key(self) -> str:
        """Every field and value, for the cache key."""
        return ";".join(f"{k}={v!r}" for k, v in asdict(self).items())

    @property
    def score_weights(self) -> dict[str, float]:
        """The text-aligned grid score's weights, in the order the score sums them."""
        return {"fill": self.weight_fill, "alignment": self.weight_alignment, "intact": self.weight_intact,
                "short_cells": self.weight_short_cells}  # fmt: skip


def documentation() -> list[tuple[str, object, str]]:
    """(field, default, what it means) for every layout setting, in declaration order."""
    return [(f.name, f.default if f.default is not MISSING else None, f.metadata["doc"]) for f in fields(LayoutSettings)]


DEFAULT_LAYOUT = LayoutSettings()
