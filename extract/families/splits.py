"""Header paths -> value columns: which measure a column holds and how the layout splits it.

A layout prints one measure (places, cost, children, ...) in one or several columns: split by
language of instruction ("қазақ тілінде" / "на русском языке"), form of study ("күндізгі" /
"очная"), setting ("қала" / "город"), age ("3 жасқа дейін" / "от 3 лет"), day mode ("толық күн" /
"полного дня"). Each split becomes a dimension of the long-form datasets; a dimension a column
does not name is ``"all"`` (a column "Барлығы" beside its parts is the printed total over them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.families.columns import Rule

ALL = "all"
DIMENSIONS = ("language", "study_form", "setting", "age_group", "day_mode")

_DIMENSION_WORDS: dict[str, tuple[tuple[str, regex.Pattern[str]], ...]] = {
    "language": (
        ("kk", regex.compile(r"қазақ|казах", regex.I)),
        ("ru", regex.compile(r"орыс|русск", regex.I)),
        ("en", regex.compile(r"ағылшын|англ", regex.I)),
    ),
    "study_form": (
        ("full_time", regex.compile(r"күндізгі|(?<!за)очн", regex.I)),
        ("part_time", regex.compile(r"сырттай|заочн", regex.I)),
        ("evening", regex.compile(r"кешкі|вечерн", regex.I)),
    ),
    "setting": (
        ("city", regex.compile(r"(?<!\p{L})(?:қала|город|в\s+город)", regex.I)),
        ("rural", regex.compile(r"(?<!\p{L})(?:ауыл|сел(?:ьск\p{L}*|о|а|е|ь)?(?!\p{L}))", regex.I)),
    ),
    "day_mode": (
        ("full_day", regex.compile(r"толық\s+күн|(?<!не)полн(?:ого|ым)\s+дн", regex.I)),
        ("half_day", regex.compile(r"жарты\s+күн|толық\s+емес\s+күн|неполного\s+дня|неполным\s+дн|кратковрем", regex.I)),
    ),
}
_WORD_NUMBERS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "одного": 1, "двух": 2, "трех": 3,
                 "трёх": 3, "четырех": 4, "пяти": 5, "шести": 6}  # fmt: skip
_N = r"(\d+|" + "|".join(_WORD_NUMBERS) + r")"
_AGE_RANGE = regex.compile(rf"{_N}\s*жастан\s+{_N}\s*жас\p{{L}}*\s+дейін|от\s+{_N}\s+до\s+{_N}\s+лет", regex.I)
_AGE_UNDER = regex.compile(rf"{_N}\s*жас\p{{L}}*\s+дейін|до\s+{_N}\s*-?\s*(?:х\s+)?лет|младше\s+{_N}", regex.I)
_AGE_FROM = regex.compile(rf"{_N}\s*жастан|(?:от|с|старше)\s+{_N}\s*-?\s*(?:х\s+)?лет", regex.I)


def _age_number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


def age_group(text: str) -> str | None:
    """"3 жасқа дейін" -> "under_3", "от 3 лет" -> "from_3", "1 жастан 3 жасқа дейін" -> "from_1_under_3"."""
    m = _AGE_RANGE.search(text)
    if m:
        a, b = [g for g in m.groups() if g]
        return f"from_{_age_number(a)}_under_{_age_number(b)}"
    m = _AGE_UNDER.search(text)
    if m:
        return f"under_{_age_number(next(g for g in m.groups() if g))}"
    m = _AGE_FROM.search(text)
    if m:
        return f"from_{_age_number(next(g for g in m.groups() if g))}"
    return None


def dimensions_of(path: str) -> dict[str, str]:
    """Every dimension a header path names; the others are ``"all"``."""
    dims = dict.fromkeys(DIMENSIONS, ALL)
    parts = [p.strip() for p in path.split(" / ")]
    for dim, values in _DIMENSION_WORDS.items():
        for part in reversed(parts):  # the most specific component decides
            hit = next((v for v, pattern in values if pattern.search(part)), None)
            if hit:
                dims[dim] = hit
                break
    age = next((a for a in (age_group(p) for p in reversed(parts)) if a), None)
    if age:
        dims["age_group"] = age
    return dims


# a row of the body names a language or form of study as a section ("Орыс тілінде", "Заочная форма
# обучения") with these words; a bare "қазақ" / "казах" in a row is a name ("Оңтүстік Қазақстан университеті")
_SECTION_WORDS = {
    "language": regex.compile(r"тілінде|тілдерінде|(?<!\p{L})тілі(?!\p{L})|языке|языках", regex.I),
    "study_form": regex.compile(r"оқу\s+нысан|форм\p{L}*\s+обучени|^\W*(?:күндізгі|сырттай|кешкі|очн|заочн|вечерн)", regex.I),
}


def section_dims(label: str, wanted: Sequence[str]) -> dict[str, str]:
    """The dimensions among ``wanted`` that a body row's text names as a section (the rows under
    it take them); language and form of study only with the words of a section."""
    dims = dimensions_of(label)
    return {d: v for d, v in dims.items() if d in wanted and v != ALL
            and (d not in _SECTION_WORDS or _SECTION_WORDS[d].search(label))}  # fmt: skip


@dataclass(frozen=True)
class ValueColumn:
    col: int
    measure: str
    dims: tuple[tuple[str, str], ...]  # (dimension, value) for every dimension, in DIMENSIONS order
    header: str

    def dim(self, name: str) -> str:
        return dict(self.dims)[name]

    @property
    def split(self) -> str:
        """The dimensions this column names, as "language=kk;study_form=full_time" ("" when none)."""
        return ";".join(f"{k}={v}" for k, v in self.dims if v != ALL)


def value_columns(paths: Sequence[str], measures: dict[str, Rule], taken: set[int] | None = None) -> list[ValueColumn]:
    """Every column holding a measure (rules tried in their declared order; a column is one
    measure), with the dimensions its header names."""
    out: list[ValueColumn] = []
    used = set(taken or ())
    for measure, rule in measures.items():
        for col, path in enumerate(paths):
            if col in used or not path:
                continue
            low = path.lower()
            if rule(low, low.rsplit(" / ", 1)[-1]):
                dims = dimensions_of(path)
                out.append(ValueColumn(col, measure, tuple((d, dims[d]) for d in DIMENSIONS), path))
                used.add(col)
    return sorted(out, key=lambda v: v.col)


def split_parts(columns: Sequence[ValueColumn]) -> list[tuple[ValueColumn, list[ValueColumn]]]:
    """(printed total column, its parts) for every column whose parts the layout also prints:
    the parts name one more dimension than the total and agree with it on all the others."""
    found = []
    for total in columns:
        t = dict(total.dims)
        for dim in DIMENSIONS:
            if t[dim] != ALL:
                continue
            parts = [c for c in columns if c.measure == total.measure and c is not total
                     and dict(c.dims)[dim] != ALL and all(dict(c.dims)[d] == t[d] for d in DIMENSIONS if d != dim)]  # fmt: skip
            if len(parts) >= 2:
                found.append((total, parts))
        if not any(t is total for t, _ in found):  # parts split over two dimensions at once (form x language)
            leaves = [c for c in columns if c.measure == total.measure and _more_specific(c, total)
                      and not any(_more_specific(o, c) for o in columns if o.measure == c.measure)]  # fmt: skip
            if len(leaves) >= 2:
                found.append((total, leaves))
    return found


def _more_specific(part: ValueColumn, whole: ValueColumn) -> bool:
    """``part`` names every dimension ``whole`` names, with the same value, and at least one more."""
    p, w = dict(part.dims), dict(whole.dims)
    return p != w and all(w[d] == ALL or p[d] == w[d] for d in DIMENSIONS) and all(
        p[d] != ALL for d in DIMENSIONS if w[d] != ALL)
