"""Caches that live as long as one document: page and grid indexes keyed by object identity
(a page's glyphs by height, a grid's rows, the cell covering each position).

They hold the objects they index (so an identity cannot be reused while its entry lives), and so
they kept the last pages and grids of a document alive after it was done: tens of MB after a
large document, carried into the next one. :func:`clear_document_caches` empties them all when a
document is finished (the pipeline calls it), so a run's memory is that of its current document.
"""

from __future__ import annotations

from typing import Any

_CACHES: list[dict[Any, Any]] = []


def document_cache() -> dict[Any, Any]:
    """A new cache, emptied with the others by :func:`clear_document_caches`."""
    cache: dict[Any, Any] = {}
    _CACHES.append(cache)
    return cache


def clear_document_caches() -> None:
    for cache in _CACHES:
        cache.clear()
