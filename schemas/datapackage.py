"""Declarations -> a Frictionless Data Package descriptor (datapackage.json) for the CSV files."""

from __future__ import annotations

from typing import Any

from schemas.declarations import SCHEMA_VERSION, Col, Dataset

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
        "name": ds.name.replace("_", "-"),
        "path": f"{ds.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": ds.description,
        "schema": schema,
    }


def datasets_to_package(datasets: list[Dataset]) -> dict[str, Any]:
    resources = [dataset_to_resource(d) for d in datasets]
    names = {d.name: d.name.replace("_", "-") for d in datasets}
    for res in resources:
        for fk in res["schema"].get("foreignKeys", []):
            fk["reference"]["resource"] = names[fk["reference"]["resource"]]
    return {
        "profile": "tabular-data-package",
        "name": "adilet-tables",
        "title": "Tables of Kazakh legal acts (Adilet), extracted and validated",
        "version": SCHEMA_VERSION,
        "resources": resources,
    }
