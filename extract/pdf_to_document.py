"""PDF file -> Document: page text lines (outside tables) and stitched table grids, with provenance."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pypdfium2 import PdfiumError

from core.document import Document, file_sha256
from core.errors import AdiletError, EmptyDocumentError, ExtractionError, InputError, NoTextLayerError
from core.grid import TableGrid
from core.page import Glyph, TextLine
from core.page_ranges import PageRanges, check_selection, pages_of
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.chars_to_lines import chars_to_glyphs, glyphs_to_lines
from extract.readers.page_health import damaged_pages
from extract.readers.pdf_to_pages import DEFAULT_READER, open_pdf
from extract.stitch import stitch_grids
from extract.tables.cells_to_grid import glyphs_outside
from extract.tables.ruled import BACKEND as LATTICE
from extract.tables.ruled import page_to_ruled_grids
from extract.tables.text_aligned import BACKEND_TEXT as TEXT
from extract.tables.text_aligned import page_to_text_grids


def _outside(chars: list[dict[str, Any]], grids: list[TableGrid], margin: float) -> list[Glyph]:
    """The page's glyphs outside every table (``margin`` of slack around each)."""
    glyphs = chars_to_glyphs(chars)
    if not grids:
        return list(glyphs)
    boxes = [(g.bbox[0] - margin, g.bbox[1] - margin, g.bbox[2] + margin, g.bbox[3] + margin) for g in grids]
    return glyphs_outside(glyphs, boxes)


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise InputError("no such file", file=path.name)
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise InputError("empty file", file=path.name)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF- header)", file=path.name, value=head[:16].decode("latin-1"))


PARSER_PACKAGES = ("pdfminer", "pdfplumber", "pypdfium2")


def _raised_in_pdf_parser(exc: BaseException) -> bool:
    """Whether the exception came from inside a PDF parsing library (a malformed input), not
    from our own code (a bug, reported as internal_error)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return last is not None and any(f"/{pkg}/" in last for pkg in PARSER_PACKAGES)


def _pdfminer_error(exc: PdfminerException, name: str) -> InputError:
    """pdfplumber wraps pdfminer's errors: name the real one."""
    inner = exc.args[0] if exc.args else exc.__context__
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return InputError("encrypted PDF: a user password is needed", file=name)
    detail = str(inner) or type(inner).__name__
    return InputError(f"corrupted or truncated PDF: {detail}", file=name)


def pdf_to_document(path: Path, reader: str = DEFAULT_READER, layout: LayoutSettings = DEFAULT_LAYOUT,
                    pages: PageRanges | None = None) -> Document:  # fmt: skip
    """Read every page (or the ``pages`` selected, numbered as in the document): ruled tables (extract/tables/ruled.py), then tables without rules
    (extract/tables/text_aligned.py), the rest as text lines; stitch multi-page tables.

    ``reader`` reads the pages with pdfium (extract/readers/pdfium_pages.py: the same characters
    and ruling lines as pdfplumber, several times faster) or with pdfplumber (pdfminer); table
    finding is the same for both."""
    _check_header(path)
    sha = file_sha256(path)
    lines: list[TextLine] = []
    grids: list[TableGrid] = []
    images = 0
    problems: dict[int, str] = {}
    try:
        with open_pdf(path, reader, layout) as pdf:
            n_pages = len(pdf.pages)
            chosen = check_selection(pages, n_pages, path.name)
            if hasattr(pdf.pages, "only"):  # the pdfium reader loads no page left out
                pdf.pages.only = chosen
            for page_no, page in enumerate(pdf.pages, start=1):
                if page_no not in chosen:
                    continue
                if getattr(page, "unreadable", None):
                    problems[page_no] = str(page.unreadable)
                    continue
                try:
                    page_grids = page_to_ruled_grids(page, page_no, path.name, layout)
                    # tables not fully ruled (scored, conservative), whichever reader read the page;
                    # camelot's second opinions re-read the page with pdfminer: not on the fast path
                    text_grids = page_to_text_grids(page, page_no, path.name, page_grids, path=path,
                                                    camelot=reader == "pdfplumber", layout=layout)  # fmt: skip
                    page_grids = sorted(page_grids + text_grids, key=lambda g: g.bbox[1])
                    page_lines = glyphs_to_lines(_outside(page.chars, page_grids, layout.table_text_margin), page_no,
                                                 layout=layout)  # fmt: skip
                except (PDFPasswordIncorrect, PDFEncryptionError):
                    raise
                except (ValueError, KeyError, TypeError, IndexError, PSException, PdfminerException,
                        MalformedPDFException, PdfiumError) as exc:  # fmt: skip
                    # one page that cannot be read (fails to load, content that does not parse):
                    # named in the document's page problems, the other pages are still read
                    problems[page_no] = f"cannot be read ({_page_error(exc)})"
                    _flush(page)
                    continue
                lines.extend(page_lines)
                grids.extend(page_grids)
                if not page_lines and not any(c.lines for g in page_grids for c in g.cells):
                    # images matter only when no page has text (a scan): counted on text-less pages
                    images += len(getattr(page, "images", ()) or ())
                page.flush_cache()
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError("encrypted PDF: a user password is needed", file=path.name) from exc
    except (PDFSyntaxError, PSException) as exc:
        raise InputError(f"corrupted or truncated PDF: {exc or type(exc).__name__}", file=path.name) from exc
    except PdfminerException as exc:
        raise _pdfminer_error(exc, path.name) from exc
    except (MalformedPDFException, PdfiumError) as exc:
        raise InputError(f"corrupted PDF: {exc}", file=path.name) from exc
    except AdiletError:
        raise
    except Exception as exc:  # noqa: BLE001 - classified below, re-raised when it is ours
        if not _raised_in_pdf_parser(exc):
            raise
        raise InputError(f"corrupted PDF (the parser failed: {type(exc).__name__}: {exc})", file=path.name) from exc
    if n_pages and problems and len(problems) == len(chosen):
        first = min(problems)
        raise ExtractionError(f"none of its {pages_of(chosen, n_pages)} can be read (page {first}: {problems[first]})",
                              file=path.name)  # fmt: skip
    for page_no, why in damaged_pages(path).items():  # what the reader may have read only in part
        if page_no in chosen:
            problems.setdefault(page_no, why)
    if n_pages and not lines and not any(c.lines for g in grids for c in g.cells):
        if images:
            raise NoTextLayerError(
                f"no text layer on any of its {pages_of(chosen, n_pages)}, only images (a scan): rerun with --ocr to read it with Tesseract", file=path.name
            )
        raise EmptyDocumentError(f"no text and no images on any of its {pages_of(chosen, n_pages)} (blank or damaged)",
                                 file=path.name)  # fmt: skip
    tables = stitch_grids(grids, lines, layout)
    if reader != "pdfplumber":  # the tables say which reader read their characters
        renamed = {LATTICE: f"{reader}-lattice", TEXT: f"{reader}-text"}
        tables = [replace(t, backend=renamed.get(t.backend, t.backend)) for t in tables]
    return Document(path.name, sha, n_pages, tuple(lines), tuple(tables), tuple(sorted(problems.items())))


def _flush(page: Any) -> None:
    try:
        page.flush_cache()
    except Exception:  # noqa: BLE001 - a page that failed to load may have nothing to flush
        pass


def _page_error(exc: BaseException) -> str:
    """A parser's page error in a few words (pdfplumber wraps pdfminer's)."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    text = str(inner) or type(inner).__name__
    return text if len(text) <= 160 else text[:157] + "..."
