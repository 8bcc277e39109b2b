"""Per-document results cached in DIR/.cache by content, so a rerun does only new work.

An entry is JSON (data only: loading it can never run code), one file per result:

    line 1  header: {"format": "adilet-cache", "version": N, "key": ..., "fingerprint": ...,
                     "body_sha256": ...}
    line 2  body:   the DocumentResult as JSON

A result is reused when the file's SHA-256, the settings that change results (reader, OCR, every
layout setting), the code and data of the pipeline (:func:`code_fingerprint`) and the versions of
the libraries that shape results (:data:`RESULT_LIBRARIES`) are all the same as when it was
stored. The file's name or folder is not part of the key: the pipeline labels a result with the
input's current key and path when it is loaded (adilet/results.py ``with_source_key``).

An entry that cannot be read, fails its checksum, names another key or version, or does not
decode to a result is a *bad entry*: it is recomputed and reported as a warning, never served.

Pruning: ``.cache/runs.index`` (JSON) records in which run each entry was last used; a run's new cache
folder receives the entries used by the last :data:`KEEP_RUNS` runs (hard links: the previous
output folder is not touched before it is swapped out) and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from adilet.results import DocumentResult
from adilet.settings import ExtractSettings
from extract.families.records import TotalCheck

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("adilet", "core", "extract", "normalize", "schemas")
FORMAT, VERSION = "adilet-cache", 2
# the libraries whose versions change what is read from a PDF or how it is parsed
RESULT_LIBRARIES = ("pypdfium2", "pdfplumber", "pdfminer.six", "camelot-py", "pytesseract", "regex", "numpy",
                    "opencv-python-headless", "pillow")  # fmt: skip
KEEP_RUNS = 3  # an entry not used by the last KEEP_RUNS runs is pruned
INDEX = "runs.index"  # JSON
SUFFIX = ".json"


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


@lru_cache(maxsize=1)
def library_versions() -> str:
    """name=version of every library in :data:`RESULT_LIBRARIES` ("-" when not installed)."""
    out = []
    for name in RESULT_LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def fingerprint() -> str:
    """What an entry is only valid for: the cache format, the code and the libraries' versions."""
    return hashlib.sha256(f"{FORMAT}:{VERSION}|{code_fingerprint()}|{library_versions()}".encode()).hexdigest()


def entry_key(sha256: str, settings: ExtractSettings) -> str:
    """The cache key of a file with these bytes under these settings."""
    pages = f"pages={settings.pages.text()}" if settings.pages is not None else "pages=all"
    parts = (sha256, settings.reader, str(settings.ocr), settings.layout.key(), pages, fingerprint())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


class BadEntry(Exception):
    """A cache entry that must not be served (the message says why)."""


def result_to_json(result: DocumentResult) -> dict[str, Any]:
    return {
        "document": result.document,
        "datasets": result.datasets,
        "totals": [asdict(t) for t in result.totals],
        "flat_tables": [[k, v] for k, v in sorted(result.flat_tables.items())],
        "repairs": result.repairs,
        "source_path": result.source_path,
        "report_page": result.report_page,
    }


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise BadEntry(f"not a result ({what})")


def result_from_json(data: Any) -> DocumentResult:
    """A DocumentResult from its JSON, checking every part's type (:class:`BadEntry` otherwise)."""
    _check(isinstance(data, dict), "not an object")
    document, datasets, totals = data.get("document"), data.get("datasets"), data.get("totals")
    flat, repairs = data.get("flat_tables"), data.get("repairs")
    _check(isinstance(document, dict) and isinstance(document.get("source_file"), str)
           and isinstance(document.get("status"), str), "document")  # fmt: skip
    _check(isinstance(datasets, dict) and all(isinstance(v, list) and all(isinstance(r, dict) for r in v)
                                              for v in datasets.values()), "datasets")  # fmt: skip
    _check(isinstance(totals, list) and all(isinstance(t, dict) for t in totals), "totals")
    _check(isinstance(flat, list) and all(isinstance(x, list) and len(x) == 2 and isinstance(x[0], int)
                                          and isinstance(x[1], list) for x in flat), "flat_tables")  # fmt: skip
    _check(isinstance(repairs, dict), "repairs")
    try:
        total_checks = [TotalCheck(**t) for t in totals]
    except TypeError as exc:
        raise BadEntry(f"not a result (totals: {exc})") from exc
    return DocumentResult(document=document, datasets=datasets, totals=total_checks,
                          flat_tables={int(k): v for k, v in flat}, repairs=repairs,
                          source_path=str(data.get("source_path") or ""),
                          report_page=str(data.get("report_page") or ""))  # fmt: skip


def encode_entry(key: str, result: DocumentResult) -> bytes:
    body = json.dumps(result_to_json(result), ensure_ascii=True, separators=(",", ":")).encode("ascii")
    header = {"format": FORMAT, "version": VERSION, "key": key, "fingerprint": fingerprint(),
              "body_sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    return json.dumps(header).encode("ascii") + b"\n" + body + b"\n"


def decode_entry(data: bytes, key: str) -> DocumentResult:
    """The result stored in an entry's bytes, or :class:`BadEntry` naming what is wrong."""
    head, sep, body = data.partition(b"\n")
    if not sep:
        raise BadEntry("no header line")
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise BadEntry(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BadEntry("not an adilet cache entry")
    if header.get("version") != VERSION or header.get("fingerprint") != fingerprint():
        raise BadEntry("written by another version of the code or its libraries")
    if header.get("key") != key:
        raise BadEntry("stored under another key")
    body = body.rstrip(b"\n")
    if hashlib.sha256(body).hexdigest() != header.get("body_sha256"):
        raise BadEntry("checksum mismatch (the entry was changed or damaged)")
    try:
        return result_from_json(json.loads(body))
    except ValueError as exc:
        raise BadEntry(f"unreadable body: {exc}") from exc


@dataclass
class RunCache:
    """The cache of one run: entries read from the previous output folder's ``.cache``
    (``old``), new ones written into the staging folder's (``new``); :meth:`finish` carries
    the entries of the last runs over into ``new``."""

    old: Path
    new: Path
    used: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    def load(self, key: str, label: str) -> DocumentResult | None:
        for folder in (self.new, self.old):
            entry = folder / f"{key}{SUFFIX}"
            try:
                data = entry.read_bytes()
            except FileNotFoundError:
                continue
            except OSError as exc:
                self.warnings.append(f"cache entry of {label} unreadable ({exc.strerror or exc}); recomputed")
                return None
            try:
                result = decode_entry(data, key)
            except BadEntry as exc:
                self.warnings.append(f"cache entry of {label} not used: {exc}; recomputed")
                return None
            self.used.add(key)
            return result
        return None

    def store(self, key: str, result: DocumentResult) -> None:
        self.new.mkdir(parents=True, exist_ok=True)
        tmp = self.new / f".{key}.tmp"
        try:
            tmp.write_bytes(encode_entry(key, result))
            os.replace(tmp, self.new / f"{key}{SUFFIX}")
            self.used.add(key)
        except (OSError, ValueError, TypeError) as exc:
            tmp.unlink(missing_ok=True)
            self.warnings.append(f"cache entry of {result.document.get('source_file')} not stored: {exc}")

    def _index(self) -> tuple[int, dict[str, int]]:
        try:
            data = json.loads((self.old / INDEX).read_text(encoding="utf-8"))
            run, last = int(data["run"]), {str(k): int(v) for k, v in data["last_used"].items()}
            return run, last
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return 0, {}

    def finish(self) -> None:
        """Write the index and link the entries used by the last runs into ``new``."""
        run, last = self._index()
        run += 1
        last.update({k: run for k in self.used})
        keep = {k: r for k, r in last.items() if r > run - KEEP_RUNS}
        self.new.mkdir(parents=True, exist_ok=True)
        for k in list(keep):
            target = self.new / f"{k}{SUFFIX}"
            if target.exists():
                continue
            source = self.old / f"{k}{SUFFIX}"
            try:
                os.link(source, target)
            except FileNotFoundError:
                del keep[k]
            except OSError:
                try:
                    target.write_bytes(source.read_bytes())
                except OSError:
                    del keep[k]
        (self.new / INDEX).write_text(json.dumps({"run": run, "last_used": keep}, indent=0), encoding="utf-8")
