"""Kazakh and Russian versions of the same act -> paired tables, cells and rows, checked number
by number (the ``crosscheck`` dataset), with the twin's text beside each name.

Two documents are versions of one act when they share the state registration number, else the
act number and date (the authority is printed in each language, so it cannot be compared as
text), else, failing both, when their tables have the same shapes and their number cells agree.
Tables pair in reading order; body rows by their position under the header, so a header of a
different height does not shift them. Every body cell holding a number (a count, a cost, a code)
is compared with its twin: the numbers it holds, in order, must be the same. A disagreement is a
``crosscheck`` row with both values and both provenances; nothing is corrected.

Called once, where the documents' records become datasets (:func:`adilet.outputs.write_outputs`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from schemas.declarations import DATASETS, twin_columns

Record = dict[str, object]
Records = dict[str, list[Record]]

_NUMBER = regex.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?")
TABLE_MATCH_SHARE = 0.9  # share of number cells that must agree to pair two acts by their tables alone
TABLE_MATCH_MIN = 3  # ... out of at least this many number cells
DIMENSIONS = ("language", "study_form", "setting", "age_group", "day_mode", "variant")


@dataclass(frozen=True)
class Table:
    source_file: str
    index: int
    cells: dict[tuple[int, int], Record]  # (body row, col) -> the cell record
    header_rows: int

    @property
    def shape(self) -> tuple[int, int]:
        rows = {r for r, _ in self.cells}
        cols = {c for _, c in self.cells}
        return (max(rows) + 1 if rows else 0, max(cols) + 1 if cols else 0)


def numbers_in(text: str) -> tuple[str, ...]:
    """The numbers a cell prints, in order, digits only ("465 161/552 703" -> ("465161", "552703"))."""
    return tuple(regex.sub(r"[ \u00a0\u202f]", "", m.group()).replace(",", ".") for m in _NUMBER.finditer(text))


def _value(numbers: tuple[str, ...]) -> float | None:
    return float(numbers[0]) if len(numbers) == 1 else None


def _tables(cells: Iterable[Record]) -> dict[str, list[Table]]:
    grouped: dict[tuple[str, int], list[Record]] = defaultdict(list)
    for c in cells:
        grouped[(str(c["source_file"]), int(str(c["table_index"])))].append(c)
    out: dict[str, list[Table]] = defaultdict(list)
    for (source, index), recs in sorted(grouped.items()):
        header = max((int(str(c["row"])) + 1 for c in recs if c["is_header"]), default=0)
        body = {(int(str(c["row"])) - header, int(str(c["col"]))): c for c in recs if not c["is_header"]}
        out[source].append(Table(source, index, body, header))
    return out


def _number_cells(tables: list[Table]) -> list[tuple[str, ...]]:
    return [numbers_in(str(t.cells[k].get("text") or "")) for t in tables for k in sorted(t.cells)]


def _tables_agree(a: list[Table], b: list[Table]) -> bool:
    if not a or [t.shape for t in a] != [t.shape for t in b]:
        return False
    pairs = [(x, y) for x, y in zip(_number_cells(a), _number_cells(b), strict=True) if x or y]
    return len(pairs) >= TABLE_MATCH_MIN and sum(x == y for x, y in pairs) >= TABLE_MATCH_SHARE * len(pairs)


def pair_documents(documents: list[Record], tables: dict[str, list[Table]]) -> list[tuple[Record, Record, str]]:
    """(Kazakh document, Russian document, basis) for every act whose two versions are in the input."""
    ok = [d for d in documents if d.get("status") == "ok"]
    kk = sorted((d for d in ok if d.get("act_language") == "kk"), key=lambda d: str(d["source_file"]))
    ru = sorted((d for d in ok if d.get("act_language") == "ru"), key=lambda d: str(d["source_file"]))
    pairs: list[tuple[Record, Record, str]] = []
    used: set[str] = set()
    keys = (("reg_number", ("act_reg_number",)), ("number_date", ("act_number", "act_date")))
    for basis, fields in keys:
        for a in kk:
            if str(a["source_file"]) in used or not all(a.get(f) for f in fields):
                continue
            twin = next((b for b in ru if str(b["source_file"]) not in used
                         and all(b.get(f) == a.get(f) for f in fields)), None)  # fmt: skip
            if twin is not None:
                pairs.append((a, twin, basis))
                used.update((str(a["source_file"]), str(twin["source_file"])))
    for a in kk:
        if str(a["source_file"]) in used:
            continue
        twin = next((b for b in ru if str(b["source_file"]) not in used and _tables_agree(
            tables.get(str(a["source_file"]), []), tables.get(str(b["source_file"]), []))), None)  # fmt: skip
        if twin is not None:
            pairs.append((a, twin, "table_numbers"))
            used.update((str(a["source_file"]), str(twin["source_file"])))
    return pairs


def _side(lang: str, doc: Record, table: Table | None, cell: Record | None) -> Record:
    numbers = numbers_in(str(cell.get("text") or "")) if cell else ()
    return {
        f"source_file_{lang}": doc["source_file"],
        f"source_sha256_{lang}": doc["source_sha256"],
        f"table_index_{lang}": table.index if table else None,
        f"page_{lang}": cell.get("page") if cell else None,
        f"row_{lang}": cell.get("row") if cell else None,
        f"col_{lang}": cell.get("col") if cell else None,
        f"text_{lang}": cell.get("text") if cell else None,
        f"value_{lang}": _value(numbers),
    }


class _Pairing:
    """The crosscheck rows and the twin maps of one pair of documents."""

    def __init__(self, kk: Record, ru: Record, basis: str) -> None:
        self.kk, self.ru, self.basis = kk, ru, basis
        self.rows: list[Record] = []
        self.cell_twins: dict[int, str] = {}  # id(cell record) -> the twin's text
        self.row_twins: dict[tuple[str, int, int], tuple[str, int, int]] = {}  # (file, table, grid row) both ways

    def row(self, kt: Table | None, kc: Record | None, rt: Table | None, rc: Record | None,
            agrees: bool, issue: str | None) -> None:  # fmt: skip
        self.rows.append({"pair_basis": self.basis, **_side("kk", self.kk, kt, kc), **_side("ru", self.ru, rt, rc),
                          "header_path": kc.get("header_path") if kc else (rc.get("header_path") if rc else None),
                          "agrees": agrees, "issue": issue})  # fmt: skip

    def tables(self, kk: list[Table], ru: list[Table]) -> None:
        for i in range(max(len(kk), len(ru))):
            kt, rt = (kk[i] if i < len(kk) else None), (ru[i] if i < len(ru) else None)
            if kt is None or rt is None:
                self.row(kt, None, rt, None, False, "table_missing")
            elif kt.shape[1] != rt.shape[1]:
                self.row(kt, None, rt, None, False, "table_shape_differs")
            else:
                self.cells(kt, rt)

    def cells(self, kt: Table, rt: Table) -> None:
        if kt.shape != rt.shape:
            self.row(kt, None, rt, None, False, "table_shape_differs")
        for key in sorted(set(kt.cells) | set(rt.cells)):
            kc, rc = kt.cells.get(key), rt.cells.get(key)
            if kc is not None and rc is not None:
                self.cell_twins[id(kc)], self.cell_twins[id(rc)] = str(rc.get("text") or ""), str(kc.get("text") or "")
                a, b = (kt.source_file, kt.index, int(str(kc["row"]))), (rt.source_file, rt.index, int(str(rc["row"])))
                self.row_twins[a], self.row_twins[b] = b, a
            kn = numbers_in(str(kc.get("text") or "")) if kc else ()
            rn = numbers_in(str(rc.get("text") or "")) if rc else ()
            if not kn and not rn:
                continue  # text only: its twin's text goes beside it, there is no number to check
            if kc is None or rc is None:
                self.row(kt, kc, rt, rc, False, "missing_in_ru" if rc is None else "missing_in_kk")
            elif kn == rn:
                self.row(kt, kc, rt, rc, True, None)
            else:
                single = len(kn) == len(rn) == 1
                self.row(kt, kc, rt, rc, False, "value_differs" if single or not (kn and rn) else "text_differs")


def _with_twin_text(cells: list[Record], twins: dict[int, str]) -> list[Record]:
    return [{**c, "text_other_language": twins[id(c)]} if id(c) in twins else c for c in cells]


def _with_twin_names(name: str, rows: list[Record], languages: dict[str, str],
                     row_twins: dict[tuple[str, int, int], tuple[str, int, int]]) -> list[Record]:  # fmt: skip
    """Each row of a paired document gets its own and its twin's text in ``<name>_kk`` / ``<name>_ru``."""
    columns = twin_columns(DATASETS[name])
    if not columns or not rows or "row" not in rows[0]:
        return rows
    dims = [d for d in DIMENSIONS if d in DATASETS[name].column_names]
    index = {(str(r["source_file"]), int(str(r["table_index"])), int(str(r["row"])),
              *(r.get(d) for d in dims)): r for r in rows}  # fmt: skip
    out = []
    for r in rows:
        place = (str(r["source_file"]), int(str(r["table_index"])), int(str(r["row"])))
        twin_place = row_twins.get(place)
        twin = index.get((*twin_place, *(r.get(d) for d in dims))) if twin_place else None
        if twin is None:
            out.append(r)
            continue
        own, other = languages[place[0]], languages[twin_place[0]] if twin_place else ""
        update = {}
        for c in columns:
            update[f"{c}_{own}"], update[f"{c}_{other}"] = r.get(c), twin.get(c)
        out.append({**r, **update})
    return out


def add_language_pairs(records: Records) -> Records:
    """``records`` (every dataset's rows) with the ``crosscheck`` rows, the twins' texts and the
    documents' ``twin_source_file`` / ``pair_basis`` added; unchanged when no act is in both languages."""
    tables = _tables(records.get("tables", []))
    pairs = pair_documents(records.get("documents", []), tables)
    if not pairs:
        return records
    out = dict(records)
    cell_twins: dict[int, str] = {}
    row_twins: dict[tuple[str, int, int], tuple[str, int, int]] = {}
    crosscheck: list[Record] = []
    twin_of: dict[str, tuple[str, str]] = {}
    for kk, ru, basis in pairs:
        pairing = _Pairing(kk, ru, basis)
        pairing.tables(tables.get(str(kk["source_file"]), []), tables.get(str(ru["source_file"]), []))
        crosscheck += pairing.rows
        cell_twins.update(pairing.cell_twins)
        row_twins.update(pairing.row_twins)
        twin_of[str(kk["source_file"])] = (str(ru["source_file"]), basis)
        twin_of[str(ru["source_file"])] = (str(kk["source_file"]), basis)
    out["crosscheck"] = [*records.get("crosscheck", []), *crosscheck]
    out["tables"] = _with_twin_text(records.get("tables", []), cell_twins)
    languages = {str(d["source_file"]): str(d.get("act_language")) for d in records.get("documents", [])}
    for name, rows in records.items():
        if name not in ("tables", "documents", "crosscheck", "totals"):
            out[name] = _with_twin_names(name, rows, languages, row_twins)
    out["documents"] = [{**d, "twin_source_file": twin_of[str(d["source_file"])][0],
                         "pair_basis": twin_of[str(d["source_file"])][1]} if str(d["source_file"]) in twin_of else d
                        for d in records.get("documents", [])]  # fmt: skip
    return out
