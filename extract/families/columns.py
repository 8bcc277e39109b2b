"""Header paths -> column roles. Each role is recognised by the words of its header (Kazakh and
Russian), so columns are found by meaning whatever their order or count."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

Rule = Callable[[str, str], bool]  # (whole path lowercased, last component lowercased) -> matches


_NUMBER_COLUMN = regex.compile(r"(№|р/[сн]|п/п|№\s*п/п|№\s*р/[сн])\.?", regex.I)

def _has(*words: str) -> Rule:
    pattern = regex.compile("|".join(words), regex.I)
    return lambda path, last: bool(pattern.search(path))


def _last(*words: str) -> Rule:
    pattern = regex.compile("|".join(words), regex.I)
    return lambda path, last: bool(pattern.search(last))


def _row_no(path: str, last: str) -> bool:
    return bool(_NUMBER_COLUMN.fullmatch(path.strip()))


row_no_rule: Rule = _row_no


def words(*all_of: str, none: tuple[str, ...] = ()) -> Rule:
    """A header path holding every one of ``all_of`` and none of ``none`` (regex alternatives)."""
    wanted = [regex.compile(w, regex.I) for w in all_of]
    unwanted = [regex.compile(w, regex.I) for w in none]
    return lambda path, last: all(w.search(path) for w in wanted) and not any(u.search(path) for u in unwanted)


ADDITIONAL_EDUCATION_RULES: dict[str, Rule] = {
    "cost_per_sen_child": _has(r"ерекше", r"особы"),
    "cost_per_child": _has(r"бір\s+білім\s+алушы", r"бір\s+бала", r"одного\s+обучающ", r"одного\s+ребен"),
    "row_no": _row_no,
    "circle_name": _has(r"атау", r"бағыт", r"наименован", r"направлен"),
    "places": _has(r"көлем", r"саны", r"количеств", r"объем"),
}


def assign_roles(paths: Sequence[str], rules: dict[str, Rule]) -> dict[str, int]:
    """Each role -> the first column whose header path matches it; a column takes one role,
    rules are tried in their declared order (most specific first)."""
    roles: dict[str, int] = {}
    taken: set[int] = set()
    for role, rule in rules.items():
        for col, path in enumerate(paths):
            if col in taken or not path:
                continue
            low = path.lower()
            if rule(low, low.rsplit(" / ", 1)[-1]):
                roles[role] = col
                taken.add(col)
                break
    return roles
