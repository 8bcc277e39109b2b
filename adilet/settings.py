"""Run settings: a frozen dataclass validated once, at the boundary."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

FORMATS = ("parquet", "csv")


@dataclass(frozen=True)
class ExtractSettings:
    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    repair_glyphs: bool = True
    report: bool = True  # write report.json and report.html

    def __post_init__(self) -> None:
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown or not self.formats:
            raise ValueError(f"unknown output format(s) {unknown}; choose from {FORMATS}")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise ValueError(f"--out {self.out_dir} exists and is not a folder")

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
        return cls(**value)
