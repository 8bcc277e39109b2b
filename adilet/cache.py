"""Per-document results cached in DIR/.cache by content, so a rerun does only new work.

A result is reused when the file's SHA-256 and name, the settings that change results (reader,
OCR, every layout setting) and the code and data of the pipeline itself are all the same as when it was stored.
Entries are written atomically; a corrupt or unreadable entry is ignored (and redone).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from adilet.settings import ExtractSettings

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("adilet", "core", "extract", "normalize", "schemas")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the pipeline's source and data files (names and bytes)."""
    h = hashlib.sha256()
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def entry_path(cache_dir: Path, path: Path, sha256: str, settings: ExtractSettings) -> Path:
    """Where the result of ``path`` (with these bytes) under these settings is cached."""
    parts = (sha256, path.name, settings.reader, str(settings.ocr), settings.layout.key(), code_fingerprint())
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return cache_dir / f"{key[:32]}.pkl"


def load(entry: Path) -> Any | None:
    try:
        with entry.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


def store(entry: Path, result: Any) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=entry.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
