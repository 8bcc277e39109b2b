"""Kazakh word model: a lexicon plus a character n-gram model, loaded once from ``normalize/data``.

:meth:`KazakhLexicon.score` is a unigram log-probability (natural log), so scores add up over the
words of a line and ``score(a) + score(b)`` compares fairly with ``score(a + b)``:

    P(w) = max(count(w) - D, 0) / N  +  (D * V / N) * P_char(w) * (KNOWN_BONUS if w is known else 1)

(absolute discounting: a word of the running text gets its discounted relative frequency, and the
mass taken from the V word types seen, ``D * V / N``, goes to every string through the
character model)

* ``P_char`` is the order-5 interpolated Witten-Bell character model over ``^word$`` (back-off
  form, see ``tools/build_kazakh_lm.py``), trained on the lexicon. It shapes the probability of
  every word, known or not, so a short common-looking form outranks a long rare one;
* a known form is ``KNOWN_BONUS`` times likelier than an unknown string of the same shape (the
  lexicon is the best evidence that a form exists);
* ``count(w)`` is the word's count in running Kazakh text (``kk.words.gz``,
  see ``normalize/data/README.md``), for the words text repeats (``және``, ``жылғы``);
* words are scored by their model key (lower case, Latin look-alikes folded, see
  :func:`normalize.glyph_alphabet.lm_key`); a token with punctuation or digits scores as the sum
  of its alpha runs, and an alpha run with an impossible capitalisation (``азаҚстан``) pays
  ``MIXED_CASE_PENALTY``; a case suffix standing alone (``пайдалану ға``) pays
  ``BOUND_SUFFIX_PENALTY`` unless a hyphen or a digit precedes it (``10-ға``); after a hyphen a
  short suffix scores at least ``ATTACHED_SUFFIX_LOGP`` (``30 %-ы ғана``, not ``%-ығана``).
  The spacing statistics (:meth:`glue_left`, :meth:`glue_right`, ``double_space``) tell how
  likely a letter is to touch a punctuation mark or digit.

A form is *known* when the lexicon lists it or the hunspell-kk affix rules derive it from a listed
stem (the rules are applied backwards, as hunspell does, so the million generated forms need not
be stored).
"""

from __future__ import annotations

import gzip
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from normalize.glyph_alphabet import (
    BOUND_SUFFIXES,
    alpha_run_spans,
    alpha_runs,
    case_shape,
    lm_key,
    spacing_class,
)
from normalize.word_model import KK_FILE, WordModel

DATA_DIR = Path(__file__).resolve().parent / "data"

UNIGRAM_DISCOUNT = 0.75
KNOWN_BONUS = 20.0
MIXED_CASE_PENALTY = 12.0
BOUND_SUFFIX_PENALTY = 8.0
ATTACHED_SUFFIX_LOGP = -6.0  # floor for a short alpha run after a hyphen (%-ы, 10-ға, 2-ші)
NBSP_BEFORE_LETTER = -3.0  # ln-odds of a letter rather than a space right after an NBSP
BOS, EOS = "^", "$"


@dataclass(frozen=True)
class _SuffixRule:
    strip: str
    flag: str
    cond: re.Pattern[str]


@dataclass
class KazakhLexicon:
    """Lexicon + character model; build with :meth:`load` (cached) or :meth:`from_dir`."""

    words: frozenset[str]
    fragments: frozenset[str]  # derivable forms that are corruption fragments
    counts: dict[str, int]
    stems: dict[str, str]  # hunspell stem -> its flags
    rules: dict[str, tuple[_SuffixRule, ...]]  # added suffix -> rules that add it
    charlm: dict[str, float]
    order: int
    spacing: dict[str, float] = field(default_factory=dict)
    word_model: WordModel | None = None  # word pairs (Kneser-Ney) and capitalisation
    _cache: dict[str, float] = field(default_factory=dict, repr=False)
    _token_cache: dict[str, float] = field(default_factory=dict, repr=False)
    _known_cache: dict[str, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._total = max(1, sum(self.counts.values()))
        self._backoff = min(1.0, UNIGRAM_DISCOUNT * max(1, len(self.counts)) / self._total)
        self._unk = self.charlm.get("\t<unk>", -12.0)
        self._max_suffix = max((len(s) for s in self.rules), default=0)
        sp = self.spacing
        self.double_space = sp.get("D", -6.0)
        self.double_space_end = sp.get("T", -1.7)
        self._left = {k[1:]: v for k, v in sp.items() if k.startswith("L")}
        # running text holds no NBSP; Adilet puts it before spaces, digits and "%", never
        # directly before a letter, so a letter glued after it needs strong evidence
        self._left.setdefault("\xa0", NBSP_BEFORE_LETTER)
        self._right = {k[1:]: v for k, v in sp.items() if k.startswith("R")}

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls) -> KazakhLexicon:
        """The shared instance built from ``normalize/data`` (loaded once per process)."""
        return _load_default()

    @classmethod
    def from_dir(cls, data_dir: Path) -> KazakhLexicon:
        with gzip.open(data_dir / "kk_lexicon.txt.gz", "rt", encoding="utf-8") as f:
            words = frozenset(f.read().split())
        with gzip.open(data_dir / "kk_fragments.txt.gz", "rt", encoding="utf-8") as f:
            fragments = frozenset(f.read().split())
        words_model = WordModel(data_dir / KK_FILE)
        counts = {w: n for w, n in zip(words_model.vocab, words_model.counts.tolist(), strict=True) if w[0] != "<"}
        stems: dict[str, str] = {}
        rules: dict[str, list[_SuffixRule]] = defaultdict(list)
        with gzip.open(data_dir / "kk_hunspell.tsv.gz", "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "S":
                    stems[parts[1]] = parts[2]
                elif parts[0] == "R":  # R flag strip add cond
                    _, flag, strip, add, cond = parts
                    rules[add].append(_SuffixRule(strip, flag, re.compile(cond + "$")))
        charlm: dict[str, float] = {}
        order = 1
        with gzip.open(data_dir / "kk_charlm.tsv.gz", "rt", encoding="utf-8") as f:
            for line in f:
                key, _, value = line.rstrip("\n").rpartition("\t")
                charlm[key] = float(value)
                if "\t" not in key:
                    order = max(order, len(key))
        spacing: dict[str, float] = {}
        for line in (data_dir / "kk_spacing.tsv").read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            key, _, value = line.rpartition("\t")
            spacing[key] = float(value)
        frozen_rules = {add: tuple(rs) for add, rs in rules.items()}
        return cls(words, fragments, counts, stems, frozen_rules, charlm, order, spacing, words_model)

    # -- lexicon ---------------------------------------------------------------------------
    def known_key(self, key: str) -> bool:
        """Is the model key (lower case) a known Kazakh word form?"""
        if key in self.words or key in self.stems:
            return True
        if key in self.fragments:
            return False
        for n in range(0, min(self._max_suffix, len(key) - 1) + 1):
            for rule in self.rules.get(key[len(key) - n :], ()):
                stem = key[: len(key) - n] + rule.strip
                flags = self.stems.get(stem)
                if flags is not None and rule.flag in flags and rule.cond.search(stem):
                    return True
        return False

    def known(self, word: str) -> bool:
        """True when every alpha run of ``word`` is a known form (case-insensitive)."""
        hit = self._known_cache.get(word)
        if hit is None:
            runs = alpha_runs(word)
            hit = bool(runs) and all(self.known_key(lm_key(r)) for r in runs)
            if len(self._known_cache) > 200_000:
                self._known_cache.clear()
            self._known_cache[word] = hit
        return hit

    # -- spacing ---------------------------------------------------------------------------
    def glue_left(self, ch: str, prev: str = " ") -> float:
        """ln-odds that a letter rather than a space directly follows ``ch`` (which follows
        ``prev``); 0 for a letter."""
        c = spacing_class(ch)
        if c == "L":
            return 0.0
        return self._left.get(spacing_class(prev) + c, self._left.get(c, 0.0))

    def glue_right(self, ch: str, nxt: str = " ") -> float:
        """ln-odds that ``ch`` (followed by ``nxt``) directly follows a letter rather than a
        space; 0 for a letter."""
        c = spacing_class(ch)
        if c == "L":
            return 0.0
        return self._right.get(c + spacing_class(nxt), self._right.get(c, 0.0))

    # -- scores ----------------------------------------------------------------------------
    def char_logp(self, key: str) -> float:
        """ln P_char(^key$) under the back-off character model."""
        table, order, unk = self.charlm, self.order, self._unk
        s = BOS + key + EOS
        total = 0.0
        for i in range(1, len(s)):
            start = max(0, i - order + 1)
            while True:
                gram = s[start : i + 1]
                p = table.get(gram)
                if p is not None:
                    total += p
                    break
                if start == i:
                    total += unk
                    break
                total += table.get(s[start:i] + "\t*", 0.0)
                start += 1
        return total

    def key_logp(self, key: str) -> float:
        """ln P(key) of a lower-case alpha run (cached); see the module docstring."""
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        p = math.exp(self.char_logp(key))
        if self.known_key(key):
            p *= KNOWN_BONUS
        p = max(self.counts.get(key, 0) - UNIGRAM_DISCOUNT, 0.0) / self._total + self._backoff * p
        value = math.log(p + 1e-300)
        if len(self._cache) > 2_000_000:
            self._cache.clear()
        self._cache[key] = value
        return value

    def pair_logp(self, prev: str, key: str) -> float:
        """ln P(key | prev) of two model keys (:func:`normalize.word_model.units`): Kneser-Ney
        word pairs over :meth:`key_logp`; ``prev`` may be ``<s>`` (sentence start) or ``<num>``."""
        lower = self.key_logp(key) if key[0] != "<" else math.log(0.01)
        wm = self.word_model
        return lower if wm is None else wm.pair_logp(prev, key, lower)

    def score(self, word: str) -> float:
        """Log-probability-like plausibility of ``word`` as Kazakh (higher is better).

        Sum over the alpha runs of ``word``; 0.0 for a token without letters. Cached per token.
        """
        cached = self._token_cache.get(word)
        if cached is not None:
            return cached
        total = 0.0
        for start, run in alpha_run_spans(word):
            key = lm_key(run)
            attached = start > 0 and (word[start - 1] == "-" or word[start - 1].isdigit())
            logp = self.key_logp(key)
            if attached and word[start - 1] == "-" and len(key) <= 4:  # 10-ға, 30 %-ы, 2-ші
                logp = max(logp, ATTACHED_SUFFIX_LOGP)
            total += logp
            if case_shape(run) == "mixed":
                total -= MIXED_CASE_PENALTY
            if key in BOUND_SUFFIXES and not attached:
                total -= BOUND_SUFFIX_PENALTY
        if len(self._token_cache) > 2_000_000:
            self._token_cache.clear()
        self._token_cache[word] = total
        return total

    def clear_cache(self) -> None:
        """Forget cached scores (the benchmark times a cold cache)."""
        self._cache.clear()
        self._token_cache.clear()

    def plausible_junction(self, before: str, group: str, after: str) -> bool:
        """Can ``group`` sit between ``before`` and ``after`` inside a Kazakh word?

        ``before``/``after`` are the up-to-two characters around the group in the word (``^`` /
        ``$`` at a word boundary); every character trigram across the junction must occur in the
        lexicon the character model was trained on. A cheap filter that spares the search from
        scoring strings like ``білімғберуді``.
        """
        s = (before + group + after).lower()
        table = self.charlm
        for i in range(len(s) - 2):
            if s[i : i + 3] not in table:
                return False
        return True


@lru_cache(maxsize=1)
def _load_default() -> KazakhLexicon:
    return KazakhLexicon.from_dir(DATA_DIR)
