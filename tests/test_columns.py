"""Column roles come from header words, Kazakh and Russian, whatever the column order."""

from extract.families.columns import ADDITIONAL_EDUCATION_RULES, TVET_RULES, assign_roles


def test_tvet_roles_in_kazakh_variants():
    paths = ["№", "Мамандықтың коды", "Мамандықтың атауы", "Орын саны", "Орташа шығыстар / қалада",
             "Орташа шығыстар / ауылдық жерде"]  # fmt: skip
    assert assign_roles(paths, TVET_RULES) == {"row_no": 0, "specialty_code": 1, "specialty_name": 2, "places": 3,
                                               "cost_city": 4, "cost_rural": 5}  # fmt: skip


def test_tvet_roles_in_russian_and_another_order():
    paths = ["Наименование специальности", "№ п/п", "Средние расходы, тенге / село", "Код специальности",
             "Средние расходы, тенге / город", "Количество мест"]  # fmt: skip
    assert assign_roles(paths, TVET_RULES) == {"specialty_name": 0, "row_no": 1, "cost_rural": 2,
                                               "specialty_code": 3, "cost_city": 4, "places": 5}  # fmt: skip


def test_additional_education_roles_in_russian():
    paths = ["№ п/п", "Направления и наименования кружков", "Объем заказа (количество обучающихся)",
             "Стоимость / на одного обучающегося", "Стоимость / на одного ребенка с особыми потребностями"]  # fmt: skip
    roles = assign_roles(paths, ADDITIONAL_EDUCATION_RULES)
    assert roles == {"row_no": 0, "circle_name": 1, "places": 2, "cost_per_child": 3, "cost_per_sen_child": 4}
