"""A PDF read: its text lines outside the tables and its stitched table grids, with provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from core.grid import TableGrid
from core.page import TextLine


@dataclass(frozen=True)
class Document:
    source_file: str
    source_sha256: str
    n_pages: int
    text_lines: tuple[TextLine, ...]
    tables: tuple[TableGrid, ...]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
