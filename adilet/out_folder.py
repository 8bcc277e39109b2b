"""The output folder as one consistent state: a run writes a complete new folder beside DIR and
swaps it in with one rename at the end.

* ``check_writable(DIR)``: before any work, a one-line :class:`OutputFolderError` when DIR cannot
  be made or written (missing parent that cannot be created, read-only, not a folder), or when
  DIR holds files that are not an adilet output (a run replaces DIR as a whole).
* ``staged_output(DIR)``: takes the lock ``.DIR.lock`` beside DIR (a second run into the same DIR
  refuses at once with :class:`OutputFolderBusy`, naming the other run's process), makes the
  staging folder ``.DIR.staging-<pid>`` beside DIR and yields it. ``Staging.commit()`` swaps
  it in: ``renameat2(RENAME_EXCHANGE)`` exchanges the two folders in one atomic step (where the
  file system cannot, DIR is renamed aside and the staging folder renamed into its place),
  then the previous folder is deleted. A run that fails, is interrupted or killed never touches
  DIR; its staging folder is deleted on the way out, or by the next run (under the lock).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".adilet-run"  # in every output folder: the run id and the files it wrote
RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100


class OutputFolderError(Exception):
    """--out cannot be used: the message is one line naming the folder and the reason."""


class OutputFolderBusy(OutputFolderError):
    """Another run holds the lock of this output folder."""


def _absolute(out: Path) -> Path:
    return Path(os.path.abspath(out))


def lock_path(out: Path) -> Path:
    out = _absolute(out)
    return out.parent / f".{out.name}.lock"


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def looks_like_output(folder: Path) -> bool:
    """An empty folder, or one an adilet run wrote (its marker, or a documents dataset)."""
    try:
        names = {p.name for p in folder.iterdir()}
    except OSError:
        return False
    return not names or MARKER in names or bool(names & {"documents.parquet", "documents.csv"})


def check_writable(out: Path) -> None:
    """Raise :class:`OutputFolderError` (one line) unless a run can write DIR: its parent exists
    or can be made, and is writable; DIR, when it exists, is a folder an adilet run wrote."""
    out = _absolute(out)
    if out.parent == out:
        raise OutputFolderError(f"--out {out}: the file system root cannot be replaced; name a folder in it")
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out}: exists and is not a folder")
    if out.is_dir() and not looks_like_output(out):
        raise OutputFolderError(f"--out {out}: holds files that are not an adilet output (a run replaces the folder "
                                "as a whole); name a new or empty folder")  # fmt: skip
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"--out {out}: cannot create {out.parent}: {exc.strerror or exc}") from exc
    try:
        probe = out.parent / f".{out.name}.probe-{os.getpid()}"
        probe.mkdir()
        probe.rmdir()
    except OSError as exc:
        raise OutputFolderError(f"--out {out}: cannot write in {out.parent}: {exc.strerror or exc}") from exc


def _rename_exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


@dataclass
class Staging:
    out: Path
    path: Path
    committed: bool = False
    previous: Path | None = field(default=None)

    def commit(self) -> None:
        """Swap the staging folder in as DIR (one rename), then delete the previous DIR."""
        if self.out.is_dir():
            if _rename_exchange(self.path, self.out):
                self.committed = True
                shutil.rmtree(self.path, ignore_errors=True)
                return
            aside = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
            os.rename(self.out, aside)
            try:
                os.rename(self.path, self.out)
            except OSError:
                os.rename(aside, self.out)
                raise
            self.committed = True
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(self.path, self.out)
            self.committed = True


def remove_leftovers(out: Path) -> None:
    """Staging and set-aside folders of earlier runs that were killed (only called under the lock)."""
    for p in out.parent.glob(f".{out.name}.*"):
        if p.name.startswith((_staging_prefix(out), f".{out.name}.old-")) and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """The lock of DIR; :class:`OutputFolderBusy` at once when another run holds it."""
    out = _absolute(out)
    path = lock_path(out)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
            raise OutputFolderBusy(f"--out {out}: another adilet run (process {holder}) is writing this folder; "
                                   "wait for it to finish or choose another --out") from None  # fmt: skip
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def staged_output(out: Path) -> Iterator[Staging]:
    """Lock DIR, yield a fresh staging folder beside it; delete the staging folder unless it was
    committed. DIR itself is only ever touched by ``Staging.commit``."""
    out = _absolute(out)
    check_writable(out)
    with output_lock(out):
        remove_leftovers(out)
        staging = Staging(out, out.parent / f"{_staging_prefix(out)}{os.getpid()}")
        staging.path.mkdir(mode=0o755)
        try:
            yield staging
        finally:
            if not staging.committed:
                shutil.rmtree(staging.path, ignore_errors=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_marker(folder: Path, meta: dict[str, str], written: list[Path]) -> Path:
    """The marker of an output folder: the run's metadata and every file the run wrote, with its
    SHA-256 (`adilet validate` checks that every file in the folder is one of them, unchanged)."""
    target = folder / MARKER
    files = sorted(p.relative_to(folder).as_posix() for p in written)
    hashes = {f: file_sha256(folder / f) for f in files}
    target.write_text(json.dumps({**meta, "files": files, "sha256": hashes}, ensure_ascii=False, indent=1),
                      encoding="utf-8")  # fmt: skip
    return target
