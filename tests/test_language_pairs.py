"""Kazakh and Russian versions of one act: paired, checked number by number (``crosscheck``),
with the twin's text beside each name; a disagreement is reported, never resolved."""

from __future__ import annotations

import sys
from pathlib import Path

from adilet.language_pairs import add_language_pairs, codes_in, numbers_in
from tests.conftest import SAMPLES, read_csv

sys.path.insert(0, str(SAMPLES))
from order_content import order_contents  # noqa: E402

PAIRS = {d["pdf"][:3] for d in order_contents() if d["language"] == "ru"}


def test_every_order_pair_is_paired_and_agrees_but_the_changed_one(samples_out: Path) -> None:
    docs = read_csv(samples_out / "documents.csv").set_index("source_file")
    check = read_csv(samples_out / "crosscheck.csv")
    changed = [d for d in order_contents() if d.get("changed_on_purpose")]
    for prefix in PAIRS:
        kk = next(d for d in order_contents() if d["pdf"].startswith(prefix) and d["language"] == "kk")
        ru = next(d for d in order_contents() if d["pdf"].startswith(prefix) and d["language"] == "ru")
        assert docs.loc[f"{kk['pdf']}.pdf", "twin_source_file"] == f"{ru['pdf']}.pdf"
        assert docs.loc[f"{ru['pdf']}.pdf", "pair_basis"] == "number_date"
        rows = check[check["source_file_kk"] == f"{kk['pdf']}.pdf"]
        assert len(rows) > 0 and set(rows["source_file_ru"]) == {f"{ru['pdf']}.pdf"}
        bad = rows[rows["agrees"] == "false"]
        if ru not in changed:
            assert bad.empty, bad.to_dict("records")
        else:  # exactly the cell changed on purpose, both values and both provenances
            [row] = bad.to_dict("records")
            mark = ru["changed_on_purpose"]
            assert (row["text_kk"], row["text_ru"], row["issue"]) == (mark["kk"], mark["ru"], "value_differs")
            assert row["page_kk"] == row["page_ru"] == "2" and row["row_kk"] == row["row_ru"]
            assert row["source_sha256_kk"] and row["source_sha256_ru"]
    assert set(check["source_file_kk"]) <= {f"{d['pdf']}.pdf" for d in order_contents()}


def test_twin_texts_beside_names_and_cells(samples_out: Path) -> None:
    rows = read_csv(samples_out / "preschool_state_order.csv")
    kk = rows[rows["source_file"] == "103_preschool_kk.pdf"]
    assert list(kk["name_ru"])[:2] == ["Государственные детские сады"] * 2
    assert set(kk["name_kk"]) == set(kk["name"])
    cells = read_csv(samples_out / "tables.csv")
    ru = cells[(cells["source_file"] == "101_tvet_colleges_ru.pdf") & (cells["is_header"] == "false")]
    assert "Семей политехникалық жоғары колледжі" in set(ru["text_other_language"])
    alone = cells[cells["source_file"] == "003_roadmap.pdf"]  # an act without its other version
    assert set(alone["text_other_language"]) == {""}


def _doc(name: str, lang: str, **act: object) -> dict[str, object]:
    return {"source_file": name, "source_sha256": "0" * 64, "status": "ok", "act_language": lang, **act}


def _cells(name: str, rows: list[list[str]]) -> list[dict[str, object]]:
    return [{"source_file": name, "table_index": 1, "row": r, "col": c, "is_header": r == 0, "page": 1,
             "text": t, "header_path": f"h{c}"} for r, row in enumerate(rows) for c, t in enumerate(row)]  # fmt: skip


KK_ROWS = [["Атауы", "Саны", "Құны"], ["Бір", "10", "1 500"], ["Екі", "20", "2 500"], ["Барлығы", "30", ""]]
RU_ROWS = [["Наименование", "Количество", "Стоимость"], ["Один", "10", "1 500"], ["Два", "20", "2 500"],
           ["Всего", "30", ""]]


def test_registration_number_pairs_before_number_and_date() -> None:
    records = {"documents": [_doc("a.pdf", "kk", act_reg_number="23536", act_number="1", act_date="2025-01-01"),
                             _doc("b.pdf", "ru", act_reg_number="99999", act_number="1", act_date="2025-01-01"),
                             _doc("c.pdf", "ru", act_reg_number="23536")],
               "tables": _cells("a.pdf", KK_ROWS) + _cells("b.pdf", RU_ROWS) + _cells("c.pdf", RU_ROWS)}  # fmt: skip
    out = add_language_pairs(records)
    docs = {d["source_file"]: d for d in out["documents"]}
    assert docs["a.pdf"]["twin_source_file"] == "c.pdf" and docs["a.pdf"]["pair_basis"] == "reg_number"
    assert "twin_source_file" not in docs["b.pdf"]


def test_without_act_metadata_tables_whose_numbers_agree_are_paired() -> None:
    records = {"documents": [_doc("a.pdf", "kk"), _doc("b.pdf", "ru")],
               "tables": _cells("a.pdf", KK_ROWS) + _cells("b.pdf", RU_ROWS)}
    out = add_language_pairs(records)
    assert {d["pair_basis"] for d in out["documents"]} == {"table_numbers"}
    assert all(r["agrees"] for r in out["crosscheck"]) and len(out["crosscheck"]) == 5
    twin = {(c["source_file"], c["row"], c["col"]): c.get("text_other_language") for c in out["tables"]}
    assert twin[("a.pdf", 1, 0)] == "Один" and twin[("b.pdf", 2, 0)] == "Екі"


def test_tables_with_other_numbers_are_not_paired_by_shape_alone() -> None:
    other = [["Наименование", "Количество", "Стоимость"], ["Один", "11", "1 700"], ["Два", "21", "2 900"],
             ["Всего", "32", ""]]
    out = add_language_pairs({"documents": [_doc("a.pdf", "kk"), _doc("b.pdf", "ru")],
                              "tables": _cells("a.pdf", KK_ROWS) + _cells("b.pdf", other)})
    assert "crosscheck" not in out or not out["crosscheck"]


def test_a_missing_row_and_a_changed_code_are_reported() -> None:
    ru = [row[:] for row in RU_ROWS[:3]] + [["Үш", "7", "700"]]
    ru[2][1] = "4S0101"
    kk = [row[:] for row in KK_ROWS[:3]]
    kk[2][1] = "4S0102"
    out = add_language_pairs({"documents": [_doc("a.pdf", "kk", act_number="5", act_date="2025-02-02"),
                                            _doc("b.pdf", "ru", act_number="5", act_date="2025-02-02")],
                              "tables": _cells("a.pdf", kk) + _cells("b.pdf", ru)})  # fmt: skip
    issues = sorted(str(r["issue"]) for r in out["crosscheck"] if not r["agrees"])
    assert issues == ["missing_in_kk", "missing_in_kk", "table_shape_differs", "text_differs"]


def test_numbers_in_cells() -> None:
    assert numbers_in("465 161/552 703") == ("465161", "552703")
    assert numbers_in("07150100 - Машина жасау") == ("07150100",)
    assert numbers_in("2 жыл 10 ай") == numbers_in("2 года 10 месяцев") == ("2", "10")
    assert numbers_in("82,6") == ("82.6",) and numbers_in("-") == ()


def test_tables_of_one_shape_with_cells_spanned_differently_are_compared_without_error() -> None:
    """Regression (issue 17): a row spanned across two columns in one language and not in the other
    gave tables of one shape with different cell counts, and zip(strict=True) raised ValueError,
    failing the whole run."""
    kk = _cells("a.pdf", KK_ROWS)
    kk = [c for c in kk if not (c["row"] == 3 and c["col"] == 2)]  # "Барлығы 30" spans to the end
    out = add_language_pairs({"documents": [_doc("a.pdf", "kk"), _doc("b.pdf", "ru")],
                              "tables": kk + _cells("b.pdf", RU_ROWS)})
    assert {d.get("pair_basis") for d in out["documents"]} == {"table_numbers"}


def _pair(kk: list[list[str]], ru: list[list[str]]) -> list[dict[str, object]]:
    out = add_language_pairs({"documents": [_doc("a.pdf", "kk", act_number="7", act_date="2025-03-03"),
                                            _doc("b.pdf", "ru", act_number="7", act_date="2025-03-03")],
                              "tables": _cells("a.pdf", kk) + _cells("b.pdf", ru)})  # fmt: skip
    return out["crosscheck"]


CODED_KK = [["№", "Код", "Атауы", "Гранттар"], ["1", "B001", "Педагогика", "420"], ["2", "B009", "Математика", "365"],
            ["3", "B012", "Информатика", "280"], ["", "", "Барлығы", "1 065"]]  # fmt: skip
CODED_RU = [["№", "Код", "Наименование", "Гранты"], ["1", "B001", "Педагогика", "420"], ["2", "B009", "Математика", "365"],
            ["3", "B012", "Информатика", "280"], ["", "", "Итого", "1 065"]]  # fmt: skip


def test_a_row_only_one_version_prints_does_not_shift_the_rows_below() -> None:
    """Rows pair by their codes: the Russian version leaving out B009 reports that row's cells
    missing, and B012 and the total still pair with their twins and agree."""
    ru = [CODED_RU[0], CODED_RU[1], ["3", "B012", "Информатика", "280"], ["", "", "Итого", "1 065"]]
    rows = _pair(CODED_KK, ru)
    bad = [r for r in rows if not r["agrees"]]
    assert sorted(str(r["issue"]) for r in bad) == ["missing_in_ru", "missing_in_ru", "missing_in_ru",
                                                     "table_shape_differs"]  # "2", "B009", "365"
    assert {r["text_kk"] for r in bad if r["issue"] == "missing_in_ru"} == {"2", "B009", "365"}
    agree = {(r["text_kk"], r["row_kk"], r["row_ru"]) for r in rows if r["agrees"]}
    assert ("B012", 3, 2) in agree and ("1 065", 4, 3) in agree


def test_rows_pair_by_code_whatever_their_order_of_numbers_and_a_changed_number_is_named() -> None:
    ru = [row[:] for row in CODED_RU]
    ru[2][3] = "356"  # the one number changed on purpose
    bad = [r for r in _pair(CODED_KK, ru) if not r["agrees"]]
    assert [(r["text_kk"], r["text_ru"], r["issue"]) for r in bad] == [("365", "356", "value_differs")]


def test_codes_in_cells() -> None:
    assert codes_in("B001 Педагогика және психология") == ("B001",)
    assert codes_in("6B01 бойынша барлығы") == ("6B01",) and codes_in("07 Өнер") == ("07",)
    assert codes_in("4S07140902 - Радиотехник") == ("4S07140902",) and codes_in("07140900") == ("07140900",)
    assert codes_in("1 065") == codes_in("598 700") == codes_in("27") == codes_in("2025 жыл") == ()


def test_every_family_has_a_kazakh_russian_pair_that_agrees_everywhere(samples_out: Path) -> None:
    from extract.families.registry import FAMILIES

    check = read_csv(samples_out / "crosscheck.csv")
    for family in FAMILIES:
        clean = [d for d in order_contents() if d["family"] == family.name and d["language"] == "kk"
                 and not any(r.get("changed_on_purpose") for r in order_contents() if r["pdf"][:3] == d["pdf"][:3])]  # fmt: skip
        agreeing = [d for d in clean if not (rows := check[check["source_file_kk"] == f"{d['pdf']}.pdf"]).empty
                    and set(rows["agrees"]) == {"true"}]  # fmt: skip
        assert agreeing, f"{family.name}: no kk/ru sample pair whose crosscheck agrees everywhere"
