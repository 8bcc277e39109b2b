"""Regenerate the documentation derived from declarations (``make docs``; tests/test_docs.py fails
when a page is out of date):

* docs/datasets.md: the codebook, every column of every dataset (schemas/declarations.py);
* README.md, between its ``datasets`` markers: each dataset with all its column names;
* docs/settings.md, the table: every layout setting with its default (core/settings.py).
"""

from __future__ import annotations

from pathlib import Path

from core.settings import documentation
from schemas.codebook import codebook_markdown
from schemas.declarations import DATASETS

ROOT = Path(__file__).resolve().parent.parent
DATASETS_BEGIN, DATASETS_END = "<!-- datasets:begin -->", "<!-- datasets:end -->"
SETTINGS_BEGIN, SETTINGS_END = "<!-- settings:begin -->", "<!-- settings:end -->"


def datasets_page() -> str:
    return ("# Datasets and their columns\n\n"
            "Generated from `schemas/declarations.py` by `make docs` (a test fails when it is out of date).\n"
            "Every dataset is written as `DIR/<name>.parquet` and `DIR/<name>.csv`; `datapackage.json`\n"
            "describes the CSV files with the same types and constraints.\n\n"
            f"{codebook_markdown()}\n")  # fmt: skip


def datasets_summary() -> str:
    """One entry per dataset: its name, what a row is, and all its columns."""
    lines = []
    for ds in DATASETS.values():
        lines.append(f"* **`{ds.name}`**: {ds.description} Columns: {', '.join(ds.column_names)}.")
    return "\n".join(lines)


def settings_table() -> str:
    rows = ["| field | default | meaning |", "|---|---|---|"]
    rows += [f"| `{name}` | {default} | {doc} |" for name, default, doc in documentation()]
    return "\n".join(rows)


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    head, found, rest = text.partition(begin)
    if not found:
        raise ValueError(f"marker {begin} missing")
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def expected_pages() -> dict[Path, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    settings = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    return {
        ROOT / "docs" / "datasets.md": datasets_page(),
        ROOT / "README.md": replace_between(readme, DATASETS_BEGIN, DATASETS_END, datasets_summary()),
        ROOT / "docs" / "settings.md": replace_between(settings, SETTINGS_BEGIN, SETTINGS_END, settings_table()),
    }


if __name__ == "__main__":
    for path, text in expected_pages().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
