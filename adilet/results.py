"""What processing one document gives: its ``documents`` row, its dataset rows, its totals checks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from core.document import file_sha256
from extract.families.records import TotalCheck

OK_STATUSES = ("ok", "no_tables")  # a document without tables is reported, not a failure
# a document whose rows are kept but that names the pages it could not read (exit code 1)
PARTIAL_STATUSES = ("partial",)


@dataclass
class DocumentResult:
    document: dict[str, object]
    datasets: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    totals: list[TotalCheck] = field(default_factory=list)
    flat_tables: dict[int, list[list[str]]] = field(default_factory=dict)
    repairs: dict[str, int] = field(default_factory=dict)
    source_path: str = ""
    report_page: str = ""  # its report page (adilet/report_page.py), made where the document was read

    @property
    def failed(self) -> bool:
        """Nothing of the document is kept (partial documents keep their good pages' rows)."""
        return self.document["status"] not in OK_STATUSES + PARTIAL_STATUSES


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


def with_source_key(result: DocumentResult, key: str, path: Path | None = None) -> DocumentResult:
    """The result labelled with the input's key (its path relative to the input root) instead of
    the file name it was processed (or cached) under: the ``documents`` row, every dataset row,
    the totals and the error's leading file name. ``path``: where the file is now."""
    name = str(result.document["source_file"])
    if path is not None:
        result.source_path = str(path)
    if name == key:
        return result
    result.document["source_file"] = key
    if result.report_page:  # the page names the file in its title, heading and facts table
        old, new = html.escape(name), html.escape(key)
        result.report_page = re.sub(rf"(?<=>){re.escape(old)}(?=[<:])", lambda _: new, result.report_page)
    error = result.document.get("error")
    if isinstance(error, str) and error.startswith(name):
        result.document["error"] = key + error[len(name):]
    for rows in result.datasets.values():
        for row in rows:
            if row.get("source_file") == name:
                row["source_file"] = key
    result.totals = [replace(t, source_file=key) if t.source_file == name else t for t in result.totals]
    return result
