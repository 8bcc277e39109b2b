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
:func:`extract.tables.ruled.page_to_ruled_grids` reads (``chars``, ``edges``, ``bbox``,
``find_tables``), so both backends share the table finder (pdfplumber's pure
``TableFinder``: snap, merge, intersections, cells, tables) and the grid builder.

Where the two readers cannot agree: pdfium keeps coordinates in single precision and composes
page matrices in single precision (a cell box may differ by 0.01 after rounding to 2 decimals);
it keeps glyph widths as integers of 1/1000 em, so positions along a long run of text drift
by up to ~0.5 pt where a font's widths are fractional (reportlab, Chromium); its text page does
not report most space glyphs that pdfminer reports (spaces are inferred from gaps either way);
``fontname`` may lack the subset tag (``Calibri`` for ``ABCDEE+Calibri``)."""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pdfplumber.table import TableFinder, TableSettings

from core.errors import InputError
from core.settings import DEFAULT_LAYOUT
from extract.readers.font_descents import font_descents
from extract.readers.pdfium_calls import _OBJ_IMAGE, _addr
from extract.readers.pdfium_chars import page_chars
from extract.readers.pdfium_geometry import _Geometry
from extract.readers.pdfium_paths import _count_objects, page_paths, paths_to_edges

# --------------------------------------------------------------------------------------------
# the page, as much of pdfplumber's Page as the grid code reads


class PdfiumPage:
    """A pdfium page offering pdfplumber's ``chars``, ``edges``, ``bbox`` and ``find_tables``."""

    def __init__(self, page: pdfium.PdfPage, page_number: int, initial_doctop: float = 0.0,
                 descents: dict[str, float] | None = None, clip_slack: float = DEFAULT_LAYOUT.clip_slack):  # fmt: skip
        self._page = page
        self._descents = descents
        self._clip_slack = clip_slack
        self.page_number = page_number
        # pdfium reads a page's own MediaBox only; a MediaBox inherited from the page tree (fpdf2
        # writes it once, on /Pages) comes from the bounding box, which pdfium resolves up the tree
        mediabox = page.get_mediabox(fallback_ok=False) or page.get_bbox()
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
                self._chars = page_chars(_addr(tp.raw), self._geo, self._descents, self._clip_slack)
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


@dataclass(frozen=True)
class UnreadablePage:
    """A page the reader could not load, in the place of the page (``unreadable``: why)."""

    page_number: int
    unreadable: str

    def flush_cache(self) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class SkippedPage:
    """A page left out by a page selection (``--pages``), never loaded."""

    page_number: int

    def flush_cache(self) -> None:
        pass

    def close(self) -> None:
        pass


class PdfiumPages:
    """The pages of a PDF, opened one at a time: each is closed (pdfium handles, characters,
    edges) when the next is taken, so memory stays bounded by one page."""

    def __init__(self, pdf: pdfium.PdfDocument, name: str, descents: dict[str, float] | None = None,
                 clip_slack: float = DEFAULT_LAYOUT.clip_slack):  # fmt: skip
        self._pdf, self._name, self._descents, self._clip_slack = pdf, name, descents, clip_slack
        self._n = len(pdf)
        self.only: Container[int] | None = None  # the pages to load (None: all); the others are skipped unread

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[PdfiumPage | UnreadablePage | SkippedPage]:
        doctop = 0.0
        for i in range(self._n):
            if self.only is not None and i + 1 not in self.only:
                yield SkippedPage(i + 1)
                continue
            try:
                page = PdfiumPage(self._pdf[i], i + 1, doctop, self._descents, self._clip_slack)
            except pdfium.PdfiumError as exc:
                # one page that fails to load (a page tree whose /Count lies, a broken page
                # object): named by the caller, the other pages are still read
                yield UnreadablePage(i + 1, f"fails to load: {exc}")
                continue
            doctop += page.height
            try:
                yield page
            finally:
                page.close()


class PdfiumPDF:
    """``pdfplumber.open`` for the pdfium backend: a context manager with ``pages``."""

    def __init__(self, path: Path, clip_slack: float = DEFAULT_LAYOUT.clip_slack):
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise InputError("encrypted PDF: a user password is needed", file=path.name) from exc
            raise InputError(f"corrupted or truncated PDF: {exc}", file=path.name) from exc
        self.pages = PdfiumPages(self._pdf, path.name, font_descents(path), clip_slack)

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> PdfiumPDF:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


