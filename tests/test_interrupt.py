"""Ctrl-C and SIGTERM: the workers and the forkserver are stopped, no traceback, one line
"interrupted, DIR/ left as it was", exit 130 / 143, the previous output intact and the staging
folder gone. The runs are real `adilet extract` processes signalled mid-run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adilet.interrupt import Interrupted, committing, interrupted_message, signals_interrupt
from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from tests.conftest import SAMPLES

EXE = Path(sys.executable).parent / "adilet"
SAMPLE = SAMPLES / "001_tvet_state_order_karaganda_2025.pdf"


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _session(sid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live processes of a session (zombies left out)."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[3]) == sid:
            found.append((int(d.name), cmd))
    return found


def _batch(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(n):  # copies under other names: each one is read (--no-cache)
        shutil.copy(SAMPLE, folder / f"copy_{i:02d}.pdf")
    return folder


def _signalled_run(tmp_path: Path, sig: signal.Signals, workers: int, whole_group: bool) -> None:
    out = tmp_path / "out"
    run_extract([SAMPLES / "000_additional_education_karaganda_2025.pdf"],
                ExtractSettings(out_dir=out, workers=1, report=False))  # fmt: skip
    before = _snapshot(out)
    inputs = _batch(tmp_path, 12)
    proc = subprocess.Popen([str(EXE), "extract", str(inputs), "--out", str(out), "--no-cache", "-j", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    # mid-run: the staging folder is there and (with a pool) its workers are running
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        staged = list(tmp_path.glob(".out.staging-*"))
        workers_up = sum("forkserver" in cmd for _, cmd in _session(proc.pid)) >= workers + 1 if workers > 1 else True
        if staged and workers_up or proc.poll() is not None:
            break
        time.sleep(0.1)
    time.sleep(1.0)
    assert proc.poll() is None, proc.communicate()
    if whole_group:  # Ctrl-C in a terminal: every process of the group gets it
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    try:
        stdout, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert proc.returncode == 128 + sig, (proc.returncode, stderr)
    assert stderr.strip().splitlines() == [f"interrupted, {out}/ left as it was"], stderr
    assert "Traceback" not in stdout + stderr
    deadline = time.monotonic() + 10
    while _session(proc.pid) and time.monotonic() < deadline:  # the workers and the forkserver are gone
        time.sleep(0.1)
    assert _session(proc.pid) == []
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".out.staging-*")) and not list(tmp_path.glob(".out.old-*"))
    run_extract([SAMPLE], ExtractSettings(out_dir=out, workers=1, report=False))  # the lock was released


def test_sigterm_to_the_main_process_stops_the_pool_and_leaves_out_as_it_was(tmp_path: Path) -> None:
    _signalled_run(tmp_path, signal.SIGTERM, workers=2, whole_group=False)


@pytest.mark.slow
def test_ctrl_c_in_a_terminal_reaches_every_process_and_exits_130(tmp_path: Path) -> None:
    _signalled_run(tmp_path, signal.SIGINT, workers=2, whole_group=True)


@pytest.mark.slow
def test_sigint_without_a_pool_exits_130(tmp_path: Path) -> None:
    _signalled_run(tmp_path, signal.SIGINT, workers=1, whole_group=False)


def test_a_signal_during_the_swap_is_raised_after_it_and_says_the_output_was_written() -> None:
    swapped = False
    with signals_interrupt(), pytest.raises(Interrupted) as caught:
        with committing():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler runs here, and defers
            swapped = True
    assert swapped and caught.value.after_commit and caught.value.exit_code == 143
    assert "holds its complete output" in interrupted_message(caught.value, Path("out"))


def test_only_the_first_signal_interrupts_and_the_handlers_are_restored() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with signals_interrupt():
        with pytest.raises(Interrupted) as caught:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)  # while unwinding: ignored
        time.sleep(0.05)
    assert caught.value.exit_code == 130 and not caught.value.after_commit
    assert signal.getsignal(signal.SIGTERM) is before
