"""Declarations -> the codebook (Markdown): docs/datasets.md, written by ``make docs``
(tools/write_docs.py) and kept in sync by tests/test_docs.py."""

from __future__ import annotations

from schemas.declarations import DATASETS, Dataset

BEGIN, END = "<!-- codebook:begin -->", "<!-- codebook:end -->"


def _constraints(ds: Dataset, name: str) -> str:
    col = next(c for c in ds.columns if c.name == name)
    parts = []
    if col.required:
        parts.append("required")
    if col.pattern:
        parts.append(f"`{col.pattern}`")
    if col.ge is not None:
        parts.append(f">= {col.ge:g}")
    if col.isin:
        parts.append(" / ".join(col.isin))
    return ", ".join(parts)


def dataset_codebook(ds: Dataset) -> str:
    lines = [f"### `{ds.name}`", "", ds.description, ""]
    if ds.key:
        lines += [f"Key: {', '.join(ds.key)}.", ""]
    lines += ["| column | type | unit | constraints | description | kk | ru |", "|---|---|---|---|---|---|---|"]
    for c in ds.columns:
        lines.append(f"| `{c.name}` | {c.type} | {c.unit or ''} | {_constraints(ds, c.name)} | {c.description} "
                     f"| {c.title_kk} | {c.title_ru} |")  # fmt: skip
    return "\n".join(lines)


def codebook_markdown() -> str:
    return "\n\n".join(dataset_codebook(d) for d in DATASETS.values())
