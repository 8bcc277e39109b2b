"""Kazakh letters lost without a tail: typed as look-alikes, deleted with their gap, or deleted.

A text layer (or a typist without a Kazakh keyboard) can lose the sixteen letters Windows-1251
lacks in other ways than :mod:`normalize.glyph_displaced`'s tails:

* ``lookalike`` — Russian look-alikes typed for them: қ→к, ғ→г, ң→н, ү/ұ→у, ө→о, ә→а, һ→х
  ("Казакстан", "жане"); ``lookalike_i`` also і→и ("Укимети");
* ``gaps`` — deleted, each group leaving one space inside or at the end of a word and nothing at
  a word start (seed 002 with its tails cut off: "аза стан", "жыл ы", "білімні  беру");
* ``dropped`` — deleted without a trace ("азастан", "жне");
* ``latin`` — Latin look-alikes (i, I, e, o, a, c, p, x, y ...) inside Cyrillic words, folded back.

**Candidates.** Every Kazakh word form the model knows (the lexicon and the running-text
vocabulary) is indexed by its *skeleton* under each mode: what the corruption makes of it. A
printed token (for ``gaps``, a run of tokens joined by single spaces) is looked up by its own key;
the words with that skeleton, and the token as printed, are its candidates.

**Decision in context.** A line is decoded as a whole: a Viterbi search over the candidates
maximises the sum of ``ln P(word | previous word)`` (Kneser-Ney word pairs over the lexicon's
unigram model, :meth:`normalize.kazakh_lm.KazakhLexicon.pair_logp`) minus :data:`CHANGE_COST`
per changed word. A change is kept only when the best reading beats the best reading that keeps
the word as printed by :data:`MARGIN` nats; otherwise the word stays as printed and is counted
as *unsure*. Tokens that are not Cyrillic (numbers, Latin words) are never changed.

**Detection, per document and per line.** A document is a candidate only when its Cyrillic
words hardly hold any of the sixteen letters (:data:`MAX_KZ_SHARE`), most of its words are not
Russian, and one mode explains at least :data:`MIN_EVIDENCE_SHARE` of its words (words unknown as
printed that have a candidate under that mode); the mode with most evidence wins. Lines that are
Russian, and lines that kept their Kazakh letters (more than :data:`MAX_KZ_SHARE` of their
letters), are left alone (:func:`russian_line`): the mean per-word log-odds of the line under
wordfreq's Russian unigram frequencies against the Kazakh model's best reading of each word
under the mode must stay below :data:`RUSSIAN_LINE_LOGODDS` (on the held-out bench the Kazakh
lines of every mode stay below 0.3, the Russian lines above 5).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from normalize.glyph_alphabet import _HOMOGLYPHS, KZ_LETTERS, lm_key
from normalize.kazakh_lm import KazakhLexicon
from normalize.word_model import BOS, NUM, RussianWords

MODES = ("lookalike", "lookalike_i", "gaps", "dropped")
MAX_KZ_SHARE = 0.004  # Kazakh letters per Cyrillic letter above which a document has its letters
MIN_EVIDENCE = 3
MIN_EVIDENCE_SHARE = 0.04  # of the document's Cyrillic words
RUSSIAN_ZIPF = 3.0  # a word this frequent in Russian and unknown to the Kazakh model is Russian
RUSSIAN_LINE_SHARE = 0.5
RUSSIAN_OOV_LOGP = -25.0  # ln P of a word wordfreq does not list (it keeps Zipf >= 2.5, ln -14.4)
RUSSIAN_LINE_LOGODDS = 2.5  # mean ln-odds per word, Russian against Kazakh, above which a line is Russian
LATIN_MIN_WORDS = 5
LATIN_MIN_SHARE = 0.02  # of the Cyrillic words: below it Latin look-alikes are the printer's own
CHANGE_COST = 1.0
MARGIN = 2.0
KEPT_I_SHARE = 0.01  # і per letter above which the text kept its і (Kazakh prints about 5%)
MAX_CANDIDATES = 8
MAX_SPAN = 4  # runs a ``gaps`` word may have been cut into
RUSSIAN_PRIOR = math.log(0.05)  # share of Russian words in a Kazakh line

_LOOK = {"қ": "к", "ғ": "г", "ң": "н", "ү": "у", "ұ": "у", "ө": "о", "ә": "а", "һ": "х"}
_LOOKALIKE = str.maketrans(_LOOK)
_LOOKALIKE_I = str.maketrans({**_LOOK, "і": "и"})
_DROP = str.maketrans({ch: None for ch in KZ_LETTERS})
_KZ_GROUP = re.compile("[" + "".join(sorted(KZ_LETTERS)) + "]+")
_ITEM = re.compile(r"[^\W\d_]+|\d+|[.!?;:]")
_LATIN = re.compile(r"[A-Za-z]")


def _cyrillic_run(run: str) -> bool:
    cyr = sum("\u0400" <= ch <= "\u04ff" for ch in run)
    return cyr > 0 and 2 * cyr > len(run)


def gap_skeleton(word: str) -> str:
    """What ``gaps`` corruption prints for ``word``: each group of the sixteen letters leaves a
    space, except at the word start (``қазақстан`` -> ``аза стан``, ``білімнің`` -> ``білімні ``)."""
    return _KZ_GROUP.sub(lambda m: "" if m.start() == 0 else " ", word)


def skeleton(word: str, mode: str) -> str:
    if mode == "lookalike":
        return word.translate(_LOOKALIKE)
    if mode == "lookalike_i":
        return word.translate(_LOOKALIKE_I)
    if mode == "dropped":
        return word.translate(_DROP)
    return gap_skeleton(word)


class CandidateIndex:
    """Skeleton -> the Kazakh words (model keys) that the corruption turns into it, best first."""

    def __init__(self, words: Iterable[str], mode: str, lm: KazakhLexicon) -> None:
        index: dict[str, list[str]] = {}
        for w in words:
            s = skeleton(w, mode)
            if s != w and s.strip(" "):
                index.setdefault(s, []).append(w)
        self.mode = mode
        self.index: dict[str, tuple[str, ...]] = {}
        for s, ws in index.items():
            if len(ws) > 1:
                ws.sort(key=lambda w: (-lm.key_logp(w) if lm.counts.get(w) else 0.0, w))
                ws = [w for w in ws if lm.counts.get(w)][:MAX_CANDIDATES] or ws[:MAX_CANDIDATES]
            self.index[s] = tuple(ws)

    def get(self, key: str) -> tuple[str, ...]:
        return self.index.get(key, ())


_INDEXES: dict[tuple[int, str], CandidateIndex] = {}


def candidate_index(lm: KazakhLexicon, mode: str) -> CandidateIndex:
    """Built once per model and mode (about a quarter of a second)."""
    key = (id(lm), mode)
    idx = _INDEXES.get(key)
    if idx is None:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        with_kz, with_i = _vocabulary(lm)
        idx = _INDEXES[key] = CandidateIndex(with_kz + with_i if mode == "lookalike_i" else with_kz, mode, lm)
    return idx


_VOCABULARIES: dict[int, tuple[object, list[str], list[str]]] = {}


def _vocabulary(lm: KazakhLexicon) -> tuple[list[str], list[str]]:
    """The model's word forms with one of the sixteen letters, and those with only і among the
    Kazakh letters (sorted; once per model, shared by the modes' indexes)."""
    hit = _VOCABULARIES.get(id(lm))
    if hit is None or hit[0] is not lm:
        vocab = set(lm.words)
        if lm.word_model is not None:
            vocab.update(w for w in lm.word_model.vocab if w and w[0] != "<")
        kz = set(KZ_LETTERS)
        with_kz = sorted(w for w in vocab if not kz.isdisjoint(w))
        with_i = sorted(w for w in vocab if "і" in w and kz.isdisjoint(w))
        _VOCABULARIES.clear()
        hit = _VOCABULARIES[id(lm)] = (lm, with_kz, with_i)
    return hit[1], hit[2]


# -- detection -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LostDetection:
    mode: str | None  # one of MODES, or None
    latin: bool  # Latin look-alikes to fold
    words: int
    evidence: dict[str, int]


def _runs(text: str) -> list[str]:
    return [m.group() for m in _ITEM.finditer(text) if m.group()[0].isalpha() and _cyrillic_run(m.group())]


def kz_share(runs: list[str]) -> float:
    """Share of the letters that are Kazakh-only, і aside (look-alike typing keeps і: "Укіметі")."""
    letters = sum(len(r) for r in runs)
    return sum(ch in KZ_LETTERS and ch not in "іІ" for r in runs for ch in r) / letters if letters else 0.0


def latin_lookalikes(runs: list[str]) -> bool:
    """Latin letters inside Cyrillic words are systematic in this text (not a stray ``i``)."""
    mixed = sum(1 for r in runs if _LATIN.search(r))
    return mixed >= LATIN_MIN_WORDS and mixed >= LATIN_MIN_SHARE * len(runs)


def is_russian(key: str, lm: KazakhLexicon, ru: RussianWords | None) -> bool:
    return ru is not None and ru.zipf(key) >= RUSSIAN_ZIPF and not lm.counts.get(key) and not lm.known_key(key)


def quick_gate(text: str) -> bool:
    """Cheap test (no model): could this text have lost letters or Latin look-alikes?"""
    runs = _runs(text)
    return len(runs) >= MIN_EVIDENCE and (kz_share(runs) <= MAX_KZ_SHARE or latin_lookalikes(runs))


def detect_lost(text: str, lm: KazakhLexicon, ru: RussianWords | None) -> LostDetection:
    runs = _runs(text)
    latin = latin_lookalikes(runs)
    if len(runs) < MIN_EVIDENCE or kz_share(runs) > MAX_KZ_SHARE:
        return LostDetection(None, latin, len(runs), {})
    keys = [lm_key(r) for r in runs]
    # a Russian text: most of its words are frequent Russian words, also those the Kazakh model
    # knows (Kazakh acts quote Russian names; "государственный" is in its word lists), so the
    # count is not :func:`is_russian`'s, which leaves those out
    russian = sum(ru is not None and ru.zipf(k) >= RUSSIAN_ZIPF for k in keys)
    if russian > RUSSIAN_LINE_SHARE * len(keys):
        return LostDetection(None, latin, len(runs), {})
    # evidence: a word unknown as printed, or far less likely than a reading under the mode
    # (word lists also hold look-alike spellings such as "казакстан")
    unknown = [k for k in keys if not is_russian(k, lm, ru)]
    evidence: dict[str, int] = {mode: 0 for mode in MODES}
    letters = sum(len(r) for r in runs)
    kept_i = sum(r.count("і") + r.count("І") for r in runs) >= KEPT_I_SHARE * letters
    # a text that still prints і was not typed with и for it (each index costs a fraction of a
    # second to build)
    for mode in [m for m in MODES if not (kept_i and m == "lookalike_i")]:
        idx = candidate_index(lm, mode)
        if mode == "gaps":
            evidence[mode] = _gap_evidence(text, idx, lm)
        else:
            evidence[mode] = sum(1 for k in unknown if _explained(k, idx, lm))
    best = max(MODES, key=lambda m: (evidence[m], -MODES.index(m)))
    need = max(MIN_EVIDENCE, MIN_EVIDENCE_SHARE * len(keys))
    if evidence[best] < need:
        return LostDetection(None, latin, len(runs), evidence)
    if best == "lookalike_i" and evidence["lookalike_i"] <= evidence["lookalike"] * 1.1:
        best = "lookalike"
    return LostDetection(best, latin, len(runs), evidence)


def _explained(key: str, idx: CandidateIndex, lm: KazakhLexicon) -> bool:
    """A reading under the index's mode is far likelier than the word as printed."""
    found = idx.get(key)
    if not found:
        return False
    if not lm.counts.get(key) and not lm.known_key(key):
        return True
    return max(lm.key_logp(w) for w in found) > lm.key_logp(key) + MARGIN


def _gap_evidence(text: str, idx: CandidateIndex, lm: KazakhLexicon) -> int:
    """Runs of pieces joined by single spaces (or a piece before a double space) whose join is a
    word of the index while the pieces are not all words."""
    n = 0
    for line in text.split("\n"):
        items = _items(line)
        for i, it in enumerate(items):
            if it.kind != "w":
                continue
            for edge in _gap_edges(items, i, idx):
                pieces = [x.key for x in items[edge.start : edge.end]]
                if not all(lm.known_key(p) for p in pieces) or edge.trailing:
                    n += 1
                    break
    return n


# -- line decoding -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    kind: str  # "w" Cyrillic word, "f" fixed word (Latin ...), "n" number, "s" sentence mark
    text: str
    key: str
    sep: str  # separator after the item


@dataclass(frozen=True)
class _Edge:
    start: int
    end: int
    key: str
    text: str
    changed: bool
    trailing: bool = False  # took one space of the separator after items[end - 1]


def _items(line: str) -> list[_Item]:
    out: list[_Item] = []
    matches = list(_ITEM.finditer(line))
    for j, m in enumerate(matches):
        tok = m.group()
        end = matches[j + 1].start() if j + 1 < len(matches) else len(line)
        sep = line[m.end() : end]
        if tok[0].isdigit():
            out.append(_Item("n", tok, NUM, sep))
        elif tok in ".!?;:":
            out.append(_Item("s", tok, BOS, sep))
        elif _cyrillic_run(tok):
            out.append(_Item("w", tok, lm_key(tok), sep))
        else:
            out.append(_Item("f", tok, lm_key(tok), sep))
    return out


def _cased(printed: str, word: str, start_of_sentence: bool, lm: KazakhLexicon) -> str:
    """``word`` (lower case) written with the capitalisation of ``printed``."""
    letters = printed.replace(" ", "")
    if len(letters) > 1 and letters.isupper():
        return word.upper()
    if len(word) == len(letters):  # a substitution: letter by letter
        return "".join(c.upper() if p.isupper() else c for c, p in zip(word, letters, strict=True))
    if letters[:1].isupper():
        return word[:1].upper() + word[1:]
    inserted_first = word[:1] != letters[:1].lower()
    wm = lm.word_model
    if inserted_first and (start_of_sentence or (wm is not None and wm.capitalised(word))):
        return word[:1].upper() + word[1:]
    return word


def _gap_edges(items: list[_Item], i: int, idx: CandidateIndex) -> list[_Edge]:
    """Words spanning items ``i..j`` joined by single spaces (and optionally the space of a
    following double space or of a space before punctuation / the line end)."""
    edges: list[_Edge] = []
    parts: list[str] = []
    for j in range(i, min(len(items), i + MAX_SPAN)):
        it = items[j]
        if it.kind != "w":
            break
        parts.append(it.key)
        joined = " ".join(parts)
        # one token: letters lost at its start leave no gap ("шін" for "үшін")
        for w in idx.get(joined):
            if w != joined:
                edges.append(_Edge(i, j + 1, w, w, True))
        if it.sep == "" or (it.sep.startswith(" ") and it.sep != " "):
            for w in idx.get(joined + " "):
                edges.append(_Edge(i, j + 1, w, w, True, trailing=bool(it.sep)))
        if it.sep != " ":
            break
    return edges


def _edges(items: list[_Item], mode: str, idx: CandidateIndex, lm: KazakhLexicon,
           ru: RussianWords | None) -> list[list[_Edge]]:  # fmt: skip
    """Outgoing edges of each item position."""
    out: list[list[_Edge]] = [[] for _ in items]
    for i, it in enumerate(items):
        out[i].append(_Edge(i, i + 1, it.key, it.text, False))
        # under gaps a word may start with a one-letter piece ("к н" for "күн")
        if it.kind != "w" or (len(it.key) < 2 and mode != "gaps") or is_russian(it.key, lm, ru):
            continue
        if mode == "gaps":
            out[i].extend(_gap_edges(items, i, idx))
        else:
            out[i].extend(_Edge(i, i + 1, w, w, True) for w in idx.get(it.key) if w != it.key)
    return out


def _edge_logp(prev: str, edge: _Edge, items: list[_Item], lm: KazakhLexicon, ru: RussianWords | None) -> float:
    first = items[edge.start]
    if first.kind != "w":
        return 0.0
    lp = lm.pair_logp(prev, edge.key)
    if edge.changed:
        return lp - CHANGE_COST
    if ru is not None and not lm.counts.get(edge.key):
        z = ru.zipf(edge.key)
        if z:
            lp = max(lp, RUSSIAN_PRIOR + (z - 9) * math.log(10))
    return lp


@dataclass
class LineResult:
    text: str
    changed_words: int
    unsure: int


def russian_line(words: list[_Item], idx: CandidateIndex, lm: KazakhLexicon, ru: RussianWords | None) -> bool:
    """Is this line Russian rather than Kazakh under the index's mode? The mean over its Cyrillic
    words of ``ln P_ru(word) - max ln P_kk(reading)`` (the word as printed or one of its
    candidates) is at least :data:`RUSSIAN_LINE_LOGODDS`; ``P_ru`` from wordfreq's Zipf values,
    :data:`RUSSIAN_OOV_LOGP` for a word it does not list."""
    if ru is None or not words:
        return False
    total = 0.0
    for it in words:
        z = ru.zipf(it.key)
        total += (z - 9) * _LN10 if z else RUSSIAN_OOV_LOGP
        total -= max(lm.key_logp(w) for w in (it.key, *idx.get(it.key)))
    return total >= RUSSIAN_LINE_LOGODDS * len(words)


_LN10 = math.log(10)


def repair_line(line: str, mode: str, lm: KazakhLexicon, ru: RussianWords | None, start: str = BOS,
                sentence_start: bool = True) -> LineResult:  # fmt: skip
    """Decode one line under ``mode`` (see the module docstring). ``sentence_start``: the line
    begins a sentence (the previous line ended one, or there is none), so a word whose first
    letter was restored at the line start is capitalised."""
    items = _items(line)
    words = [it for it in items if it.kind == "w"]
    if not words:
        return LineResult(line, 0, 0)
    if kz_share([it.text for it in words]) > MAX_KZ_SHARE:  # this line kept its letters
        return LineResult(line, 0, 0)
    idx = candidate_index(lm, mode)
    if russian_line(words, idx, lm, ru):
        return LineResult(line, 0, 0)
    edges = _edges(items, mode, idx, lm, ru)
    if all(len(e) == 1 for e in edges):
        return LineResult(line, 0, 0)
    n = len(items)
    scores: dict[tuple[int, str, int], float] = {}

    def score(prev: str, e: _Edge) -> float:
        key = (id(e), prev, 0)
        s = scores.get(key)
        if s is None:
            s = scores[key] = _edge_logp(prev, e, items, lm, ru)
        return s

    # forward: best score of reaching position p with last key k
    fwd: list[dict[str, tuple[float, tuple[_Edge, str] | None]]] = [dict() for _ in range(n + 1)]
    fwd[0][start] = (0.0, None)
    for p in range(n):
        for k, (s, _) in fwd[p].items():
            for e in edges[p]:
                t = s + score(k, e)
                cur = fwd[e.end].get(e.key)
                if cur is None or t > cur[0]:
                    fwd[e.end][e.key] = (t, (e, k))
    # backward: best score from position p with last key k to the end
    bwd: list[dict[str, float]] = [dict() for _ in range(n + 1)]
    for k in fwd[n]:
        bwd[n][k] = 0.0
    for p in range(n - 1, -1, -1):
        for k in fwd[p]:
            best = -math.inf
            for e in edges[p]:
                rest = bwd[e.end].get(e.key)
                if rest is not None:
                    best = max(best, score(k, e) + rest)
            bwd[p][k] = best
    # best path
    k_end = max(fwd[n], key=lambda k: fwd[n][k][0])
    total = fwd[n][k_end][0]
    path: list[tuple[_Edge, str]] = []
    p, k = n, k_end
    while p > 0:
        entry = fwd[p][k][1]
        assert entry is not None
        e, prev = entry
        path.append((e, prev))
        p, k = e.start, prev
    path.reverse()
    chosen: dict[int, _Edge] = {}
    unsure = changed = 0
    for e, prev in path:
        if e.changed:
            ident = edges[e.start][0]
            rest = bwd[ident.end].get(ident.key)
            keep = score(prev, ident) + rest if rest is not None else -math.inf
            if ident.end != e.end:  # a joined word: keep the pieces as printed
                keep = _keep_pieces(e, prev, edges, bwd, score)
            if total - (fwd[e.start][prev][0] + keep) < MARGIN:
                unsure += 1
                continue
            changed += 1
        chosen[e.start] = e
    return LineResult(_render(line, items, chosen, lm, sentence_start), changed, unsure)


def _keep_pieces(e: _Edge, prev: str, edges: list[list[_Edge]], bwd: list[dict[str, float]], score) -> float:  # type: ignore[no-untyped-def]
    total, k = 0.0, prev
    for p in range(e.start, e.end):
        ident = edges[p][0]
        total += score(k, ident)
        k = ident.key
    rest = bwd[e.end].get(k)
    return total + rest if rest is not None else -math.inf


def _render(line: str, items: list[_Item], chosen: dict[int, _Edge], lm: KazakhLexicon, sentence_start: bool) -> str:
    if not chosen or all(not e.changed for e in chosen.values()):
        return line
    first = _ITEM.search(line)
    out = [line[: first.start()] if first else line]
    p = 0
    prev_kind = "s"
    while p < len(items):
        e = chosen.get(p)
        if e is None or not e.changed:
            it = items[p]
            out.append(it.text + it.sep)
            prev_kind = it.kind
            p += 1
            continue
        printed = " ".join(items[q].text for q in range(e.start, e.end))
        out.append(_cased(printed, e.text, prev_kind == "s" and (p > 0 or sentence_start), lm))
        sep = items[e.end - 1].sep
        out.append(sep[1:] if e.trailing else sep)
        prev_kind = "w"
        p = e.end
    return "".join(out)


def fold_latin(line: str, lm: KazakhLexicon) -> tuple[str, int, int]:
    """Latin look-alikes inside Cyrillic words folded to Cyrillic: (line, words changed, words
    left as printed). A word with Cyrillic letters has no Latin letter of its own, and each
    look-alike has one Cyrillic twin, so the fold needs no model; a Latin letter without a twin
    (``w``, ``q``) leaves its word as printed, counted."""
    changed = unsure = 0

    def sub(m: re.Match[str]) -> str:
        nonlocal changed, unsure
        tok = m.group()
        if not _LATIN.search(tok) or not any("\u0400" <= ch <= "\u04ff" for ch in tok):
            return tok
        folded = tok.translate(_HOMOGLYPHS)
        if _LATIN.search(folded):
            unsure += 1
            return tok
        changed += 1
        return folded

    return _ITEM.sub(sub, line), changed, unsure
