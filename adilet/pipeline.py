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
from dataclasses import dataclass, field, replace
from pathlib import Path

from adilet.cache import RunCache, entry_key
from adilet.executors import process_documents
from adilet.gc_policy import fewer_collections
from adilet.interrupt import committing
from adilet.out_folder import staged_output, write_marker
from adilet.outputs import write_outputs
from adilet.report import outcome_counts
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


class InputSetError(ValueError):
    """The inputs named cannot make a run (a path that does not exist, nothing to read): a
    usage error, reported before any work."""


def _folder_contents(folder: Path) -> tuple[int, list[str]]:
    """(PDF files, the names of the other files) inside a folder, recursively."""
    pdfs, others = 0, []
    for x in sorted(folder.rglob("*")):
        if x.is_dir():
            continue
        if x.suffix.lower() == ".pdf":
            pdfs += 1
        else:
            others.append(x.relative_to(folder).as_posix())
    return pdfs, others


def _holds_nothing(folder: Path, others: list[str]) -> str:
    if not others:
        return f"{folder}: an empty folder (no PDF files in it)"
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return f"{folder}: no PDF files in this folder ({len(others)} other file{'s' if len(others) > 1 else ''}: {shown})"


def check_inputs(inputs: Sequence[Path]) -> tuple[list[InputFile], tuple[str, ...]]:
    """The input files, and a warning per folder that holds no PDF; :class:`InputSetError`
    for a path that does not exist or cannot be listed, or when there is nothing to read."""
    if not inputs:
        raise InputSetError("no input given: name PDF files and/or folders of PDFs")
    warnings: list[str] = []
    for p in inputs:
        if not os.path.lexists(p):
            raise InputSetError(f"{p}: no such file or folder")
        if p.is_dir():
            if not os.access(p, os.R_OK | os.X_OK):
                raise InputSetError(f"{p}: the folder cannot be read (permission denied)")
            pdfs, others = _folder_contents(p)
            if not pdfs:
                warnings.append(_holds_nothing(p, others))
    files = input_files(inputs)
    if not files:
        raise InputSetError(warnings[0] if len(warnings) == 1 else "no PDF files in any input folder: "
                            + "; ".join(warnings))  # fmt: skip
    return files, tuple(warnings)


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
    statuses: dict[str, int] = field(default_factory=dict)  # documents per status, as in report.json/html

    @property
    def ok(self) -> int:
        """Documents whose status is no failure (``ok``, ``no_tables``)."""
        return self.documents - len(self.failed) - len(self.partial)

    def to_json(self, out: Path) -> dict[str, object]:
        """The run summary as ``--json`` writes it: the same counts as the printed summary,
        report.json and the exit code."""
        return {
            "run_id": self.run_id, "out": str(out), "exit_code": self.exit_code, "documents": self.documents,
            "outcomes": {"ok": self.ok, "partial": len(self.partial), "failed": len(self.failed)},
            "statuses": self.statuses, "rows": self.rows, "rejected_rows": self.rejects,
            "totals_checked": self.totals_checked, "totals_disagreeing": list(self.totals_mismatched),
            "failed": [{"source_file": f, "error": e} for f, e in self.failed],
            "partial": [{"source_file": f, "error": e} for f, e in self.partial],
            "warnings": list(self.warnings),
        }  # fmt: skip

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


def run_extract(inputs: Sequence[Path], settings: ExtractSettings, on_document: Callable[[Path], None] | None = None,
                on_phase: Callable[[str], None] | None = None) -> RunSummary:  # fmt: skip
    """Process every PDF, validate every dataset, write them all into a staging folder and swap
    it in as --out (adilet/out_folder.py). :class:`InputSetError` before any work when the
    inputs name nothing to read. ``on_phase``: validating, writing, report, finishing."""
    files, input_warnings = check_inputs(inputs)
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
            outputs = write_outputs(final, work, on_phase)
        if on_phase:
            on_phase("finishing")
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
        warnings=input_warnings + page_warnings(final, settings) + (tuple(run_cache.warnings) if run_cache else ()),
        run_id=outputs.meta.get("run_id", ""),
        statuses=outcome_counts([r.document for r in final]),
    )


def page_warnings(results: Sequence[DocumentResult], settings: ExtractSettings) -> tuple[str, ...]:
    """A warning per document that --pages asks pages of beyond its last page."""
    if settings.pages is None:
        return ()
    out = []
    for r in results:
        n = r.document.get("pages")
        if isinstance(n, int) and (beyond := settings.pages.beyond(n)):
            out.append(f"{r.document['source_file']}: --pages {beyond}: beyond its last page ({n}); not read")
    return tuple(out)


def _all_entries(folder: Path) -> set[str]:
    return {p.name.removesuffix(".json") for p in folder.glob("*.json") }
