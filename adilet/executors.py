"""Where documents are processed: in this process, in a pool of local processes, or on a Dask cluster.

Every executor runs the same per-document function (:func:`adilet.process.process_file`) and
returns the results **in input order**, whatever order they finish in, so the datasets written
afterwards are identical for any number of workers and any executor.

* ``local`` with one worker (or one document): a plain loop in this process.
* ``local`` with N workers (default: every core this process may run on): a process pool
  (``forkserver``: workers fork from a clean server that has already imported the pipeline, never
  from this process and its threads; as with any ``multiprocessing`` code, a script that calls
  ``run_extract`` with several workers needs the ``if __name__ == "__main__":`` guard, while
  ``python -c`` / stdin callers get ``fork``). Large files are submitted first so that one long document
  does not finish last on its own. A worker that dies (a crash inside a C library) takes only its
  own document down: the documents it left unfinished are retried one by one in fresh processes.
* ``dask``: batches of documents, one task per batch, on a ``distributed`` cluster given by its
  scheduler address, or on a LocalCluster started for the run. The workers must be able to read
  the input paths (a shared file system) and import this project (the same code installed).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from adilet.interrupt import ignore_interrupts_in_worker
from adilet.limits import Limits
from adilet.process import process_file_limited, warm_up
from adilet.results import DocumentResult, failed_result

R = TypeVar("R")
Work = Callable[[Path], Any]
OnDone = Callable[[Path], None] | None


def cores() -> int:
    """CPU cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class Executor(Protocol):
    name: str
    workers: int

    def map(self, fn: Work, paths: Sequence[Path], on_done: OnDone = None) -> list[Any]:
        """``[fn(p) for p in paths]`` in input order; ``on_done(p)`` as each one finishes."""
        ...


class SequentialExecutor:
    name = "sequential"
    workers = 1

    def map(self, fn: Work, paths: Sequence[Path], on_done: OnDone = None) -> list[Any]:
        out = []
        for p in paths:
            out.append(fn(p))
            if on_done:
                on_done(p)
        return out


def _main_importable() -> bool:
    """Whether a fresh process can re-import ``__main__`` (not so for ``python -`` or ``python -c``)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(getattr(main, "__spec__", None), "name", None) is not None or path is None or os.path.isfile(path)


def _mp_context() -> Any:
    if not _main_importable():
        return multiprocessing.get_context("fork")  # the only start method that does not re-import it
    if sys.platform.startswith("linux") and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # imported once in the server, so every worker starts with the pipeline and the word
        # model loaded (adilet/preload.py)
        ctx.set_forkserver_preload(["adilet.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def _size(p: Path) -> int:
    try:
        return p.stat().st_size
    except OSError:
        return 0


def _worker_init(warm: bool = True) -> None:
    ignore_interrupts_in_worker()
    if warm:
        warm_up()


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: its queued documents cancelled, its workers terminated (SIGTERM, then
    SIGKILL for one that does not go within a few seconds) and waited for. Without this, an
    interrupted run would wait for every running document, and a worker left alone waits
    forever on its task queue, keeping the forkserver alive with it."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(timeout=5)
        if p.is_alive():
            p.kill()
            p.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)


def stop_forkserver() -> None:
    """The forkserver of this process, if one was started, stopped (it exits once no worker holds it)."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if stop is not None and getattr(server, "_forkserver_pid", None) is not None:
        try:
            stop()
        except OSError:  # pragma: no cover - already gone
            pass


@contextmanager
def process_pool(workers: int, ctx: Any, warm: bool = True) -> Iterator[ProcessPoolExecutor]:
    """A process pool that is shut down normally when the block ends, and stopped at once (its
    workers and the forkserver with them) when the block is left by an exception: an interrupt
    (adilet/interrupt.py) or any other error of the main process."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                               initargs=(warm,))  # fmt: skip
    try:
        yield pool
    except BaseException:
        stop_pool(pool)
        if ctx.get_start_method() == "forkserver":
            stop_forkserver()
        raise
    pool.shutdown(wait=True)


class ProcessExecutor:
    """A pool of ``workers`` local processes, one document per task. A document whose worker
    died (a crash inside a C library: pdfium aborts when an allocation fails under the memory
    limit) is retried alone, with ``fallback`` when given (the pure-Python reader)."""

    name = "processes"

    def __init__(self, workers: int, fallback: Work | None = None):
        self.workers = max(1, workers)
        self.fallback = fallback

    def map(self, fn: Work, paths: Sequence[Path], on_done: OnDone = None) -> list[Any]:
        results: list[Any] = [None] * len(paths)
        pending = set(range(len(paths)))
        order = sorted(pending, key=lambda i: -_size(paths[i]))  # longest first
        ctx = _mp_context()
        with process_pool(min(self.workers, len(paths)), ctx) as pool:
            futures: dict[Future[Any], int] = {}
            try:
                for i in order:
                    futures[pool.submit(fn, paths[i])] = i
            except BrokenProcessPool:
                pass
            not_done = set(futures)
            while not_done:
                done, not_done = wait(not_done, return_when=FIRST_COMPLETED)
                for fut in done:
                    i = futures[fut]
                    try:
                        results[i] = fut.result()
                    except BrokenProcessPool:
                        continue  # retried alone below
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        results[i] = crashed_result(paths[i], f"the worker failed: {type(exc).__name__}: {exc}")
                    pending.discard(i)
                    if on_done:
                        on_done(paths[i])
        for i in sorted(pending):  # a worker died: isolate each unfinished document
            results[i] = _run_isolated(fn, paths[i], ctx, self.fallback)
            if on_done:
                on_done(paths[i])
        return results


def _run_isolated(fn: Work, path: Path, ctx: Any, fallback: Work | None = None) -> Any:
    for work in (fn, fallback):
        if work is None:
            continue
        with process_pool(1, ctx, warm=False) as pool:
            try:
                return pool.submit(work, path).result()
            except BrokenProcessPool:
                pass
    return crashed_result(path, "the worker process died while reading it (crash in a C library?)")


def crashed_result(path: Path, why: str) -> DocumentResult:
    """The failed ``documents`` row of a document whose worker never returned."""
    return failed_result(path, "internal_error", f"{path.name}: {why}")


# --------------------------------------------------------------------------------------------
# Dask


_ONE_AT_A_TIME = threading.Lock()


def _run_batch(fn: Work, batch: list[tuple[int, str]]) -> list[tuple[int, Any]]:
    """One Dask task: a batch of (input index, path) -> (input index, result).

    A worker started with several threads would run batches side by side; pdfium is not
    thread-safe (and the work is pure Python under the GIL), so one document at a time."""
    with _ONE_AT_A_TIME:
        return [(i, fn(Path(p))) for i, p in batch]


def batches(n: int, workers: int, batch_size: int = 0) -> list[range]:
    """Index ranges of about four batches per worker (or of ``batch_size`` documents)."""
    if n == 0:
        return []
    size = batch_size or max(1, math.ceil(n / (4 * max(1, workers))))
    return [range(i, min(i + size, n)) for i in range(0, n, size)]


class DaskExecutor:
    """Batches of documents as tasks on a Dask ``distributed`` cluster."""

    name = "dask"

    def __init__(self, scheduler: str | None, workers: int = 0, batch_size: int = 0):
        self.scheduler, self.batch_size = scheduler, batch_size
        self.workers = workers or cores()

    def map(self, fn: Work, paths: Sequence[Path], on_done: OnDone = None) -> list[Any]:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError('--executor dask needs Dask: pip install "adilet-tables[dask]"') from exc
        if not paths:
            return []
        cluster = None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)  # fmt: skip
            client = Client(cluster)
        try:
            n_workers = len(client.scheduler_info().get("workers", {})) or self.workers
            absolute = [str(p.resolve()) for p in paths]
            groups = batches(len(paths), n_workers, self.batch_size)
            payload = [[(i, absolute[i]) for i in g] for g in groups]
            futures = client.map(_run_batch, [fn] * len(payload), payload, pure=False)
            batch_of = {f.key: g for f, g in zip(futures, groups, strict=True)}
            results: list[Any] = [None] * len(paths)
            for fut in as_completed(futures):
                try:
                    for i, res in fut.result():
                        results[i] = res
                except Exception as exc:  # noqa: BLE001 - a lost batch fails its documents, not the run
                    for i in batch_of[fut.key]:
                        results[i] = crashed_result(paths[i], f"the Dask task failed: {type(exc).__name__}: {exc}")
                if on_done:
                    for i in batch_of[fut.key]:
                        on_done(paths[i])
            return results
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def make_executor(settings: Any, n_documents: int) -> Executor:
    """The executor the settings ask for (one document or one worker: no pool at all)."""
    if settings.executor == "dask":
        return DaskExecutor(settings.scheduler, settings.workers, settings.batch_size)
    workers = settings.workers or cores()
    if workers <= 1 or n_documents <= 1:
        return SequentialExecutor()
    return ProcessExecutor(workers, fallback=_reference_reader(settings))


def _reference_reader(settings: Any) -> Work | None:
    """The per-document work with the pdfplumber reader, for a document that crashed pdfium."""
    if settings.reader == "pdfplumber":
        return None
    return _document_work(replace(settings, reader="pdfplumber"))


def _document_work(settings: Any) -> Work:
    limits = Limits(settings.time_limit, settings.memory_limit_mb)
    return partial(process_file_limited, reader=settings.reader, limits=limits, ocr=settings.ocr, report=settings.report,
                   work_dir=settings.out_dir / ".tmp", layout=settings.layout, pages=settings.pages)  # fmt: skip


def process_documents(paths: Sequence[Path], settings: Any, on_done: OnDone = None) -> list[Any]:
    """Every document through :func:`adilet.process.process_file`, results in input order."""
    return make_executor(settings, len(paths)).map(_document_work(settings), list(paths), on_done)
