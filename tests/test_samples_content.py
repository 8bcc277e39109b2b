"""Extracted sample datasets vs. samples/content/*.json: the seed content the PDFs were rendered
from, transcribed from the seed text and checked against it by samples/check_content.py.

This truth is independent of the extractor: it is what was drawn, not what was read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from normalize.numbers import normalize_spaces
from tests.conftest import SAMPLES, read_csv

TVET_JSON = SAMPLES / "content" / "001_tvet_state_order.json"
AE_JSON = SAMPLES / "content" / "000_additional_education.json"


def _pdfs(prefix: str) -> list[Path]:
    return sorted(SAMPLES.glob(f"{prefix}*.pdf"))


def _tvet_expected() -> list[dict[str, str]]:
    content = json.loads(TVET_JSON.read_text(encoding="utf-8"))
    rows = []
    for app in content["appendices"]:
        group = ("", "")
        for r in app["rows"]:
            if r["kind"] == "group":
                code, name = r["text"].split(" ", 1)
                group = (code, name)
            elif r["kind"] == "item":
                rows.append({
                    "appendix": str(app["number"]), "group_code": group[0], "group_name": group[1],
                    "row_no": r["row_no"], "specialty_code": r["code"], "specialty_name": r["name"],
                    "places": r["places"], "cost_city": normalize_spaces(r["cost_city"]),
                    "cost_rural": normalize_spaces(r["cost_rural"]),
                })  # fmt: skip
    return rows


@pytest.mark.parametrize("pdf", _pdfs("001_"), ids=lambda p: p.stem)
def test_tvet_rows_match_the_seed_content(samples_out: Path, pdf: Path) -> None:
    got = read_csv(samples_out / "tvet_state_order.csv")
    got = got[got["source_file"] == pdf.name].reset_index(drop=True)
    costs = read_csv(samples_out / "tvet_state_order_costs.csv")
    costs = costs[(costs["source_file"] == pdf.name) & (costs["variant"] == "1")]
    for setting in ("city", "rural"):  # the whole printed cell, from the long-form costs
        cells = costs[costs["setting"] == setting].set_index(["table_index", "row"])["cost_cell_raw"]
        got[f"cost_{setting}"] = [cells.get((t, r), "") for t, r in zip(got["table_index"], got["row"], strict=True)]
    assert set(got["study_form"]) == {"full_time"} and set(got["language"]) == {"all"}
    expected = pd.DataFrame(_tvet_expected())
    assert len(got) == len(expected)
    cols = list(expected.columns)
    mismatches = [
        (e["appendix"], e["row_no"], c, e[c], g[c])
        for (_, e), (_, g) in zip(expected.iterrows(), got[cols].iterrows(), strict=True)
        for c in cols
        if e[c] != g[c]
    ]
    assert mismatches == []


@pytest.mark.parametrize("pdf", _pdfs("001_"), ids=lambda p: p.stem)
def test_tvet_appendix_metadata(samples_out: Path, pdf: Path) -> None:
    content = json.loads(TVET_JSON.read_text(encoding="utf-8"))
    got = read_csv(samples_out / "tvet_state_order.csv")
    got = got[got["source_file"] == pdf.name]
    assert set(got["act_authority"]) == {"Қарағанды облысының әкімдігі"}
    assert set(got["act_date"]) == {"2025-08-06"} and set(got["act_number"]) == {"43/19"}
    assert set(got["academic_year"]) == {"2025-2026"}
    for app in content["appendices"]:
        part = got[got["appendix"] == str(app["number"])]
        sub = app.get("subtitle") or ""
        expected = sub[1:-1] if sub.startswith("(") and sub.endswith(")") else sub
        assert set(part["training_track"]) == {expected}


@pytest.mark.parametrize("pdf", _pdfs("000_"), ids=lambda p: p.stem)
def test_additional_education_rows_match_the_seed_content(samples_out: Path, pdf: Path) -> None:
    content = json.loads(AE_JSON.read_text(encoding="utf-8"))
    expected = []
    direction = ""
    for r in content["table"]["rows"]:
        if r["kind"] == "direction":
            direction = r["text"]
        elif r["kind"] == "item":
            expected.append((direction, r["row_no"], r["name"], r["places"], r["cost"], r["cost_special_needs"]))
    got = read_csv(samples_out / "additional_education_order.csv")
    got = got[got["source_file"] == pdf.name]
    cols = ["direction", "row_no", "circle_name", "places", "cost_per_child_tenge", "cost_per_sen_child_tenge"]
    assert [tuple(x) for x in got[cols].itertuples(index=False)] == expected
    assert set(got["act_date"]) == {"2024-12-26"} and set(got["act_number"]) == {"72/03"}
