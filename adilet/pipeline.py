"""The thin orchestration: files -> documents -> family rows -> validated datasets -> out/.

Each document is processed on its own; a document that fails is reported in ``documents`` with
its error and the rest of the batch goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from adilet import cache
from adilet.errors import AdiletError, NoTextLayerError
from adilet.executors import process_documents
from adilet.gc_policy import fewer_collections
from adilet.limits import Limits, run_limited
from adilet.outputs import write_outputs
from adilet.settings import ExtractSettings
from extract.act_metadata import (
    AppendixInfo,
    academic_year,
    act_columns,
    appendix_records,
    find_act,
    find_appendices,
)
from extract.chars import TextLine
from extract.document import Document, file_sha256, pdf_to_document
from extract.document_caches import clear_document_caches
from extract.document_repair import repair_document_glyphs
from extract.families.generic import grid_to_cells, grid_to_flat_rows
from extract.families.records import FamilyResult, TableContext, TotalCheck
from extract.families.registry import classify, unrecognised_note
from extract.families.table_text import cell_repairs, header_paths
from extract.grid import TableGrid
from normalize.lexicon import load_lexicon
from normalize.text import WrapJudge, vocabulary_from_cells
from schemas.declarations import UNCOUNTED_DATASETS

OK_STATUSES = ("ok", "no_tables")  # a document without tables is reported, not a failure


@dataclass
class DocumentResult:
    document: dict[str, object]
    datasets: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    totals: list[TotalCheck] = field(default_factory=list)
    flat_tables: dict[int, list[list[str]]] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    source_path: str = ""

    @property
    def failed(self) -> bool:
        return self.document["status"] not in OK_STATUSES


def iter_pdfs(inputs: Iterable[Path]) -> list[Path]:
    """PDF files named or inside the folders named, sorted, each once."""
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() == ".pdf"))
        else:
            found.append(p)
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]  # type: ignore[func-returns-value]


def _appendix_for(grid: TableGrid, appendices: Sequence[AppendixInfo]) -> AppendixInfo | None:
    before = [a for a in appendices if a.page <= grid.pages[0]]
    return before[-1] if before else None


def act_title_text(lines: Sequence[TextLine]) -> str:
    """The text above the first table or approval block: enough to find an academic year in."""
    return " ".join(x.text for x in lines[:12])


def document_to_result(doc: Document) -> DocumentResult:
    """Repair the document's Kazakh letters, then classify every table by its header and hand
    it to its family."""
    doc, glyphs = repair_document_glyphs(doc)
    judge = WrapJudge(load_lexicon(), vocabulary_from_cells(c.lines for t in doc.tables for c in t.cells))
    act = find_act(doc.text_lines, judge)
    tops: dict[int, float] = {}
    for t in doc.tables:
        tops.setdefault(t.pages[0], t.bbox[1])
    appendices = find_appendices(doc.text_lines, tops, judge, doc.n_pages)
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
        found = classify(paths, f"{act_title_text(doc.text_lines)} {appendix.title or '' if appendix else ''}")
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
    result.document = _document_row(doc.source_file, doc.source_sha256, doc.n_pages, status, note, len(doc.tables), n_rows)
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


def _document_row(source: str, sha: str | None, pages: int | None, status: str, error: str | None,
                  tables: int, rows: int) -> dict[str, object]:  # fmt: skip
    return {"source_file": source, "source_sha256": sha, "pages": pages, "status": status, "error": error,
            "tables": tables, "rows": rows}  # fmt: skip


def read_document(path: Path, backend: str = "pdfplumber", ocr: bool = False, work_dir: Path | None = None) -> Document:
    """The text layer when there is one; with ``ocr``, a scan is read with Tesseract instead
    (its temporary page images inside ``work_dir``, so nothing is written outside --out)."""
    try:
        return pdf_to_document(path, backend)
    except NoTextLayerError:
        if not ocr:
            raise
        from extract.ocr_backend import pdf_to_document_ocr

        return pdf_to_document_ocr(path, work_dir=work_dir)


def process_file(path: Path, backend: str = "pdfplumber", ocr: bool = False,
                 work_dir: Path | None = None) -> DocumentResult:  # fmt: skip
    """One file -> its result; a named error becomes a failed ``documents`` row, never an exception."""
    try:
        with fewer_collections():
            result = document_to_result(read_document(path, backend, ocr, work_dir))
        result.source_path = str(path)
        return result
    except AdiletError as exc:
        sha = file_sha256(path) if path.is_file() else None
        return DocumentResult(_document_row(path.name, sha, None, exc.kind, str(exc), 0, 0))
    except OSError as exc:
        return DocumentResult(_document_row(path.name, None, None, "bad_input", f"{path.name}: {exc}", 0, 0))
    except MemoryError:
        raise  # a resource limit (adilet/limits.py), reported by the caller
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the batch
        sha = file_sha256(path) if path.is_file() else None
        message = f"{path.name}: internal error {type(exc).__name__}: {exc}"
        return DocumentResult(_document_row(path.name, sha, None, "internal_error", message, 0, 0))
    finally:  # nothing of this document's pages and grids outlives it
        clear_document_caches()


def limit_result(path: Path, status: str, message: str) -> DocumentResult:
    """The ``documents`` row of a document stopped by a time or memory limit."""
    sha = file_sha256(path) if path.is_file() else None
    return DocumentResult(_document_row(path.name, sha, None, status, message, 0, 0))


def process_file_limited(path: Path, backend: str = "pdfplumber", limits: Limits | None = None,
                         ocr: bool = False, work_dir: Path | None = None) -> DocumentResult:  # fmt: skip
    """:func:`process_file` under per-document time and memory limits."""
    fn = partial(process_file, backend=backend, ocr=ocr, work_dir=work_dir)
    return run_limited(fn, path, limits or Limits(), limit_result)


@dataclass(frozen=True)
class RunSummary:
    documents: int
    failed: tuple[tuple[str, str], ...]
    rows: dict[str, int]
    totals_checked: int
    totals_mismatched: tuple[str, ...]
    written: tuple[Path, ...]
    rejects: dict[str, int]


def process_with_cache(paths: Sequence[Path], settings: ExtractSettings,
                       on_document: Callable[[Path], None] | None = None) -> list[DocumentResult]:  # fmt: skip
    """Results in input order: from DIR/.cache when the same file was done by the same code,
    otherwise processed (and then cached). Failed documents are never cached."""
    if not settings.cache:
        return process_documents(paths, settings, on_document)
    cache_dir = settings.out_dir / ".cache"
    results: list[DocumentResult | None] = [None] * len(paths)
    if cache_dir.is_dir():  # without a cache there is nothing to look up: no file is hashed twice
        for i, p in enumerate(paths):
            try:
                entry = cache.entry_path(cache_dir, p, file_sha256(p), settings.backend, settings.ocr)
            except OSError:
                continue
            results[i] = cache.load(entry) if entry.exists() else None
    todo = [i for i, r in enumerate(results) if r is None]
    for i, r in enumerate(results):
        if r is not None and on_document:
            on_document(paths[i])
    for i, r in zip(todo, process_documents([paths[i] for i in todo], settings, on_document), strict=True):
        results[i] = r
        sha = r.document.get("source_sha256")
        if r.document["status"] in OK_STATUSES and isinstance(sha, str):
            # stored under the hash of the bytes that were read (the file may have changed since)
            cache.store(cache.entry_path(cache_dir, paths[i], sha, settings.backend, settings.ocr), r)
    return [r for r in results if r is not None]


def run_extract(inputs: Sequence[Path], settings: ExtractSettings,
                on_document: Callable[[Path], None] | None = None) -> RunSummary:  # fmt: skip
    """Process every PDF, validate every dataset, then write them all."""
    # in input order for any executor and number of workers (adilet/executors.py)
    with fewer_collections():
        results = process_with_cache(iter_pdfs(inputs), settings, on_document)
        outputs = write_outputs(results, settings)
    mismatched = tuple(
        f"{t.source_file} table {t.table_index} {t.kind} {t.group or t.label}: printed {t.printed_raw}, rows sum "
        f"to {t.computed:g}"
        for r in results
        for t in r.totals
        if t.agrees is False and t.computed is not None
    )
    return RunSummary(
        documents=len(results),
        failed=tuple((str(r.document["source_file"]), str(r.document["error"])) for r in results if r.failed),
        rows={k: v for k, v in outputs.rows.items() if k not in ("documents", "totals", "tables")},
        totals_checked=sum(1 for r in results for t in r.totals if t.agrees is not None),
        totals_mismatched=mismatched,
        written=outputs.written,
        rejects=outputs.rejects,
    )
