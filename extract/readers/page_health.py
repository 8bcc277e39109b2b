"""PDF file -> the pages whose content streams cannot be read in full.

A reader does not always say when a page is damaged: pdfium reads a content stream whose
compressed bytes were overwritten up to the damage (or not at all) and returns what it got, as
if the page held less. This check decodes every page's content streams with qpdf (pikepdf),
inflating Flate data with zlib itself so that a damaged or cut stream is an error rather than
a shorter text, so that the pipeline can name the page (status ``partial``) instead of silently
losing its rows. It reads no text and lays nothing out: well under a millisecond per page.

The content is not tokenized as well: qpdf's content parser (``pikepdf.parse_content_stream``)
is lenient and accepts what a reader would skip (random bytes, unbalanced ``[`` ``(`` ``<<``,
a cut operator, an inline image without ``EI``: tests/test_damaged_pages.py), so beyond the
decoding checked here it named no page, and it cost about 2.4 ms a page, most of this check.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf


def _flate_problem(raw: bytes) -> str | None:
    inflate = zlib.decompressobj()
    try:
        inflate.decompress(raw)
        inflate.flush()
    except zlib.error as exc:
        return f"its content stream is damaged (zlib: {exc})"
    if not inflate.eof:
        return "its content stream is damaged (the compressed data ends early)"
    return None


def _stream_problem(stream: pikepdf.Stream) -> str | None:
    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if names == ["/FlateDecode"] and "/DecodeParms" not in stream:
        return _flate_problem(stream.read_raw_bytes())
    try:
        stream.read_bytes()
    except pikepdf.PdfError as exc:
        return f"its content stream cannot be decoded ({exc})"
    return None


def page_stream_problem(page: pikepdf.Page) -> str | None:
    """Why this page's content cannot be read in full, or None."""
    contents = page.obj.get("/Contents")
    if contents is None:
        return None
    streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
    for stream in streams:
        if not isinstance(stream, pikepdf.Stream):
            return "its /Contents is not a stream"
        why = _stream_problem(stream)
        if why:
            return why
    return None


def damaged_pages(path: Path) -> dict[int, str]:
    """page number (1-based) -> why its content cannot be read in full. Empty when every page is
    whole, or when qpdf cannot open the file at all (the reader reports that)."""
    problems: dict[int, str] = {}
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, pikepdf.PasswordError, OSError, ValueError):
        return problems
    with pdf:
        try:
            pages = list(pdf.pages)
        except pikepdf.PdfError:
            return problems
        for number, page in enumerate(pages, start=1):
            try:
                why = page_stream_problem(page)
            except (pikepdf.PdfError, ValueError, TypeError, RuntimeError) as exc:
                why = f"its content cannot be read ({exc})"
            if why:
                problems[number] = why
    return problems
