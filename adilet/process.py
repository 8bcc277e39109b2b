"""One PDF file -> its DocumentResult: read (text layer, or OCR for a scan), repair the Kazakh
letters, classify every table by its header and hand it to its family.

A named error becomes a failed ``documents`` row, never an exception, so the batch goes on.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from adilet.gc_policy import fewer_collections
from adilet.limits import Limits, run_limited
from adilet.report_page import document_report_page
from adilet.results import DocumentResult, document_row, failed_result
from core.caches import clear_document_caches
from core.document import Document
from core.errors import AdiletError, BadTextLayerError, NoTextLayerError
from core.grid import TableGrid
from core.page import TextLine
from core.page_ranges import PageRanges
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.act_metadata import (
    AppendixInfo,
    academic_year,
    act_columns,
    appendix_records,
    find_act,
    find_appendices,
)
from extract.document_repair import repair_document_glyphs
from extract.families.generic import grid_to_cells, grid_to_flat_rows
from extract.families.records import FamilyResult, TableContext
from extract.families.registry import classify, unrecognised_note
from extract.families.table_text import cell_repairs, header_paths
from extract.pdf_to_document import pdf_to_document
from extract.readers.pdf_to_pages import DEFAULT_READER
from normalize.lexicon import load_lexicon
from normalize.text import WrapJudge, pairs_from_cells, vocabulary_from_cells
from normalize.wraps import build_affix_index
from schemas.declarations import UNCOUNTED_DATASETS

# a glyph that did not decode to a letter: no Unicode mapping ((cid:N), U+FFFD), a control or
# private-use code point, half of a surrogate pair, or a code point outside the scripts and
# symbols legal texts are printed in (re-encoded fonts shift letters there)
UNDECODED = re.compile(r"\(cid:\d+\)|[^\t\n\r\x20-\x7e\u00a0-\u024f\u0300-\u036f\u0400-\u052f\u2000-\u206f"
                       r"\u20a0-\u20cf\u2100-\u215f\u2190-\u23ff\u2460-\u24ff\u2500-\u27bf\u0370-\u03ff]")
BAD_TEXT_SHARE = 0.5  # a page whose glyphs are at least this share undecoded has a bad text layer
BAD_TEXT_MIN_GLYPHS = 20  # ... and has at least this many glyphs (a page number alone says nothing)
# what a dataset never holds: control characters and lone surrogates (replaced by U+FFFD)
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def page_text(doc: Document) -> dict[int, list[str]]:
    """page -> its text lines and table cell lines."""
    texts: dict[int, list[str]] = {}
    for line in doc.text_lines:
        texts.setdefault(line.page, []).append(line.text)
    for table in doc.tables:
        for cell in table.cells:
            if cell.pages:
                texts.setdefault(cell.pages[0], []).extend(cell.lines)
    return texts


def bad_text_pages(doc: Document) -> dict[int, str]:
    """page -> why its text layer does not decode (most of its glyphs are not letters of any
    script a legal text is printed in)."""
    bad: dict[int, str] = {}
    for page, lines in sorted(page_text(doc).items()):
        text = "".join(lines).replace(" ", "")
        undecoded = len(UNDECODED.findall(text))
        glyphs = len(UNDECODED.sub("x", text))
        if glyphs >= BAD_TEXT_MIN_GLYPHS and undecoded >= BAD_TEXT_SHARE * glyphs:
            bad[page] = f"its text layer does not decode ({undecoded} of {glyphs} glyphs are not letters)"
    return bad


def _pages_text(pages: Sequence[int]) -> str:
    """1, 3-5, 9"""
    runs: list[list[int]] = []
    for p in sorted(pages):
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def partial_note(doc: Document, problems: dict[int, str]) -> str:
    """The error of a ``partial`` document: which pages were not read in full and why."""
    by_reason: dict[str, list[int]] = {}
    for page, reason in sorted(problems.items()):
        by_reason.setdefault(reason, []).append(page)
    groups = sorted(by_reason.items(), key=lambda kv: kv[1][0])
    why = "; ".join(f"page{'s' if len(p) > 1 else ''} {_pages_text(p)}: {w}" for w, p in groups[:12])
    more = f"; and {len(groups) - 12} more" if len(groups) > 12 else ""
    ocr = " (rerun with --ocr to read the pages whose text does not decode)" if any(
        "text layer" in w for w in problems.values()) else ""  # fmt: skip
    return (f"{doc.source_file}: {len(problems)} of {doc.n_pages} pages not read in full "
            f"({why}{more}); the rows of the other pages are kept{ocr}")


def scrub_text(value: str) -> str:
    return NOT_TEXT.sub("\ufffd", value) if NOT_TEXT.search(value) else value


def scrub_result(result: DocumentResult) -> int:
    """Control characters and lone surrogates in any string of the result replaced by U+FFFD
    (they cannot be written as UTF-8, and a dataset never holds them); how many values changed."""
    changed = 0

    def clean(row: dict[str, object]) -> None:
        nonlocal changed
        for k, v in row.items():
            if isinstance(v, str) and NOT_TEXT.search(v):
                row[k] = scrub_text(v)
                changed += 1

    clean(result.document)
    for rows in result.datasets.values():
        for row in rows:
            clean(row)
    for index, table in result.flat_tables.items():
        result.flat_tables[index] = [[scrub_text(c) for c in r] for r in table]
    result.totals = [replace(t, label=scrub_text(t.label), printed_raw=scrub_text(t.printed_raw),
                             group=scrub_text(t.group) if t.group else t.group) for t in result.totals]  # fmt: skip
    return changed


def _appendix_for(grid: TableGrid, appendices: Sequence[AppendixInfo]) -> AppendixInfo | None:
    before = [a for a in appendices if a.page <= grid.pages[0]]
    return before[-1] if before else None


def act_title_text(lines: Sequence[TextLine]) -> str:
    """The text above the first table or approval block: enough to find an academic year in."""
    return " ".join(x.text for x in lines[:12])


def document_to_result(doc: Document, layout: LayoutSettings = DEFAULT_LAYOUT) -> DocumentResult:
    """Repair the document's Kazakh letters, then classify every table by its header and hand
    it to its family."""
    doc, glyphs = repair_document_glyphs(doc)
    cells = [c.lines for t in doc.tables for c in t.cells]
    judge = WrapJudge(load_lexicon(), vocabulary_from_cells(cells), pairs_from_cells(cells))
    act = find_act(doc.text_lines, judge, layout)
    tops: dict[int, float] = {}
    for t in doc.tables:
        tops.setdefault(t.pages[0], t.bbox[1])
    appendices = find_appendices(doc.text_lines, tops, judge, doc.n_pages, layout)
    result = DocumentResult(document={})
    pages = [t.pages for t in doc.tables]
    result.datasets["appendices"] = appendix_records(appendices, pages, doc.source_file, doc.source_sha256)
    families: list[str] = []
    notes: list[str] = []
    for grid in doc.tables:
        appendix = _appendix_for(grid, appendices)
        paths = header_paths(grid, judge)
        # the academic year: from the appendix title, else the table's own header, else the act title
        year = (academic_year(appendix.title or "") if appendix else None) or academic_year(" ".join(paths)) or (
            academic_year(act_title_text(doc.text_lines)))
        ctx = TableContext(doc.source_file, doc.source_sha256, grid.index, act, appendix, year)
        result.datasets.setdefault("tables", []).extend(grid_to_cells(grid, doc.source_sha256, judge))
        result.flat_tables[grid.index] = grid_to_flat_rows(grid, judge)
        found = classify(paths, f"{act_title_text(doc.text_lines)} {appendix.title or '' if appendix else ''}", near_share=layout.family_near_share)
        if found.family is not None:
            fam: FamilyResult = found.family.parse(grid, ctx, judge)
            families.append(found.family.name)
            for ds, rows in fam.datasets.items():
                result.datasets.setdefault(ds, []).extend(rows)
            result.totals.extend(fam.totals)
        elif found.closest is not None:
            notes.append(unrecognised_note(grid.index, found.closest))
    n_rows = sum(len(v) for k, v in result.datasets.items() if k not in UNCOUNTED_DATASETS)
    status, note = ("ok", None) if doc.tables else ("no_tables", f"{doc.source_file}: no table found on any of its {doc.n_pages} pages")
    problems = {**bad_text_pages(doc), **dict(doc.page_problems)}
    if problems:
        status, note = "partial", partial_note(doc, problems)
    result.document = document_row(doc.source_file, doc.source_sha256, doc.n_pages, status, note, len(doc.tables), n_rows)
    result.document.update(
        **act_columns(act),
        families=";".join(sorted(set(families))),
        notes=" | ".join(notes) or None,
        text_repair=glyphs.kind,
        glyph_lines_repaired=glyphs.lines_changed,
        unmapped_glyphs=glyphs.unmapped_glyphs,
    )
    result.repairs = _repair_counts(doc, judge, result, glyphs.lines_changed)
    return result


def _repair_counts(doc: Document, judge: WrapJudge, result: DocumentResult, glyph_lines: int) -> dict[str, int]:
    counts: Counter[str] = Counter({"glyph_lines_repaired": glyph_lines})
    for table in doc.tables:
        for cell in table.cells:  # counted when the cell's lines were joined (once per cell)
            spaced, rejoined = cell_repairs(cell, judge)
            counts["letter_spaced_collapsed"] += spaced
            counts["words_rejoined"] += rejoined
        counts["split_rows_merged"] += int(table.quality.get("split_rows_merged", 0))
        counts["repeated_headers_dropped"] += int(table.quality.get("repeated_headers_dropped", 0))
    costs = result.datasets.get("tvet_state_order_costs", [])  # a compound cell's first variant, once per cell
    counts["compound_costs_split"] = sum("cost_compound" in str(r.get("flags") or "") for r in costs if r.get("variant") == 1)
    return dict(counts)


def read_document(path: Path, reader: str = DEFAULT_READER, ocr: bool = False, work_dir: Path | None = None,
                  layout: LayoutSettings = DEFAULT_LAYOUT, pages: PageRanges | None = None) -> Document:  # fmt: skip
    """The text layer when there is one; with ``ocr``, a scan is read with Tesseract instead
    (its temporary page images inside ``work_dir``, so nothing is written outside --out).
    ``pages``: only these pages (--pages), numbered as in the document."""
    try:
        doc = pdf_to_document(path, reader, layout, pages)
    except NoTextLayerError:
        if not ocr:
            raise
        return _ocr(path, layout, work_dir, pages)
    bad = bad_text_pages(doc)
    if bad and reader != "pdfplumber":  # pdfminer decodes some fonts pdfium cannot: its reading, when better
        try:
            other = pdf_to_document(path, "pdfplumber", layout, pages)
            if len(bad_text_pages(other)) < len(bad):
                doc, bad = other, bad_text_pages(other)
        except AdiletError:
            pass
    text_pages = page_text(doc)
    if bad and len(bad) >= len([p for p, lines in text_pages.items() if "".join(lines).strip()]):
        if ocr:
            return _ocr(path, layout, work_dir, pages)
        raise BadTextLayerError(f"its text layer does not decode on any page with text (pages {_pages_text(list(bad))}: "
                                f"{bad[min(bad)]}): rerun with --ocr to read it with Tesseract", file=path.name)  # fmt: skip
    return doc


def _ocr(path: Path, layout: LayoutSettings, work_dir: Path | None, pages: PageRanges | None = None) -> Document:
    from extract.ocr_to_document import pdf_to_document_ocr

    return pdf_to_document_ocr(path, layout=layout, work_dir=work_dir, pages=pages)


def selection_note(pages: PageRanges, n_pages: int) -> str:
    """The ``documents.notes`` part of a document read under --pages."""
    chosen = pages.selected(n_pages)
    beyond = pages.beyond(n_pages)
    past = f"; pages {beyond} are beyond its last page" if beyond else ""
    return f"--pages {pages.text()}: {len(chosen)} of its {n_pages} pages read ({_pages_text(chosen)}){past}"


def process_file(path: Path, reader: str = DEFAULT_READER, ocr: bool = False, work_dir: Path | None = None,
                 layout: LayoutSettings = DEFAULT_LAYOUT, report: bool = False,
                 pages: PageRanges | None = None) -> DocumentResult:  # fmt: skip
    """One file -> its result (with its report page when ``report``); a named error becomes a
    failed ``documents`` row, never an exception. ``pages``: only these pages (--pages)."""
    try:
        with fewer_collections():
            result = document_to_result(read_document(path, reader, ocr, work_dir, layout, pages), layout)
        if pages is not None and isinstance(n := result.document.get("pages"), int):
            old = result.document.get("notes")
            result.document["notes"] = " | ".join(x for x in (selection_note(pages, n), old) if isinstance(x, str) and x)
        scrub_result(result)
        result.source_path = str(path)
        if report:
            result.report_page = report_page_or_note(result)
        return result
    except AdiletError as exc:
        return failed_result(path, exc.kind, str(exc))
    except OSError as exc:
        return failed_result(path, "bad_input", f"{path.name}: {exc}", hash_file=False)
    except MemoryError:
        raise  # a resource limit (adilet/limits.py), reported by the caller
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
        return failed_result(path, "internal_error", f"{path.name}: internal error {type(exc).__name__}: {exc}")
    finally:  # nothing of this document's pages and grids outlives it
        clear_document_caches()


def report_page_or_note(result: DocumentResult) -> str:
    """The document's report page; a fault in making it is shown on the page, never a failed document."""
    try:
        return document_report_page(result)
    except Exception as exc:  # noqa: BLE001
        name = html.escape(str(result.document.get("source_file")))
        return f"<!doctype html><meta charset='utf-8'><p>{name}: report page failed: {html.escape(repr(exc))}</p>"


def limit_result(path: Path, status: str, message: str) -> DocumentResult:
    """The ``documents`` row of a document stopped by a time or memory limit."""
    return failed_result(path, status, message)


def process_file_limited(path: Path, reader: str = DEFAULT_READER, limits: Limits | None = None,
                         ocr: bool = False, work_dir: Path | None = None,
                         layout: LayoutSettings = DEFAULT_LAYOUT, report: bool = False,
                         pages: PageRanges | None = None) -> DocumentResult:  # fmt: skip
    """:func:`process_file` under per-document time and memory limits."""
    fn = partial(process_file, reader=reader, ocr=ocr, work_dir=work_dir, layout=layout, report=report, pages=pages)
    return run_limited(fn, path, limits or Limits(), limit_result)


def warm_up() -> None:
    """Load the word model and its affix index (idempotent: both are cached per process); a pool
    worker does it before its first document (adilet/preload.py: once in the forkserver)."""
    try:
        lexicon = load_lexicon()
        if lexicon is not None:
            build_affix_index(lexicon)
    except Exception:  # noqa: BLE001 - a process that cannot warm up still does the work, slower
        pass
