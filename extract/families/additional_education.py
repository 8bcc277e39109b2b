"""Additional-education order table -> circle rows and total checks.

Rows: a direction row ("Ғылыми-техникалық" with its places subtotal) has a name but no row
number; a circle row has a row number; the "Барлығы" row holds the total places and, where the
layout prints it, the annual sum, which must equal months x sum(places x monthly cost per child).
Layouts differ: the cost for a child with special educational needs has its own column or none,
row numbers restart in each direction or run on; a total the layout leaves empty is not checked.
"""

from __future__ import annotations

from core.grid import TableGrid
from extract.families.columns import ADDITIONAL_EDUCATION_RULES, assign_roles
from extract.families.family import Family
from extract.families.records import (
    FamilyResult,
    TableContext,
    TotalCheck,
    continue_name,
    flags_text,
    row_provenance,
)
from extract.families.table_text import TOTAL_WORDS, body_rows, cell_at, cell_text, header_paths, row_pages
from normalize.numbers import parse_int
from normalize.text import WrapJudge, starts_lower
from normalize.wraps import join_wrapped_lines

REQUIRED = ("circle_name", "places", "cost_per_child")  # the special-needs cost column is printed in some layouts
MONTHS_PER_YEAR = 9  # the order funds nine months of an academic year




def _check(ctx: TableContext, page: int, kind: str, group: str | None, label: str, measure: str,
           raw: str, computed: float, n: int) -> TotalCheck:  # fmt: skip
    printed = parse_int(raw)
    value = float(printed.value) if printed.value is not None else None
    agrees = None if value is None else value == computed
    return TotalCheck(ctx.source_file, ctx.table_index, None, page, kind, group, label, measure, printed.raw,
                      value, computed, agrees, n)  # fmt: skip


def grid_to_additional_education(grid: TableGrid, ctx: TableContext, judge: WrapJudge) -> FamilyResult:
    roles = assign_roles(header_paths(grid, judge), ADDITIONAL_EDUCATION_RULES)
    result = FamilyResult("additional_education_order", {"additional_education_order": []})
    direction: str | None = None
    direction_raw = ""
    direction_page = 0
    in_direction: list[int] = []
    all_places: list[int] = []
    annual: list[int] = []

    def text(r: int, role: str) -> str:
        return cell_text(cell_at(grid, r, roles[role]), judge) if role in roles else ""

    def close_direction() -> None:
        if direction is not None and direction_raw:
            result.totals.append(_check(ctx, direction_page, "direction_subtotal", direction, direction, "places",
                                        direction_raw, float(sum(in_direction)), len(in_direction)))  # fmt: skip

    for r in body_rows(grid, judge):
        row_no_cell = cell_at(grid, r, roles["row_no"]) if "row_no" in roles else None
        name_cell = cell_at(grid, r, roles["circle_name"])
        name = cell_text(name_cell, judge)
        row_no_text = cell_text(row_no_cell, judge) if row_no_cell is not name_cell else ""
        page = row_pages(grid, r)[0]
        if not name and not row_no_text:
            continue
        if TOTAL_WORDS.match(name or row_no_text):
            close_direction()
            direction = None
            label = name or row_no_text
            if text(r, "places"):
                result.totals.append(_check(ctx, page, "grand_total", None, label, "places", text(r, "places"),
                                            float(sum(all_places)), len(all_places)))  # fmt: skip
            if text(r, "cost_per_child"):
                result.totals.append(_check(ctx, page, "annual_sum", None, label, "cost_tenge",
                                            text(r, "cost_per_child"), float(MONTHS_PER_YEAR * sum(annual)),
                                            len(annual)))  # fmt: skip
            continue
        rows = result.datasets["additional_education_order"]
        if not row_no_text and rows and starts_lower(name) and not text(r, "places") and not text(r, "cost_per_child"):
            # the rest of the circle name above (a direction starts with a capital, with its places)
            continue_name(rows[-1], "circle_name", name, row_pages(grid, r)[1],
                          lambda a, b: join_wrapped_lines([a, b], judge))  # fmt: skip
            continue
        if not row_no_text:
            close_direction()
            direction, direction_raw, direction_page, in_direction = name, text(r, "places"), page, []
            continue
        flags: list[str] = []
        row_no = parse_int(row_no_text.rstrip(". "))  # "3." is row 3
        places = parse_int(text(r, "places"))
        cost = parse_int(text(r, "cost_per_child"))
        cost_sen = parse_int(text(r, "cost_per_sen_child"))
        measured = [("row_no", row_no), ("places", places), ("cost_per_child", cost)]
        if "cost_per_sen_child" in roles:
            measured.append(("cost_per_sen_child", cost_sen))
        for label, parsed in measured:
            if parsed.value is None:
                flags.append(f"{label}_unparsed")
            flags.extend(f"{label}_{f}" for f in parsed.flags)
        if places.value is not None:
            in_direction.append(int(places.value))
            all_places.append(int(places.value))
            if cost.value is not None:
                annual.append(int(places.value) * int(cost.value))
        result.datasets["additional_education_order"].append({
            **row_provenance(ctx, row_pages(grid, r)),
            "row": r,
            "academic_year": ctx.academic_year,
            "direction": direction,
            "row_no": int(row_no.value) if row_no.value is not None else None,
            "circle_name": name,
            "places": int(places.value) if places.value is not None else None,
            "cost_per_child_tenge": int(cost.value) if cost.value is not None else None,
            "cost_per_sen_child_tenge": int(cost_sen.value) if cost_sen.value is not None else None,
            "flags": flags_text(flags),
        })  # fmt: skip
    close_direction()
    return result


FAMILY = Family(
    name="additional_education_order",
    datasets=("additional_education_order",),
    label_rules=ADDITIONAL_EDUCATION_RULES,
    measure_rules={},
    required=REQUIRED,
    one_of=(),
    parse=grid_to_additional_education,
    hint=r"қосымша\s+білім|дополнительн\p{L}*\s+образован|үйірме|кружк",
)
