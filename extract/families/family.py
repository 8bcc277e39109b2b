"""What a document family is: header roles that recognise its tables, and the parser that turns
such a table into typed rows. Each family module declares one :class:`Family`; the registry
(:mod:`extract.families.registry`) lists them. Adding a family touches no other family.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.grid import TableGrid
from extract.families.columns import Rule, assign_roles
from extract.families.records import FamilyResult, TableContext
from extract.families.splits import ValueColumn, value_columns
from normalize.text import WrapJudge

Parser = Callable[[TableGrid, TableContext, WrapJudge], FamilyResult]


@dataclass(frozen=True)
class Layout:
    """How a family reads one table's header: label roles -> column, and the value columns."""

    roles: dict[str, int]
    values: tuple[ValueColumn, ...]

    def measures(self) -> set[str]:
        return {v.measure for v in self.values}

    def found(self) -> set[str]:
        return set(self.roles) | self.measures()


@dataclass(frozen=True)
class Recognition:
    family: str
    ok: bool
    found: tuple[str, ...]  # required roles and measures found
    missing: tuple[str, ...]  # required roles and measures not found
    unmatched_headers: tuple[str, ...]  # header paths of columns that took no role

    @property
    def score(self) -> float:
        n = len(self.found) + len(self.missing)
        return len(self.found) / n if n else 0.0


@dataclass(frozen=True)
class Family:
    name: str
    datasets: tuple[str, ...]
    label_rules: dict[str, Rule]
    measure_rules: dict[str, Rule]
    required: tuple[str, ...]  # roles or measures every table of the family has
    one_of: tuple[str, ...]  # at least one of these roles or measures (empty: no such condition)
    parse: Parser
    hint: str = ""  # words of a title or header that say a document is of this family (for the near-miss note)

    def layout(self, paths: Sequence[str]) -> Layout:
        """Value columns first (a measure's header is specific), then the label roles among the rest."""
        values = value_columns(paths, self.measure_rules)
        taken = {v.col for v in values}
        free = [p if i not in taken else "" for i, p in enumerate(paths)]
        return Layout(assign_roles(free, self.label_rules), tuple(values))

    def recognise(self, paths: Sequence[str]) -> Recognition:
        layout = self.layout(paths)
        found = layout.found()
        wanted = list(self.required)
        missing = [w for w in wanted if w not in found]
        if self.one_of and not found & set(self.one_of):
            missing.append(" or ".join(self.one_of))
        have = [w for w in wanted if w in found] + [w for w in self.one_of if w in found]
        used = set(layout.roles.values()) | {v.col for v in layout.values}
        unmatched = tuple(p for i, p in enumerate(paths) if p and i not in used)
        return Recognition(self.name, not missing, tuple(have), tuple(missing), unmatched)
