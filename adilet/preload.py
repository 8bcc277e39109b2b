"""What the forkserver imports before it forks pool workers: the pipeline's modules and the
Kazakh word model (lexicon, character model, affix index), loaded once in the server and shared
by every worker copy-on-write, instead of about a second of loading per worker."""

from __future__ import annotations

import adilet.pipeline  # noqa: F401 - imported for its side effect: the modules are loaded


def warm_up() -> None:
    """Load the word model and its affix index (idempotent: both are cached per process)."""
    try:
        from normalize.lexicon import load_lexicon
        from normalize.wraps import _affix_index

        lexicon = load_lexicon()
        if lexicon is not None:
            _affix_index(lexicon)
    except Exception:  # noqa: BLE001 - a process that cannot warm up still does the work, slower
        pass


warm_up()
