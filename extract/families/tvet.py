"""TVET state educational order table -> specialty rows, cost values and total checks.

Rows are classified by content: a group row ("02 Өнер және гуманитарлық ғылымдар") is one
text spanning the table; a "Барлығы" row is a group subtotal when specialty rows came since the
last total, otherwise the grand total; every other row with text is a specialty row.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from core.grid import GridCell, TableGrid
from extract.families.columns import TVET_RULES, assign_roles
from extract.families.records import (
    FamilyResult,
    TableContext,
    TotalCheck,
    continue_name,
    flags_text,
    row_provenance,
)
from extract.families.table_text import TOTAL_WORDS, body_rows, cell_at, cell_text, header_paths, row_pages
from normalize.numbers import normalize_spaces, parse_int, split_compound_cost
from normalize.text import WrapJudge, starts_lower
from normalize.wraps import join_wrapped_lines

REQUIRED = ("specialty_code", "specialty_name", "places")
_GROUP = regex.compile(r"^(?P<code>\d{2,4})\.?\s+(?P<name>\D.*)$")
_CODE = regex.compile(r"^\d{8}$")


def matches(paths: list[str]) -> bool:
    roles = assign_roles(paths, TVET_RULES)
    return all(r in roles for r in REQUIRED) and ("cost_city" in roles or "cost_rural" in roles)


def _total(ctx: TableContext, grid: TableGrid, r: int, kind: str, group: str | None, label: str,
           raw: str, values: list[int]) -> TotalCheck:  # fmt: skip
    printed = parse_int(raw)
    computed = float(sum(values))
    value = float(printed.value) if printed.value is not None else None
    return TotalCheck(
        ctx.source_file, ctx.table_index, ctx.appendix.number if ctx.appendix else None, row_pages(grid, r)[0],
        kind, group, label, "places", raw, value, computed, None if value is None else value == computed, len(values),
    )  # fmt: skip


def _costs(text: str, setting: str, flags: list[str]) -> tuple[str, int | None, list[tuple[int, int | None, str]]]:
    raw = normalize_spaces(text)
    parts = split_compound_cost(text)
    values: list[tuple[int, int | None, str]] = []
    for i, p in enumerate(parts, start=1):
        if p.is_none and len(parts) == 1:
            break
        flags.extend(f"cost_{setting}_{f}" for f in p.flags)
        values.append((i, int(p.value) if p.value is not None else None, p.raw))
    if len(values) > 1:
        flags.append(f"cost_{setting}_compound")
    first = values[0][1] if values else None
    return raw, first, values


def _spans_table(filled: list[tuple[GridCell, str]], n_cols: int) -> bool:
    return len(filled) == 1 and filled[0][0].colspan >= max(2, n_cols - 1)


def _has_values(r: int, text: Callable[[int, str], str]) -> bool:
    """A specialty row prints its code or places; a group row ("02" + name) neither."""
    return bool(_CODE.match(text(r, "specialty_code")) or text(r, "places") or text(r, "cost_city"))


def _name_only(r: int, text: Callable[[int, str], str]) -> bool:
    """Only a name going on in lower case, no row number, code, places or cost: the rest of the
    row above's name (a section title starts with a capital and stays a row of its own)."""
    return starts_lower(text(r, "specialty_name")) and not any(
        text(r, role) for role in ("row_no", "specialty_code", "places", "cost_city", "cost_rural"))  # fmt: skip


def grid_to_tvet(grid: TableGrid, ctx: TableContext, judge: WrapJudge) -> FamilyResult:
    roles = assign_roles(header_paths(grid, judge), TVET_RULES)
    result = FamilyResult("tvet_state_order", {"tvet_state_order": [], "tvet_state_order_costs": []})
    group_code: str | None = None
    group_name: str | None = None
    in_group: list[int] = []
    all_places: list[int] = []

    def text(r: int, role: str) -> str:
        return cell_text(cell_at(grid, r, roles[role]), judge) if role in roles else ""

    for r in body_rows(grid, judge):
        cells = [(c, cell_text(c, judge)) for c in grid.row(r)]
        filled = [(c, t) for c, t in cells if t]
        if not filled:
            continue
        first = filled[0][1]
        if TOTAL_WORDS.match(first):
            raw = text(r, "places")
            if in_group:
                result.totals.append(_total(ctx, grid, r, "group_subtotal", group_code, group_name or "", raw, in_group))
                in_group = []
            else:
                result.totals.append(_total(ctx, grid, r, "grand_total", None, first, raw, all_places))
            continue
        group = _GROUP.match(" ".join(t for _, t in filled))
        if group and (_spans_table(filled, grid.n_cols) or not _has_values(r, text)):
            group_code, group_name, in_group = group.group("code"), group.group("name"), []
            continue
        rows = result.datasets["tvet_state_order"]
        row_no_text = text(r, "row_no")
        if rows and _name_only(r, text):
            continue_name(rows[-1], "specialty_name", text(r, "specialty_name"), row_pages(grid, r)[1],
                          lambda a, b: join_wrapped_lines([a, b], judge))  # fmt: skip
            continue
        flags: list[str] = []
        row_no = parse_int(row_no_text.rstrip(". "))  # "27 ." is row 27
        if row_no.value is None:
            flags.append("row_no_unparsed")
        code = text(r, "specialty_code")
        if not _CODE.match(code):
            flags.append("specialty_code_irregular")
        places = parse_int(text(r, "places"))
        if places.value is None:
            flags.append("places_unparsed")
        else:
            in_group.append(int(places.value))
            all_places.append(int(places.value))
        city_raw, city, city_values = _costs(text(r, "cost_city"), "city", flags)
        rural_raw, rural, rural_values = _costs(text(r, "cost_rural"), "rural", flags)
        row_no_value = int(row_no.value) if row_no.value is not None else None
        result.datasets["tvet_state_order"].append({
            **row_provenance(ctx, row_pages(grid, r)),
            "appendix": ctx.appendix.number if ctx.appendix else None,
            "academic_year": ctx.academic_year,
            "training_track": _track(ctx),
            "group_code": group_code,
            "group_name": group_name,
            "row_no": row_no_value,
            "specialty_code": code,
            "specialty_name": text(r, "specialty_name"),
            "places": int(places.value) if places.value is not None else None,
            "places_raw": places.raw,
            "cost_city_tenge": city,
            "cost_rural_tenge": rural,
            "cost_city_raw": city_raw,
            "cost_rural_raw": rural_raw,
            "flags": flags_text(flags),
        })  # fmt: skip
        for setting, values in (("city", city_values), ("rural", rural_values)):
            for variant, value, raw in values:
                result.datasets["tvet_state_order_costs"].append({
                    "source_file": ctx.source_file,
                    "table_index": ctx.table_index,
                    "appendix": ctx.appendix.number if ctx.appendix else None,
                    "row_no": row_no_value,
                    "specialty_code": code,
                    "setting": setting,
                    "variant": variant,
                    "cost_tenge": value,
                    "cost_raw": raw,
                })  # fmt: skip
    return result


def _track(ctx: TableContext) -> str | None:
    if ctx.appendix is None or not ctx.appendix.subtitle:
        return None
    sub = ctx.appendix.subtitle.strip()
    if sub.startswith("(") and sub.endswith(")"):
        sub = sub[1:-1].strip()
    return sub

