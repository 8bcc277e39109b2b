"""Higher-education family pieces: programme-group codes validated as printed, levels, sections."""

from __future__ import annotations

from extract.families.higher_education import FAMILY, code_and_name, code_flags, level_named
from extract.families.registry import classify
from extract.families.splits import section_dims


def test_codes_are_kept_as_printed_and_validated() -> None:
    assert code_flags("B001") == code_flags("M105") == code_flags("D010") == []
    assert code_flags("В001") == ["programme_code_cyrillic"]  # Cyrillic В printed for Latin B
    assert code_flags("B01") == code_flags("6B01") == ["programme_code_irregular"]
    assert code_flags("") == ["code_missing"]
    assert code_and_name("B001 Педагогика және психология") == ("B001", "Педагогика және психология")
    assert code_and_name("M097 - Химическая инженерия") == ("M097", "Химическая инженерия")


def test_levels_are_named_in_both_languages() -> None:
    assert level_named("Бакалавриат") == "bachelor" and level_named("Итого по магистратуре") == "master"
    assert level_named("Докторантура бойынша барлығы") == "doctoral" and level_named("Жиыны") is None


def test_a_name_with_kazakh_in_it_is_not_a_language_section() -> None:
    """Regression: "Оңтүстік Қазақстан университеті" / "Южно-Казахстанский ..." group rows were read
    as a "kk" language section, so their rows took language=kk and their totals no university."""
    assert section_dims("М. Әуезов атындағы Оңтүстік Қазақстан университеті", ("language", "study_form")) == {}
    assert section_dims("Южно-Казахстанский педагогический университет", ("language",)) == {}
    assert section_dims("Орыс тілінде", ("language",)) == {"language": "ru"}
    assert section_dims("Заочная форма обучения", ("study_form",)) == {"study_form": "part_time"}


def test_headers_in_both_languages_are_recognised_and_others_are_not() -> None:
    kk = ["№", "Білім беру бағдарламалары тобының коды", "Білім беру бағдарламалары тобының атауы",
          "Білім беру гранттарының саны / барлығы", "Білім беру гранттарының саны / қазақ тілінде"]
    ru = ["№ п/п", "Группа образовательных программ", "Количество грантов / всего",
          "Количество грантов / очная форма обучения / на русском языке"]
    assert classify(kk).family is FAMILY and classify(ru).family is FAMILY
    layout = FAMILY.layout(ru)
    assert layout.roles["programme_group"] == 1 and [v.split for v in layout.values] == ["", "language=ru;study_form=full_time"]
    programme = ["№", "Мемлекеттік бағдарламаның атауы", "Барлығы", "2025 жыл"]  # a state programme, not grants
    assert classify(programme).family is not FAMILY


def test_a_grants_table_of_an_unknown_layout_is_named_not_read() -> None:
    """Programme groups with an admission plan instead of grants: no family reads it, and the note
    names the higher-education family and the headers that took no role."""
    from extract.families.registry import unrecognised_note

    paths = ["№", "Білім беру бағдарламалары тобының коды", "Оқу мерзімі", "Қабылдау жоспары"]
    found = classify(paths, "жоғары білімі бар кадрларды даярлау")
    assert found.family is None and found.closest is not None
    note = unrecognised_note(1, found.closest)
    assert "closest higher_education_order" in note and "missing grants" in note and "'Оқу мерзімі'" in note
