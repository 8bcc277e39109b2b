"""Document results -> out/report.json and a self-contained out/report.html.

The HTML opens offline: styles inline, page images embedded as base64 PNG. For every table it
shows the page with the table's cells drawn over it (page rendered with pypdfium2, boxes drawn
with Pillow), so a person sees at a glance what was read.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from adilet.results import DocumentResult
from adilet.write import write_text_atomic

RENDER_SCALE = 0.9  # 65 dpi: enough to see the boxes, small enough to embed
MAX_PAGES_PER_DOCUMENT = 40


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


def _cell_boxes(res: DocumentResult) -> dict[int, list[tuple[int, tuple[float, float, float, float], bool]]]:
    """page -> [(table index, cell box, is header)] from the ``tables`` records."""
    boxes: dict[int, list[tuple[int, tuple[float, float, float, float], bool]]] = defaultdict(list)
    for cell in res.datasets.get("tables", []):
        box = (float(cell["x0"]), float(cell["top"]), float(cell["x1"]), float(cell["bottom"]))  # type: ignore[arg-type]
        boxes[int(cell["page"])].append((int(cell["table_index"]), box, bool(cell["is_header"])))  # type: ignore[call-overload]
    return boxes


def page_images(res: DocumentResult) -> list[tuple[int, str]]:
    """(page, base64 PNG) for each page holding a table, boxes drawn over it."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    boxes = _cell_boxes(res)
    if not boxes or not res.source_path:
        return []
    out: list[tuple[int, str]] = []
    pdf = pdfium.PdfDocument(res.source_path)
    try:
        for page_no in sorted(boxes)[:MAX_PAGES_PER_DOCUMENT]:
            page = pdf[page_no - 1]
            image = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
            draw = ImageDraw.Draw(image)
            for table, (x0, top, x1, bottom), header in boxes[page_no]:
                color = (0, 102, 204) if header else (220, 40, 40)
                s = RENDER_SCALE
                draw.rectangle([x0 * s, top * s, x1 * s, bottom * s], outline=color, width=1)
                draw.text((x0 * s + 2, top * s + 1), str(table), fill=color)
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            out.append((page_no, base64.b64encode(buf.getvalue()).decode("ascii")))
    finally:
        pdf.close()
    return out


STYLE = """body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #bbb;padding:2px 6px;font-size:13px;text-align:left}.ok{color:#176617}.bad{color:#b00}
figure{display:inline-block;margin:.5em;vertical-align:top}img{border:1px solid #999;max-width:560px}"""


def _doc_section(entry: dict[str, Any], images: list[tuple[int, str]]) -> str:
    e = html.escape
    status = str(entry.get("status"))
    rows = "".join(f"<tr><th>{e(str(k))}</th><td>{e(str(v))}</td></tr>" for k, v in entry.items()
                   if k not in ("totals_disagreeing", "repairs"))  # fmt: skip
    repairs = "".join(f"<tr><th>{e(k)}</th><td>{v}</td></tr>" for k, v in entry.get("repairs", {}).items())
    bad = "".join(f"<li>table {t['table']} {e(str(t['kind']))} {e(str(t['group']))}: printed {e(str(t['printed']))}, "
                  f"rows sum to {t['computed']:g}</li>" for t in entry["totals_disagreeing"])  # fmt: skip
    figures = "".join(f'<figure><img alt="page {p}" src="data:image/png;base64,{b}"><figcaption>page {p}'
                      f"</figcaption></figure>" for p, b in images)  # fmt: skip
    return (f'<section><h2 class="{"ok" if status == "ok" else "bad"}">{e(str(entry["source_file"]))}: {e(status)}</h2>'
            f"<table>{rows}</table><h3>Repairs</h3><table>{repairs}</table>"
            f"<h3>Totals that disagree with their rows (kept as printed)</h3><ul>{bad or '<li>none</li>'}</ul>"
            f"<h3>Tables read (blue: header cells, red: body cells)</h3>{figures}</section>")  # fmt: skip


def report_to_html(report: dict[str, Any], images: dict[str, list[tuple[int, str]]]) -> str:
    e = html.escape
    docs = report["documents"]
    ok = sum(1 for d in docs if d["status"] == "ok")
    rejects = "".join(f"<li>{e(k)}: {v} rows</li>" for k, v in report["validation_rejects"].items())
    body = "".join(_doc_section(d, images.get(str(d["source_file"]), [])) for d in docs)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>adilet run report</title>'
            f"<style>{STYLE}</style></head><body><h1>Run report</h1>"
            f"<p>{len(docs)} documents: {ok} ok, {len(docs) - ok} failed. Run {e(report['run'].get('run_id', ''))} "
            f"at {e(report['run'].get('run_time', ''))}, commit {e(report['run'].get('git_commit', ''))}.</p>"
            f"<h2>Validation rejects</h2><ul>{rejects or '<li>none</li>'}</ul>{body}</body></html>")  # fmt: skip


def write_report(results: Sequence[DocumentResult], rejects: dict[str, int], meta: dict[str, str],
                 out_dir: Path) -> list[Path]:  # fmt: skip
    report = build_report(results, rejects, meta)
    images = {str(r.document["source_file"]): page_images(r) for r in results if not r.failed}
    return [
        write_text_atomic(out_dir / "report.json", json.dumps(report, ensure_ascii=False, indent=2, default=str)),
        write_text_atomic(out_dir / "report.html", report_to_html(report, images)),
    ]
