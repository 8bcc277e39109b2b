"""The Kazakh word model the wrap judge uses, when its data is installed.

It is :class:`normalize.kazakh_lm.KazakhLexicon` (a lexicon plus a character n-gram model built
from real Kazakh text). Without it the judge still works from the document's own vocabulary.
"""

from __future__ import annotations

from functools import lru_cache

from normalize.text import WordModel


@lru_cache(maxsize=1)
def load_lexicon() -> WordModel | None:
    try:
        from normalize.kazakh_lm import KazakhLexicon
    except ImportError:
        return None
    try:
        return KazakhLexicon.load()  # type: ignore[attr-defined,no-any-return]
    except (OSError, ValueError):
        return None
