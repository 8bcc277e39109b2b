"""The document families, in the order they are tried, and table header -> family.

A table whose header no family recognises stays a generic table (``tables``); when a family
comes close (at least half of what it needs found) and the act's title or the table's header
has the family's words, the document gets a note naming that family,
what it missed and the headers that took no role, so a new layout is seen, never read wrongly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from core.settings import DEFAULT_LAYOUT
from extract.families import additional_education, higher_education, preschool, tvet
from extract.families.family import Family, Recognition

# higher education first: its programme-group columns are specific, and an older layout heading them
# "мамандық" would otherwise be read as TVET specialties
FAMILIES: tuple[Family, ...] = (higher_education.FAMILY, tvet.FAMILY, preschool.FAMILY, additional_education.FAMILY)


@dataclass(frozen=True)
class Classification:
    family: Family | None
    closest: Recognition | None  # when no family recognised the table: the nearest one, if near


def classify(paths: Sequence[str], context: str = "", families: Sequence[Family] = FAMILIES,
             near_share: float = DEFAULT_LAYOUT.family_near_share) -> Classification:  # fmt: skip
    """The first family recognising the header ``paths``; else the nearest family whose hint
    words occur in ``context`` (the act's title, the appendix title, the header) and that found at
    least ``near_share`` of what it needs."""
    recognitions = [(f, f.recognise(paths)) for f in families]
    for family, rec in recognitions:
        if rec.ok:
            return Classification(family, rec)
    text = " ".join([context, *paths])
    near = [rec for f, rec in recognitions
            if rec.found and rec.score >= near_share and f.hint and regex.search(f.hint, text, regex.I)]  # fmt: skip
    return Classification(None, max(near, key=lambda r: r.score) if near else None)


def unrecognised_note(table_index: int, rec: Recognition) -> str:
    """"table 2: no family recognised its header; closest tvet_state_order (found ...; missing
    places); headers without a role: 'Қабылдау жоспары, адам'"."""
    headers = "; ".join(f"'{h}'" for h in rec.unmatched_headers) or "none"
    return (f"table {table_index}: no family recognised its header; closest {rec.family} (found "
            f"{', '.join(rec.found)}; missing {', '.join(rec.missing)}); headers without a role: {headers}")
