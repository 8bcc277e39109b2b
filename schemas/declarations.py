"""One declaration per dataset: column name, type, required, constraints, description.

Everything else is derived from here: the pandera schema that validates a dataset before it is
written (:mod:`schemas.validate`) and the pyarrow schema of its Parquet file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # string | int | float | bool | date
    required: bool = False  # no nulls allowed
    pattern: str | None = None
    ge: float | None = None
    le: float | None = None
    isin: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


SHA = r"^[0-9a-f]{64}$"
PROVENANCE = (
    Col("source_file", "string", True, description="PDF file name (basename)"),
    Col("source_sha256", "string", True, SHA, description="SHA-256 of the PDF file"),
    Col("page_first", "int", True, ge=1, description="first page (1-based) holding the row"),
    Col("page_last", "int", True, ge=1, description="last page holding the row (a row split by a page break)"),
    Col("table_index", "int", True, ge=1, description="table number within the document (1-based)"),
)
ACT = (
    Col("act_authority", "string", description="issuing authority, nominative"),
    Col("act_date", "date", description="date of the act (ISO)"),
    Col("act_number", "string", description='act number as printed, e.g. "43/19"'),
)
FLAGS = Col("flags", "string", description="';'-separated flags for values kept as printed but irregular")

TVET = Dataset(
    "tvet_state_order",
    "State educational order for TVET: one row per specialty row of an appendix table.",
    PROVENANCE + ACT + (
        Col("appendix", "int", ge=1, description="appendix number"),
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='e.g. "2025-2026"'),
        Col("training_track", "string", description="the appendix subtitle (training track)"),
        Col("group_code", "string", pattern=r"^\d{2,4}$", description='specialty group code, e.g. "02", "101"'),
        Col("group_name", "string", description="specialty group name"),
        Col("row_no", "int", ge=1, description="row number as printed"),
        Col("specialty_code", "string", True, pattern=r"^\d{6,9}$", description="code as printed (string)"),
        Col("specialty_name", "string", True, description="specialty name as printed, repaired"),
        Col("places", "int", ge=0, description="number of funded places"),
        Col("places_raw", "string", description="places as printed"),
        Col("cost_city_tenge", "int", ge=0, description="cost per student per year, city (first value if compound)"),
        Col("cost_rural_tenge", "int", ge=0, description="cost per student per year, rural (first value if compound)"),
        Col("cost_city_raw", "string", description="city cost as printed, spaces normalised"),
        Col("cost_rural_raw", "string", description="rural cost as printed, spaces normalised"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row_no"),
)
TVET_COSTS = Dataset(
    "tvet_state_order_costs",
    "Every value of every TVET cost cell (compound costs give several variants).",
    (
        Col("source_file", "string", True),
        Col("table_index", "int", True, ge=1),
        Col("appendix", "int", ge=1),
        Col("row_no", "int", ge=1),
        Col("specialty_code", "string", True),
        Col("setting", "string", True, isin=("city", "rural")),
        Col("variant", "int", True, ge=1, description="1-based position inside a compound cost"),
        Col("cost_tenge", "int", ge=0),
        Col("cost_raw", "string", True),
    ),
    key=("source_file", "table_index", "row_no", "setting", "variant"),
)
ADDITIONAL = Dataset(
    "additional_education_order",
    "State order for additional education of children: one row per circle (hobby group).",
    PROVENANCE + ACT + (
        Col("direction", "string", description="direction (group of circles)"),
        Col("row_no", "int", ge=1),
        Col("circle_name", "string", True),
        Col("places", "int", ge=0),
        Col("cost_per_child_tenge", "int", ge=0, description="monthly cost per child, tenge"),
        Col("cost_per_sen_child_tenge", "int", ge=0, description="monthly cost per child with special needs"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "direction", "row_no"),
)
TOTALS = Dataset(
    "totals",
    "Every printed subtotal and total, the sum computed from the rows, and whether they agree.",
    (
        Col("source_file", "string", True),
        Col("table_index", "int", True, ge=1),
        Col("appendix", "int", ge=1),
        Col("page", "int", True, ge=1),
        Col("kind", "string", True, isin=("group_subtotal", "grand_total", "direction_subtotal", "annual_sum")),
        Col("group", "string"),
        Col("label", "string"),
        Col("measure", "string", True),
        Col("printed_raw", "string"),
        Col("printed", "float"),
        Col("computed", "float"),
        Col("agrees", "bool"),
        Col("rows_summed", "int", True, ge=0),
    ),
)
DOCUMENTS = Dataset(
    "documents",
    "One row per input file: its status and what came out of it.",
    (
        Col("source_file", "string", True),
        Col("source_sha256", "string", pattern=SHA),
        Col("pages", "int", ge=0),
        Col("status", "string", True),
        Col("error", "string"),
        Col("tables", "int", ge=0),
        Col("rows", "int", ge=0),
        Col("act_type", "string"),
        Col("act_authority", "string"),
        Col("act_date", "date"),
        Col("act_number", "string"),
        Col("families", "string", description="';'-separated document families found"),
        Col("text_repair", "string", isin=("clean", "displaced", "kz1048", "legacy_codepoints"),
            description="what the document-level detector found wrong with the Kazakh letters"),
        Col("glyph_lines_repaired", "int", ge=0, description="text lines whose Kazakh letters were repaired"),
    ),
)

TABLES = Dataset(
    "tables",
    "Every cell of every table found, long form, with its header path, text and box.",
    (
        Col("source_file", "string", True),
        Col("source_sha256", "string", True, SHA),
        Col("table_index", "int", True, ge=1, description="table number within the document (1-based)"),
        Col("page", "int", True, ge=1, description="page of the cell (first page when a split row was merged)"),
        Col("row", "int", True, ge=0, description="0-based grid row (header rows first)"),
        Col("col", "int", True, ge=0, description="0-based grid column"),
        Col("rowspan", "int", True, ge=1),
        Col("colspan", "int", True, ge=1),
        Col("is_header", "bool", True),
        Col("header_path", "string", description="header texts over the column, ' / '-separated"),
        Col("text", "string", description="cell text, repaired"),
        Col("text_raw", "string", description="cell lines as extracted, newline-separated"),
        Col("x0", "float", True),
        Col("top", "float", True),
        Col("x1", "float", True),
        Col("bottom", "float", True),
        Col("backend", "string", True, description="extractor that found the table"),
    ),
    key=("source_file", "table_index", "row", "col"),
)

DATASETS: dict[str, Dataset] = {d.name: d for d in (TVET, TVET_COSTS, ADDITIONAL, TOTALS, DOCUMENTS, TABLES)}
