"""One declaration per dataset: column name, type, required, constraints, description, Kazakh and
Russian titles, unit.

Everything else is derived from here: the pandera schema that validates a dataset before it is
written (:mod:`schemas.validate`), the pyarrow schema with field metadata of its Parquet file,
the Frictionless ``datapackage.json`` (:mod:`schemas.datapackage`) and the README codebook.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "2.0.0"  # 2.0: long-form family datasets, language pairs (crosscheck)
TOTAL_KINDS = ("group_subtotal", "organisation_subtotal", "grand_total", "direction_subtotal", "annual_sum",
               "split_total", "level_subtotal")


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # string | int | float | bool | date
    required: bool = False  # no nulls allowed
    pattern: str | None = None
    ge: float | None = None
    le: float | None = None
    isin: tuple[str, ...] | None = None
    description: str = ""
    title_kk: str = ""
    title_ru: str = ""
    unit: str | None = None
    categorical: bool = False  # low-cardinality label: dictionary-encoded in Parquet


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()  # stable sort: rows keep reading order inside a table
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


SHA = r"^[0-9a-f]{64}$"
TENGE = "KZT"
TO_DOCUMENTS = ForeignKey(("source_file",), "documents", ("source_file",))

SOURCE_FILE = Col("source_file", "string", True, description="PDF file name (basename) the row was read from",
                  title_kk="Бастапқы файл", title_ru="Исходный файл", categorical=True)  # fmt: skip
SOURCE_SHA = Col("source_sha256", "string", True, SHA, description="SHA-256 of the PDF file",
                 title_kk="Файлдың SHA-256 хэші", title_ru="SHA-256 файла")  # fmt: skip
TABLE_INDEX = Col("table_index", "int", True, ge=1, description="table number within the document (1-based)",
                  title_kk="Кесте нөмірі", title_ru="Номер таблицы")  # fmt: skip
PROVENANCE = (
    SOURCE_FILE,
    SOURCE_SHA,
    Col("page_first", "int", True, ge=1, description="first page (1-based) holding the row",
        title_kk="Бірінші бет", title_ru="Первая страница"),
    Col("page_last", "int", True, ge=1, description="last page holding the row (a row split by a page break)",
        title_kk="Соңғы бет", title_ru="Последняя страница"),
    TABLE_INDEX,
)  # fmt: skip
ACT = (
    Col("act_authority", "string", description="issuing authority, nominative", title_kk="Актіні шығарған орган",
        title_ru="Орган, издавший акт", categorical=True),
    Col("act_date", "date", description="date of the act (ISO 8601)", title_kk="Актінің күні", title_ru="Дата акта"),
    Col("act_number", "string", description='act number as printed, e.g. "43/19"', title_kk="Актінің нөмірі",
        title_ru="Номер акта", categorical=True),
)  # fmt: skip
FLAGS = Col("flags", "string", description="';'-separated flags for values kept as printed but irregular",
            title_kk="Белгілер", title_ru="Отметки")  # fmt: skip

ROW = Col("row", "int", True, ge=0, description="0-based grid row of the table (as in ``tables``)",
          title_kk="Кесте жолы", title_ru="Строка таблицы")
LANGUAGES = ("kk", "ru")
DIM_ALL = "all: not split (or the printed total over the split)"
LANGUAGE = Col("language", "string", True, isin=("all", "kk", "ru", "en"), description="language of instruction of "
               f"the value's column ({DIM_ALL})", title_kk="Оқыту тілі", title_ru="Язык обучения", categorical=True)
STUDY_FORM = Col("study_form", "string", True, isin=("all", "full_time", "part_time", "evening"),
                 description=f"form of study of the value's column ({DIM_ALL})", title_kk="Оқу нысаны",
                 title_ru="Форма обучения", categorical=True)
SETTING = Col("setting", "string", True, isin=("all", "city", "rural"), description="city or rural setting of the "
              f"value's column ({DIM_ALL})", title_kk="Қала / ауыл", title_ru="Город / село", categorical=True)
AGE_GROUP = Col("age_group", "string", True, pattern=r"^(all|under_\d+|from_\d+(_under_\d+)?)$",
                description=f"age group of the value's column, e.g. under_3, from_3 ({DIM_ALL})",
                title_kk="Жас тобы", title_ru="Возрастная группа", categorical=True)
DAY_MODE = Col("day_mode", "string", True, isin=("all", "full_day", "half_day"),
               description=f"full or half day stay of the value's column ({DIM_ALL})", title_kk="Болу режимі",
               title_ru="Режим пребывания", categorical=True)


def in_both_languages(col: Col) -> tuple[Col, ...]:
    """A name column and its twins: the Kazakh and the Russian text of the same cell, filled
    from the other language's version of the act when both are in the input (adilet/language_pairs.py)."""
    twins = tuple(Col(f"{col.name}_{lang}", "string", description=f"{col.name} in the {lang} version of the act, "
                      "filled on both versions' rows when the act's Kazakh and Russian versions were paired "
                      "(null otherwise)",
                      title_kk=f"{col.title_kk} ({lang})", title_ru=f"{col.title_ru} ({lang})") for lang in LANGUAGES)
    return (col, *twins)


def twin_columns(ds: Dataset) -> list[str]:
    """The name columns of ``ds`` that have ``_kk`` / ``_ru`` twins."""
    names = set(ds.column_names)
    return [c for c in ds.column_names if f"{c}_kk" in names and f"{c}_ru" in names]


TVET_CODE = r"^\d{6,9}$"
QUALIFICATION_CODE = r"^(\d[A-ZА-Я])?\d{7,9}$"
TVET = Dataset(
    "tvet_state_order",
    "State educational order for technical and vocational (TVET) and post-secondary education, long form: one row "
    "per specialty row and printed places value (the layout's split by language and form of study in "
    "`language` / `study_form`).",
    PROVENANCE + (ROW,) + ACT + (
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='academic year, e.g. "2025-2026"',
            title_kk="Оқу жылы", title_ru="Учебный год", categorical=True),
        Col("training_track", "string", description="the appendix subtitle (training track)",
            title_kk="Даярлау бағыты", title_ru="Направление подготовки", categorical=True),
        *in_both_languages(Col("organisation", "string", description="college (a group row or column naming it)",
                               title_kk="Оқу орны", title_ru="Учебное заведение", categorical=True)),
        Col("group_code", "string", pattern=r"^\d{2,4}$", description='specialty group code, e.g. "02", "101"',
            title_kk="Топ коды", title_ru="Код группы", categorical=True),
        *in_both_languages(Col("group_name", "string", description="specialty group name", title_kk="Топ атауы",
                               title_ru="Наименование группы", categorical=True)),
        Col("row_no", "int", ge=1, description="row number as printed", title_kk="Р/с", title_ru="№ п/п"),
        Col("specialty_code", "string", pattern=TVET_CODE,
            description="education level and specialty code as printed (string; a 7-digit code is kept and "
            "flagged)", title_kk="Мамандық коды", title_ru="Код специальности"),
        *in_both_languages(Col("specialty_name", "string", description="specialty name as printed, text repaired",
                               title_kk="Мамандық атауы", title_ru="Наименование специальности")),
        Col("qualification_code", "string", pattern=QUALIFICATION_CODE,
            description='qualification code as printed ("3W07150101", "4S01140101", "0101013")',
            title_kk="Біліктілік коды", title_ru="Код квалификации"),
        *in_both_languages(Col("qualification_name", "string", description="qualification name as printed",
                               title_kk="Біліктілік атауы", title_ru="Наименование квалификации")),
        LANGUAGE,
        STUDY_FORM,
        SETTING,
        Col("places", "int", ge=0, description="funded places", title_kk="Орын саны", title_ru="Количество мест",
            unit="places"),
        Col("places_raw", "string", description="places as printed", title_kk="Орын саны (басылғандай)",
            title_ru="Количество мест (как напечатано)"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row", "language", "study_form", "setting"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
TVET_COSTS = Dataset(
    "tvet_state_order_costs",
    "Every value of every TVET cost cell, long form: the layout's split (city / rural, form, language) in its "
    "columns; a compound cost such as '465 161/552 703' gives several variants.",
    (
        SOURCE_FILE,
        TABLE_INDEX,
        ROW,
        Col("page", "int", True, ge=1, description="page of the specialty row", title_kk="Бет", title_ru="Страница"),
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("row_no", "int", ge=1, description="row number of the specialty row", title_kk="Р/с", title_ru="№ п/п"),
        Col("specialty_code", "string", description="specialty code as printed", title_kk="Мамандық коды",
            title_ru="Код специальности"),
        Col("qualification_code", "string", description="qualification code as printed", title_kk="Біліктілік коды",
            title_ru="Код квалификации"),
        LANGUAGE,
        STUDY_FORM,
        SETTING,
        Col("variant", "int", True, ge=1, description="1-based position of the value inside a compound cost",
            title_kk="Нұсқа", title_ru="Вариант"),
        Col("cost_tenge", "int", ge=0, description="average cost of training one specialist per academic year "
            "(null when it cannot be parsed)", title_kk="Орташа шығыстар", title_ru="Средние расходы", unit=TENGE),
        Col("cost_raw", "string", True, description="the value as printed", title_kk="Шығыстар (басылғандай)",
            title_ru="Расходы (как напечатано)"),
        Col("cost_cell_raw", "string", True, description="the whole cost cell as printed, spaces normalised",
            title_kk="Шығыстар ұяшығы", title_ru="Ячейка расходов"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row", "language", "study_form", "setting", "variant"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
ADDITIONAL = Dataset(
    "additional_education_order",
    "State order for additional education of children: one row per circle (hobby group).",
    PROVENANCE + (ROW,) + ACT + (
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='academic year when the order is for '
            'one (e.g. "2025-2026"; null for a calendar-year order)', title_kk="Оқу жылы", title_ru="Учебный год",
            categorical=True),
        *in_both_languages(Col("direction", "string", description="direction (group of circles)", title_kk="Бағыт",
                               title_ru="Направление", categorical=True)),
        Col("row_no", "int", ge=1, description="row number within the direction", title_kk="Р/н", title_ru="№ п/п"),
        *in_both_languages(Col("circle_name", "string", True, description="circle names as printed, text repaired",
                               title_kk="Үйірме атауы", title_ru="Наименование кружка")),
        Col("places", "int", ge=0, description="children funded", title_kk="Білім алушылар саны",
            title_ru="Количество обучающихся", unit="children"),
        Col("cost_per_child_tenge", "int", ge=0, description="monthly cost per child", title_kk="Бір білім алушыға "
            "шығын құны", title_ru="Стоимость на одного обучающегося", unit=TENGE),
        Col("cost_per_sen_child_tenge", "int", ge=0, description="monthly cost per child with special educational "
            "needs", title_kk="Ерекше білім беру қажеттіліктері бар бір балаға шығын құны",
            title_ru="Стоимость на одного ребёнка с особыми образовательными потребностями", unit=TENGE),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "direction", "row_no"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
PRESCHOOL = Dataset(
    "preschool_state_order",
    "Preschool state educational order and parents' monthly fee (district and city akimats), long form: one row "
    "per district or kind of organisation and printed split (age group, day mode, ...), with the number of "
    "children, the average monthly cost per child and the parent's monthly fee of that split.",
    PROVENANCE + (ROW,) + ACT + (
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='academic year when printed',
            title_kk="Оқу жылы", title_ru="Учебный год", categorical=True),
        *in_both_languages(Col("group_name", "string", description="group row above (district, kind of organisation)",
                               title_kk="Топ", title_ru="Группа", categorical=True)),
        Col("row_no", "int", ge=1, description="row number as printed", title_kk="Р/с", title_ru="№ п/п"),
        *in_both_languages(Col("name", "string", True, description="district, organisation or kind of organisation "
                               "as printed", title_kk="Атауы", title_ru="Наименование")),
        AGE_GROUP,
        DAY_MODE,
        SETTING,
        LANGUAGE,
        Col("children", "int", ge=0, description="children funded (state order)", title_kk="Тәрбиеленушілер саны",
            title_ru="Количество воспитанников", unit="children"),
        Col("children_raw", "string", description="children as printed", title_kk="Тәрбиеленушілер саны (басылғандай)",
            title_ru="Количество воспитанников (как напечатано)"),
        Col("cost_per_child_tenge", "int", ge=0, description="average monthly cost per child",
            title_kk="Бір тәрбиеленушіге айына орташа құны", title_ru="Средняя стоимость на одного воспитанника в месяц",
            unit=TENGE),
        Col("cost_per_child_tenge_raw", "string", description="cost as printed", title_kk="Құны (басылғандай)",
            title_ru="Стоимость (как напечатано)"),
        Col("parent_fee_tenge", "int", ge=0, description="parent's monthly fee", title_kk="Ата-ана төлемақысы айына",
            title_ru="Родительская плата в месяц", unit=TENGE),
        Col("parent_fee_tenge_raw", "string", description="fee as printed", title_kk="Төлемақы (басылғандай)",
            title_ru="Плата (как напечатано)"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row", "age_group", "day_mode", "setting", "language"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
HIGHER = Dataset(
    "higher_education_order",
    "State educational order for higher and postgraduate education (grants), long form: one row per group of "
    "educational programmes and printed grants value (the layout's split by language and form of study in "
    "`language` / `study_form`).",
    PROVENANCE + (ROW,) + ACT + (
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='academic year, e.g. "2025-2026"',
            title_kk="Оқу жылы", title_ru="Учебный год", categorical=True),
        *in_both_languages(Col("organisation", "string", description="university (a group row or column naming it)",
                               title_kk="Жоғары оқу орны", title_ru="Вуз", categorical=True)),
        Col("level", "string", isin=("bachelor", "master", "doctoral"), description="level of study: from the "
            "programme code's letter (B, M, D), else the field or level row above", title_kk="Деңгейі",
            title_ru="Уровень", categorical=True),
        Col("field_code", "string", description='field of education code of the group row above, as printed '
            '("6B01")', title_kk="Білім беру саласының коды", title_ru="Код области образования", categorical=True),
        *in_both_languages(Col("field_name", "string", description="field of education name",
                               title_kk="Білім беру саласы", title_ru="Область образования", categorical=True)),
        Col("row_no", "int", ge=1, description="row number as printed", title_kk="Р/с", title_ru="№ п/п"),
        Col("programme_code", "string", description="code of the group of educational programmes as printed "
            '("B001", "M001", "D001"); a Cyrillic look-alike or another shape is kept and flagged',
            title_kk="Білім беру бағдарламалары тобының коды", title_ru="Код группы образовательных программ"),
        *in_both_languages(Col("programme_name", "string", description="name of the group of educational "
                               "programmes as printed, text repaired", title_kk="Білім беру бағдарламалары "
                               "тобының атауы", title_ru="Наименование группы образовательных программ")),
        LANGUAGE,
        STUDY_FORM,
        Col("grants", "int", ge=0, description="state educational grants", title_kk="Гранттар саны",
            title_ru="Количество грантов", unit="grants"),
        Col("grants_raw", "string", description="grants as printed", title_kk="Гранттар саны (басылғандай)",
            title_ru="Количество грантов (как напечатано)"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row", "language", "study_form"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
TOTALS = Dataset(
    "totals",
    "Every printed subtotal and total, the sum computed from the rows, and whether they agree.",
    (
        SOURCE_FILE,
        TABLE_INDEX,
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("page", "int", True, ge=1, description="page of the total row", title_kk="Бет", title_ru="Страница"),
        Col("kind", "string", True, isin=TOTAL_KINDS,
            description="what the printed figure totals", title_kk="Жиынтық түрі", title_ru="Вид итога",
            categorical=True),
        Col("group", "string", description="group code or direction the subtotal closes", title_kk="Топ",
            title_ru="Группа", categorical=True),
        Col("label", "string", description="group name or the total's label", title_kk="Атауы",
            title_ru="Наименование"),
        Col("measure", "string", True, description="what is summed (places, children, cost_tenge)",
            title_kk="Көрсеткіш", title_ru="Показатель", categorical=True),
        Col("split", "string", description='the summed column\'s split, e.g. "language=kk;study_form=full_time" '
            "(null when not split)", title_kk="Бөлінісі", title_ru="Разбивка", categorical=True),
        Col("printed_raw", "string", description="the total as printed", title_kk="Басылған жиынтық",
            title_ru="Итог как напечатан"),
        Col("printed", "float", description="the printed total as a number", title_kk="Басылған мән",
            title_ru="Напечатанное значение"),
        Col("computed", "float", description="the total computed from the rows", title_kk="Есептелген мән",
            title_ru="Вычисленное значение"),
        Col("agrees", "bool", description="printed == computed (null when the printed total is not a number)",
            title_kk="Сәйкес пе", title_ru="Совпадает"),
        Col("rows_summed", "int", True, ge=0, description="number of rows summed", title_kk="Қосылған жолдар",
            title_ru="Сложено строк"),
    ),  # fmt: skip
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
DOCUMENTS = Dataset(
    "documents",
    "One row per input file: its status and what came out of it.",
    (
        SOURCE_FILE,
        Col("source_sha256", "string", pattern=SHA, description="SHA-256 of the file (null when unreadable)",
            title_kk="Файлдың SHA-256 хэші", title_ru="SHA-256 файла"),
        Col("pages", "int", ge=0, description="number of pages", title_kk="Беттер саны", title_ru="Число страниц"),
        Col("status", "string", True, description='"ok" or the kind of error', title_kk="Күйі", title_ru="Статус",
            categorical=True),
        Col("error", "string", description="error message naming the file, page and value", title_kk="Қате",
            title_ru="Ошибка"),
        Col("tables", "int", ge=0, description="tables found", title_kk="Кестелер", title_ru="Таблицы"),
        Col("rows", "int", ge=0, description="dataset rows produced (tables' cells not counted)",
            title_kk="Жолдар", title_ru="Строки"),
        Col("act_type", "string", description="act type (қаулы, бұйрық, шешім, ...)", title_kk="Акт түрі",
            title_ru="Вид акта", categorical=True),
        Col("act_authority", "string", description="issuing authority", title_kk="Актіні шығарған орган",
            title_ru="Орган, издавший акт"),
        Col("act_date", "date", description="date of the act (ISO 8601)", title_kk="Актінің күні",
            title_ru="Дата акта"),
        Col("act_number", "string", description="act number as printed", title_kk="Актінің нөмірі",
            title_ru="Номер акта"),
        Col("act_title", "string", description="title of the act as printed above the act line",
            title_kk="Актінің атауы", title_ru="Наименование акта"),
        Col("act_language", "string", isin=("kk", "ru"), description="language of the text (kk or ru)",
            title_kk="Тілі", title_ru="Язык", categorical=True),
        Col("act_reg_number", "string", description='state registration number when printed ("№ 23536 болып тіркелді")',
            title_kk="Мемлекеттік тіркеу нөмірі", title_ru="Номер государственной регистрации"),
        Col("act_reg_date", "date", description="state registration date (ISO 8601)",
            title_kk="Мемлекеттік тіркеу күні", title_ru="Дата государственной регистрации"),
        Col("families", "string", description="';'-separated document families found", title_kk="Құжат түрлері",
            title_ru="Типы документа"),
        Col("notes", "string", description="' | '-separated notes, e.g. a table whose layout no family "
            "recognised: the closest family, what it missed and the headers that took no role",
            title_kk="Ескертпелер", title_ru="Примечания"),
        Col("twin_source_file", "string", description="the other language version of the same act in the input",
            title_kk="Екінші тілдегі нұсқасы", title_ru="Версия на другом языке"),
        Col("pair_basis", "string", isin=("reg_number", "number_date", "table_numbers"),
            description="how the twin was found: same registration number, same act number and date, or tables of "
            "the same shape whose numbers agree", title_kk="Жұптау негізі", title_ru="Основание пары",
            categorical=True),
        Col("text_repair", "string", isin=("clean", "displaced", "kz1048", "legacy_codepoints", "unmapped_learned"),
            description="what the document-level detector found wrong with the Kazakh letters",
            title_kk="Мәтінді түзету", title_ru="Исправление текста", categorical=True),
        Col("glyph_lines_repaired", "int", ge=0, description="text lines whose Kazakh letters were repaired",
            title_kk="Түзетілген жолдар", title_ru="Исправлено строк"),
        Col("unmapped_glyphs", "int", ge=0, description='glyphs printed without a Unicode mapping, kept as '
            '"(cid:NN)" in the text: such a document needs a human check', title_kk="Белгісіз глифтер",
            title_ru="Глифы без кодировки"),
    ),  # fmt: skip
    key=("source_file",),
    sort=("source_file",),
)
TABLES = Dataset(
    "tables",
    "Every cell of every table found, long form, with its header path, text and box.",
    (
        SOURCE_FILE,
        SOURCE_SHA,
        TABLE_INDEX,
        Col("page", "int", True, ge=1, description="page of the cell (first page when a split row was merged)",
            title_kk="Бет", title_ru="Страница"),
        Col("row", "int", True, ge=0, description="0-based grid row (header rows first)", title_kk="Жол",
            title_ru="Строка"),
        Col("col", "int", True, ge=0, description="0-based grid column", title_kk="Баған", title_ru="Столбец"),
        Col("rowspan", "int", True, ge=1, description="rows the cell spans", title_kk="Жолдар саны",
            title_ru="Объединено строк"),
        Col("colspan", "int", True, ge=1, description="columns the cell spans", title_kk="Бағандар саны",
            title_ru="Объединено столбцов"),
        Col("is_header", "bool", True, description="the cell belongs to the table header", title_kk="Тақырып па",
            title_ru="Заголовок"),
        Col("header_path", "string", description="header texts over the column, ' / '-separated",
            title_kk="Баған тақырыбы", title_ru="Заголовок столбца"),
        Col("text", "string", description="cell text, repaired", title_kk="Мәтін", title_ru="Текст"),
        Col("text_raw", "string", description="cell lines as extracted, newline-separated",
            title_kk="Бастапқы мәтін", title_ru="Исходный текст"),
        Col("text_other_language", "string", description="text of the same cell in the other language version of "
            "the act (null when there is no paired twin)", title_kk="Екінші тілдегі мәтін",
            title_ru="Текст на другом языке"),
        Col("x0", "float", True, description="cell box left (PDF points from the page's left edge)",
            title_kk="x0", title_ru="x0", unit="pt"),
        Col("top", "float", True, description="cell box top (PDF points from the page's top edge)",
            title_kk="top", title_ru="top", unit="pt"),
        Col("x1", "float", True, description="cell box right", title_kk="x1", title_ru="x1", unit="pt"),
        Col("bottom", "float", True, description="cell box bottom", title_kk="bottom", title_ru="bottom", unit="pt"),
        Col("backend", "string", True, description="extractor that found the table", title_kk="Әдіс",
            title_ru="Метод", categorical=True),
    ),  # fmt: skip
    key=("source_file", "table_index", "row", "col"),
    sort=("source_file", "table_index", "row", "col"),
    foreign_keys=(TO_DOCUMENTS,),
)

APPENDICES = Dataset(
    "appendices",
    "Every appendix (or approved document) of an act: its approval block, title and pages.",
    (
        SOURCE_FILE,
        SOURCE_SHA,
        Col("appendix_index", "int", True, ge=1, description="appendix in reading order (1-based)",
            title_kk="Реттік нөмірі", title_ru="Порядковый номер"),
        Col("number", "int", ge=1, description='appendix number as printed ("2-қосымша"); null when unnumbered',
            title_kk="Қосымша нөмірі", title_ru="Номер приложения"),
        Col("approval_block", "string", True, description="the right-hand approval block(s), ' / '-separated",
            title_kk="Бекіту белгісі", title_ru="Гриф утверждения"),
        Col("title", "string", description="title printed under the approval block", title_kk="Атауы",
            title_ru="Наименование"),
        Col("subtitle", "string", description="further heading lines under the title", title_kk="Тақырыпша",
            title_ru="Подзаголовок"),
        Col("page_first", "int", True, ge=1, description="page of the approval block", title_kk="Бірінші бет",
            title_ru="Первая страница"),
        Col("page_last", "int", True, ge=1, description="last page before the next appendix",
            title_kk="Соңғы бет", title_ru="Последняя страница"),
        Col("tables", "string", description="';'-separated table_index values of the tables starting on its pages",
            title_kk="Кестелер", title_ru="Таблицы"),
    ),  # fmt: skip
    key=("source_file", "appendix_index"),
    sort=("source_file", "appendix_index"),
    foreign_keys=(TO_DOCUMENTS,),
)

SIDE = {"kk": "Kazakh", "ru": "Russian"}


def _side(lang: str) -> tuple[Col, ...]:
    return (
        Col(f"source_file_{lang}", "string", True, description=f"the {SIDE[lang]} version's PDF",
            title_kk=f"Файл ({lang})", title_ru=f"Файл ({lang})"),
        Col(f"source_sha256_{lang}", "string", True, SHA, description=f"SHA-256 of the {SIDE[lang]} version",
            title_kk=f"SHA-256 ({lang})", title_ru=f"SHA-256 ({lang})"),
        Col(f"table_index_{lang}", "int", ge=1, description=f"table in the {SIDE[lang]} version",
            title_kk=f"Кесте ({lang})", title_ru=f"Таблица ({lang})"),
        Col(f"page_{lang}", "int", ge=1, description=f"page of the cell in the {SIDE[lang]} version",
            title_kk=f"Бет ({lang})", title_ru=f"Страница ({lang})"),
        Col(f"row_{lang}", "int", ge=0, description=f"grid row in the {SIDE[lang]} version",
            title_kk=f"Жол ({lang})", title_ru=f"Строка ({lang})"),
        Col(f"col_{lang}", "int", ge=0, description=f"grid column in the {SIDE[lang]} version",
            title_kk=f"Баған ({lang})", title_ru=f"Столбец ({lang})"),
        Col(f"text_{lang}", "string", description=f"the cell as printed in the {SIDE[lang]} version",
            title_kk=f"Мәтін ({lang})", title_ru=f"Текст ({lang})"),
        Col(f"value_{lang}", "float", description=f"the number read from the {SIDE[lang]} cell",
            title_kk=f"Мәні ({lang})", title_ru=f"Значение ({lang})"),
    )


CROSSCHECK = Dataset(
    "crosscheck",
    "The Kazakh and Russian versions of the same act checked against each other: one row per paired number cell "
    "(both values, both provenances) and one per disagreement that has no cell pair (a table or row only one "
    "version has). A disagreement is reported, never resolved.",
    (
        Col("pair_basis", "string", True, isin=("reg_number", "number_date", "table_numbers"),
            description="how the two versions were paired", title_kk="Жұптау негізі", title_ru="Основание пары",
            categorical=True),
        *_side("kk"),
        *_side("ru"),
        Col("header_path", "string", description="the column's header path in the Kazakh version",
            title_kk="Баған тақырыбы", title_ru="Заголовок столбца"),
        Col("agrees", "bool", True, description="both versions print the same number (codes: the same text)",
            title_kk="Сәйкес пе", title_ru="Совпадает"),
        Col("issue", "string", isin=("value_differs", "text_differs", "missing_in_kk", "missing_in_ru",
                                     "table_shape_differs", "table_missing"),
            description="what disagrees (null when the cells agree)", title_kk="Сәйкессіздік",
            title_ru="Расхождение", categorical=True),
    ),
    key=("source_file_kk", "source_file_ru", "table_index_kk", "table_index_ru", "row_kk", "col_kk", "row_ru",
         "col_ru"),
    sort=("source_file_kk", "source_file_ru", "table_index_kk"),
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (TVET, TVET_COSTS, ADDITIONAL, PRESCHOOL, HIGHER, TOTALS, DOCUMENTS, TABLES, APPENDICES, CROSSCHECK)
}


# datasets whose rows ``documents.rows`` does not count (cells, cost variants, appendix titles,
# printed totals, the documents themselves)
UNCOUNTED_DATASETS = ("tables", "tvet_state_order_costs", "appendices", "totals", "documents", "crosscheck")
