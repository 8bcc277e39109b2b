"""SIGINT and SIGTERM -> :class:`Interrupted`, raised in the main thread, so that a run unwinds like
any failure: the pools stop their workers (adilet/executors.py), the staging folder is deleted
and the lock released (adilet/out_folder.py), and --out is left as it was.

* ``signals_interrupt()``: for the length of a command, both signals raise :class:`Interrupted`
  (a ``BaseException``, never caught as a document's error by ``except Exception``). Only the
  first one does: a second Ctrl-C while the run unwinds is ignored, so the clean-up is not cut
  short.
* ``committing()``: around the swap of the staging folder into --out, which must not be cut in
  half: a signal that arrives inside it is raised when it ends, and any signal from then on
  carries ``after_commit``, so that the message says the output was written.
* ``interruptible(command)``: the CLI command wrapped in ``signals_interrupt()``; an interrupt
  ends it with one line on stderr and exit 130 (SIGINT) or 143 (SIGTERM), no traceback.
* ``ignore_interrupts_in_worker()``: a pool worker's initializer. Ctrl-C in a terminal reaches
  every process of the group; the workers ignore it and the main process stops them.
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):  # noqa: N818 - named for what happened, as KeyboardInterrupt is
    """The run was stopped by a signal; ``exit_code`` is 128 + the signal number (130, 143)."""

    def __init__(self, signum: int, after_commit: bool = False):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.after_commit = after_commit

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    armed = False  # the handlers are installed and have not fired yet
    deferring = False
    committed = False  # the output was swapped in: an interrupt from now on comes after it
    pending: int | None = None


_state = _State()


def _handler(signum: int, frame: FrameType | None) -> None:
    if not _state.armed:
        return  # a repeat while the run unwinds
    if _state.deferring:
        _state.pending = _state.pending or signum
        return
    _state.armed = False
    raise Interrupted(signum, after_commit=_state.committed)


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """SIGINT and SIGTERM raise :class:`Interrupted` inside the block (main thread only; elsewhere a
    no-op). The previous handlers are restored on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _handler) for s in SIGNALS}
    _state.armed, _state.deferring, _state.committed, _state.pending = True, False, False, None
    try:
        yield
    finally:
        _state.armed = False
        for s, h in previous.items():
            signal.signal(s, h)


@contextmanager
def committing() -> Iterator[None]:
    """The swap of the output: a signal that arrives inside is raised when the block ends, and
    every interrupt after it says the output was written (``after_commit``)."""
    was = _state.deferring
    _state.deferring = True
    try:
        yield
        _state.committed = True
    finally:
        _state.deferring = was
    if not was and _state.pending is not None and _state.armed:
        signum, _state.pending, _state.armed = _state.pending, None, False
        raise Interrupted(signum, after_commit=True)


def interrupted_message(exc: Interrupted, out: Path | None) -> str:
    where = f"{out}/" if out is not None else "the output folder"
    if exc.after_commit:
        return f"interrupted ({exc}) after the run had finished: {where} holds its complete output"
    return f"interrupted, {where} left as it was"


def interruptible(command: F) -> F:
    """A CLI command under :func:`signals_interrupt`: an interrupt prints one line and exits
    128 + the signal number. The command's ``out`` argument names the folder in the line."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        with signals_interrupt():
            try:
                return command(*args, **kwargs)
            except Interrupted as exc:
                print(interrupted_message(exc, kwargs.get("out")), file=sys.stderr, flush=True)
                raise SystemExit(exc.exit_code) from None

    return run  # type: ignore[return-value]


def ignore_interrupts_in_worker() -> None:
    """In a pool worker: Ctrl-C is for the main process (it stops the workers), SIGTERM kills."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
