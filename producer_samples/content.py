"""Content of the producer samples (issue 17): state-order tables written for these cases.

The names, numbers and organisations are invented here in the style of real Adilet acts (TVET state
orders and the costs per student); no seed, sample or real act was copied.  Every cell's text is the
truth the tests compare with: a cell reads as written below, whatever line breaks, hyphens or
letter-spacing a producer prints.

A table is a header (one row of column titles, or two with a spanning title) and body rows:
- ("item", no, code, name, places, cost)
- ("group", no, name)           a numbered group title with no values ("1.3.1." style)
- ("total", label, places, cost)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Table:
    language: str                  # "kk" | "ru"
    title: str
    columns: tuple[str, ...]       # the five column titles
    rows: tuple[tuple[str, ...], ...]

    def expected(self) -> list[list[str]]:
        """The table as the pipeline's flat CSV must read: header row, then one row per body row."""
        out = [list(self.columns)]
        for row in self.rows:
            kind = row[0]
            if kind == "item":
                out.append(list(row[1:6]))
            elif kind == "group":
                out.append([row[1], "", row[2], "", ""])
            else:
                out.append(["", "", row[1], row[2], row[3]])
        return out


KK_COLUMNS = ("№", "Коды", "Мамандықтың атауы", "Орын саны",
              "Бір маманды оқытуға жұмсалатын орташа шығыс, теңге")
RU_COLUMNS = ("№", "Код", "Наименование специальности", "Количество мест",
              "Средние расходы на обучение одного специалиста, тенге")

KK_ROWS: tuple[tuple[str, ...], ...] = (
    ("group", "1.", "Білім беру"),
    ("item", "1.1.", "01120100", "Мектепке дейінгі тәрбие және оқыту", "75", "398 412"),
    ("item", "1.2.", "01140100", "Бастауыш білім беру педагогикасы мен әдістемесі", "50", "398 412"),
    ("group", "1.3.", "Дене шынықтыру"),
    ("group", "1.3.1.", "Спорт"),
    ("item", "1.3.1.1.", "01140800", "Дене тәрбиесі және спорт педагогикасы мен әдістемесі", "25", "412 630"),
    ("group", "2.", "Өнеркәсіп және көлік"),
    ("item", "2.1.", "07150500", "Көтергіш-көлік, құрылыс-жол машиналары мен жабдықтарын техникалық пайдалану",
     "50", "455 108"),
    ("item", "2.2.", "07210200", "Нан пісіру, макарон және кондитер өндірісі", "25", "437 960"),
    ("item", "2.3.", "07130200", "Электр станциялары мен желілерінің электр жабдықтары", "50", "455 108"),
    ("item", "2.4.", "07240100", "Мұнай және газ ұңғымаларын бұрғылау және бұрғылау жұмыстарының технологиясы",
     "25", "471 254"),
    ("item", "2.5.", "07160300", "Кәсіпшілік жабдықтарын пайдалану", "25", "455 108"),
    ("item", "2.6.", "07320100", "Ғимараттар мен құрылыстарды салу және пайдалану", "75", "437 960"),
    ("item", "2.7.", "07161300", "Автомобиль көлігіне техникалық қызмет көрсету, жөндеу және пайдалану",
     "100", "437 960"),
    ("item", "2.8.", "07140500", "Темір жол жылжымалы құрамын пайдалану, жөндеу және техникалық қызмет көрсету",
     "25", "471 254"),
    ("group", "3.", "Ақпараттық-коммуникациялық технологиялар"),
    ("item", "3.1.", "06120100", "Есептеу техникасы және бағдарламалық қамтамасыз ету", "75", "421 909"),
    ("item", "3.2.", "06130100", "Бағдарламалық қамтамасыз ету (түрлері бойынша)", "50", "421 909"),
    ("item", "3.3.", "06140100", "Ақпараттық қауіпсіздік жүйелері", "25", "421 909"),
    ("group", "4.", "Қызмет көрсету"),
    ("item", "4.1.", "10130300", "Тамақтандыруды ұйымдастыру", "50", "398 412"),
    ("item", "4.2.", "10150100", "Шаштараз өнері және сәндік косметика", "25", "398 412"),
    ("item", "4.3.", "10140200", "Қонақ үй шаруашылығына қызмет көрсетуді ұйымдастыру", "25", "398 412"),
    ("item", "4.4.", "10410300", "Ауыл шаруашылығы техникасына техникалық қызмет көрсету және жөндеу",
     "50", "455 108"),
    ("item", "4.5.", "08110100", "Ауыл шаруашылығы өнімдерін өндіру және қайта өңдеу технологиясы",
     "25", "437 960"),
    ("item", "4.6.", "09130100", "Мейіргер ісі", "100", "468 536"),
    ("total", "Барлығы", "950", ""),
)

RU_ROWS: tuple[tuple[str, ...], ...] = (
    ("group", "1.", "Образование"),
    ("item", "1.1.", "01120100", "Дошкольное воспитание и обучение", "75", "398 412"),
    ("item", "1.2.", "01140100", "Педагогика и методика начального обучения", "50", "398 412"),
    ("group", "1.3.", "Физическая культура"),
    ("group", "1.3.1.", "Спорт"),
    ("item", "1.3.1.1.", "01140800", "Физическая культура и спорт, подготовка тренеров-преподавателей",
     "25", "412 630"),
    ("group", "2.", "Промышленность и транспорт"),
    ("item", "2.1.", "07150500", "Подъемно-транспортные, строительные, дорожные машины и оборудование",
     "50", "455 108"),
    ("item", "2.2.", "07210200", "Хлебопекарное, макаронное и кондитерское производство", "25", "437 960"),
    ("item", "2.3.", "07130200", "Электрооборудование электрических станций и сетей", "50", "455 108"),
    ("item", "2.4.", "07240100", "Бурение нефтяных и газовых скважин и технология буровых работ",
     "25", "471 254"),
    ("item", "2.5.", "07160300", "Эксплуатация промыслового оборудования", "25", "455 108"),
    ("item", "2.6.", "07320100", "Строительство и эксплуатация зданий и сооружений", "75", "437 960"),
    ("item", "2.7.", "07161300", "Техническое обслуживание, ремонт и эксплуатация автомобильного транспорта",
     "100", "437 960"),
    ("item", "2.8.", "07140500", "Эксплуатация, ремонт и техническое обслуживание подвижного состава железных дорог",
     "25", "471 254"),
    ("group", "3.", "Информационно-коммуникационные технологии"),
    ("item", "3.1.", "06120100", "Вычислительная техника и программное обеспечение", "75", "421 909"),
    ("item", "3.2.", "06130100", "Программное обеспечение (по видам)", "50", "421 909"),
    ("item", "3.3.", "06140100", "Системы информационной безопасности", "25", "421 909"),
    ("group", "4.", "Услуги"),
    ("item", "4.1.", "10130300", "Организация питания", "50", "398 412"),
    ("item", "4.2.", "10150100", "Парикмахерское искусство и декоративная косметика", "25", "398 412"),
    ("item", "4.3.", "10140200", "Организация обслуживания в гостиничном хозяйстве", "25", "398 412"),
    ("item", "4.4.", "10410300", "Техническое обслуживание и ремонт сельскохозяйственной техники",
     "50", "455 108"),
    ("item", "4.5.", "08110100", "Технология производства и переработки продукции сельского хозяйства",
     "25", "437 960"),
    ("item", "4.6.", "09130100", "Сестринское дело", "100", "468 536"),
    ("total", "Итого", "950", ""),
)

KK = Table("kk", "Техникалық және кәсіптік білімі бар мамандарды даярлауға арналған мемлекеттік білім беру тапсырысы",
           KK_COLUMNS, KK_ROWS)
RU = Table("ru", "Государственный образовательный заказ на подготовку специалистов с техническим и профессиональным "
           "образованием", RU_COLUMNS, RU_ROWS)
TABLES = {"kk": KK, "ru": RU}

_VOWELS = set("аәеиіоөуұүыэюяёАӘЕИІОӨУҰҮЫЭЮЯЁ")
_NO_BREAK_BEFORE = set("ьъй")


def kazakh_syllable_breaks(word: str) -> list[int]:
    """Where a Kazakh (or Russian) word may be hyphenated: before the last consonant between two vowels
    (V-CV, VC-CV, VCC-CV), at least two letters on each side; no break before ь/ъ/й.  Used by the
    renderers to hyphenate Kazakh text, for which no hyphenation dictionary is installed."""
    vowels = [i for i, ch in enumerate(word) if ch in _VOWELS]
    cuts = []
    for a, b in zip(vowels, vowels[1:], strict=False):
        if b - a < 2:
            continue
        cut = b - 1
        while cut > a + 1 and word[cut] in _NO_BREAK_BEFORE:
            cut -= 1
        if word[cut] in _NO_BREAK_BEFORE:
            continue
        if 2 <= cut <= len(word) - 2 and word[:cut].isalpha() and word[cut:].isalpha():
            cuts.append(cut)
    return cuts


def hyphenate(text: str, language: str, mark: str = "\u00ad") -> str:
    """Text with a soft-hyphen mark at each break point of its words (pyphen's ru dictionary for
    Russian, the syllable rule above for Kazakh)."""
    import pyphen

    dic = pyphen.Pyphen(lang="ru_RU") if language == "ru" else None
    out = []
    for token in text.split(" "):
        pieces = token.split("-")
        done = []
        for piece in pieces:
            if len(piece) < 5 or not piece.isalpha():
                done.append(piece)
                continue
            cuts = [p for p in (dic.positions(piece) if dic else kazakh_syllable_breaks(piece)) if 2 <= p <= len(piece) - 2]
            s, last = "", 0
            for cut in cuts:
                s += piece[last:cut] + mark
                last = cut
            done.append(s + piece[last:])
        out.append("-".join(done))
    return " ".join(out)
