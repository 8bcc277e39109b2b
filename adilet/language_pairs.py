"""Kazakh and Russian versions of the same act -> paired tables, cells and rows, checked number
by number (the ``crosscheck`` dataset), with the twin's text beside each name.

Two documents are versions of one act when they share the state registration number, else the
act number and date (the authority is printed in each language, so it cannot be compared as
text), else, failing both, when their tables have the same shapes and their number cells agree.
Tables pair in reading order; body rows by key (:func:`align_rows`): the codes a row prints
("B001", "07140900"), else its numbers, aligned as a diff aligns lines, so a row only one version
prints is reported on its own instead of shifting every row below it; rows are counted under
the header, so a header of a different height does not shift them. Every body cell holding a number (a count, a cost, a code)
is compared with its twin: the numbers it holds, in order, must be the same. A disagreement is a
``crosscheck`` row with both values and both provenances; nothing is corrected.

Called once, where the documents' records become datasets (:func:`adilet.outputs.write_outputs`).
"""

from __future__ import annotations

import difflib
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


def _numbers_at(table: Table, key: tuple[int, int]) -> tuple[str, ...]:
    cell = table.cells.get(key)
    return numbers_in(str(cell.get("text") or "")) if cell is not None else ()


def _tables_agree(a: list[Table], b: list[Table]) -> bool:
    if not a or [t.shape for t in a] != [t.shape for t in b]:
        return False
    # cell by cell at the same place (tables of one shape may span their cells differently)
    both = [(_numbers_at(ta, k), _numbers_at(tb, k)) for ta, tb in zip(a, b, strict=True)
            for k in sorted(set(ta.cells) | set(tb.cells))]
    pairs = [(x, y) for x, y in both if x or y]
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
        krows, rrows = _body_rows(kt), _body_rows(rt)
        for kr, rr in align_rows([_row_key(krows[r]) for r in sorted(krows)], [_row_key(rrows[r]) for r in sorted(rrows)]):
            kcells = krows[sorted(krows)[kr]] if kr is not None else {}
            rcells = rrows[sorted(rrows)[rr]] if rr is not None else {}
            for col in sorted(set(kcells) | set(rcells)):
                self._cell(kt, kcells.get(col), rt, rcells.get(col))

    def _cell(self, kt: Table, kc: Record | None, rt: Table, rc: Record | None) -> None:
        if kc is not None and rc is not None:
            self.cell_twins[id(kc)], self.cell_twins[id(rc)] = str(rc.get("text") or ""), str(kc.get("text") or "")
            a, b = (kt.source_file, kt.index, int(str(kc["row"]))), (rt.source_file, rt.index, int(str(rc["row"])))
            self.row_twins[a], self.row_twins[b] = b, a
        kn = numbers_in(str(kc.get("text") or "")) if kc else ()
        rn = numbers_in(str(rc.get("text") or "")) if rc else ()
        if not kn and not rn:
            return  # text only: its twin's text goes beside it, there is no number to check
        if kc is None or rc is None:
            self.row(kt, kc, rt, rc, False, "missing_in_ru" if rc is None else "missing_in_kk")
        elif kn == rn:
            self.row(kt, kc, rt, rc, True, None)
        else:
            single = len(kn) == len(rn) == 1
            self.row(kt, kc, rt, rc, False, "value_differs" if single or not (kn and rn) else "text_differs")


_CODE = regex.compile(r"(?<![\p{L}\d])(?:\d?[A-ZА-ЯЁ]\d{2,}|\d{7,}|0\d+)(?![\p{L}\d])")
_DIGIT_GROUP = regex.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")


def _body_rows(table: Table) -> dict[int, dict[int, Record]]:
    rows: dict[int, dict[int, Record]] = defaultdict(dict)
    for (r, c), cell in table.cells.items():
        rows[r][c] = cell
    return rows


def codes_in(text: str) -> tuple[str, ...]:
    """The codes a cell prints, as printed ("B001", "6B01", "07140900", "4S07140902", a group's "07"),
    not the amounts ("1 065", "598 700") nor row numbers."""
    return tuple(m.group() for m in _CODE.finditer(_DIGIT_GROUP.sub("", text)))


def _row_key(cells: dict[int, Record]) -> tuple[str, tuple[str, ...]]:
    """What identifies a body row in either language: its codes when it prints any (a number
    changed in the row then shows as a disagreement of the paired row), else all its numbers."""
    texts = [str(cells[c].get("text") or "") for c in sorted(cells)]
    codes = tuple(x for t in texts for x in codes_in(t))
    return ("codes", codes) if codes else ("numbers", tuple(n for t in texts for n in numbers_in(t)))


def align_rows(kk: list[tuple[str, tuple[str, ...]]], ru: list[tuple[str, tuple[str, ...]]]) -> list[tuple[int | None, int | None]]:
    """Body rows of twin tables paired by key, in order: rows with the same key are aligned as a
    diff aligns lines; between two such anchors, rows with the same codes pair, and the rest pair
    by position (a changed number), the surplus of the longer side pairing with nothing."""
    out: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(None, kk, ru, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out += list(zip(range(a0, a1), range(b0, b1), strict=True))
            continue
        a, b = list(range(a0, a1)), list(range(b0, b1))
        by_code = {kk[i]: i for i in reversed(a) if kk[i][0] == "codes"}
        matched = [(by_code[ru[j]], j) for j in b if ru[j] in by_code]
        matched = [(i, j) for n, (i, j) in enumerate(matched) if all(i > p for p, _ in matched[:n])]  # keep order
        anchors = [(a0 - 1, b0 - 1), *matched, (a1, b1)]
        for (pi, pj), (ni, nj) in zip(anchors, anchors[1:], strict=False):
            left, right = list(range(pi + 1, ni)), list(range(pj + 1, nj))
            n = min(len(left), len(right))
            out += list(zip(left[:n], right[:n], strict=True))
            out += [(i, None) for i in left[n:]] + [(None, j) for j in right[n:]]
            if (ni, nj) != (a1, b1):
                out.append((ni, nj))
    return out


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
