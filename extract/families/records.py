"""Typed records the families emit, and the context (provenance + act metadata) of one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extract.act_metadata import ActInfo, AppendixInfo


@dataclass(frozen=True)
class TableContext:
    source_file: str
    source_sha256: str
    table_index: int
    act: ActInfo | None
    appendix: AppendixInfo | None
    academic_year: str | None


@dataclass(frozen=True)
class TotalCheck:
    """A printed subtotal or total, the sum computed from the rows, and whether they agree."""

    source_file: str
    table_index: int
    appendix: int | None
    page: int
    kind: str  # schemas.declarations.TOTAL_KINDS
    group: str | None
    label: str
    measure: str
    printed_raw: str
    printed: float | None
    computed: float | None
    agrees: bool | None
    rows_summed: int
    split: str = ""  # the value column's dimensions ("language=kk;study_form=full_time"), "" when none


@dataclass
class FamilyResult:
    """What a family makes of one table: rows per dataset name, and the total checks."""

    family: str
    datasets: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    totals: list[TotalCheck] = field(default_factory=list)


def flags_text(flags: list[str]) -> str:
    """Flags as one sorted, de-duplicated, ";"-separated string (empty when none)."""
    return ";".join(sorted(set(flags)))


def row_provenance(ctx: TableContext, pages: tuple[int, int]) -> dict[str, object]:
    """The provenance and act columns every family row starts with."""
    return {
        "source_file": ctx.source_file,
        "source_sha256": ctx.source_sha256,
        "page_first": pages[0],
        "page_last": pages[1],
        "table_index": ctx.table_index,
        "act_authority": ctx.act.authority if ctx.act else None,
        "act_date": ctx.act.date if ctx.act else None,
        "act_number": ctx.act.number if ctx.act else None,
    }


FLAG_NAME_CONTINUED = "name_continued"


def continue_name(row: dict[str, object], key: str, tail: str, last_page: int, join: Callable[[str, str], str]) -> None:
    """A row that holds only the rest of the previous row's name (the tail of a row cut by a page
    break that stitching could not merge): appended to that row's name, its last page extended,
    and flagged, instead of becoming a row of its own."""
    row[key] = join(str(row.get(key) or ""), tail)
    row["page_last"] = max(int(str(row.get("page_last") or 0)), last_page)
    flags = [f for f in str(row.get("flags") or "").split(";") if f]
    row["flags"] = flags_text([*flags, FLAG_NAME_CONTINUED])
