"""PDF file -> its pages, by the chosen reader: pdfplumber's own pages (pdfminer), or pdfium pages
offering the same part of pdfplumber's ``Page`` API (extract/readers/pdfium_pages.py).

Readers only read (characters, ruling edges, images); finding tables in what they read is the
table finders' work (extract/tables/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.readers.pdfium_pages import PdfiumPDF

READERS = ("pdfium", "pdfplumber")
# pdfium by default: the same datasets as pdfplumber on every sample and real PDF (cell boxes in
# `tables` within 0.01 pt), about four times faster end to end (`make bench`)
DEFAULT_READER = "pdfium"


def open_pdf(path: Path, reader: str = DEFAULT_READER, layout: LayoutSettings = DEFAULT_LAYOUT) -> Any:
    """The PDF's pages for ``reader``, as a context manager with ``pages``."""
    if reader == "pdfium":
        return PdfiumPDF(path, layout.clip_slack)
    if reader == "pdfplumber":
        import pdfplumber

        return pdfplumber.open(path)
    raise ValueError(f"unknown reader {reader!r}; choose from {READERS}")
