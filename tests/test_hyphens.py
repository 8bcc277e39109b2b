"""Line-end hyphens (issue 17): hyphenation marks removed, compounds' hyphens kept without spaces."""

from __future__ import annotations

from normalize.hyphens import rejoin_hyphenated
from normalize.text import WrapJudge
from normalize.wraps import join_wrapped_lines, join_wrapped_lines_counted
from tests.test_text import TinyLexicon

JUDGE = WrapJudge(None)


def test_a_u2010_hyphen_at_a_wrap_is_removed_in_russian_and_kazakh() -> None:
    # regression: WeasyPrint's "подго‐" / "товка" came out as "подго‐ товка"
    assert join_wrapped_lines(["Физическая культура и спорт, подго\u2010", "товка тренеров"], JUDGE) == (
        "Физическая культура и спорт, подготовка тренеров")
    assert join_wrapped_lines(["Нан пісіру, макарон және кондитер өн\u2010", "дірісі"], JUDGE) == (
        "Нан пісіру, макарон және кондитер өндірісі")


def test_a_soft_hyphen_and_a_space_before_the_mark_are_dropped() -> None:
    assert join_wrapped_lines(["Информационно-коммуникаци \u00ad", "онные технологии"], JUDGE) == (
        "Информационно-коммуникационные технологии")


def test_a_plain_hyphen_goes_only_when_the_joined_word_is_a_word() -> None:
    judge = WrapJudge(TinyLexicon({"қызмет", "көрсету", "көлік", "көтергіш", "техникалық"}))
    assert join_wrapped_lines(["техникалық қыз-", "мет көрсету"], judge) == "техникалық қызмет көрсету"
    # a real compound broken at its own hyphen keeps it, with no spaces
    assert join_wrapped_lines(["Көтергіш-", "көлік"], judge) == "Көтергіш-көлік"
    # as printed: a space before a compound's hyphen stays (seed 002 prints "педагог -" / "зерттеушінің")
    assert join_wrapped_lines(["педагог -", "зерттеушінің"], judge) == "педагог - зерттеушінің"


def test_an_upper_case_continuation_is_no_hyphenation() -> None:
    lines, _, removed = rejoin_hyphenated(["Қазақстан\u2010", "Ресей"], [True, False], JUDGE)
    assert removed == 0 and lines == ["Қазақстан\u2010", "Ресей"]


def test_removed_hyphens_are_counted_as_rejoined_words() -> None:
    text, _, rejoined = join_wrapped_lines_counted(["эксплуатация транспор\u2010", "та и ремонт"], JUDGE)
    assert text == "эксплуатация транспорта и ремонт" and rejoined == 1
