"""Declarations -> a Frictionless Data Package descriptor (datapackage.json) for the CSV files."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from schemas.declarations import SCHEMA_VERSION, Col, Dataset

PACKAGE_NAME = "adilet-tables"
PACKAGE_TITLE = "Tables of Kazakh legal acts (Adilet), extracted and validated"
PACKAGE_DESCRIPTION = (
    "Tables printed in Kazakh legal acts published on Adilet (adilet.zan.kz), read from the PDFs by "
    "adilet-tables: every cell with its provenance (file, SHA-256, page, table), typed rows of state "
    "educational orders, printed totals checked against their rows. Values that could not be parsed are "
    "kept as printed and flagged."
)
RESOURCE_TITLES = {
    "tvet_state_order": "TVET state educational order: places",
    "tvet_state_order_costs": "TVET state educational order: cost per student",
    "additional_education_order": "Additional education of children: state order",
    "preschool_state_order": "Preschool state educational order and parents' fee",
    "higher_education_order": "Higher and postgraduate state educational order: grants",
    "totals": "Printed totals checked against their rows",
    "documents": "Input documents and their status",
    "tables": "Every cell of every table",
    "appendices": "Appendices of the acts",
    "crosscheck": "Kazakh and Russian versions checked against each other",
}
# documents columns -> the keys of a package source describing one input act
ACT_SOURCE_FIELDS = ("act_type", "act_authority", "act_number", "act_date", "act_reg_number", "act_reg_date",
                     "act_language", "source_sha256")  # fmt: skip

FRICTIONLESS_TYPES = {"string": "string", "int": "integer", "float": "number", "bool": "boolean", "date": "date"}


def _field(col: Col) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": col.name,
        "type": FRICTIONLESS_TYPES[col.type],
        "title": col.title_kk or col.name,
        "description": col.description,
        "title_kk": col.title_kk,
        "title_ru": col.title_ru,
    }
    if col.unit:
        field["unit"] = col.unit
    if col.type == "bool":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.pattern and col.type == "string":
        constraints["pattern"] = col.pattern.removeprefix("^").removesuffix("$")
    if col.ge is not None:
        constraints["minimum"] = int(col.ge) if col.type == "int" else col.ge
    if col.le is not None:
        constraints["maximum"] = int(col.le) if col.type == "int" else col.le
    if col.isin is not None:
        constraints["enum"] = list(col.isin)
    if constraints:
        field["constraints"] = constraints
    return field


def dataset_to_resource(ds: Dataset) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in ds.columns], "missingValues": [""]}
    if ds.key:
        schema["primaryKey"] = list(ds.key)
    if ds.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
            for fk in ds.foreign_keys
        ]
    return {
        "name": ds.name,
        "title": RESOURCE_TITLES.get(ds.name, ds.name),
        "path": f"{ds.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": ds.description,
        "schema": schema,
    }


def act_sources(documents: Sequence[Mapping[str, object]]) -> list[dict[str, Any]]:
    """One package source per input document that was read: the act's title (or the file name),
    the file as ``path`` and the act's number, dates and registration as found in it."""
    sources = []
    for doc in documents:
        if doc.get("status") not in ("ok", "no_tables", "partial"):
            continue
        source: dict[str, Any] = {"title": str(doc.get("act_title") or doc["source_file"]),
                                  "path": str(doc["source_file"])}  # fmt: skip
        source.update({k: str(doc[k]) for k in ACT_SOURCE_FIELDS if doc.get(k) not in (None, "")})
        sources.append(source)
    return sources


def datasets_to_package(
    datasets: list[Dataset],
    publisher: Mapping[str, Any] | None = None,
    run: Mapping[str, str] | None = None,
    documents: Sequence[Mapping[str, object]] = (),
) -> dict[str, Any]:
    """The descriptor: the declarations' schemas, the publisher's metadata (datapackage.yaml) over
    our defaults, the input acts appended to the publisher's ``sources``, and the run (``created``,
    tool version, run id) when given."""
    publisher = dict(publisher or {})
    overrides = publisher.pop("resources", {})
    resources = [dataset_to_resource(d) for d in datasets]
    for res in resources:
        res.update(overrides.get(res["name"], {}))
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "version": SCHEMA_VERSION,
    }
    sources = list(publisher.pop("sources", [])) + act_sources(documents)
    package.update(publisher)
    if sources:
        package["sources"] = sources
    if run:
        package["created"] = run["run_time"]
        package["adilet"] = {k: run[k] for k in ("run_id", "tool_version", "git_commit", "schema_version") if k in run}
    package["resources"] = resources
    return package
