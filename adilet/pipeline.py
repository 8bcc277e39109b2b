"""The thin orchestration: files -> (cache | executor -> adilet.process) -> results -> adilet.outputs.

Each document is processed on its own (adilet/process.py); a document that fails is reported in ``documents`` with
its error and the rest of the batch goes on. Everything a run writes goes into a staging folder
beside --out that replaces --out in one rename at the end (adilet/out_folder.py): a run that
fails, is killed or interrupted leaves --out as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from adilet.cache import RunCache, entry_key
from adilet.executors import process_documents
from adilet.gc_policy import fewer_collections
from adilet.interrupt import committing
from adilet.out_folder import staged_output, write_marker
from adilet.outputs import write_outputs
from adilet.results import OK_STATUSES, PARTIAL_STATUSES, DocumentResult, failed_result, with_source_key
from adilet.settings import ExtractSettings
from core.document import file_sha256


@dataclass(frozen=True)
class InputFile:
    """One input: where it is and its key, the path relative to the input root (the
    ``source_file`` of its rows and its folder in tables/)."""

    path: Path
    key: str


def _candidates(inputs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, its input root) for the files named and every *.pdf inside the folders named (FIFOs,
    devices and links included: they are refused by name later, never silently skipped)."""
    found: list[tuple[Path, Path]] = []
    for p in inputs:
        a = Path(os.path.abspath(p))
        if a.is_dir():
            found.extend((x, a) for x in sorted(a.rglob("*")) if x.suffix.lower() == ".pdf" and not x.is_dir())
        else:
            found.append((a, a.parent))
    return found


def input_files(inputs: Iterable[Path]) -> list[InputFile]:
    """Every input file once, keyed by its path relative to its input root; when two keys would
    be the same (a.pdf in two folders named on the command line), every key is taken relative
    to the folder all the inputs share instead."""
    seen: set[str] = set()
    files: list[tuple[Path, Path]] = []
    for path, root in _candidates(inputs):
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            files.append((path, root))
    keys = [path.relative_to(root).as_posix() for path, root in files]
    if len(set(keys)) < len(keys):
        common = Path(os.path.commonpath([str(root) for _, root in files]))
        keys = [path.relative_to(common).as_posix() for path, _ in files]
    return [InputFile(path, key) for (path, _), key in zip(files, keys, strict=True)]


def iter_pdfs(inputs: Iterable[Path]) -> list[Path]:
    """PDF files named or inside the folders named, sorted, each once."""
    return [f.path for f in input_files(inputs)]


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))  # fmt: skip


def refusal(f: InputFile) -> DocumentResult | None:
    """The failed result of an input that is not a regular file (never opened: reading a FIFO
    or /dev/zero would never end); None for a regular file or a missing one (reported when read)."""
    try:
        mode = os.stat(f.path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return failed_result(f.path, "bad_input", f"{f.key}: cannot be read: {exc.strerror or exc}", hash_file=False)
    if stat.S_ISREG(mode):
        return None
    kind = next((k for test, k in _KINDS if test(mode)), "not a regular file")
    link = f" (a link to {os.path.realpath(f.path)})" if f.path.is_symlink() else ""
    message = f"{f.key}: not a regular file: {kind}{link}; refused without reading it"
    return with_source_key(failed_result(f.path, "bad_input", message, hash_file=False), f.key)


@dataclass(frozen=True)
class RunSummary:
    documents: int
    failed: tuple[tuple[str, str], ...]
    rows: dict[str, int]
    totals_checked: int
    totals_mismatched: tuple[str, ...]
    written: tuple[Path, ...]
    rejects: dict[str, int]
    partial: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    run_id: str = ""

    @property
    def exit_code(self) -> int:
        """0: every document ok; 1: some failed or partial, or rows rejected by their schema.
        Totals that disagree with their rows are listed but keep 0."""
        return 1 if self.failed or self.partial or any(self.rejects.values()) else 0


def process_with_cache(paths: Sequence[Path], settings: ExtractSettings, run_cache: RunCache | None,
                       on_document: Callable[[Path], None] | None = None) -> list[DocumentResult]:  # fmt: skip
    """Results in input order: from the cache when the same bytes were done by the same code,
    otherwise processed (and then cached). Failed documents are never cached."""
    if run_cache is None:
        return process_documents(paths, settings, on_document)
    results: list[DocumentResult | None] = [None] * len(paths)
    look = run_cache.old.is_dir() or run_cache.new.is_dir()  # no cache: no file is hashed twice
    if look:
        for i, p in enumerate(paths):
            try:
                key = entry_key(file_sha256(p), settings)
            except OSError:
                continue
            results[i] = run_cache.load(key, p.name)
    todo = [i for i, r in enumerate(results) if r is None]
    for i, r in enumerate(results):
        if r is not None and on_document:
            on_document(paths[i])
    for i, r in zip(todo, process_documents([paths[i] for i in todo], settings, on_document), strict=True):
        results[i] = r
        sha = r.document.get("source_sha256")
        if r.document["status"] in OK_STATUSES + PARTIAL_STATUSES and isinstance(sha, str):
            # stored under the hash of the bytes that were read (the file may have changed since)
            run_cache.store(entry_key(sha, settings), r)
    return [r for r in results if r is not None]


def run_extract(inputs: Sequence[Path], settings: ExtractSettings,
                on_document: Callable[[Path], None] | None = None) -> RunSummary:  # fmt: skip
    """Process every PDF, validate every dataset, write them all into a staging folder and swap
    it in as --out (adilet/out_folder.py)."""
    files = input_files(inputs)
    out = Path(os.path.abspath(settings.out_dir))
    with staged_output(out) as stage:
        work = replace(settings, out_dir=stage.path)
        results: list[DocumentResult | None] = [refusal(f) for f in files]
        for f, r in zip(files, results, strict=True):
            if r is not None and on_document:
                on_document(f.path)
        todo = [k for k, r in enumerate(results) if r is None]
        run_cache = RunCache(out / ".cache", stage.path / ".cache") if settings.cache else None
        # in input order for any executor and number of workers (adilet/executors.py)
        with fewer_collections():
            done = process_with_cache([files[k].path for k in todo], work, run_cache, on_document)
            for k, r in zip(todo, done, strict=True):
                results[k] = with_source_key(r, files[k].key, files[k].path)
            final = [r for r in results if r is not None]
            outputs = write_outputs(final, work)
        shutil.rmtree(stage.path / ".tmp", ignore_errors=True)
        if run_cache is not None:
            run_cache.finish()
        elif (out / ".cache").is_dir():  # --no-cache: the cache is neither read nor thrown away
            RunCache(out / ".cache", stage.path / ".cache", used=_all_entries(out / ".cache")).finish()
        write_marker(stage.path, outputs.meta, list(outputs.written))
        with committing():  # never cut in half by Ctrl-C / SIGTERM (adilet/interrupt.py)
            stage.commit()
    mismatched = tuple(
        f"{t.source_file} table {t.table_index} {t.kind} {t.group or t.label}: printed {t.printed_raw}, rows sum "
        f"to {t.computed:g}"
        for r in final
        for t in r.totals
        if t.agrees is False and t.computed is not None
    )
    return RunSummary(
        documents=len(final),
        failed=tuple((str(r.document["source_file"]), str(r.document["error"])) for r in final
                     if r.failed),  # fmt: skip
        rows={k: v for k, v in outputs.rows.items() if k not in ("documents", "totals", "tables")},
        totals_checked=sum(1 for r in final for t in r.totals if t.agrees is not None),
        totals_mismatched=mismatched,
        written=tuple(out / p.relative_to(stage.path) for p in outputs.written),
        rejects=outputs.rejects,
        partial=tuple((str(r.document["source_file"]), str(r.document["error"])) for r in final
                      if r.document["status"] in PARTIAL_STATUSES),  # fmt: skip
        warnings=tuple(run_cache.warnings) if run_cache else (),
        run_id=outputs.meta.get("run_id", ""),
    )


def _all_entries(folder: Path) -> set[str]:
    return {p.name.removesuffix(".json") for p in folder.glob("*.json") }
