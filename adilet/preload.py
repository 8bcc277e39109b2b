"""What the forkserver imports before it forks pool workers (named, never imported, by
adilet/executors.py): the per-document modules and the Kazakh word model (lexicon, character
model, affix index), loaded once in the server and shared by every worker copy-on-write, instead
of about a second of loading per worker."""

from __future__ import annotations

from adilet.process import warm_up

warm_up()
