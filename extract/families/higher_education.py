"""Higher and postgraduate state educational order table -> long-form grant rows and total checks.

The ministry's order ("жоғары және жоғары оқу орнынан кейінгі білімі бар кадрларды даярлауға
арналған мемлекеттік білім беру тапсырысы" / "государственный образовательный заказ на
подготовку кадров с высшим и послевузовским образованием") lists grants by group of
educational programmes: a code as printed (B001 bachelor's, M001 master's, D001 doctoral) and a
name, in their own columns or in one cell ("B001 Педагогика және психология"). Grants are in one
column or split by language of instruction and/or form of study; each printed value becomes one
``higher_education_order`` row with ``language`` and ``study_form``.

Group rows name a level of study ("Бакалавриат", "Магистратура", "Докторантура"), a field of
education with its code ("6B01 Педагогикалық ғылымдар") or a university; totals are checked per
field (``group_subtotal``), per level (``level_subtotal``) and for the table, for every grant
column, and an item's printed "барлығы" column against its language / form parts.

A code is kept as printed and validated: Latin B/M/D and three digits; a Cyrillic look-alike
("В001") or another shape is flagged, and so is a code whose level disagrees with the level or
field row above it.
"""

from __future__ import annotations

import regex

from core.grid import TableGrid
from extract.families.columns import Rule, row_no_rule, words
from extract.families.family import Family, Layout
from extract.families.order_rows import OrderRow, TotalsKeeper, classify_rows, split_checks
from extract.families.records import FamilyResult, TableContext, continue_name, flags_text, row_provenance
from extract.families.splits import ALL, section_dims, split_parts
from extract.families.table_text import header_paths
from normalize.numbers import ParsedNumber, parse_int
from normalize.text import WrapJudge
from normalize.wraps import join_wrapped_lines

DATASET = "higher_education_order"
PROGRAMME_CODE = regex.compile(r"^[BMD]\d{3}$")
_LOOKALIKE = str.maketrans({"В": "B", "М": "M", "Д": "D"})  # Cyrillic letters printed for the Latin ones
_CODE_AND_NAME = regex.compile(r"^(?P<code>[BMDВМД]\s?\d{2,4})\s*[-–—.:]?\s*(?P<name>.*)$", regex.S)
FIELD = regex.compile(r"^(?P<code>[5-8][BMDВМД]\d{2,6})\.?\s*[-–—]?\s*(?P<name>\D.*)$")
LEVELS = {"B": "bachelor", "M": "master", "D": "doctoral"}
_LEVEL_WORDS = (
    ("bachelor", regex.compile(r"бакалавр", regex.I)),
    ("master", regex.compile(r"магистр", regex.I)),
    ("doctoral", regex.compile(r"доктор", regex.I)),
)
_TABLE_TOTAL = regex.compile(r"(?<!\p{L})(?:жиыны|жалпы|барлық\s+деңгей|итого\s+по\s+всем|общ|всего\s+по\s+всем)", regex.I)

_PROGRAMME = r"бағдарламалар\p{L}*\s+тоб|білім\s+беру\s+бағдарлама|групп\p{L}*\s+образовательн|образовательн\p{L}*\s+программ"
_NAME = r"атау|наименован"
_CODE = r"(?<!\p{L})код"
LABEL_RULES: dict[str, Rule] = {
    "row_no": row_no_rule,
    "programme_code": words(_CODE, _PROGRAMME, none=(_NAME,)),
    "programme_name": words(_PROGRAMME, _NAME, none=(_CODE,)),
    "programme_group": words(_PROGRAMME),
    "organisation": words(r"жоғары\s+оқу\s+орн|университет|вуз|организаци\p{L}*\s+(?:высшего|образов)|"
                          r"білім\s+беру\s+ұйым"),
}
_GRANT_WORDS = r"грант|тапсырыс|заказ|орын|мест|көлем|объ[её]м|саны|количеств"
_SPLIT_WORDS = r"тілінде|язык|оқу\s+нысан|форм\p{L}*\s+обучени|күндізгі|сырттай|кешкі|очн|заочн|вечерн|барлығы|всего"
_grant_words = words(_GRANT_WORDS, none=(_PROGRAMME, _NAME, _CODE))
_split_words = words(_SPLIT_WORDS, none=(_PROGRAMME, _NAME, _CODE, r"№"))
MEASURE_RULES: dict[str, Rule] = {
    # a grant column's header names grants or places, or only the split under a spanning title
    "grants": lambda path, last: _grant_words(path, last) or _split_words(path, last),
}
CODE_ROLES = ("programme_code", "programme_group")
DIMS = ("language", "study_form")


def level_named(text: str) -> str | None:
    """"Магистратура (ғылыми-педагогикалық бағыт)" -> "master"."""
    return next((level for level, pattern in _LEVEL_WORDS if pattern.search(text)), None)


def code_and_name(text: str) -> tuple[str, str]:
    """"B001 Педагогика және психология" -> ("B001", "Педагогика және психология")."""
    m = _CODE_AND_NAME.match(text.strip())
    return (m.group("code").replace(" ", ""), m.group("name").strip()) if m else ("", text.strip())


def code_flags(code: str) -> list[str]:
    """Why a printed programme-group code is irregular (empty: a valid B/M/D code)."""
    if not code:
        return ["code_missing"]
    if PROGRAMME_CODE.match(code):
        return []
    if PROGRAMME_CODE.match(code.translate(_LOOKALIKE)):
        return ["programme_code_cyrillic"]
    return ["programme_code_irregular"]


class _Reader:
    def __init__(self, grid: TableGrid, ctx: TableContext, judge: WrapJudge, layout: Layout) -> None:
        self.grid, self.ctx, self.judge, self.layout = grid, ctx, judge, layout
        self.grants = [v for v in layout.values if v.measure == "grants"]
        self.totals = TotalsKeeper(ctx, grid, self.grants, middle_kind="level_subtotal")
        self.result = FamilyResult(DATASET, {DATASET: []})
        self.level: str | None = None
        self.field: tuple[str | None, str | None] = (None, None)
        self.organisation: str | None = None
        self.section: dict[str, str] = {}  # a row naming a split ("Сырттай оқу нысаны", "На русском языке")
        self.last_item: list[dict[str, object]] = []

    def read(self) -> FamilyResult:
        name_role = "programme_name" if "programme_name" in self.layout.roles else "programme_group"
        for row in classify_rows(self.grid, self.judge, self.layout.roles, self.layout.values, CODE_ROLES, name_role):
            if row.kind == "total":
                self._total(row)
            elif row.kind == "group" or (row.kind == "item" and not row.values and not row.texts.get("row_no")
                                         and (FIELD.match(row.label) or level_named(row.label))):  # fmt: skip
                self._group(row)  # a field or level row printed in the code-and-name column only
            elif row.kind == "continuation" and self.last_item:
                for rec in self.last_item:
                    continue_name(rec, "programme_name", row.label, row.pages[1],
                                  lambda a, b: join_wrapped_lines([a, b], self.judge))  # fmt: skip
            else:
                self._item(row)
        self.result.totals.extend(self.totals.checks)
        return self.result

    def _total(self, row: OrderRow) -> None:
        """A total naming a level closes the level; one naming a field code, the field; the
        words of a table total, the table; else the shared rules decide."""
        if FIELD.match(row.label) or (self.field[0] and self.field[0] in row.label):
            self.totals.close(row, "group")
        elif level_named(row.label):
            self.totals.close(row, "organisation")
        elif _TABLE_TOTAL.search(row.label):
            self.totals.close(row, "table")
        else:
            self.totals.close(row)

    def _group(self, row: OrderRow) -> None:
        field, level = FIELD.match(row.label), level_named(row.label)
        section = section_dims(row.label, DIMS)
        if field:
            self.field = (field.group("code"), field.group("name").strip())
            self.totals.open_group(self.field[1] or "", self.field[0])
        elif level:
            self.level, self.field, self.section = level, (None, None), section
            self.totals.middle_kind = "level_subtotal"
            self.totals.open_organisation(row.label)
        elif section:
            self.section = section
        else:  # a university
            self.organisation, self.level, self.field, self.section = row.label, None, (None, None), {}
            self.totals.middle_kind = "organisation_subtotal"
            self.totals.open_organisation(row.label)

    def _names(self, row: OrderRow, flags: list[str]) -> tuple[str, str, str | None]:
        t = row.texts
        code, name = t.get("programme_code", "").replace(" ", ""), t.get("programme_name", "")
        if t.get("programme_group") and not code:
            code, name = code_and_name(t["programme_group"])
        flags.extend(code_flags(code))
        level = LEVELS.get(code.translate(_LOOKALIKE)[:1]) if code else None
        field_code = self.field[0]
        field_level = LEVELS.get(field_code.translate(_LOOKALIKE)[1:2]) if field_code else None
        if level and any(x and x != level for x in (self.level, field_level)):
            flags.append("level_mismatch")
        return code, name, level or field_level or self.level

    def _item(self, row: OrderRow) -> None:
        flags: list[str] = []
        row_no = parse_int(row.texts.get("row_no", "").rstrip(". "))
        if row_no.value is None and row.texts.get("row_no"):
            flags.append("row_no_unparsed")
        code, name, level = self._names(row, flags)
        base = {
            **row_provenance(self.ctx, row.pages),
            "row": row.row,
            "academic_year": self.ctx.academic_year,
            "organisation": row.texts.get("organisation") or self.organisation,
            "level": level,
            "field_code": self.field[0],
            "field_name": self.field[1],
            "row_no": int(row_no.value) if row_no.value is not None else None,
            "programme_code": code,
            "programme_name": name,
        }
        parsed: dict[int, ParsedNumber] = {}
        self.last_item = []
        for vc in self.grants:
            raw = row.values.get(vc.col, "")
            grants = parse_int(raw)
            parsed[vc.col] = grants
            if grants.is_none and not raw:
                continue
            row_flags = list(flags)
            if grants.value is None and not grants.is_none:
                row_flags.append("grants_unparsed")
            elif grants.value is not None:
                self.totals.add(vc.col, int(grants.value))
            dims = {d: self.section.get(d, vc.dim(d)) if vc.dim(d) == ALL else vc.dim(d) for d in DIMS}
            rec = {**base, **dims, "grants": int(grants.value) if grants.value is not None else None,
                   "grants_raw": grants.raw, "flags": flags_text(row_flags)}  # fmt: skip
            self.result.datasets[DATASET].append(rec)
            self.last_item.append(rec)
        if not self.last_item:  # a programme row printing no grants at all is kept, flagged
            rec = {**base, **{d: self.section.get(d, ALL) for d in DIMS}, "grants": None, "grants_raw": "",
                   "flags": flags_text([*flags, "grants_missing"])}  # fmt: skip
            self.result.datasets[DATASET].append(rec)
            self.last_item.append(rec)
        self.result.totals.extend(split_checks(self.ctx, row, split_parts(self.grants), parsed, name or row.label))


def grid_to_higher_education(grid: TableGrid, ctx: TableContext, judge: WrapJudge) -> FamilyResult:
    return _Reader(grid, ctx, judge, FAMILY.layout(header_paths(grid, judge))).read()


FAMILY = Family(
    name=DATASET,
    datasets=(DATASET,),
    label_rules=LABEL_RULES,
    measure_rules=MEASURE_RULES,
    required=("grants",),
    one_of=CODE_ROLES,
    parse=grid_to_higher_education,
    hint=r"жоғары\s+(?:және\s+жоғары\s+оқу\s+орнынан\s+кейінгі\s+)?білім|высш\p{L}*\s+(?:и\s+послевузовск\p{L}*\s+)?"
         r"образован|послевузовск|білім\s+беру\s+бағдарламалар\p{L}*\s+тоб|групп\p{L}*\s+образовательн|грант",
)
