"""Header paths -> dimensions of a value column (language, form of study, setting, age, day mode)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.families.splits import ALL, DIMENSIONS, ValueColumn, age_group, dimensions_of, split_parts


def _named(path: str) -> dict[str, str]:
    return {k: v for k, v in dimensions_of(path).items() if v != ALL}


def test_language_and_form_in_kazakh_and_russian() -> None:
    assert _named("Орын саны / қазақ тілінде / күндізгі") == {"language": "kk", "study_form": "full_time"}
    assert _named("Орын саны / орыс тілінде / сырттай") == {"language": "ru", "study_form": "part_time"}
    assert _named("Объем заказа / на русском языке / заочная") == {"language": "ru", "study_form": "part_time"}
    assert _named("Объем заказа / на казахском языке / очная") == {"language": "kk", "study_form": "full_time"}
    assert _named("Количество мест / в том числе / вечерняя") == {"study_form": "evening"}
    assert _named("Орын саны / барлығы") == {}


def test_setting_words() -> None:
    assert _named("Шығыстар / қалада") == {"setting": "city"}
    assert _named("Расходы / в селе") == {"setting": "rural"}
    assert _named("Расходы / в сельской местности") == {"setting": "rural"}
    assert _named("Расходы / город") == {"setting": "city"}
    assert _named("Селекция") == {}  # a word that only starts like "село"


def test_age_groups() -> None:
    assert age_group("3 жасқа дейін") == "under_3"
    assert age_group("3 жастан бастап") == "from_3"
    assert age_group("до 3 лет") == "under_3"
    assert age_group("от 3 лет и старше") == "from_3"
    assert age_group("1 жастан 3 жасқа дейін") == "from_1_under_3"
    assert age_group("от 1 до 3 лет") == "from_1_under_3"
    assert age_group("Тәрбиеленушілер саны") is None


def test_day_mode_half_is_not_full() -> None:
    assert _named("с неполным днем пребывания") == {"day_mode": "half_day"}
    assert _named("с полным днем пребывания") == {"day_mode": "full_day"}
    assert _named("Жарты күн болатын мини-орталықтар") == {"day_mode": "half_day"}


def test_split_parts_pairs_a_total_column_with_its_parts() -> None:
    def col(i: int, path: str) -> ValueColumn:
        d = dimensions_of(path)
        return ValueColumn(i, "places", tuple((k, d[k]) for k in DIMENSIONS), path)

    cols = [col(5, "Орын / барлығы"), col(6, "Орын / күндізгі"), col(7, "Орын / кешкі")]
    [(total, parts)] = split_parts(cols)
    assert total.col == 5 and [p.col for p in parts] == [6, 7]


@given(st.text(max_size=80))
def test_dimensions_never_raise_and_name_every_dimension(text: str) -> None:
    dims = dimensions_of(text)
    assert set(dims) == set(DIMENSIONS) and all(v for v in dims.values())
    assert dimensions_of(text) == dims
