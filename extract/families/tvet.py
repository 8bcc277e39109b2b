"""TVET state educational order table -> long-form place and cost rows, and total checks.

Layouts differ by region and year; every one lands in the same columns:
- specialty and qualification codes and names in their own columns, or code and name in one
  cell ("01140100 - Мектепке дейінгі тәрбие және оқыту");
- places in one column or split by language of instruction and/or form of study (one
  ``tvet_state_order`` row per printed places value, with ``language`` and ``study_form``);
- costs per city and rural setting or one cost column (one ``tvet_state_order_costs`` row per
  printed value; a compound cost "465 161/552 703" gives several variants);
- group rows that are specialty groups ("02 Өнер және гуманитарлық ғылымдар") or colleges, with
  totals per group, per college and for the region.
"""

from __future__ import annotations

import regex

from core.grid import TableGrid
from extract.families.columns import Rule, row_no_rule, words
from extract.families.family import Family, Layout
from extract.families.order_rows import GROUP_CODE, OrderRow, TotalsKeeper, classify_rows, split_checks
from extract.families.records import FamilyResult, TableContext, continue_name, flags_text, row_provenance
from extract.families.splits import ALL, ValueColumn, section_dims, split_parts
from extract.families.table_text import header_paths
from normalize.numbers import ParsedNumber, normalize_spaces, parse_int, split_compound_cost
from normalize.text import WrapJudge
from normalize.wraps import join_wrapped_lines

SPECIALTY_CODE = regex.compile(r"^\d{8}$")
QUALIFICATION_CODE = regex.compile(r"^(?:\d[A-ZА-Я])?\d{8}$|^\d{7}$")
_CODE_AND_NAME = regex.compile(r"^(?P<code>(?:\d[A-ZА-Я])?\d{6,9})\s*[-–—.:]?\s*(?P<name>.*)$", regex.S)

_QUAL = r"біліктіл|квалификац"
_SPEC = r"мамандық|специальн|кәсіп|професси"
_NAME = r"атау|наименован"
LABEL_RULES: dict[str, Rule] = {
    "row_no": row_no_rule,
    "qualification_code": words(_QUAL, r"\bкод", none=(_NAME, _SPEC)),
    "qualification_name": words(_QUAL, _NAME, none=(r"\bкод", _SPEC)),
    "qualification": words(_QUAL, none=(_SPEC,)),
    "organisation": words(r"оқу\s+орн|колледж|білім\s+беру\s+ұйым|учебн\p{L}*\s+заведен|организаци\p{L}*\s+образов"),
    "specialty_code": words(r"\bкод", none=(_NAME, r"бюджет|бағдарлам|программ|классификатор")),
    "specialty_name": words(_NAME, none=(r"\bкод",)),
    "specialty": words(_SPEC),
}
MEASURE_RULES: dict[str, Rule] = {
    "cost": words(r"шығыс|расход|құны|стоимост"),
    "places": words(r"(?<!\p{L})орын(?:\s|дар|ның|\)|$)|көлем|количеств\p{L}*\s+мест|объ[её]м|тапсырыс|заказ|"
                    r"(?<!\p{L})мест(?!\p{L})"),
}
CODE_ROLES = ("specialty_code", "specialty", "qualification_code", "qualification")
FLAG_COMPOUND = "_compound"


def _code_and_name(text: str) -> tuple[str, str]:
    m = _CODE_AND_NAME.match(text.strip())
    return (m.group("code"), m.group("name").strip()) if m else ("", text.strip())


def _track(ctx: TableContext) -> str | None:
    if ctx.appendix is None or not ctx.appendix.subtitle:
        return None
    sub = ctx.appendix.subtitle.strip()
    if sub.startswith("(") and sub.endswith(")"):
        sub = sub[1:-1].strip()
    return sub


class _Reader:
    def __init__(self, grid: TableGrid, ctx: TableContext, judge: WrapJudge, layout: Layout) -> None:
        self.grid, self.ctx, self.judge, self.layout = grid, ctx, judge, layout
        self.places = [v for v in layout.values if v.measure == "places"]
        self.costs = [v for v in layout.values if v.measure == "cost"]
        self.totals = TotalsKeeper(ctx, grid, self.places)
        self.result = FamilyResult("tvet_state_order", {"tvet_state_order": [], "tvet_state_order_costs": []})
        self.group: tuple[str | None, str | None] = (None, None)
        self.organisation: str | None = None
        self.section: dict[str, str] = {}  # dimensions a section row names ("Кешкі оқу нысаны", "Орыс тілінде")
        self.last_item: list[dict[str, object]] = []

    def read(self) -> FamilyResult:
        rows = classify_rows(self.grid, self.judge, self.layout.roles, self.layout.values, CODE_ROLES, self._name_role())
        for row in rows:
            if row.kind == "total":
                self.totals.close(row)
            elif row.kind == "group":
                self._group(row)
            elif row.kind == "continuation" and self.last_item:
                for rec in self.last_item:
                    continue_name(rec, "specialty_name", row.label, row.pages[1],
                                  lambda a, b: join_wrapped_lines([a, b], self.judge))  # fmt: skip
            else:
                self._item(row)
        self.result.totals.extend(self.totals.checks)
        return self.result

    def _name_role(self) -> str:
        return next((r for r in ("specialty_name", "specialty", "qualification_name", "qualification")
                     if r in self.layout.roles), "specialty_name")  # fmt: skip

    def _group(self, row: OrderRow) -> None:
        m = GROUP_CODE.match(row.label)
        section = section_dims(row.label, ("language", "study_form"))
        if section and not m:
            self.section = section
        elif m:
            self.group = (m.group("code"), m.group("name").strip())
            self.totals.open_group(self.group[1] or "", self.group[0])
        else:
            self.organisation, self.section = row.label, {}
            self.group = (None, None)
            self.totals.open_organisation(row.label)

    def _names(self, row: OrderRow, flags: list[str]) -> dict[str, str]:
        t = row.texts
        s_code, s_name = t.get("specialty_code", ""), t.get("specialty_name", "")
        q_code, q_name = t.get("qualification_code", ""), t.get("qualification_name", "")
        if t.get("specialty"):
            s_code, s_name = _code_and_name(t["specialty"])
        if t.get("qualification"):
            q_code, q_name = _code_and_name(t["qualification"])
        if s_code and not SPECIALTY_CODE.match(s_code):
            flags.append("specialty_code_irregular")
        if q_code and not QUALIFICATION_CODE.match(q_code):
            flags.append("qualification_code_irregular")
        if not s_code and not q_code:
            flags.append("code_missing")
        return {"specialty_code": s_code, "specialty_name": s_name, "qualification_code": q_code,
                "qualification_name": q_name}  # fmt: skip

    def _item(self, row: OrderRow) -> None:
        flags: list[str] = []
        row_no = parse_int(row.texts.get("row_no", "").rstrip(". "))  # "27 ." is row 27
        if row_no.value is None:
            flags.append("row_no_unparsed")
        names = self._names(row, flags)
        organisation = row.texts.get("organisation") or self.organisation
        base = {
            **row_provenance(self.ctx, row.pages),
            "row": row.row,
            "appendix": self.ctx.appendix.number if self.ctx.appendix else None,
            "academic_year": self.ctx.academic_year,
            "training_track": _track(self.ctx),
            "organisation": organisation,
            "group_code": self.group[0],
            "group_name": self.group[1],
            "row_no": int(row_no.value) if row_no.value is not None else None,
            **names,
        }
        parsed: dict[int, ParsedNumber] = {}
        self.last_item = []
        for vc in self.places:
            raw = row.values.get(vc.col, "")
            places = parse_int(raw)
            parsed[vc.col] = places
            if places.is_none and not raw:
                continue
            row_flags = list(flags)
            if places.value is None and not places.is_none:
                row_flags.append("places_unparsed")
            elif places.value is not None:
                self.totals.add(vc.col, int(places.value))
            rec = {**base, "language": self._dim(vc, "language"), "study_form": self._dim(vc, "study_form"),
                   "setting": vc.dim("setting"), "places": int(places.value) if places.value is not None else None,
                   "places_raw": places.raw, "flags": flags_text(row_flags)}  # fmt: skip
            self.result.datasets["tvet_state_order"].append(rec)
            self.last_item.append(rec)
        if not self.last_item:  # a specialty row printing no places at all is kept, flagged
            rec = {**base, "language": self.section.get("language", ALL), "study_form": self.section.get(
                "study_form", ALL), "setting": ALL, "places": None,
                   "places_raw": "", "flags": flags_text([*flags, "places_missing"])}  # fmt: skip
            self.result.datasets["tvet_state_order"].append(rec)
            self.last_item.append(rec)
        label = names["specialty_name"] or names["qualification_name"] or row.label
        self.result.totals.extend(split_checks(self.ctx, row, split_parts(self.places), parsed, label))
        for vc in self.costs:
            self._costs(row, vc, base, flags)

    def _dim(self, vc: ValueColumn, dim: str) -> str:
        """The column's dimension; where the column does not name it, the section row's."""
        value = vc.dim(dim)
        return self.section.get(dim, value) if value == ALL else value

    def _costs(self, row: OrderRow, vc: ValueColumn, base: dict[str, object], flags: list[str]) -> None:
        raw = row.values.get(vc.col, "")
        parts = split_compound_cost(raw)
        if len(parts) == 1 and parts[0].is_none:
            return
        for i, p in enumerate(parts, start=1):
            self.result.datasets["tvet_state_order_costs"].append({
                "source_file": self.ctx.source_file,
                "table_index": self.ctx.table_index,
                "row": row.row,
                "page": row.pages[0],
                "appendix": base["appendix"],
                "row_no": base["row_no"],
                "specialty_code": base["specialty_code"],
                "qualification_code": base["qualification_code"],
                "language": self._dim(vc, "language"),
                "study_form": self._dim(vc, "study_form"),
                "setting": vc.dim("setting"),
                "variant": i,
                "cost_tenge": int(p.value) if p.value is not None else None,
                "cost_raw": p.raw,
                "cost_cell_raw": normalize_spaces(raw),
                "flags": flags_text([f"cost{FLAG_COMPOUND}"] * (len(parts) > 1) + list(p.flags)
                                    + (["cost_unparsed"] if p.value is None else [])),
            })  # fmt: skip


def grid_to_tvet(grid: TableGrid, ctx: TableContext, judge: WrapJudge) -> FamilyResult:
    return _Reader(grid, ctx, judge, FAMILY.layout(header_paths(grid, judge))).read()


FAMILY = Family(
    name="tvet_state_order",
    datasets=("tvet_state_order", "tvet_state_order_costs"),
    label_rules=LABEL_RULES,
    measure_rules=MEASURE_RULES,
    required=("places",),
    one_of=CODE_ROLES,
    parse=grid_to_tvet,
    hint=r"білім\s+беру\s+тапсырыс|образовательн\p{L}*\s+заказ|кадрларды\s+даярла|подготовк\p{L}*\s+кадр",
)


def matches(paths: list[str]) -> bool:
    return FAMILY.recognise(paths).ok
