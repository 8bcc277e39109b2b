"""The thin orchestration: files -> (cache | executor -> adilet.process) -> results -> adilet.outputs.

Each document is processed on its own (adilet/process.py); a document that fails is reported in ``documents`` with
its error and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from adilet import cache
from adilet.executors import process_documents
from adilet.gc_policy import fewer_collections
from adilet.outputs import write_outputs
from adilet.results import OK_STATUSES, DocumentResult
from adilet.settings import ExtractSettings
from core.document import file_sha256


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
                entry = cache.entry_path(cache_dir, p, file_sha256(p), settings)
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
            cache.store(cache.entry_path(cache_dir, paths[i], sha, settings), r)
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
