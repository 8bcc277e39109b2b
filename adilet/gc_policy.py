"""The cyclic garbage collector's pace while documents are processed.

Reading a page makes tens of thousands of small containers (a dict and a tuple per character,
a cell per box) that reference counting frees as soon as the page is done; almost none is part
of a cycle. With Python's default thresholds (a young collection every 700 allocations, a full
one every 100 young ones) the collector still walked every live object again and again: a
fifth of the pipeline's time in ``make bench`` (16.1 s -> 13.0 s on the benchmark corpus with
the thresholds below; 12.9 s with the collector off). Memory is unchanged in practice: what is
freed by reference counting never waited for the collector.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 20)


@contextmanager
def fewer_collections(thresholds: tuple[int, int, int] = THRESHOLDS) -> Iterator[None]:
    """Run the block with rarer cyclic collections; the previous thresholds come back after
    (they are process-wide, and a caller of the library keeps its own)."""
    old = gc.get_threshold()
    gc.set_threshold(*thresholds)
    try:
        yield
    finally:
        gc.set_threshold(*old)
