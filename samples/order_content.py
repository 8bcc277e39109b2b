"""The order samples' content (samples/content/orders/*.json, written for issue 19) -> the table
as printed (the cell layout expected_tables.py and the renderer read) and the typed rows a
reader should get, both from the transcription alone (never from an extractor's output).

Content JSON: ``columns`` says what each column means, as the transcriber read it (a role, or a
measure with its split); ``rows`` are [kind, ...]: ``group`` (one text across the table, with the
split it names, if any, or what it is: a ``level`` of study, a ``field_code``, an ``organisation``), ``item`` (one text per column), ``total`` (a label over the first
``label_cols`` columns, then one text per remaining column), and for additional education
``direction`` (label, places) and ``grand_total`` (label, places, annual sum over the cost columns).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDERS = HERE / "content" / "orders"


def order_contents() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ORDERS.glob("*.json"))]


def _cell(text: str, colspan: int = 1) -> dict:
    return {"text": text, "lines": [text], "colspan": colspan}


def row_cells(doc: dict, row: list) -> list[dict]:
    n, k = len(doc["columns"]), doc["label_cols"]
    kind, texts = row[0], [t for t in row[1:] if isinstance(t, str)]
    if kind == "group":
        return [_cell(texts[0], n)]
    if kind == "item":
        assert len(texts) == n, (doc["pdf"], row)
        return [_cell(t) for t in texts]
    if kind == "total":
        assert len(texts) == 1 + n - k, (doc["pdf"], row)
        return [_cell(texts[0], k), *(_cell(t) for t in texts[1:])]
    if kind == "direction":
        return [_cell(texts[0], k), _cell(texts[1]), *(_cell("") for _ in range(n - k - 1))]
    if kind == "grand_total":
        return [_cell(texts[0], k), _cell(texts[1]), _cell(texts[2], n - k - 1)]
    raise ValueError(f"{doc['pdf']}: unknown row kind {kind!r}")


def as_table(doc: dict) -> dict:
    """The table in the cell layout of content/002-004 (``n_cols``, ``header.rows``, ``rows[].cells``)."""
    header = [[{**c, "lines": [c["text"]]} for c in cells] for cells in doc["header"]]
    return {"n_cols": len(doc["columns"]), "header": {"rows": header},
            "rows": [{"kind": r[0], "cells": row_cells(doc, r)} for r in doc["rows"]]}


def _number(text: str) -> int | None:
    digits = text.replace(" ", "")
    return int(digits) if digits.isdigit() else None


def expected_items(doc: dict) -> list[dict]:
    """One record per item row: its label texts by role, the group above it and the section
    split it is under, and its values as [(column meaning, text as printed)]."""
    out = []
    group: str | None = None
    section: dict = {}
    for i, row in enumerate(doc["rows"]):
        kind, texts = row[0], [t for t in row[1:] if isinstance(t, str)]
        if kind in ("group", "direction"):
            group = texts[0]
            section = next((x for x in row[1:] if isinstance(x, dict)), {})
        elif kind == "item":
            labels = {c["role"]: t for c, t in zip(doc["columns"], texts, strict=True) if "role" in c}
            values = [(c, t) for c, t in zip(doc["columns"], texts, strict=True) if "measure" in c]
            out.append({"index": i, "group": group, "section": section, "labels": labels, "values": values})
    return out


def expected_totals(doc: dict) -> list[tuple[str, str]]:
    """(label, printed value) of every printed total of an additive measure (places, children, grants)."""
    out = []
    n, k = len(doc["columns"]), doc["label_cols"]
    for row in doc["rows"]:
        if row[0] == "total":
            for c, t in zip(doc["columns"][k:n], row[2:], strict=True):
                if t and c.get("measure") in ("places", "children", "grants"):
                    out.append((row[1], t))
    return out


def printed_number(text: str) -> int | None:
    return _number(text)
