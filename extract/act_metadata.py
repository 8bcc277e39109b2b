"""Document text -> act metadata: the act line (type, authority, date, number), the state
registration ("№ 23536 болып тіркелді"), the title, the language, and the appendices: each run
of right-hand approval blocks ("... № 43/19 қаулысына 1- қосымша", "... бұйрығымен бекітілген")
with the title under it and the pages it covers. Kazakh first, Russian too. Pure functions
over text lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from core.page import TextLine
from core.settings import DEFAULT_LAYOUT, LayoutSettings
from normalize.text import WrapJudge, normalize_whitespace
from normalize.wraps import join_wrapped_lines

KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
KK_TYPES = {"бұйрығы": "бұйрық", "қаулысы": "қаулы", "шешімі": "шешім", "өкімі": "өкім", "жарлығы": "жарлық"}
RU_TYPES = {"приказ": "приказ", "постановление": "постановление", "решение": "решение",
            "распоряжение": "распоряжение", "указ": "указ"}  # fmt: skip

_KK_DATE = regex.compile(r"(?P<year>\d{4})\s*жыл(?:ғы|ы)\s+(?P<day>\d{1,2})\s*(?P<month>\p{L}+)", regex.I)
_RU_DATE = regex.compile(r"(?P<day>\d{1,2})\s+(?P<month>\p{L}+)\s+(?P<year>\d{4})\s*(?:года|г\.)", regex.I)
_KK_ACT = regex.compile(
    r"(?P<date>\d{4}\s*жылғы\s+\d{1,2}\s*\p{L}+)\s+№\s*(?P<number>[\w/.\-]*\w)\s+"
    r"(?P<type>бұйрығы|қаулысы|шешімі|өкімі|жарлығы)(?!\p{L})",
    regex.I,
)
_RU_ACT = regex.compile(
    r"(?P<type>Приказ|Постановление|Решение|Распоряжение|Указ)\s+(?P<authority>[^.;]+?)\s+от\s+"
    r"(?P<date>\d{1,2}\s+\p{L}+\s+\d{4}\s*(?:года|г\.))\s*(?:№|N)\s*(?P<number>[\w/.\-]*\w)",
    regex.I,
)
_RU_ACT_START = regex.compile(r"(?:^|[.»”\"]\s*|^Об?\s.*)$")  # a Russian act line opens its sentence (or follows "О(б) ..." title)
_KK_REG = regex.compile(
    r"министрлігінде\s+(?P<date>\d{4}\s*жыл\p{L}*\s+\d{1,2}\s*\p{L}+)\s+№\s*(?P<number>\d+)\s+болып\s+тіркелді", regex.I
)
_RU_REG = regex.compile(
    r"Зарегистрирован\p{L}*\s+в\s+Министерстве\s+юстиции[^№]*?(?P<date>\d{1,2}\s+\p{L}+\s+\d{4}\s*года)\s*"
    r"(?:№|N)\s*(?P<number>\d+)",
    regex.I,
)
_APPROVAL = regex.compile(
    r"№\s*(?P<number>[\w/.\-]+)\s+\p{L}+(?:сына|сіне|ына|іне|на|не)\s+(?P<n>\d+)\s*-?\s*қосымша", regex.I
)
_BLOCK_END = regex.compile(
    r"(?:(?P<n>\d+)\s*-?\s*)?қосымша\s*$|бекітілген\s*$|бекітілді\s*$|"
    r"^Приложение(?:\s*(?:№\s*)?(?P<ru>\d+))?\b|утвержден\p{L}*\s*$",
    regex.I,
)
_BODY_START = regex.compile(r"^\d+(?:\.\d+)*[.)]\s")
_FORM_MARK = regex.compile(r"^(нысан|форма)\W*$", regex.I)
_NOTE = regex.compile(r"^(ескерту|примечание|сноска)\b", regex.I)
_YEAR_SPAN = regex.compile(r"(?P<a>\d{4})\s*-\s*(?P<b>\d{4})\s+(?:оқу\s+жыл|учебн\p{L}*\s+год)", regex.I)
_GENITIVE = regex.compile(r"(ның|нің|дың|дің|тың|тің)$")
_ACTING = regex.compile(r"(?<!\p{L})м\.\s*а\.?(?!\p{L})", regex.I)
_TITLE_END = regex.compile(r"(?:туралы|[.»”\"])\s*", regex.I)
KK_LETTERS = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")


@dataclass(frozen=True)
class ActInfo:
    authority: str | None
    date: str | None
    number: str | None
    act_type: str | None
    title: str | None = None
    reg_number: str | None = None
    reg_date: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class AppendixInfo:
    number: int | None
    act_number: str | None
    page: int
    approval_block: str
    title: str | None
    subtitle: str | None
    page_last: int | None = None


def _month(word: str, months: dict[str, int]) -> int | None:
    word = word.lower().replace("i", "і")  # Latin i typed for Kazakh і
    return next((n for stem, n in months.items() if word.startswith(stem)), None)


def parse_kk_date(text: str) -> str | None:
    """"2025 жылғы 6 тамыздағы" -> "2025-08-06"; "2016 жылы 9 наурызда" and Russian
    "6 августа 2025 года" too."""
    for pattern, months in ((_KK_DATE, KK_MONTHS), (_RU_DATE, RU_MONTHS)):
        m = pattern.search(text)
        month = _month(m.group("month"), months) if m else None
        if m and month:
            try:
                return dt.date(int(m.group("year")), month, int(m.group("day"))).isoformat()
            except ValueError:
                return None
    return None


def _nominative(authority: str) -> str:
    words = normalize_whitespace(authority).split(" ")
    words[-1] = _GENITIVE.sub("", words[-1])
    return " ".join(words)


def _authority_before(prefix: str) -> str:
    """The issuing authority: the words before the date, after the title's end ("туралы", a
    closing quote or a full stop), with "м.а." (acting) left out."""
    text = normalize_whitespace(_ACTING.sub(" ", prefix))
    ends = list(_TITLE_END.finditer(text))
    return text[ends[-1].end() :].strip() if ends else text.strip()


def parse_act_line(text: str) -> ActInfo | None:
    """"Қарағанды облысының әкімдігінің 2025 жылғы 6 тамыздағы № 43/19 қаулысы" -> ActInfo
    (the nominative act word: "бұйрығына", an act being amended, is not this act)."""
    return _act_with_span(normalize_whitespace(text))[0]


def _act_with_span(text: str) -> tuple[ActInfo | None, int]:
    """ActInfo and where its authority starts in ``text`` (-1 when there is no act line)."""
    m = _KK_ACT.search(text)
    if m:
        authority = _authority_before(text[: m.start()])
        start = text.rfind(authority[:12], 0, m.start()) if authority else m.start()
        kind = KK_TYPES.get(m.group("type").lower())
        info = ActInfo(_nominative(authority) or None, parse_kk_date(m.group("date")), m.group("number"), kind)
        return info, max(start, 0)
    m = next((m for m in _RU_ACT.finditer(text) if _RU_ACT_START.search(text[: m.start()])), None)
    if m:
        kind = RU_TYPES.get(m.group("type").lower())
        authority = normalize_whitespace(m.group("authority"))
        return ActInfo(authority, parse_kk_date(m.group("date")), m.group("number"), kind), m.start()
    return None, -1


def parse_registration(text: str) -> tuple[str | None, str | None]:
    """State registration number and date (ISO) when printed, Kazakh or Russian."""
    text = normalize_whitespace(text)
    for pattern in (_KK_REG, _RU_REG):
        m = pattern.search(text)
        if m:
            return m.group("number"), parse_kk_date(m.group("date"))
    return None, None


def document_language(lines: Sequence[TextLine]) -> str | None:
    """"kk" when Kazakh-specific letters are a usual share of the Cyrillic text, else "ru"."""
    text = "".join(x.text for x in lines)
    cyrillic = [ch for ch in text if "\u0400" <= ch <= "\u04ff"]
    if len(cyrillic) < 50:
        return None
    share = sum(ch in KK_LETTERS for ch in cyrillic) / len(cyrillic)
    return "kk" if share >= 0.04 else "ru"


def academic_year(text: str) -> str | None:
    m = _YEAR_SPAN.search(normalize_whitespace(text))
    return f"{m.group('a')}-{m.group('b')}" if m else None


def _breaks(prev: TextLine, line: TextLine) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``: another page, a wide gap, another
    type size, a centre far across the page (a right-hand block next to body text), or an opening parenthesis."""
    gap = line.top - prev.bottom
    return (
        line.page != prev.page
        or gap >= 0.8 * max(line.size, prev.size)
        or abs(line.size - prev.size) > 0.6
        or abs(line.x0 + line.x1 - prev.x0 - prev.x1) / 2 > 100
        or line.text.lstrip().startswith("(")
    )


def _wider_pitch(para: Sequence[TextLine], line: TextLine) -> bool:
    """The line pitch grows by a quarter over the paragraph's own (a title, then its subtitle)."""
    return len(para) >= 2 and line.top - para[-1].top > 1.25 * (para[1].top - para[0].top)


def _paragraphs(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines -> paragraphs (see :func:`_breaks`; also where the line pitch widens)."""
    paras: list[list[TextLine]] = []
    for line in lines:
        if paras and not _breaks(paras[-1][-1], line) and not _wider_pitch(paras[-1], line):
            paras[-1].append(line)
        else:
            paras.append([line])
    return paras


def _text(para: Sequence[TextLine]) -> str:
    return normalize_whitespace(" ".join(x.text for x in para))


def _joined(para: Sequence[TextLine], judge: WrapJudge | None) -> str:
    return join_wrapped_lines([x.text for x in para], judge) if judge else _text(para)


def _title_before(paras: Sequence[list[TextLine]], i: int, text: str, start: int, judge: WrapJudge | None) -> str | None:
    """The act's title: the paragraphs above the act line on its page (and any part of the act
    line's own paragraph before the authority)."""
    page = paras[i][0].page
    before = [_joined(p, judge) for p in paras[max(0, i - 3) : i] if p[0].page == page]
    return normalize_whitespace(" ".join([*before, text[:start]])).strip() or None


def find_act(lines: Sequence[TextLine], judge: WrapJudge | None = None) -> ActInfo | None:
    """The first act line in the document's text, with its title (what precedes it on its page),
    registration and the document's language; ``judge`` joins wrapped title lines. Without an
    act line only the language is known (None without text)."""
    paras = _paragraphs(lines)
    for i, para in enumerate(paras):
        text = _text(para)
        info, start = _act_with_span(text)
        if info is None:
            continue
        title = _title_before(paras, i, text, start, judge)
        reg = parse_registration(" ".join(_text(p) for p in paras[i : i + 2]))
        return ActInfo(info.authority, info.date, info.number, info.act_type, title, reg[0], reg[1],
                       document_language(lines))  # fmt: skip
    language = document_language(lines)
    return ActInfo(None, None, None, None, language=language) if language else None


def _is_right_block(para: Sequence[TextLine], spans: dict[int, tuple[float, float]], right_share: float) -> bool:
    left, right = spans[para[0].page]
    return all(x.x0 >= left + right_share * (right - left) for x in para)


def _page_spans(lines: Sequence[TextLine]) -> dict[int, tuple[float, float]]:
    """Per page, the left text margin (of the whole document) and the page's right text edge."""
    left = min((x.x0 for x in lines), default=0.0)
    spans: dict[int, tuple[float, float]] = {}
    for x in lines:
        spans[x.page] = (left, max(spans.get(x.page, (left, x.x1))[1], x.x1))
    return spans


def _block_runs(paras: Sequence[list[TextLine]], lines: Sequence[TextLine], right_share: float) -> list[tuple[int, int]]:
    """(first, end) paragraph indexes of each run of consecutive approval blocks."""
    spans = _page_spans(lines)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and paras[j][0].page == paras[i][0].page and _is_right_block(paras[j], spans, right_share) and (
            _BLOCK_END.search(_text(paras[j])) or (j > i and _FORM_MARK.match(_text(paras[j])))
        ):
            j += 1
        if j > i:
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _appendix_number(blocks: Sequence[str]) -> int | None:
    for text in blocks:
        m = _BLOCK_END.search(text)
        if m and (m.group("n") or m.group("ru")):
            return int(m.group("n") or m.group("ru"))
    return None


def _title_paragraphs(paras: Sequence[list[TextLine]]) -> list[list[TextLine]]:
    """Heading paragraphs under an approval block, up to the body: without Adilet's "Ескерту."
    notes (and the lower-case rest of a note) or a lone "Нысан" (form) mark."""
    kept: list[list[TextLine]] = []
    in_note = False
    for p in paras:
        text = _text(p)
        if _BODY_START.match(text) or text.endswith(":"):
            break  # the body (a numbered item, an introduction to a list) starts here
        in_note = bool(_NOTE.match(text)) or (in_note and text[:1].islower())
        if not in_note and not _FORM_MARK.match(text):
            kept.append(p)
    return kept


def find_appendices(lines: Sequence[TextLine], table_tops: dict[int, float], judge: WrapJudge,
                    last_page: int | None = None, layout: LayoutSettings = DEFAULT_LAYOUT) -> list[AppendixInfo]:  # fmt: skip
    """Runs of approval blocks, the title under each (up to the next table top on that page;
    Adilet's "Ескерту." notes skipped) and the pages up to the next appendix."""
    paras = _paragraphs(lines)
    found: list[AppendixInfo] = []
    for first, end in _block_runs(paras, lines, layout.right_share):
        blocks = [_text(p) for p in paras[first:end] if not _FORM_MARK.match(_text(p))]
        page = paras[first][0].page
        limit = table_tops.get(page, float("inf"))
        after = [p for p in paras[end : end + 3] if p[0].page == page and p[-1].bottom <= limit + 1]
        texts = [join_wrapped_lines([x.text for x in p], judge) for p in _title_paragraphs(after)]
        m = next((m for m in (_APPROVAL.search(b) for b in blocks) if m), None)
        found.append(AppendixInfo(
            _appendix_number(blocks), m.group("number") if m else None, page, " / ".join(blocks),
            texts[0] if texts else None, " ".join(texts[1:]) or None,
        ))  # fmt: skip
    return _with_last_pages(found, last_page or max((x.page for x in lines), default=1))


def _with_last_pages(found: Sequence[AppendixInfo], last_page: int) -> list[AppendixInfo]:
    out = []
    for k, app in enumerate(found):
        nxt = found[k + 1].page if k + 1 < len(found) else last_page + 1
        out.append(AppendixInfo(app.number, app.act_number, app.page, app.approval_block, app.title, app.subtitle,
                                max(app.page, nxt - 1)))  # fmt: skip
    return out


def act_columns(act: ActInfo | None) -> dict[str, object]:
    """The act's metadata as ``documents`` columns."""
    keys = ("act_type", "authority", "date", "number", "title", "language", "reg_number", "reg_date")
    names = ("act_type", "act_authority", "act_date", "act_number", "act_title", "act_language",
             "act_reg_number", "act_reg_date")  # fmt: skip
    return {name: getattr(act, key) if act else None for name, key in zip(names, keys, strict=True)}


def appendix_records(appendices: Sequence[AppendixInfo], table_pages: Sequence[tuple[int, ...]], source_file: str,
                     source_sha256: str) -> list[dict[str, object]]:  # fmt: skip
    """One ``appendices`` row per appendix; ``table_pages`` are the pages of each table (index
    order), so each appendix lists the tables that start on its pages."""
    rows: list[dict[str, object]] = []
    for k, app in enumerate(appendices, start=1):
        last = app.page_last or app.page
        tables = [str(i) for i, pages in enumerate(table_pages, start=1) if app.page <= pages[0] <= last]
        rows.append({
            "source_file": source_file, "source_sha256": source_sha256, "appendix_index": k,
            "number": app.number, "approval_block": app.approval_block, "title": app.title,
            "subtitle": app.subtitle, "page_first": app.page, "page_last": last, "tables": ";".join(tables),
        })  # fmt: skip
    return rows
