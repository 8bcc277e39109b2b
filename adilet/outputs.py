"""Document results -> validated datasets, rejects, per-table CSVs and datapackage.json in --out.

Everything is validated first, then written file by file atomically (temporary file + rename).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from importlib import metadata
from pathlib import Path

from adilet.csv_text import frame_to_csv_text
from adilet.language_pairs import add_language_pairs
from adilet.report import write_report
from adilet.results import DocumentResult
from adilet.settings import ExtractSettings
from adilet.write import write_dataset, write_flat_tables, write_text_atomic
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


def git_commit(root: Path = ROOT) -> str:
    """The checkout's commit, read from .git without running git ("" when not a checkout)."""
    head = root / ".git" / "HEAD"
    try:
        ref = head.read_text().strip()
        if ref.startswith("ref: "):
            path = root / ".git" / ref[5:]
            if path.exists():
                return path.read_text().strip()
            packed = (root / ".git" / "packed-refs").read_text().splitlines()
            return next((x.split()[0] for x in packed if x.endswith(ref[5:])), "")
        return ref
    except OSError:
        return ""


def run_metadata(results: Sequence[DocumentResult]) -> dict[str, str]:
    try:
        version = metadata.version("adilet-tables")
    except metadata.PackageNotFoundError:  # pragma: no cover
        version = "unknown"
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


def remove_stale_temporaries(out: Path) -> None:
    """Temporary files an interrupted run left behind (they never replaced a dataset)."""
    if out.is_dir():
        for tmp in list(out.glob(".*.tmp")) + list((out / "rejects").glob(".*.tmp")):
            tmp.unlink(missing_ok=True)


@functools.lru_cache(maxsize=1)
def package_json_text() -> str:
    """datapackage.json: derived from the declarations alone, so rendered once per process (the
    indented JSON goes through the json module's Python encoder: a few ms per run)."""
    return json.dumps(datasets_to_package(list(DATASETS.values())), ensure_ascii=False, indent=2)


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


def write_outputs(results: Sequence[DocumentResult], settings: ExtractSettings) -> Outputs:
    """Validate every dataset, then write datasets, rejects, per-table CSVs and datapackage.json."""
    records = add_language_pairs(results_to_records(results))
    validated = {name: validate_records(DATASETS[name], rows) for name, rows in records.items() if name != "documents"}
    records["documents"] = rows_counted_after_validation(records["documents"], validated)
    validated["documents"] = validate_records(DATASETS["documents"], records["documents"])
    meta = run_metadata(results)
    out = settings.out_dir
    remove_stale_temporaries(out)
    written: list[Path] = []
    for name, v in validated.items():
        written += write_dataset(DATASETS[name], v.table, out, settings.formats, meta)
        reject_file = out / "rejects" / f"{name}.csv"
        if len(v.rejects):
            written.append(write_text_atomic(reject_file, frame_to_csv_text(v.rejects)))
        elif reject_file.exists():
            reject_file.unlink()
    for res in results:
        if not res.failed:
            stem = Path(str(res.document["source_file"])).stem
            written += write_flat_tables(res.flat_tables, out / "tables" / stem)
    if "csv" in settings.formats:
        written.append(write_text_atomic(out / "datapackage.json", package_json_text()))
    rejects = {name: len(v.rejects) for name, v in validated.items() if len(v.rejects)}
    if settings.report:
        written += write_report(results, rejects, meta, out)
    return Outputs(
        written=tuple(written),
        rows={name: v.table.num_rows for name, v in validated.items()},
        rejects=rejects,
    )



