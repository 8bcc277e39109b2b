"""A state-order table's body rows -> classified rows, and printed totals -> total checks.

Shared by the families whose tables list items under group rows with printed totals (TVET,
preschool, higher education). A row is, by its content alone:

- a **total** ("Барлығы", "Жиыны", "Итого", "Всего", "Колледж бойынша барлығы", ...);
- a **breakdown** label ("оның ішінде:", "в том числе:") without values: skipped;
- a **group** row: text but no row number, code or value (one text across the table, a specialty
  group "02 Өнер ...", a college, a district);
- a **continuation**: only a name going on in lower case (the rest of the row above's name);
- an **item**: everything else.

Totals are checked per level: the current group, the current organisation (a college) and the
whole table, for every additive value column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from core.grid import TableGrid
from extract.families.records import TableContext, TotalCheck
from extract.families.splits import ValueColumn
from extract.families.table_text import body_rows, cell_at, cell_text, row_pages
from normalize.numbers import ParsedNumber, parse_number
from normalize.text import WrapJudge, starts_lower

TOTAL = regex.compile(r"(?<!\p{L})(барлығы|жиыны|жиынтығы|итого|всего)(?!\p{L})", regex.I)
BREAKDOWN = regex.compile(r"^\s*(оның\s+ішінде|соның\s+ішінде|в\s+том\s+числе|из\s+них)\W*$", regex.I)
GROUP_CODE = regex.compile(r"^(?P<code>\d{2,4}|[BMD]\d{3})\.?\s*[-–—]?\s+(?P<name>\D.*)$")
ORGANISATION_WORDS = regex.compile(r"колледж|college|лицей|ұйым|мекеме|организац|учрежден|кәсіпорын|предприят", regex.I)
GRAND_WORDS = regex.compile(r"облыс|област|республик|жалпы|общ|барлық\s+ұйым|всего\s+по\s+(?:городу|району)", regex.I)


@dataclass(frozen=True)
class OrderRow:
    kind: str  # item | group | total | continuation
    row: int  # grid row
    pages: tuple[int, int]
    label: str  # the row's first text
    texts: dict[str, str]  # label role -> text
    values: dict[int, str]  # value column -> text as printed


def _distinct(grid: TableGrid, r: int, judge: WrapJudge) -> list[tuple[int, int, str]]:
    """(first column, span, text) of every filled cell of row ``r``."""
    return [(c.col, c.colspan, t) for c in grid.row(r) if (t := cell_text(c, judge))]


def classify_rows(grid: TableGrid, judge: WrapJudge, roles: dict[str, int], values: Sequence[ValueColumn],
                  code_roles: Sequence[str], name_role: str) -> list[OrderRow]:  # fmt: skip
    """Every body row with text, classified (see the module docstring)."""
    value_cols = {v.col for v in values}
    role_cols = value_cols | set(roles.values())
    out: list[OrderRow] = []
    for r in body_rows(grid, judge):
        filled = _distinct(grid, r, judge)
        if not filled:
            continue
        # a text spanning into value columns is a label (a group or total across the table)
        label_cells = [(c, s, t) for c, s, t in filled if c not in value_cols or s > 1]
        vals = {c: t for c, s, t in filled if c in value_cols and s == 1}
        label = label_cells[0][2] if label_cells else ""
        texts = {role: _own_text(grid, r, col, judge, role_cols) for role, col in roles.items()}
        pages = row_pages(grid, r)
        has_code = any(texts.get(role) for role in code_roles)
        if label and TOTAL.search(label) and not has_code:
            out.append(OrderRow("total", r, pages, label, texts, vals))
        elif label and BREAKDOWN.match(label) and not vals:
            continue
        elif not vals and not texts.get("row_no") and (not has_code or len(label_cells) == 1 and label_cells[0][1] > 1):
            if out and starts_lower(label) and len(label_cells) == 1 and texts.get(name_role) == label:
                out.append(OrderRow("continuation", r, pages, label, texts, vals))
            else:
                out.append(OrderRow("group", r, pages, label, texts, vals))
        else:
            out.append(OrderRow("item", r, pages, label, texts, vals))
    return out


def _own_text(grid: TableGrid, r: int, col: int, judge: WrapJudge, role_cols: set[int]) -> str:
    """The text of the cell at (r, col) when that cell starts in this row and column and covers
    no other column with a role (a cell spanning several is the row's label, not this column's)."""
    cell = cell_at(grid, r, col)
    if cell is None or cell.row != r or cell.col != col:
        return ""
    if any(k in role_cols for k in range(col + 1, col + cell.colspan)):
        return ""
    return cell_text(cell, judge)


@dataclass
class _Level:
    open: bool = False
    name: str | None = None
    code: str | None = None
    sums: dict[int, list[int]] = field(default_factory=dict)

    def reset(self, name: str | None = None, code: str | None = None, is_open: bool = False) -> None:
        self.open, self.name, self.code, self.sums = is_open, name, code, {}

    def add(self, col: int, value: int) -> None:
        self.sums.setdefault(col, []).append(value)


class TotalsKeeper:
    """Sums of the additive value columns per level, checked against every printed total."""

    def __init__(self, ctx: TableContext, grid: TableGrid, additive: Sequence[ValueColumn],
                 middle_kind: str = "organisation_subtotal") -> None:  # fmt: skip
        """``middle_kind``: what the level between a group and the table is called in ``totals``
        (a college for TVET, a level of study such as the bachelor's degree for higher education)."""
        self.ctx, self.grid = ctx, grid
        self.middle_kind = middle_kind
        self.columns = list(additive)
        self.group, self.organisation, self.table = _Level(), _Level(), _Level(open=True)
        self.checks: list[TotalCheck] = []

    def open_group(self, name: str, code: str | None) -> None:
        self.group.reset(name, code, True)

    def open_organisation(self, name: str) -> None:
        self.organisation.reset(name, None, True)
        self.group.reset()

    def add(self, col: int, value: int) -> None:
        for level in (self.group, self.organisation, self.table):
            if level.open:
                level.add(col, value)

    def close(self, row: OrderRow, named: str | None = None) -> None:
        """A printed total row: which level it closes follows from its words and what is open,
        unless the family knows it from the label (``named``: "group", "organisation", "table")."""
        label = row.label
        if named is not None:
            kind, level = {"group": ("group_subtotal", self.group), "organisation": (self.middle_kind, self.organisation),
                           "table": ("grand_total", self.table)}[named]  # fmt: skip
        elif GRAND_WORDS.search(label) and not ORGANISATION_WORDS.search(label):
            kind, level = "grand_total", self.table
        elif self.group.open and self.group.sums and not ORGANISATION_WORDS.search(label):
            kind, level = "group_subtotal", self.group
        elif self.organisation.open and self.organisation.sums:
            kind, level = self.middle_kind, self.organisation
        else:
            kind, level = "grand_total", self.table
        for vc in self.columns:
            raw = row.values.get(vc.col, "")
            if not raw:
                continue
            self.checks.append(self._check(row, kind, level, vc, raw))
        if level is self.group:
            self.group.sums = {}
        elif level is self.organisation:
            self.organisation.sums, self.group.sums = {}, {}

    def _check(self, row: OrderRow, kind: str, level: _Level, vc: ValueColumn, raw: str) -> TotalCheck:
        printed = parse_number(raw)
        values = level.sums.get(vc.col, [])
        value = float(printed.value) if printed.value is not None else None
        computed = float(sum(values))
        group = level.code or level.name if level is not self.table else None
        name = level.name if level is not self.table else row.label
        return TotalCheck(self.ctx.source_file, self.ctx.table_index, self.ctx.appendix.number if self.ctx.appendix
                          else None, row.pages[0], kind, group, name or row.label, vc.measure, printed.raw, value,
                          computed, None if value is None else value == computed, len(values), vc.split)  # fmt: skip


def split_checks(ctx: TableContext, row: OrderRow, pairs: Sequence[tuple[ValueColumn, list[ValueColumn]]],
                 parsed: dict[int, ParsedNumber], label: str) -> list[TotalCheck]:  # fmt: skip
    """An item's printed total column against the sum of its printed parts (same row)."""
    out = []
    for total, parts in pairs:
        t = parsed.get(total.col)
        vals = [parsed[p.col].value for p in parts if p.col in parsed]
        if t is None or t.value is None or not any(v is not None for v in vals):
            continue
        computed = float(sum(v for v in vals if v is not None))
        out.append(TotalCheck(ctx.source_file, ctx.table_index, ctx.appendix.number if ctx.appendix else None,
                              row.pages[0], "split_total", row.texts.get("row_no") or None, label, total.measure,
                              t.raw, float(t.value), computed, float(t.value) == computed, len(vals), total.split))  # fmt: skip
    return out
