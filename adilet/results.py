"""What processing one document gives: its ``documents`` row, its dataset rows, its totals checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from core.document import file_sha256
from extract.families.records import TotalCheck

OK_STATUSES = ("ok", "no_tables")  # a document without tables is reported, not a failure


@dataclass
class DocumentResult:
    document: dict[str, object]
    datasets: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    totals: list[TotalCheck] = field(default_factory=list)
    flat_tables: dict[int, list[list[str]]] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    source_path: str = ""

    @property
    def failed(self) -> bool:
        return self.document["status"] not in OK_STATUSES


def document_row(source: str, sha: str | None, pages: int | None, status: str, error: str | None,
                 tables: int, rows: int) -> dict[str, object]:  # fmt: skip
    """The ``documents`` row of one file (the act's columns are added by the caller)."""
    return {"source_file": source, "source_sha256": sha, "pages": pages, "status": status, "error": error,
            "tables": tables, "rows": rows}  # fmt: skip


def failed_result(path: Path, status: str, message: str, hash_file: bool = True) -> DocumentResult:
    """The result of a document that gave nothing but its failed ``documents`` row, with the
    file's hash when ``hash_file`` and the file can be read."""
    sha = None
    if hash_file:
        try:
            sha = file_sha256(path) if path.is_file() else None
        except OSError:
            sha = None
    return DocumentResult(document_row(path.name, sha, None, status, message, 0, 0))
