"""Order samples of other layouts, families and languages (samples/content/orders/, issue 19):
typed long-form rows equal the transcription, printed totals reconcile, and a layout no family
knows gives generic tables and a note, never typed rows.

The expected rows come from the content JSON alone: its ``columns`` say what each column means
as the transcriber read it (a role, or a measure and its split), independently of the header
rules the extractor uses.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SAMPLES, read_csv

sys.path.insert(0, str(SAMPLES))
from order_content import expected_items, expected_totals, order_contents  # noqa: E402

CONTENTS = order_contents()
DIMS = ("language", "study_form", "setting", "age_group", "day_mode")
TYPED = ("tvet_state_order", "tvet_state_order_costs", "preschool_state_order", "additional_education_order",
         "higher_education_order")
LEVEL_OF_LETTER = {"B": "bachelor", "M": "master", "D": "doctoral"}


def _of(frame: pd.DataFrame, doc: dict) -> pd.DataFrame:
    return frame[frame["source_file"] == f"{doc['pdf']}.pdf"].reset_index(drop=True)


def _docs(family: str | None) -> list[dict]:
    return [d for d in CONTENTS if d["family"] == family]


def _dims(column: dict, section: dict, wanted: tuple[str, ...]) -> dict[str, str]:
    return {d: column.get(d) or section.get(d) or "all" for d in wanted}


def _none_if_dash(text: str) -> str:
    return "" if text in ("-", "–", "—") else text.replace(" ", "")


def _split(text: str, sep: str | None) -> tuple[str, str]:
    if sep and sep in text:
        code, name = text.split(sep, 1)
        return code, name
    return "", text


def test_every_order_sample_is_rendered() -> None:
    assert len(CONTENTS) >= 10
    for doc in CONTENTS:
        assert (SAMPLES / f"{doc['pdf']}.pdf").exists(), doc["pdf"]
    assert {d["language"] for d in CONTENTS} == {"kk", "ru"}


def _tvet_expected(doc: dict) -> tuple[list[dict], list[dict]]:
    places, costs = [], []
    roles = {c["role"]: c for c in doc["columns"] if "role" in c}
    for item in expected_items(doc):
        labels = item["labels"]
        s_code, s_name = labels.get("specialty_code", ""), labels.get("specialty_name", "")
        q_code, q_name = labels.get("qualification_code", ""), labels.get("qualification_name", "")
        if "specialty" in labels:
            s_code, s_name = _split(labels["specialty"], roles["specialty"].get("split"))
        if "qualification" in labels:
            q_code, q_name = _split(labels["qualification"], roles["qualification"].get("split"))
        group = item["group"] or ""
        code, _, name = group.partition(" ")
        grouped = code.isdigit()
        base = {"row_no": labels["row_no"], "specialty_code": s_code, "specialty_name": s_name,
                "qualification_code": q_code, "qualification_name": q_name,
                "group_code": code if grouped else "", "group_name": name if grouped else "",
                "organisation": "" if grouped else group}  # fmt: skip
        for column, text in item["values"]:
            dims = _dims(column, item["section"], ("language", "study_form", "setting"))
            if column["measure"] == "places":
                places.append({**base, **dims, "places": _none_if_dash(text), "places_raw": text})
            else:
                for variant, value in enumerate(text.split("/"), start=1):
                    costs.append({"row_no": labels["row_no"], "specialty_code": s_code, **dims,
                                  "variant": str(variant), "cost_raw": value.strip()})  # fmt: skip
    return places, costs


def _compare(got: pd.DataFrame, expected: list[dict]) -> list[tuple]:
    assert len(got) == len(expected), f"{len(got)} rows, the transcription has {len(expected)}"
    cols = list(expected[0])
    return [(i, c, e[c], g[c]) for i, (e, (_, g)) in enumerate(zip(expected, got[cols].iterrows(), strict=True))
            for c in cols if e[c] != g[c]]  # fmt: skip


@pytest.mark.parametrize("doc", _docs("tvet_state_order"), ids=lambda d: d["pdf"])
def test_tvet_rows_equal_the_transcription(samples_out: Path, doc: dict) -> None:
    places, costs = _tvet_expected(doc)
    assert _compare(_of(read_csv(samples_out / "tvet_state_order.csv"), doc), places) == []
    assert _compare(_of(read_csv(samples_out / "tvet_state_order_costs.csv"), doc), costs) == []


@pytest.mark.parametrize("doc", _docs("preschool_state_order"), ids=lambda d: d["pdf"])
def test_preschool_rows_equal_the_transcription(samples_out: Path, doc: dict) -> None:
    expected: list[dict] = []
    names = {"children": "children", "cost_per_child": "cost_per_child_tenge", "parent_fee": "parent_fee_tenge"}
    for item in expected_items(doc):
        by_split: dict[tuple[str, ...], dict] = {}
        for column, text in item["values"]:
            dims = _dims(column, item["section"], ("age_group", "day_mode", "setting", "language"))
            rec = by_split.setdefault(tuple(dims.values()), {
                "group_name": item["group"] or "", "row_no": item["labels"]["row_no"], "name": item["labels"]["name"], **dims,
                **dict.fromkeys(names.values(), "")})  # a measure this split does not print: null
            rec[names[column["measure"]]] = _none_if_dash(text)
        expected.extend(by_split.values())
    assert _compare(_of(read_csv(samples_out / "preschool_state_order.csv"), doc), expected) == []


@pytest.mark.parametrize("doc", _docs("additional_education_order"), ids=lambda d: d["pdf"])
def test_additional_education_rows_equal_the_transcription(samples_out: Path, doc: dict) -> None:
    out = {"places": "places", "cost_per_child": "cost_per_child_tenge", "cost_per_sen_child": "cost_per_sen_child_tenge"}
    expected = [{"direction": item["group"], "row_no": item["labels"]["row_no"],
                 "circle_name": item["labels"]["circle_name"], **dict.fromkeys(out.values(), ""),
                 **{out[c["measure"]]: _none_if_dash(t) for c, t in item["values"]}, "flags": ""}
                for item in expected_items(doc)]  # fmt: skip  (a column the layout does not print: null)
    assert _compare(_of(read_csv(samples_out / "additional_education_order.csv"), doc), expected) == []


def _higher_expected(doc: dict) -> list[dict]:
    """One row per programme row and printed grants value, with the level, field and university
    the transcriber marked on the group rows above it."""
    roles = [c.get("role") for c in doc["columns"]]
    out: list[dict] = []
    level = field_code = field_name = organisation = ""
    for row in doc["rows"]:
        kind, texts = row[0], [t for t in row[1:] if isinstance(t, str)]
        mark = next((x for x in row[1:] if isinstance(x, dict)), {})
        if kind == "group" and "level" in mark:
            level, field_code, field_name, organisation = mark["level"], "", "", ""
        elif kind == "group" and "field_code" in mark:
            field_code, field_name = mark["field_code"], texts[0][len(mark["field_code"]):].strip()
        elif kind == "group" and mark.get("organisation"):
            organisation, level, field_code, field_name = texts[0], "", "", ""
        elif kind == "item":
            labels = dict(zip(roles, texts, strict=True))
            code, name = labels.get("programme_code", ""), labels.get("programme_name", "")
            if "programme_group" in labels:
                code, name = _split(labels["programme_group"], doc["columns"][roles.index("programme_group")]["split"])
            base = {"row_no": labels["row_no"], "programme_code": code, "programme_name": name,
                    "level": LEVEL_OF_LETTER.get(code[:1], level), "field_code": field_code, "field_name": field_name,
                    "organisation": organisation}  # fmt: skip
            for column, text in zip(doc["columns"], texts, strict=True):
                if column.get("measure") == "grants":
                    out.append({**base, **_dims(column, {}, ("language", "study_form")),
                                "grants": _none_if_dash(text), "grants_raw": text, "flags": ""})
    return out


@pytest.mark.parametrize("doc", _docs("higher_education_order"), ids=lambda d: d["pdf"])
def test_higher_education_rows_equal_the_transcription(samples_out: Path, doc: dict) -> None:
    assert _compare(_of(read_csv(samples_out / "higher_education_order.csv"), doc), _higher_expected(doc)) == []


def test_every_family_has_kazakh_and_russian_samples() -> None:
    from extract.families.registry import FAMILIES

    for family in FAMILIES:
        assert {d["language"] for d in _docs(family.name)} == {"kk", "ru"}, family.name


@pytest.mark.parametrize("doc", [d for d in CONTENTS if d["family"]], ids=lambda d: d["pdf"])
def test_printed_totals_reconcile(samples_out: Path, doc: dict) -> None:
    """Every printed total of places or children is checked and agrees with its rows; only the
    sample with a number changed on purpose disagrees, and exactly where the change falls."""
    totals = _of(read_csv(samples_out / "totals.csv"), doc)
    levels = totals[totals["kind"] != "split_total"]
    if doc["family"] != "additional_education_order":
        printed = sorted(t.replace(" ", "") for _, t in expected_totals(doc))
        assert sorted(levels["printed_raw"].str.replace(" ", "")) == printed
    changed = doc.get("changed_on_purpose")
    if changed is None:
        assert set(totals["agrees"]) == {"true"}
    else:  # the direction holding the changed row, the grand total and the annual sum
        bad = totals[totals["agrees"] == "false"]
        assert set(bad["kind"]) == {"direction_subtotal", "grand_total", "annual_sum"}
        assert len(bad) == 3


@pytest.mark.parametrize("doc", _docs(None), ids=lambda d: d["pdf"])
def test_unknown_layout_gives_tables_and_a_note_not_typed_rows(samples_out: Path, doc: dict) -> None:
    for name in TYPED:
        assert _of(read_csv(samples_out / f"{name}.csv"), doc).empty, name
    assert (samples_out / "tables" / doc["pdf"] / "table_01.csv").exists()
    [row] = _of(read_csv(samples_out / "documents.csv"), doc).to_dict("records")
    assert row["families"] == ""
    assert f"closest {doc['closest_family']}" in row["notes"] and "missing places" in row["notes"]
    for header in doc["unmatched_headers"]:
        assert f"'{header}'" in row["notes"]


@pytest.mark.parametrize("doc", [d for d in CONTENTS if d["family"]], ids=lambda d: d["pdf"])
def test_act_metadata_in_both_languages(samples_out: Path, doc: dict) -> None:
    [row] = _of(read_csv(samples_out / "documents.csv"), doc).to_dict("records")
    assert row["act_language"] == doc["language"] and row["families"] == doc["family"]
    number = doc["act"]["act_line"].split("№")[1].split()[0]
    assert row["act_number"] == number and row["act_date"]
    if "оқу жыл" in doc["appendix_title"] or "учебный год" in doc["appendix_title"]:
        rows = _of(read_csv(samples_out / f"{doc['family']}.csv"), doc)
        assert set(rows["academic_year"]) == {"2025-2026"}
