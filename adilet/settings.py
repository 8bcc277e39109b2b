"""Run settings: a frozen dataclass validated once, at the boundary (the CLI builds one from its
options). The layout tolerances and thresholds are one field of it, ``layout``
(core/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from core.page_ranges import PageRanges
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from extract.readers.pdf_to_pages import DEFAULT_READER, READERS
from schemas.declarations import DATASETS
from schemas.publisher import load_publisher_metadata

FORMATS = ("parquet", "csv")
EXECUTORS = ("local", "dask")  # where documents are processed (adilet/executors.py)


@dataclass(frozen=True)
class ExtractSettings:
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    report: bool = True  # write report.json and report.html
    reader: str = DEFAULT_READER  # which library reads the PDF pages (extract/readers/)
    workers: int = 0  # local: processes (0 = every core, 1 = in this process); dask: LocalCluster workers
    executor: str = "local"
    scheduler: str | None = None  # dask scheduler address (tcp://host:8786); None starts a LocalCluster
    batch_size: int = 0  # dask: documents per task (0 = about four tasks per worker)
    ocr: bool = False  # read scans (no text layer) with Tesseract
    time_limit: float = 600.0  # seconds per document (0 = none)
    memory_limit_mb: int = 4096  # per worker process (0 = none)
    cache: bool = True  # reuse per-document results cached in DIR/.cache by content hash
    layout: LayoutSettings = DEFAULT_LAYOUT  # every layout tolerance and threshold (core/settings.py)
    metadata_file: Path | None = None  # the publisher's datapackage.yaml, merged into datapackage.json
    pages: PageRanges | None = None  # read only these pages of every input (--pages); None: every page

    @property
    def publisher_metadata(self) -> dict[str, Any]:
        """The publisher's package metadata (checked again: the file may have changed since start)."""
        if self.metadata_file is None:
            return {}
        return load_publisher_metadata(self.metadata_file, tuple(DATASETS))

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise ValueError(f"unknown output format(s) {unknown}; choose from {FORMATS}")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise ValueError(f"--out {self.out_dir} exists and is not a folder")
        if self.reader not in READERS:
            raise ValueError(f"unknown reader {self.reader!r}; choose from {READERS}")
        if self.pages is not None and not isinstance(self.pages, PageRanges):
            raise ValueError("pages: expected PageRanges (PageRanges.parse makes one from '1-3,7')")
        if not isinstance(self.layout, LayoutSettings):
            raise ValueError("layout: expected LayoutSettings (LayoutSettings.resolve makes one from a dict)")
        if self.executor not in EXECUTORS:
            raise ValueError(f"unknown executor {self.executor!r}; choose from {EXECUTORS}")
        if self.workers < 0 or self.batch_size < 0:
            raise ValueError("--workers and --batch-size must be 0 (automatic) or more")
        if self.time_limit < 0 or self.memory_limit_mb < 0:
            raise ValueError("--time-limit and --memory-limit must be 0 (none) or positive")
        if self.scheduler is not None and self.executor != "dask":
            raise ValueError("--scheduler needs --executor dask")
        self.publisher_metadata  # noqa: B018 -- a bad datapackage.yaml is a usage error before any work

    @classmethod
    def resolve(cls, value: ExtractSettings | dict[str, Any]) -> ExtractSettings:
        """Settings from a dict (unknown keys are an error naming the key) or as they are."""
        if isinstance(value, cls):
            return value
        assert isinstance(value, dict)
        names = {f.name for f in fields(cls)}
        bad = sorted(set(value) - names)
        if bad:
            raise ValueError(f"unknown setting(s): {', '.join(bad)}")
        if isinstance(value.get("pages"), str):
            value = {**value, "pages": PageRanges.parse(value["pages"])}
        if "layout" in value:
            value = {**value, "layout": LayoutSettings.resolve(value["layout"])}
        return cls(**value)
