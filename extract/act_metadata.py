"""Document text -> act metadata: the act line, approval blocks ("... № 43/19 қаулысына 1- қосымша"),
appendix titles, academic year. Kazakh first, Russian too. Pure functions over strings / lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.chars import TextLine
from normalize.text import WrapJudge, join_wrapped_lines, normalize_whitespace

KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
RU_MONTHS = {
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
    "июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
}  # fmt: skip
ACT_TYPES_KK = {"қаулы": "қаулы", "бұйрық": "бұйрық", "бұйрығ": "бұйрық", "шешім": "шешім"}

_KK_DATE = regex.compile(
    r"(?P<year>\d{4})\s*жылғы\s+(?P<day>\d{1,2})\s*(?P<month>\p{L}+?)(?:дағы|дегі|тағы|тегі)\b", regex.I
)
_RU_DATE = regex.compile(r"(?:от\s+)?(?P<day>\d{1,2})\s+(?P<month>\p{L}+)\s+(?P<year>\d{4})\s*года", regex.I)
_KK_ACT = regex.compile(
    r"(?P<authority>[\p{L}\- ]+?)\s+(?P<date>\d{4}\s*жылғы\s+\d{1,2}\s*\p{L}+)\s+№\s*(?P<number>[\w/.\-]+)\s+"
    r"(?P<type>қаулы|бұйрығ|бұйрық|шешім)\p{L}*",
    regex.I,
)
_APPROVAL = regex.compile(
    r"№\s*(?P<number>[\w/.\-]+)\s+\p{L}+(?:сына|сіне|ына|іне|на|не)\s+(?P<n>\d+)\s*-?\s*қосымша", regex.I
)
_YEAR_SPAN = regex.compile(r"(?P<a>\d{4})\s*-\s*(?P<b>\d{4})\s+оқу\s+жыл", regex.I)
_GENITIVE = regex.compile(r"(ның|нің|дың|дің|тың|тің)$")


@dataclass(frozen=True)
class ActInfo:
    authority: str | None
    date: str | None
    number: str | None
    act_type: str | None


@dataclass(frozen=True)
class AppendixInfo:
    number: int
    act_number: str
    page: int
    approval_block: str
    title: str | None
    subtitle: str | None


def parse_kk_date(text: str) -> str | None:
    """"2025 жылғы 6 тамыздағы" -> "2025-08-06"; Russian "6 августа 2025 года" too."""
    for pattern, months in ((_KK_DATE, KK_MONTHS), (_RU_DATE, RU_MONTHS)):
        m = pattern.search(text)
        if m and m.group("month").lower() in months:
            try:
                return dt.date(int(m.group("year")), months[m.group("month").lower()], int(m.group("day"))).isoformat()
            except ValueError:
                return None
    return None


def _nominative(authority: str) -> str:
    words = normalize_whitespace(authority).split(" ")
    words[-1] = _GENITIVE.sub("", words[-1])
    return " ".join(words)


def parse_act_line(text: str, anchored: bool = False) -> ActInfo | None:
    """"Қарағанды облысының әкімдігінің 2025 жылғы 6 тамыздағы № 43/19 қаулысы" -> ActInfo."""
    text = normalize_whitespace(text)
    m = _KK_ACT.match(text) if anchored else _KK_ACT.search(text)
    if not m:
        return None
    kind = next((v for k, v in ACT_TYPES_KK.items() if m.group("type").lower().startswith(k)), None)
    return ActInfo(_nominative(m.group("authority")), parse_kk_date(m.group("date")), m.group("number"), kind)


def academic_year(text: str) -> str | None:
    m = _YEAR_SPAN.search(normalize_whitespace(text))
    return f"{m.group('a')}-{m.group('b')}" if m else None


def _paragraphs(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Lines -> paragraphs: a new paragraph starts on a new page, after a gap of most of a line,
    where the line pitch grows by a quarter over the paragraph's own, or at an opening bracket."""
    paras: list[list[TextLine]] = []
    for line in lines:
        if paras:
            para = paras[-1]
            prev = para[-1]
            gap = line.top - prev.bottom
            pitch = line.top - prev.top
            own_pitch = para[1].top - para[0].top if len(para) >= 2 else None
            wider = own_pitch is not None and pitch > 1.25 * own_pitch
            opens = line.text.lstrip().startswith("(")
            if line.page == prev.page and gap < 0.8 * max(line.size, prev.size) and not opens and not wider:
                para.append(line)
                continue
        paras.append([line])
    return paras


def find_act(lines: Sequence[TextLine]) -> ActInfo | None:
    """The first act line in the document's text. The authority starts at a line start, so the
    title printed just above the act line is never taken for part of the authority."""
    for para in _paragraphs(lines):
        for i in range(len(para)):
            info = parse_act_line(" ".join(x.text for x in para[i : i + 3]), anchored=True)
            if info is not None:
                return info
    return None


def find_appendices(lines: Sequence[TextLine], table_tops: dict[int, float], judge: WrapJudge) -> list[AppendixInfo]:
    """Approval blocks and the titles that follow them (up to the next table top on that page)."""
    paras = _paragraphs(lines)
    out: list[AppendixInfo] = []
    for i, para in enumerate(paras):
        block = normalize_whitespace(" ".join(x.text for x in para))
        m = _APPROVAL.search(block)
        if not m:
            continue
        page = para[0].page
        limit = table_tops.get(page, float("inf"))
        after = [p for p in paras[i + 1 : i + 4] if p[0].page == page and p[-1].bottom <= limit + 1]
        texts = [join_wrapped_lines([x.text for x in p], judge) for p in after]
        title = texts[0] if texts else None
        subtitle = " ".join(texts[1:]) or None
        out.append(AppendixInfo(int(m.group("n")), m.group("number"), page, block, title, subtitle))
    return out
