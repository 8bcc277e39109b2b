"""Page ranges as users write them (``--pages "1-3,7,10-"``): which pages of a document to read.

Page numbers are 1-based and stay the document's own: a row read from page 7 says page 7,
whatever else was selected. ``10-`` runs to the document's last page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import InputError

_PART = re.compile(r"^\s*(\d+)\s*(?:(-)\s*(\d*)\s*)?$")


class PageRangeError(ValueError):
    """A page range that does not parse: the message names the part and why."""


@dataclass(frozen=True)
class PageRanges:
    """Inclusive ``(first, last)`` ranges; ``last`` None runs to the document's end."""

    ranges: tuple[tuple[int, int | None], ...]

    @classmethod
    def parse(cls, text: str) -> PageRanges:
        """``"1-3,7,10-"`` -> ranges; an empty part, 0, a reversed range or anything but digits,
        '-' and ',' is a :class:`PageRangeError`."""
        ranges: list[tuple[int, int | None]] = []
        for part in text.split(","):
            m = _PART.match(part)
            if not m:
                raise PageRangeError(f"--pages {text!r}: {part.strip()!r} is not a page or a range "
                                     "(write e.g. 1-3,7,10-)")  # fmt: skip
            first = int(m.group(1))
            last: int | None = first if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
            if first < 1:
                raise PageRangeError(f"--pages {text!r}: pages are numbered from 1")
            if last is not None and last < first:
                raise PageRangeError(f"--pages {text!r}: {part.strip()!r} ends before it starts")
            ranges.append((first, last))
        return cls(tuple(ranges))

    def __contains__(self, page: object) -> bool:
        return isinstance(page, int) and any(a <= page and (b is None or page <= b) for a, b in self.ranges)

    def selected(self, n_pages: int) -> list[int]:
        """The document's pages the ranges select, in order."""
        return [p for p in range(1, n_pages + 1) if p in self]

    def beyond(self, n_pages: int) -> str:
        """The part of the ranges past a document of ``n_pages`` ("" when none), e.g. '20-22'."""
        parts = []
        for a, b in self.ranges:
            if b is not None and b > n_pages:
                start = max(a, n_pages + 1)
                parts.append(str(start) if start == b else f"{start}-{b}")
            elif b is None and a > n_pages:
                parts.append(f"{a}-")
        return ",".join(parts)

    def text(self) -> str:
        """The canonical spelling, e.g. '1-3,7,10-' (part of the cache key)."""
        return ",".join(str(a) if a == b else f"{a}-{'' if b is None else b}" for a, b in self.ranges)


def check_selection(pages: PageRanges | None, n_pages: int, name: str) -> frozenset[int]:
    """The page numbers to read: all, or those of ``pages`` the document has (none of them: an
    :class:`InputError` naming the ranges and the page count)."""
    if pages is None:
        return frozenset(range(1, n_pages + 1))
    chosen = frozenset(pages.selected(n_pages))
    if not chosen and n_pages:
        raise InputError(f"--pages {pages.text()}: none of these pages is in the document (it has {n_pages} "
                         f"page{'s' if n_pages != 1 else ''})", file=name)  # fmt: skip
    return chosen


def pages_of(chosen: frozenset[int], n_pages: int) -> str:
    """'12 pages', or '3 pages selected (of 12)' under --pages."""
    if len(chosen) == n_pages:
        return f"{n_pages} pages"
    return f"{len(chosen)} page{'s' if len(chosen) != 1 else ''} selected (of {n_pages})"
