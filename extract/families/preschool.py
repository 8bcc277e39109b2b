"""Preschool state educational order and parents' fee table -> long-form rows and total checks.

District and city akimats approve "мектепке дейінгі тәрбие мен оқытуға мемлекеттік білім беру
тапсырысы, ата-ана төлемақысының мөлшері": rows per district or per kind of organisation
(kindergarten, mini-centre, full or half day), the number of children, the average monthly cost
per child and the parent's monthly fee, often split by age ("3 жасқа дейін" / "3 жастан бастап").
One ``preschool_state_order`` row per item and split (age group, day mode, ...), with the three
measures as printed for that split; totals of children are checked per group and table.
"""

from __future__ import annotations

from core.grid import TableGrid
from extract.families.columns import Rule, row_no_rule, words
from extract.families.family import Family, Layout
from extract.families.order_rows import GROUP_CODE, OrderRow, TotalsKeeper, classify_rows, split_checks
from extract.families.records import FamilyResult, TableContext, continue_name, flags_text, row_provenance
from extract.families.splits import ALL, ValueColumn, dimensions_of, split_parts
from extract.families.table_text import header_paths
from normalize.numbers import ParsedNumber, parse_int
from normalize.text import WrapJudge
from normalize.wraps import join_wrapped_lines

DATASET = "preschool_state_order"
LABEL_RULES: dict[str, Rule] = {
    "row_no": row_no_rule,
    "name": words(r"атау|аудан|қала|ұйым|түр|наименован|район|город|вид|тип|организац|мекеме|учрежд",
                  none=(r"үйірме|кружк|секци",)),
}
MEASURE_RULES: dict[str, Rule] = {
    "parent_fee": words(r"ата\s*-?\s*ана|родительск"),
    "cost_per_child": words(r"шығыс|құн|стоимост|расход|қаржыланд|финансир"),
    "children": words(r"тәрбиеленуші|воспитанник|балалар\s+саны|бала\s+саны|орын\s+саны|количеств\p{L}*\s+(?:дет|мест)",
                      none=(r"білім\s+алушы|обучающ",)),
}
MEASURE_COLUMNS = {"children": "children", "cost_per_child": "cost_per_child_tenge", "parent_fee": "parent_fee_tenge"}
DIMS = ("age_group", "day_mode", "setting", "language")


class _Reader:
    def __init__(self, grid: TableGrid, ctx: TableContext, judge: WrapJudge, layout: Layout) -> None:
        self.grid, self.ctx, self.judge, self.layout = grid, ctx, judge, layout
        self.children = [v for v in layout.values if v.measure == "children"]
        self.totals = TotalsKeeper(ctx, grid, self.children)
        self.result = FamilyResult(DATASET, {DATASET: []})
        self.group: str | None = None
        self.section: dict[str, str] = {}
        self.last_item: list[dict[str, object]] = []
        # value columns grouped by their split: one output row per split
        splits: dict[tuple[str, ...], list[ValueColumn]] = {}
        for v in layout.values:
            splits.setdefault(tuple(v.dim(d) for d in DIMS), []).append(v)
        self.splits = splits

    def read(self) -> FamilyResult:
        for row in classify_rows(self.grid, self.judge, self.layout.roles, self.layout.values, (), "name"):
            if row.kind == "total":
                self.totals.close(row)
            elif row.kind == "group":
                m = GROUP_CODE.match(row.label)
                self.group = m.group("name").strip() if m else row.label
                # a group row naming a split ("Толық күн болатын ...") gives it to the rows under it
                self.section = {d: v for d, v in dimensions_of(row.label).items() if v != ALL and d in DIMS}
                self.totals.open_group(self.group, None)
            elif row.kind == "continuation" and self.last_item:
                for rec in self.last_item:
                    continue_name(rec, "name", row.label, row.pages[1], lambda a, b: join_wrapped_lines([a, b], self.judge))
            else:
                self._item(row)
        self.result.totals.extend(self.totals.checks)
        return self.result

    def _item(self, row: OrderRow) -> None:
        flags: list[str] = []
        row_no = parse_int(row.texts.get("row_no", "").rstrip(". "))
        if row_no.value is None and row.texts.get("row_no"):
            flags.append("row_no_unparsed")
        name = row.texts.get("name") or row.label
        base = {
            **row_provenance(self.ctx, row.pages),
            "row": row.row,
            "academic_year": self.ctx.academic_year,
            "group_name": self.group,
            "row_no": int(row_no.value) if row_no.value is not None else None,
            "name": name,
        }
        parsed: dict[int, ParsedNumber] = {}
        self.last_item = []
        for dims, columns in self.splits.items():
            named = dict(zip(DIMS, dims, strict=True))  # the column's split; the section's where it names none
            rec: dict[str, object] = {**base, **{d: self.section.get(d, v) if v == ALL else v for d, v in named.items()}}
            row_flags = list(flags)
            printed = False
            for measure, out in MEASURE_COLUMNS.items():
                vc = next((c for c in columns if c.measure == measure), None)
                raw = row.values.get(vc.col, "") if vc else ""
                value = parse_int(raw)
                if vc:
                    parsed[vc.col] = value
                printed = printed or bool(raw)
                rec[out] = int(value.value) if value.value is not None else None
                rec[f"{out}_raw"] = value.raw
                if raw and value.value is None and not value.is_none:
                    row_flags.append(f"{measure}_unparsed")
                row_flags.extend(f"{measure}_{f}" for f in value.flags)
                if vc and measure == "children" and value.value is not None:
                    self.totals.add(vc.col, int(value.value))
            if printed:
                rec["flags"] = flags_text(row_flags)
                self.result.datasets[DATASET].append(rec)
                self.last_item.append(rec)
        self.result.totals.extend(split_checks(self.ctx, row, split_parts(self.children), parsed, name))


def grid_to_preschool(grid: TableGrid, ctx: TableContext, judge: WrapJudge) -> FamilyResult:
    return _Reader(grid, ctx, judge, FAMILY.layout(header_paths(grid, judge))).read()


FAMILY = Family(
    name=DATASET,
    datasets=(DATASET,),
    label_rules=LABEL_RULES,
    measure_rules=MEASURE_RULES,
    required=("name", "children"),
    one_of=("parent_fee", "cost_per_child"),
    parse=grid_to_preschool,
    hint=r"мектепке\s+дейінгі|дошкольн|ата\s*-?\s*ана\s+төлемақы|родительск\p{L}*\s+плат",
)
