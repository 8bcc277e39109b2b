"""Document-level detector: is this text clean Kazakh, or which corruption does it carry?

**Displaced letters.** In clean Kazakh most of the sixteen letters Windows-1251 lacks sit inside
words, so 0.69-0.79 of them are directly followed by another Cyrillic letter (measured on the clean
seeds). In a text layer that emits them as tails after each run they are followed by a space, the
line end, or another tail letter: the share is 0.000 on seed 002. Rather than a bare threshold on
the share, the detector runs a likelihood-ratio test between "clean" (a letter is followed by a
Cyrillic letter with probability :data:`P_FOLLOW_CLEAN`) and "displaced" (:data:`P_FOLLOW_DISPLACED`),
so a handful of letters cannot tip a short clean text into being repaired: the evidence has to be
worth :data:`MIN_EVIDENCE` nats (five displaced-looking letters and none inside a word, at least).

**Foreign code points.** A document whose words hold kz1048-mojibake or legacy-font code points is
``kz1048`` / ``legacy_codepoints`` when the table that maps them turns most of those words into
known Kazakh (see :mod:`normalize.glyph_legacy`); Serbian, Macedonian, Ukrainian and Russian
documents never pass that test. It is only tried when markers outnumber genuine Kazakh letters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from normalize.glyph_alphabet import KZ_LETTERS, is_cyrillic_letter
from normalize.glyph_legacy import MARKERS, WordScorer, choose_table

P_FOLLOW_CLEAN = 0.6
P_FOLLOW_DISPLACED = 0.02
MIN_EVIDENCE = 5.0


@dataclass(frozen=True)
class GlyphStats:
    """Counts behind the decision."""

    kazakh_letters: int  # occurrences of the sixteen letters
    followed: int  # ... directly followed by a Cyrillic letter outside the sixteen
    markers: int  # kz1048 / legacy-font code points

    @property
    def followed_share(self) -> float:
        return self.followed / self.kazakh_letters if self.kazakh_letters else 0.0

    @property
    def displaced_evidence(self) -> float:
        """Log-likelihood ratio (nats) of "displaced" against "clean"; > 0 favours displaced."""
        k, n = self.followed, self.kazakh_letters
        return k * math.log(P_FOLLOW_DISPLACED / P_FOLLOW_CLEAN) + (n - k) * math.log(
            (1 - P_FOLLOW_DISPLACED) / (1 - P_FOLLOW_CLEAN)
        )


def glyph_stats(text: str) -> GlyphStats:
    """Count Kazakh letters, those followed by a Cyrillic letter, and foreign-code-point markers
    (``str.count`` per letter and one regex: :func:`glyph_stats_py` char by char, the reference)."""
    n = sum(text.count(ch) for ch in KZ_LETTERS)
    k = len(_FOLLOWED.findall(text))
    markers = sum(text.count(ch) for ch in _MARKER_CHARS)
    return GlyphStats(n, k, markers)


# a Kazakh letter followed by a Cyrillic-block letter that is not one
_FOLLOWERS = "".join(ch for ch in map(chr, range(0x400, 0x500)) if is_cyrillic_letter(ch) and ch not in KZ_LETTERS)
_FOLLOWED = re.compile(f"[{re.escape(''.join(sorted(KZ_LETTERS)))}](?=[{re.escape(_FOLLOWERS)}])")
_MARKER_CHARS = tuple(sorted(ch for ch in MARKERS if len(ch) == 1 and ch not in KZ_LETTERS))


def glyph_stats_py(text: str) -> GlyphStats:
    """:func:`glyph_stats`, character by character."""
    n = k = markers = 0
    for i, ch in enumerate(text):
        if ch in KZ_LETTERS:
            n += 1
            if i + 1 < len(text):
                nxt = text[i + 1]
                if nxt not in KZ_LETTERS and is_cyrillic_letter(nxt):
                    k += 1
        elif ch in MARKERS:
            markers += 1
    return GlyphStats(n, k, markers)


def looks_displaced(stats: GlyphStats) -> bool:
    """The displaced-letter test alone (needs no language model)."""
    return stats.displaced_evidence >= MIN_EVIDENCE


def detect_kind_with(text: str, lm_loader: Callable[[], WordScorer | None]) -> str:
    """``clean`` | ``displaced`` | ``kz1048`` | ``legacy_codepoints`` for the whole document."""
    stats = glyph_stats(text)
    if stats.markers >= 2 and stats.markers > stats.kazakh_letters:
        lm = lm_loader()
        if lm is not None:
            table = choose_table(text, lm)
            if table is not None:
                return table
    if looks_displaced(stats):
        return "displaced"
    return "clean"
