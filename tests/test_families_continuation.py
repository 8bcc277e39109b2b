"""A row that holds only the rest of the name above (lower case, nothing else filled) joins that
row's name, flagged ``name_continued``; a capitalised section row stays a row (regression: such
tails became specialty rows without number, code or places, or, in an additional-education
order, a direction that took over the rows below)."""

from __future__ import annotations

from collections import Counter

from extract.families.additional_education import grid_to_additional_education
from extract.families.records import TableContext
from extract.families.tvet import grid_to_tvet
from normalize.lexicon import load_lexicon
from normalize.text import WrapJudge
from tests.test_stitch import _grid, _rows

CTX = TableContext("t.pdf", "0" * 64, 1, None, None, None)
TVET_XS = (40.0, 70.0, 150.0, 330.0, 400.0, 470.0, 540.0)
TVET_HEADER = ["№", "Мамандық коды", "Мамандық атауы", "Орын саны", "қала", "ауыл"]


def test_tvet_name_tail_joins_the_row_above() -> None:
    grid = _grid(1, _rows(100, [TVET_HEADER,
                                ["1", "07110100", "Технологиялық процесстерді", "25", "465 161", "552 703"],
                                ["", "", "автоматтандыру және басқару", "", "", ""],
                                ["2", "07110200", "Дизайн", "20", "400 000", "410 000"]], TVET_XS))  # fmt: skip
    rows = grid_to_tvet(grid, CTX, WrapJudge(load_lexicon(), Counter())).datasets["tvet_state_order"]
    assert [r["row_no"] for r in rows] == [1, 2]
    assert rows[0]["specialty_name"] == "Технологиялық процесстерді автоматтандыру және басқару"
    assert "name_continued" in str(rows[0]["flags"]) and "name_continued" not in str(rows[1]["flags"])


def test_tvet_capitalised_row_without_values_is_not_a_name_tail() -> None:
    """A section row is a row of its own: here it names a form of study, which the rows under
    it take (it is no specialty, so it gives no typed row)."""
    grid = _grid(1, _rows(100, [TVET_HEADER,
                                ["1", "07110100", "Дизайн", "25", "465 161", "552 703"],
                                ["", "", "Кешкі оқу нысаны", "", "", ""],
                                ["2", "07110200", "Сән", "15", "465 161", "552 703"]], TVET_XS))  # fmt: skip
    rows = grid_to_tvet(grid, CTX, WrapJudge(load_lexicon(), Counter())).datasets["tvet_state_order"]
    assert [r["specialty_name"] for r in rows] == ["Дизайн", "Сән"]
    assert [r["study_form"] for r in rows] == ["all", "evening"] and "name_continued" not in str(rows[0]["flags"])


AE_XS = (40.0, 70.0, 300.0, 360.0, 450.0, 540.0)
AE_HEADER = ["р/н", "Үйірмелер атауы", "Орын саны", "Бір балаға айына шығыстар", "ерекше білім беру қажеттіліктері бар бір балаға"]


def test_additional_education_name_tail_is_not_a_direction() -> None:
    grid = _grid(1, _rows(100, [AE_HEADER,
                                ["", "Көркемдік - эстетикалық", "605", "", ""],
                                ["1", "қыш бұйымдары ісі, керамика,", "190", "20 137", "30 205"],
                                ["", "керамикалық мүсін", "", "", ""],
                                ["2", "оригами", "415", "20 137", "30 205"]], AE_XS))  # fmt: skip
    result = grid_to_additional_education(grid, CTX, WrapJudge(load_lexicon(), Counter()))
    rows = result.datasets["additional_education_order"]
    assert [r["circle_name"] for r in rows] == ["қыш бұйымдары ісі, керамика, керамикалық мүсін", "оригами"]
    assert {r["direction"] for r in rows} == {"Көркемдік - эстетикалық"}
    [subtotal] = [t for t in result.totals if t.kind == "direction_subtotal"]
    assert subtotal.agrees is True
