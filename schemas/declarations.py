"""One declaration per dataset: column name, type, required, constraints, description, Kazakh and
Russian titles, unit.

Everything else is derived from here: the pandera schema that validates a dataset before it is
written (:mod:`schemas.validate`), the pyarrow schema with field metadata of its Parquet file,
the Frictionless ``datapackage.json`` (:mod:`schemas.datapackage`) and the README codebook.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1.0.0"


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

TVET = Dataset(
    "tvet_state_order",
    "State educational order for technical and vocational (TVET) and post-secondary education: one row per "
    "specialty row of an appendix table.",
    PROVENANCE + ACT + (
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("academic_year", "string", pattern=r"^\d{4}-\d{4}$", description='academic year, e.g. "2025-2026"',
            title_kk="Оқу жылы", title_ru="Учебный год", categorical=True),
        Col("training_track", "string", description="the appendix subtitle (training track)",
            title_kk="Даярлау бағыты", title_ru="Направление подготовки", categorical=True),
        Col("group_code", "string", pattern=r"^\d{2,4}$", description='specialty group code, e.g. "02", "101"',
            title_kk="Топ коды", title_ru="Код группы", categorical=True),
        Col("group_name", "string", description="specialty group name", title_kk="Топ атауы",
            title_ru="Наименование группы", categorical=True),
        Col("row_no", "int", ge=1, description="row number as printed", title_kk="Р/с", title_ru="№ п/п"),
        Col("specialty_code", "string", True, pattern=r"^\d{6,9}$",
            description="education level, specialty and qualification code as printed (string; a 7-digit code "
            "is kept and flagged)", title_kk="Білім деңгейінің, мамандық және біліктілік коды",
            title_ru="Код уровня образования, специальности и квалификации"),
        Col("specialty_name", "string", True, description="specialty name as printed, text repaired",
            title_kk="Мамандық атауы", title_ru="Наименование специальности"),
        Col("places", "int", ge=0, description="funded places (full-time)", title_kk="Орын саны",
            title_ru="Количество мест", unit="places"),
        Col("places_raw", "string", description="places as printed", title_kk="Орын саны (басылғандай)",
            title_ru="Количество мест (как напечатано)"),
        Col("cost_city_tenge", "int", ge=0, description="average cost of training one specialist per academic year, "
            "city (first value when compound)", title_kk="Орташа шығыстар, қала", title_ru="Средние расходы, город",
            unit=TENGE),
        Col("cost_rural_tenge", "int", ge=0, description="average cost of training one specialist per academic year, "
            "rural (first value when compound)", title_kk="Орташа шығыстар, ауыл", title_ru="Средние расходы, село",
            unit=TENGE),
        Col("cost_city_raw", "string", description="city cost as printed, spaces normalised",
            title_kk="Шығыстар, қала (басылғандай)", title_ru="Расходы, город (как напечатано)"),
        Col("cost_rural_raw", "string", description="rural cost as printed, spaces normalised",
            title_kk="Шығыстар, ауыл (басылғандай)", title_ru="Расходы, село (как напечатано)"),
        FLAGS,
    ),  # fmt: skip
    key=("source_file", "table_index", "row_no"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
TVET_COSTS = Dataset(
    "tvet_state_order_costs",
    "Every value of every TVET cost cell (a compound cost such as '465 161/552 703' gives several variants).",
    (
        SOURCE_FILE,
        TABLE_INDEX,
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("row_no", "int", ge=1, description="row number of the specialty row", title_kk="Р/с", title_ru="№ п/п"),
        Col("specialty_code", "string", True, description="specialty code as printed", title_kk="Мамандық коды",
            title_ru="Код специальности"),
        Col("setting", "string", True, isin=("city", "rural"), description="city or rural cost column",
            title_kk="Қала / ауыл", title_ru="Город / село", categorical=True),
        Col("variant", "int", True, ge=1, description="1-based position of the value inside a compound cost",
            title_kk="Нұсқа", title_ru="Вариант"),
        Col("cost_tenge", "int", ge=0, description="the value (null when it cannot be parsed)",
            title_kk="Шығыстар", title_ru="Расходы", unit=TENGE),
        Col("cost_raw", "string", True, description="the value as printed", title_kk="Шығыстар (басылғандай)",
            title_ru="Расходы (как напечатано)"),
    ),  # fmt: skip
    key=("source_file", "table_index", "row_no", "setting", "variant"),
    sort=("source_file", "table_index"),
    foreign_keys=(TO_DOCUMENTS,),
)
ADDITIONAL = Dataset(
    "additional_education_order",
    "State order for additional education of children: one row per circle (hobby group).",
    PROVENANCE + ACT + (
        Col("direction", "string", description="direction (group of circles)", title_kk="Бағыт",
            title_ru="Направление", categorical=True),
        Col("row_no", "int", ge=1, description="row number within the direction", title_kk="Р/н", title_ru="№ п/п"),
        Col("circle_name", "string", True, description="circle names as printed, text repaired",
            title_kk="Үйірме атауы", title_ru="Наименование кружка"),
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
TOTALS = Dataset(
    "totals",
    "Every printed subtotal and total, the sum computed from the rows, and whether they agree.",
    (
        SOURCE_FILE,
        TABLE_INDEX,
        Col("appendix", "int", ge=1, description="appendix number", title_kk="Қосымша", title_ru="Приложение"),
        Col("page", "int", True, ge=1, description="page of the total row", title_kk="Бет", title_ru="Страница"),
        Col("kind", "string", True, isin=("group_subtotal", "grand_total", "direction_subtotal", "annual_sum"),
            description="what the printed figure totals", title_kk="Жиынтық түрі", title_ru="Вид итога",
            categorical=True),
        Col("group", "string", description="group code or direction the subtotal closes", title_kk="Топ",
            title_ru="Группа", categorical=True),
        Col("label", "string", description="group name or the total's label", title_kk="Атауы",
            title_ru="Наименование"),
        Col("measure", "string", True, description="what is summed (places, cost_tenge)", title_kk="Көрсеткіш",
            title_ru="Показатель", categorical=True),
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

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (TVET, TVET_COSTS, ADDITIONAL, TOTALS, DOCUMENTS, TABLES, APPENDICES)
}


# datasets whose rows ``documents.rows`` does not count (cells, cost variants, appendix titles,
# printed totals, the documents themselves)
UNCOUNTED_DATASETS = ("tables", "tvet_state_order_costs", "appendices", "totals", "documents")
