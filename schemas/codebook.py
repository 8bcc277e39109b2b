"""Declarations -> the README's codebook (Markdown), kept in sync by a test.

    python -m schemas.codebook README.md   # rewrite the section between the markers
"""

from __future__ import annotations

import sys
from pathlib import Path

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


def replace_section(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{codebook_markdown()}\n{END}{tail}"


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(replace_section(path.read_text(encoding="utf-8")), encoding="utf-8")
