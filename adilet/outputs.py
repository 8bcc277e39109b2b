"""Document results -> validated datasets, rejects, per-table CSVs and datapackage.json in --out.

Everything is validated first, then written into the run's staging folder (adilet/out_folder.py),
which replaces --out as a whole once everything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from adilet.language_pairs import add_language_pairs
from adilet.report import write_report
from adilet.results import DocumentResult
from adilet.settings import ExtractSettings
from adilet.version import tool_version
from adilet.write import (
    rejects_to_table,
    table_to_csv_text,
    write_dataset,
    write_flat_tables,
    write_text_atomic,
)
from extract.families.records import TotalCheck
from schemas.datapackage import datasets_to_package
from schemas.declarations import DATASETS, SCHEMA_VERSION, UNCOUNTED_DATASETS
from schemas.validate import ValidatedTable, validate_records

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Outputs:
    written: tuple[Path, ...]
    rows: dict[str, int]
    rejects: dict[str, int]
    meta: dict[str, str]


def git_commit(root: Path = ROOT) -> str:
    """The checkout's commit, read from .git without running git ("" when not a checkout)."""
    git = root / ".git"
    try:
        if git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"; refs live in the common dir
            git = Path(git.read_text().strip().removeprefix("gitdir: "))
        common = git / "commondir"
        refs = (git / common.read_text().strip()).resolve() if common.exists() else git
        ref = (git / "HEAD").read_text().strip()
        if ref.startswith("ref: "):
            path = refs / ref[5:]
            if path.exists():
                return path.read_text().strip()
            packed = (refs / "packed-refs").read_text().splitlines()
            return next((x.split()[0] for x in packed if x.endswith(ref[5:])), "")
        return ref
    except OSError:
        return ""


def run_metadata(results: Sequence[DocumentResult]) -> dict[str, str]:
    version = tool_version()
    inputs = sorted(
        {str(r.document["source_file"]): str(r.document.get("source_sha256") or "") for r in results}.items()
    )
    return {
        "tool": "adilet-tables",
        "tool_version": version,
        "git_commit": git_commit(),
        "run_id": uuid.uuid4().hex,
        "run_time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "input_sha256": json.dumps(dict(inputs), ensure_ascii=False),
    }


def package_json_text(settings: ExtractSettings, meta: dict[str, str], documents: list[dict[str, object]]) -> str:
    """datapackage.json: the declarations' schemas, the publisher's datapackage.yaml, the input acts
    as sources and this run (created, tool version, run id)."""
    package = datasets_to_package(list(DATASETS.values()), settings.publisher_metadata, meta, documents)
    return json.dumps(package, ensure_ascii=False, indent=2)


def _shallow_dict(total: TotalCheck) -> dict[str, object]:
    """A total check's fields as a record (its values are scalars: no deep copy, as ``asdict`` makes)."""
    return {f.name: getattr(total, f.name) for f in fields(total)}


def results_to_records(results: Sequence[DocumentResult]) -> dict[str, list[dict[str, object]]]:
    records: dict[str, list[dict[str, object]]] = {name: [] for name in DATASETS}
    for res in results:
        records["documents"].append(res.document)
        for ds, rows in res.datasets.items():
            records[ds].extend(rows)
        records["totals"].extend(_shallow_dict(t) for t in res.totals)
    return records


def rows_counted_after_validation(documents: list[dict[str, object]],
                                  validated: dict[str, ValidatedTable]) -> list[dict[str, object]]:  # fmt: skip
    """``documents.rows`` as the datasets hold them: a row rejected by its schema (kept in
    rejects/) is not counted for its document."""
    kept: Counter[str] = Counter()
    for name, v in validated.items():
        if name not in UNCOUNTED_DATASETS and v.table.num_rows and "source_file" in v.table.column_names:
            kept.update(str(s) for s in v.table.column("source_file").to_pylist())
    return [{**d, "rows": kept[str(d["source_file"])]} if d.get("rows") is not None else d for d in documents]


def rejected_rows_by_file(validated: dict[str, ValidatedTable]) -> dict[str, int]:
    """Rows sent to rejects/ per source file (a row failing two checks counts once)."""
    counts: Counter[str] = Counter()
    for v in validated.values():
        if len(v.rejects):
            rows = v.rejects.drop_duplicates(["row"])
            counts.update(str(f) for f in rows["source_file"].dropna())
    return dict(counts)


def table_folder(key: str) -> str:
    """tables/<key without .pdf>: the input's key (its path relative to the input root), so
    same-named files in two folders never share a folder."""
    return key[:-4] if key.lower().endswith(".pdf") else f"{key}.tables"


def write_outputs(results: Sequence[DocumentResult], settings: ExtractSettings,
                  on_phase: Callable[[str], None] | None = None) -> Outputs:  # fmt: skip
    """Validate every dataset, then write datasets, rejects, per-table CSVs and datapackage.json.
    ``on_phase`` is told each phase as it starts: validating, writing, report."""
    phase = on_phase or (lambda _: None)
    phase("validating")
    records = add_language_pairs(results_to_records(results))
    validated = {name: validate_records(DATASETS[name], rows) for name, rows in records.items() if name != "documents"}
    records["documents"] = rows_counted_after_validation(records["documents"], validated)
    validated["documents"] = validate_records(DATASETS["documents"], records["documents"])
    meta = run_metadata(results)
    out = settings.out_dir
    written: list[Path] = []
    phase("writing")
    for name, v in validated.items():
        written += write_dataset(DATASETS[name], v.table, out, settings.formats, meta)
        reject_file = out / "rejects" / f"{name}.csv"
        if len(v.rejects):
            written.append(write_text_atomic(reject_file, table_to_csv_text(rejects_to_table(v.rejects))))
    for res in results:
        if not res.failed:
            written += write_flat_tables(res.flat_tables, out / "tables" / table_folder(str(res.document["source_file"])))
    if "csv" in settings.formats:
        package = package_json_text(settings, meta, records["documents"])
        written.append(write_text_atomic(out / "datapackage.json", package))
    rejects = {name: len(v.rejects) for name, v in validated.items() if len(v.rejects)}
    if settings.report:
        phase("report")
        written += write_report(results, rejects, meta, out, rejected_rows_by_file(validated))
    return Outputs(
        written=tuple(written),
        rows={name: v.table.num_rows for name, v in validated.items()},
        rejects=rejects,
        meta=meta,
    )



