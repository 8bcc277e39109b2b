"""Per-document time and memory limits, enforced where the document is processed.

In a worker process the memory limit is the process's address-space limit (RLIMIT_AS) and the
time limit a SIGALRM timer; a document that hits either is reported with status
``time_limit`` / ``memory_limit`` and the worker goes on with the next one. In the main process
(one worker) only the time limit applies: capping the main process's memory would cap the run.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Limits:
    seconds: float = 600.0  # per document; 0 = none
    memory_mb: int = 4096  # per worker process; 0 = none

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.memory_mb < 0:
            raise ValueError("limits must be 0 (none) or positive")


class TimeLimitExceeded(BaseException):
    """Not an Exception: the per-document error handling must not swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in this (main) thread after ``seconds``; a no-op elsewhere."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum: int, frame: Any) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.01)  # fire again should a bare `except:` swallow this one
        raise TimeLimitExceeded()

    old = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _cap_memory(memory_mb: int) -> None:
    if memory_mb <= 0 or multiprocessing.parent_process() is None:
        return  # never cap the main process
    cap = memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def run_limited(fn: Callable[[Path], Any], path: Path, limits: Limits,
                on_limit: Callable[[Path, str, str], Any]) -> Any:  # fmt: skip
    """``fn(path)`` under the limits; ``on_limit(path, status, message)`` makes the result when
    a limit is hit."""
    _cap_memory(limits.memory_mb)
    try:
        with time_limit(limits.seconds):
            return fn(path)
    except TimeLimitExceeded:
        return on_limit(path, "time_limit", f"{path.name}: stopped after the time limit of {limits.seconds:g} s "
                                            "per document (--time-limit)")  # fmt: skip
    except MemoryError:
        return on_limit(path, "memory_limit", f"{path.name}: stopped at the memory limit of {limits.memory_mb} MB "
                                              "per worker (--memory-limit)")  # fmt: skip
