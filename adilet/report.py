"""Document results -> out/report.json and a self-contained out/report.html.

report.html is the index: one overview row per document (status, pages, tables, rows, repairs,
rejects, totals that disagree) linking to report/NNNN-<name>.html, the document's page with each
table as read beside the printed table where something needs a look (adilet/report_page.py).
Every page opens offline (styles inline, images embedded), and the index stays small at any
batch size: a 2,000-document run's index is one table of 2,000 rows.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from adilet.results import OK_STATUSES, DocumentResult
from adilet.write import write_text_atomic


def result_to_report(res: DocumentResult) -> dict[str, Any]:
    """One document's entry of report.json."""
    totals = [t for t in res.totals if t.agrees is not None]
    return {
        **{k: v for k, v in res.document.items()},
        "totals_checked": len(totals),
        "totals_disagreeing": [
            {"table": t.table_index, "kind": t.kind, "group": t.group, "printed": t.printed_raw, "computed": t.computed}
            for t in totals
            if not t.agrees
        ],
        "repairs": res.repairs,
    }


def build_report(results: Sequence[DocumentResult], rejects: dict[str, int], meta: dict[str, str]) -> dict[str, Any]:
    return {"run": meta, "documents": [result_to_report(r) for r in results], "validation_rejects": rejects}


def report_page_name(position: int, source_file: str) -> str:
    """report/NNNN-<stem>.html: unique per document of the run, readable in a file list."""
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in Path(source_file).stem)[:80]
    return f"report/{position:04d}-{stem}.html"


STYLE = """body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid #bbb;padding:2px 6px;font-size:13px;text-align:left}th{background:#eef3fa}
td.n{text-align:right}.ok{color:#176617}.bad{color:#b00}.warn{color:#8a5a00}"""
OVERVIEW_COLUMNS = ("document", "status", "pages", "tables", "rows", "repairs", "rejects", "totals disagreeing")


def outcome_counts(documents: Sequence[dict[str, Any]]) -> dict[str, int]:
    """documents per status, most frequent first (``ok`` and ``no_tables`` are not failures)."""
    counts: dict[str, int] = defaultdict(int)
    for d in documents:
        counts[str(d.get("status"))] += 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _overview_row(entry: dict[str, Any], page: str, rejects: int) -> str:
    status = str(entry.get("status"))
    css = "ok" if status in OK_STATUSES else "bad"
    cells = [entry.get("pages"), entry.get("tables"), entry.get("rows"),
             sum(v for v in entry.get("repairs", {}).values() if isinstance(v, int)), rejects,
             len(entry.get("totals_disagreeing", []))]  # fmt: skip
    numbers = "".join(f'<td class="n">{"" if v is None else v}</td>' for v in cells)
    return (f'<tr><td><a href="{html.escape(page)}">{html.escape(str(entry["source_file"]))}</a></td>'
            f'<td class="{css}">{html.escape(status)}</td>{numbers}</tr>')


def report_to_html(report: dict[str, Any], pages: Sequence[str], rejects_by_file: dict[str, int]) -> str:
    """The index: the run, the outcome counts and one overview row per document, linking to its page."""
    e = html.escape
    docs = report["documents"]
    counts = ", ".join(f"{n} {e(k)}" for k, n in outcome_counts(docs).items())
    rejects = "".join(f"<li>{e(k)}: {v} rows</li>" for k, v in report["validation_rejects"].items())
    head = "".join(f"<th>{c}</th>" for c in OVERVIEW_COLUMNS)
    rows = "".join(_overview_row(d, p, rejects_by_file.get(str(d["source_file"]), 0)) for d, p in zip(docs, pages, strict=True))
    run = report["run"]
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>adilet run report</title>'
            f"<style>{STYLE}</style></head><body><h1>Run report</h1>"
            f'<p id="outcomes">{len(docs)} documents: {counts or "none"}.</p>'
            f"<p>Run {e(run.get('run_id', ''))} at {e(run.get('run_time', ''))}, adilet-tables "
            f"{e(run.get('tool_version', ''))}, commit {e(run.get('git_commit', ''))}.</p>"
            f"<h2>Validation rejects</h2><ul>{rejects or '<li>none</li>'}</ul>"
            f'<h2>Documents</h2><table id="overview"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
            f"</body></html>")  # fmt: skip


def write_report(results: Sequence[DocumentResult], rejects: dict[str, int], meta: dict[str, str],
                 out_dir: Path, rejects_by_file: dict[str, int] | None = None) -> list[Path]:  # fmt: skip
    """report.json, report.html (the index) and report/<document>.html: each document's page was
    made by the worker that read it (adilet/report_page.py); a result without one (a failed
    document, a cache entry of an older run) gets it here."""
    from adilet.process import report_page_or_note

    report = build_report(results, rejects, meta)
    names = [report_page_name(i, str(r.document["source_file"])) for i, r in enumerate(results, 1)]
    written = [write_text_atomic(out_dir / "report.json", json.dumps(report, ensure_ascii=False, indent=2, default=str))]
    for res, name in zip(results, names, strict=True):
        written.append(write_text_atomic(out_dir / name, res.report_page or report_page_or_note(res)))
    written.append(write_text_atomic(out_dir / "report.html", report_to_html(report, names, rejects_by_file or {})))
    return written
