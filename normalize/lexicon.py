"""The one loader of the Kazakh word model (:class:`normalize.kazakh_lm.KazakhLexicon`: a
lexicon plus a character n-gram model built from real Kazakh text), shared by the wrap judge
and the glyph repair. Without its data files both still run: the wrap judge from the
document's own vocabulary, the glyph repair by leaving text as it is."""

from __future__ import annotations

from normalize.kazakh_lm import KazakhLexicon


def load_lexicon() -> KazakhLexicon | None:
    """The shared instance (loaded once per process), or None when its data cannot be read."""
    try:
        return KazakhLexicon.load()
    except (OSError, ValueError):  # pragma: no cover - data files missing or broken
        return None
