"""Column roles come from header words, Kazakh and Russian, whatever the column order."""

from extract.families.columns import ADDITIONAL_EDUCATION_RULES, assign_roles
from extract.families.tvet import FAMILY as TVET


def _tvet(paths: list[str]) -> dict[str, object]:
    layout = TVET.layout(paths)
    return {**layout.roles, **{f"{v.measure}[{v.split}]": v.col for v in layout.values}}


def test_tvet_roles_in_kazakh_variants():
    paths = ["№", "Мамандықтың коды", "Мамандықтың атауы", "Орын саны", "Орташа шығыстар / қалада",
             "Орташа шығыстар / ауылдық жерде"]  # fmt: skip
    assert _tvet(paths) == {"row_no": 0, "specialty_code": 1, "specialty_name": 2, "places[]": 3,
                            "cost[setting=city]": 4, "cost[setting=rural]": 5}  # fmt: skip


def test_tvet_roles_in_russian_and_another_order():
    paths = ["Наименование специальности", "№ п/п", "Средние расходы, тенге / село", "Код специальности",
             "Средние расходы, тенге / город", "Количество мест"]  # fmt: skip
    assert _tvet(paths) == {"specialty_name": 0, "row_no": 1, "cost[setting=rural]": 2,
                            "specialty_code": 3, "cost[setting=city]": 4, "places[]": 5}  # fmt: skip


def test_tvet_specialty_and_qualification_columns_and_places_split():
    paths = ["№", "Мамандықтың коды мен атауы", "Біліктіліктің коды мен атауы",
             "Орын саны / қазақ тілінде / күндізгі", "Орын саны / орыс тілінде / күндізгі",
             "Орын саны / қазақ тілінде / сырттай", "Бір маманды оқытуға жұмсалатын орташа шығыстар, теңге"]
    assert _tvet(paths) == {"row_no": 0, "specialty": 1, "qualification": 2,
                            "places[language=kk;study_form=full_time]": 3,
                            "places[language=ru;study_form=full_time]": 4,
                            "places[language=kk;study_form=part_time]": 5, "cost[]": 6}  # fmt: skip


def test_tvet_russian_separate_code_columns():
    paths = ["№ п/п", "Код специальности", "Наименование специальности", "Код квалификации",
             "Наименование квалификации", "Объем заказа / на казахском языке / очная",
             "Объем заказа / на русском языке / заочная", "Средние расходы на одного специалиста, тенге"]
    assert _tvet(paths) == {"row_no": 0, "specialty_code": 1, "specialty_name": 2, "qualification_code": 3,
                            "qualification_name": 4, "places[language=kk;study_form=full_time]": 5,
                            "places[language=ru;study_form=part_time]": 6, "cost[]": 7}  # fmt: skip


def test_additional_education_roles_in_russian():
    paths = ["№ п/п", "Направления и наименования кружков", "Объем заказа (количество обучающихся)",
             "Стоимость / на одного обучающегося", "Стоимость / на одного ребенка с особыми потребностями"]  # fmt: skip
    roles = assign_roles(paths, ADDITIONAL_EDUCATION_RULES)
    assert roles == {"row_no": 0, "circle_name": 1, "places": 2, "cost_per_child": 3, "cost_per_sen_child": 4}
