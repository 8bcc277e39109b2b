"""Invariants: parts add up to the printed totals, and where they do not, the source itself
says so (checked against the seed content, independently of the extractor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize.numbers import parse_number
from tests.conftest import SAMPLES, read_csv

TVET = SAMPLES / "content" / "001_tvet_state_order.json"


def _seed_mismatches() -> set[tuple[str, str]]:
    """(appendix, group code) of every subtotal whose rows do not add up, computed from the seed."""
    out = set()
    for app in json.loads(TVET.read_text(encoding="utf-8"))["appendices"]:
        group, places = "", 0
        for r in app["rows"]:
            if r["kind"] == "group":
                group, places = r["text"].split(" ", 1)[0], 0
            elif r["kind"] == "item":
                places += int(parse_number(r["places"]).value or 0)
            elif r["kind"] == "subtotal" and parse_number(r["places"]).value != places:
                out.add((str(app["number"]), group))
    return out


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("001_*.pdf")), ids=lambda p: p.stem)
def test_tvet_mismatches_are_exactly_those_of_the_source(samples_out: Path, pdf: Path) -> None:
    totals = read_csv(samples_out / "totals.csv")
    totals = totals[totals["source_file"] == pdf.name]
    bad = totals[totals["agrees"] == "false"]
    assert {(a, g) for a, g in zip(bad["appendix"], bad["group"], strict=True)} == _seed_mismatches()
    assert len(_seed_mismatches()) == 2  # appendix 2, groups 04 and 07: they cancel in the grand total
    grand = totals[totals["kind"] == "grand_total"]
    assert len(grand) == 3 and set(grand["agrees"]) == {"true"}


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("001_*.pdf")), ids=lambda p: p.stem)
def test_tvet_grand_totals_equal_sum_of_places(samples_out: Path, pdf: Path) -> None:
    rows = read_csv(samples_out / "tvet_state_order.csv")
    rows = rows[rows["source_file"] == pdf.name]
    totals = read_csv(samples_out / "totals.csv")
    grand = totals[(totals["source_file"] == pdf.name) & (totals["kind"] == "grand_total")]
    for _, g in grand.iterrows():
        part = rows[rows["appendix"] == g["appendix"]]
        assert sum(int(x) for x in part["places"]) == float(g["printed"])


@pytest.mark.parametrize("pdf", sorted(SAMPLES.glob("000_*.pdf")), ids=lambda p: p.stem)
def test_additional_education_totals_and_annual_sum(samples_out: Path, pdf: Path) -> None:
    rows = read_csv(samples_out / "additional_education_order.csv")
    rows = rows[rows["source_file"] == pdf.name]
    totals = read_csv(samples_out / "totals.csv")
    totals = totals[totals["source_file"] == pdf.name].set_index("kind", drop=False)
    assert set(totals["agrees"]) == {"true"}
    assert len(totals[totals["kind"] == "direction_subtotal"]) == rows["direction"].nunique()
    annual = totals.loc["annual_sum"]
    assert float(annual["printed"]) == 9 * sum(int(p) * int(c) for p, c in zip(rows["places"], rows["cost_per_child_tenge"], strict=True))
    assert float(totals.loc["grand_total"]["printed"]) == sum(int(p) for p in rows["places"])
