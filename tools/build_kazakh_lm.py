#!/usr/bin/env python3
"""Build the Kazakh word model, lexicon and character n-gram model in ``normalize/data/``.

Sources (all derived counts; no source text is written out; see the README it writes):

* running Kazakh text: the Kazakh translations Debian ships (:mod:`tools.lm_corpus`), training
  split only -> word and word-pair counts (``kk.words``), spacing statistics, character model;
* the word list inside Debian's ``tesseract-ocr-kaz`` (``kaz.traineddata``), unpacked with
  ``combine_tessdata -u`` and ``dawg2wordlist`` (package ``tesseract-ocr``);
* every word form the ``hunspell-kk`` dictionary generates (its affix file only has one level of
  suffixes, so expanding it here is a few lines: :func:`hunspell_forms`);
* Russian word frequencies from wordfreq's ``large_ru`` list (``ru.words``).

No document that a test, sample or benchmark scores is read: :class:`tools.protected_documents.Guard`
refuses one and drops corpus documents that overlap with them; the seeds are not read at all.

The tesseract list was itself harvested from PDFs with this very corruption, so it holds fragments
like ``кіметіні`` (``Үкіметінің`` without its Kazakh letters). :func:`drop_fragments` removes a word
without Kazakh letters when it is a piece that splitting some Kazakh-letter word of the same list
at its Kazakh letters produces, unless hunspell or the corpus attests it as a word. One-letter
words and words opening with ``ң``, ``ъ`` or ``ь`` (impossible in Kazakh) are dropped too.
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.glyph_alphabet import KZ_CLASS, alpha_runs, lm_key, spacing_class  # noqa: E402
from normalize.word_model import BOS as UNIT_BOS  # noqa: E402
from normalize.word_model import KK_FILE, RU_FILE, units, write_arrays  # noqa: E402
from tools.lm_corpus import documents, download_packages, split_of  # noqa: E402
from tools.protected_documents import Guard  # noqa: E402

BOS, EOS = "^", "$"
_KZ_SPLIT = re.compile(f"[{KZ_CLASS}]+")


def tesseract_words(traineddata: Path) -> list[str]:
    """The LSTM word list of a tesseract ``.traineddata`` file, via the tesseract CLI tools."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "kaz."
        subprocess.run(["combine_tessdata", "-u", str(traineddata), str(prefix)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        out = Path(tmp) / "words.txt"
        subprocess.run(["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        return out.read_text(encoding="utf-8").split()


def _read_hunspell(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").replace("\r", "").split("\n")


def hunspell_rules(aff: Path) -> list[tuple[str, str, str, str]]:
    """``(flag, strip, add, condition-regex)`` for every ``SFX`` rule of a hunspell affix file."""
    rules = []
    for line in _read_hunspell(aff):
        parts = line.split()
        if len(parts) >= 5 and parts[0] == "SFX":
            _, flag, strip, add, cond = parts[:5]
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add.split("/")[0]
            rules.append((flag, strip, add, "" if cond == "." else cond))
    return rules


def hunspell_stems(dic: Path) -> dict[str, str]:
    """Stem -> flags of a hunspell ``.dic`` file."""
    stems: dict[str, str] = {}
    for line in _read_hunspell(dic)[1:]:
        if line.strip():
            stem, _, flags = line.partition("/")
            stems[stem] = stems.get(stem, "") + flags
    return stems


def hunspell_forms(stems: dict[str, str], rules: list[tuple[str, str, str, str]]) -> set[str]:
    """Every form of a hunspell dictionary with single-level suffix rules (``SFX`` only).

    A rule ``SFX flag strip add condition`` applies to a stem carrying ``flag`` when the stem
    ends with ``condition`` (a regex character-class pattern); the form is the stem minus
    ``strip`` plus ``add``. The Kazakh affix file has no prefixes and no continuation classes.
    """
    by_flag: dict[str, list[tuple[str, str, re.Pattern[str]]]] = defaultdict(list)
    for flag, strip, add, cond in rules:
        by_flag[flag].append((strip, add, re.compile(cond + "$")))
    forms: set[str] = set()
    for stem, flags in stems.items():
        forms.add(stem)
        for flag in flags:
            for strip, add, pattern in by_flag.get(flag, ()):
                if pattern.search(stem) and stem.endswith(strip):
                    forms.add(stem[: len(stem) - len(strip)] + add)
    return forms


LEXICON_MIN_COUNT = 3  # a corpus word seen this often joins the lexicon
PAIR_MIN_COUNT = 2  # word pairs seen fewer times are pruned (their mass stays in the back-off)


@dataclass
class CorpusCounts:
    unigrams: Counter[str]
    pairs: Counter[tuple[str, str]]  # pruned to PAIR_MIN_COUNT
    left_total: Counter[str]  # before pruning
    left_types: Counter[str]  # before pruning
    capital: Counter[str]  # occurrences inside a sentence written with a capital
    inner: Counter[str]  # occurrences inside a sentence


def corpus_counts(lines: Iterable[str]) -> CorpusCounts:
    """Unigram, pair and capitalisation counts of running text, in :func:`units` keys."""
    uni: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    capital: Counter[str] = Counter()
    inner: Counter[str] = Counter()
    for line in lines:
        seq = units(line)
        uni.update(u for u in seq if u != UNIT_BOS)
        pairs.update(zip(seq, seq[1:], strict=False))
        prev_bos = True
        for m in _RUN_OR_MARK.finditer(line):
            tok = m.group()
            if tok in ".!?;:" or tok[0].isdigit():
                prev_bos = tok in ".!?;:"
                continue
            if not prev_bos:
                key = lm_key(tok)
                inner[key] += 1
                capital[key] += tok[0].isupper()
            prev_bos = False
    left_total: Counter[str] = Counter()
    left_types: Counter[str] = Counter()
    for (a, _), n in pairs.items():
        left_total[a] += n
        left_types[a] += 1
    kept = Counter({k: n for k, n in pairs.items() if n >= PAIR_MIN_COUNT})
    return CorpusCounts(uni, kept, left_total, left_types, capital, inner)


_RUN_OR_MARK = re.compile(r"[^\W\d_]+|\d+|[.!?;:]")


def write_word_model(path: Path, c: CorpusCounts) -> None:
    """The Kazakh word model file read by :class:`normalize.word_model.WordModel`."""
    vocab = sorted(set(c.unigrams) | set(c.left_total), key=lambda w: (-c.unigrams[w], w))
    ids = {w: i for i, w in enumerate(vocab)}
    keys = np.array(sorted((ids[a] << 32) | ids[b] for a, b in c.pairs), dtype=np.uint64)
    pair_counts = np.array([c.pairs[(vocab[int(k) >> 32], vocab[int(k) & 0xFFFFFFFF])] for k in keys.tolist()],
                           dtype=np.uint32)  # fmt: skip
    caps = [1 if c.inner[w] >= 2 and 2 * c.capital[w] > c.inner[w] else 0 for w in vocab]
    arrays = {
        "count": np.array([c.unigrams[w] for w in vocab], dtype=np.uint32),
        "left_total": np.array([c.left_total[w] for w in vocab], dtype=np.uint32),
        "left_types": np.array([c.left_types[w] for w in vocab], dtype=np.uint32),
        "caps": np.array(caps, dtype=np.uint8),
        "pair_keys": keys,
        "pair_counts": pair_counts,
    }
    write_arrays(path, vocab, arrays, {"source": "Debian Kazakh translation packages (tools/lm_corpus.py)",
                                        "pair_min_count": PAIR_MIN_COUNT})  # fmt: skip


WORDFREQ = "wordfreq==3.1.1"
RU_MIN_ZIPF = 2.5


def russian_frequencies(cache: Path) -> dict[str, float]:
    """Russian word -> Zipf frequency, from the ``large_ru`` list inside the wordfreq wheel
    (downloaded with pip; its word lists are CC-BY-SA 4.0)."""
    import msgpack  # build-time only

    wheels = sorted(cache.glob("wordfreq-*.whl"))
    if not wheels:
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(cache), WORDFREQ],
                       check=True)  # fmt: skip
        wheels = sorted(cache.glob("wordfreq-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as zf:
        data = msgpack.unpackb(gzip.decompress(zf.read("wordfreq/data/large_ru.msgpack.gz")), raw=False)
    out: dict[str, float] = {}
    for cb, words in enumerate(data[1:]):
        zipf = 9 - cb / 100
        if zipf < RU_MIN_ZIPF:
            break
        for w in words:
            if w and all("\u0400" <= ch <= "\u04ff" for ch in w):
                out.setdefault(w.replace("ё", "е"), zipf)
    return out


def write_russian(path: Path, freqs: dict[str, float]) -> None:
    vocab = sorted(freqs, key=lambda w: (-freqs[w], w))
    zipf = np.array([round(10 * freqs[w]) for w in vocab], dtype=np.uint8)
    write_arrays(path, vocab, {"zipf_x10": zipf},
                 {"source": f"wordfreq {WORDFREQ} large_ru (CC-BY-SA 4.0)", "min_zipf": RU_MIN_ZIPF})  # fmt: skip


_SPACED = re.compile(r"(?:^|\s)(?:\w ){3,}\w(?:\s|$)")


def spacing_stats(texts: Iterable[str]) -> dict[str, float]:
    """Log-odds of spacing around non-letters, and of double spaces, in clean text.

    ``L<p><c>``: ln P(a letter follows c) / P(a space follows c) when the character before ``c``
    is of class ``p`` (``L`` letter, ``S`` space or line start, ``0`` digit, or the character);
    ``L<c>`` the same for any ``p``. ``R<c><n>`` / ``R<c>``: ln P(c follows a letter) / P(c follows
    a space), given the class ``n`` of the character after ``c``. ``D``: ln of the odds of a gap
    between two words being two spaces or more rather than one; ``T``: the same for the spaces
    that end a line. Letter-spaced lines (``т ө м е н``) are left out of ``D`` and ``T``.
    """
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    inner = Counter[int]()
    trailing = Counter[int]()
    for text in texts:
        for line in text.split("\n"):
            for i, ch in enumerate(line):
                c = spacing_class(ch)
                if c in ("L", "S"):
                    continue
                p = spacing_class(line[i - 1]) if i else "S"  # a line start counts as a space
                n = spacing_class(line[i + 1 : i + 2])
                if n in ("L", "S"):
                    left[f"{c}|{n}"] += 1
                    left[f"{p}{c}|{n}"] += 1
                if p in ("L", "S"):
                    right[f"{c}|{p}"] += 1
                    right[f"{c}{n}|{p}"] += 1
            if _SPACED.search(line):
                continue
            inner.update(min(len(m), 2) for m in re.findall(r"(?<=\S)( +)(?=\S)", line))
            end = re.search(r"\S( +)$", line)
            if end:
                trailing[min(len(end.group(1)), 2)] += 1
    stats: dict[str, float] = {}
    for table, tag in ((left, "L"), (right, "R")):
        keys = {k.split("|")[0] for k in table}
        for key in keys:
            a, b = table[f"{key}|L"], table[f"{key}|S"]
            if a + b >= (1 if len(key) == 1 else 10):
                stats[tag + key] = math.log((a + 0.5) / (b + 0.5))
    stats["D"] = math.log((inner[2] + 0.5) / (inner[1] + 0.5))
    stats["T"] = math.log((trailing[2] + 0.5) / (trailing[1] + 0.5))
    return stats


def word_keys(words: Iterable[str]) -> set[str]:
    """Model keys of the alpha runs of each word (hyphenated entries give their parts)."""
    return {lm_key(run) for word in words for run in alpha_runs(word)}


def drop_fragments(words: set[str], trusted: set[str]) -> tuple[set[str], set[str]]:
    """Split ``words`` into (kept, dropped): dropped are likely corruption fragments.

    A fragment is a word without Kazakh letters that some Kazakh-letter word of ``words`` leaves
    *after* one of its Kazakh letters when split at them (``кіметіні`` from ``үкіметінің``,
    ``стан`` from ``қазақстан``), and never *before* the first one: leading pieces are mostly real
    stems (``бастап`` of ``бастапқы``) and are kept. Words in ``trusted`` are always kept.
    """
    leading: set[str] = set()
    inner: set[str] = set()
    for word in words:
        if _KZ_SPLIT.search(word):
            first, *rest = _KZ_SPLIT.split(word)
            leading.add(first)
            inner.update(p for p in rest if p)
    dropped = {w for w in inner - leading - trusted if w in words and not _KZ_SPLIT.search(w)}
    return words - dropped, dropped


def train_char_model(words: Iterable[str], order: int, min_count: int) -> dict[str, float]:
    """Interpolated Witten-Bell character model over ``^word$``, written in back-off form.

    ``P(c|h) = (C(hc) + T(h) P(c|h')) / (C(h) + T(h))`` with ``T(h)`` the number of distinct
    characters seen after ``h`` and ``h'`` the context without its first character. For a pair
    never seen the probability is exactly ``T(h)/(C(h)+T(h)) * P(c|h')``, so the table keeps
    ``ln P`` for seen pairs and ``ln T(h)/(C(h)+T(h))`` per context (key ``h + '\\t*'``). Pairs of the
    two highest orders seen fewer than ``min_count`` times are pruned (they fall back to the
    shorter context).
    """
    counts: list[Counter[str]] = [Counter() for _ in range(order + 1)]
    for word in words:
        s = BOS + word + EOS
        for i in range(1, len(s)):
            for n in range(1, order + 1):
                if i - n + 1 < 0:
                    break
                counts[n][s[i - n + 1 : i + 1]] += 1
    table: dict[str, float] = {}
    probs: dict[str, float] = {}
    total = sum(counts[1].values())
    vocab = len(counts[1]) + 1
    for gram, c in counts[1].items():
        probs[gram] = (c + 1) / (total + vocab)
    table["\t<unk>"] = math.log(1 / (total + vocab))
    for n in range(2, order + 1):
        ctx_total: Counter[str] = Counter()
        ctx_types: Counter[str] = Counter()
        for gram, c in counts[n].items():
            ctx_total[gram[:-1]] += c
            ctx_types[gram[:-1]] += 1
        prune = n >= order - 1
        for gram, c in counts[n].items():
            h = gram[:-1]
            lam = ctx_types[h] / (ctx_total[h] + ctx_types[h])
            lower = probs.get(gram[1:])
            if lower is None:  # the shorter pair was pruned: rebuild it through its back-off
                lower = _backoff_prob(gram[1:], probs, table)
            p = (c + ctx_types[h] * lower) / (ctx_total[h] + ctx_types[h])
            probs[gram] = p
            if prune and c < min_count:
                continue
            table[gram] = math.log(p)
            table[h + "\t*"] = math.log(lam)
        if prune:  # pruned pairs must not serve as the shorter context of longer ones
            probs = {g: p for g, p in probs.items() if len(g) < n or g in table}
    for gram, p in probs.items():
        if len(gram) == 1:
            table[gram] = math.log(p)
    return table


def _backoff_prob(gram: str, probs: dict[str, float], table: dict[str, float]) -> float:
    while gram not in probs:
        bow = table.get(gram[:-1] + "\t*", 0.0)
        gram = gram[1:]
        if not gram:
            return math.exp(table["\t<unk>"])
        if gram in probs:
            return math.exp(bow) * probs[gram]
    return probs[gram]


def _gz_writer(path: Path) -> io.TextIOWrapper:
    """A UTF-8 text writer to a gzip file with a fixed header time, so rebuilds are byte-identical."""
    return io.TextIOWrapper(gzip.GzipFile(str(path), "wb", 9, mtime=0), encoding="utf-8", newline="\n")


def write_outputs(out: Path, lexicon: set[str], charlm: dict[str, float],
                  stems: dict[str, str], rules: list[tuple[str, str, str, str]], fragments: set[str],
                  spacing: dict[str, float], readme: str) -> None:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    with _gz_writer(out / "kk_lexicon.txt.gz") as f:
        f.write("\n".join(sorted(lexicon)) + "\n")
    with _gz_writer(out / "kk_hunspell.tsv.gz") as f:
        for flag, strip, add, cond in rules:
            f.write(f"R\t{flag}\t{strip}\t{add}\t{cond}\n")
        for stem in sorted(stems):
            f.write(f"S\t{stem}\t{stems[stem]}\n")
    with _gz_writer(out / "kk_fragments.txt.gz") as f:
        f.write("\n".join(sorted(fragments)) + "\n")
    with open(out / "kk_spacing.tsv", "w", encoding="utf-8") as f:
        for key in sorted(spacing):
            f.write(f"{key}\t{spacing[key]:.3f}\n")
    with _gz_writer(out / "kk_charlm.tsv.gz") as f:
        for key in sorted(charlm):
            f.write(f"{key}\t{charlm[key]:.3f}\n")
    (out / "README.md").write_text(readme, encoding="utf-8")


def hunspell_paths(aff: Path, dic: Path, cache: Path) -> tuple[Path, Path]:
    """The hunspell-kk files: installed ones, else unpacked from ``apt-get download hunspell-kk``."""
    if aff.exists() and dic.exists():
        return aff, dic
    tree = download_packages(cache, ("hunspell-kk",))["hunspell-kk"]
    return tree / "usr/share/hunspell/kk_KZ.aff", tree / "usr/share/hunspell/kk_KZ.dic"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--traineddata", type=Path, default=Path("/usr/share/tesseract-ocr/5/tessdata/kaz.traineddata")
    )
    ap.add_argument("--aff", type=Path, default=Path("/usr/share/hunspell/kk_KZ.aff"))
    ap.add_argument("--dic", type=Path, default=Path("/usr/share/hunspell/kk_KZ.dic"))
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "adilet-lm",
                    help="where the Debian packages and the wordfreq wheel are downloaded")  # fmt: skip
    ap.add_argument("--order", type=int, default=5)
    ap.add_argument("--char-tokens", action=argparse.BooleanOptionalAction, default=True,
                    help="also train the character model on every running-text token (with frequencies)")  # fmt: skip
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "normalize" / "data")
    args = ap.parse_args(argv)

    guard = Guard.default()
    docs = documents(args.cache / "debs")
    train = [d for d in docs if split_of(d.doc_id) == "train"]
    kept_ids, overlapping = guard.filter((d.doc_id, d.text) for d in train)
    keep = set(kept_ids)
    train = [d for d in train if d.doc_id in keep]
    lines = [line for d in train for line in d.lines]
    corpus = corpus_counts(lines)

    aff, dic = hunspell_paths(args.aff, args.dic, args.cache / "debs")
    rules = hunspell_rules(aff)
    stems = {lm_key(s): f for s, f in hunspell_stems(dic).items() if alpha_runs(s) == [s]}
    hun = word_keys(hunspell_forms(stems, rules))
    tess_raw = tesseract_words(args.traineddata)
    tess = word_keys(tess_raw)
    attested = {w for w, n in corpus.unigrams.items() if n >= LEXICON_MIN_COUNT}
    trusted = attested | set(stems)
    kept, dropped = drop_fragments(tess | hun, trusted)
    impossible = {w for w in kept | attested if len(w) < 2 or w[0] in "ңъь"}
    kept -= impossible
    attested -= impossible
    lexicon = (kept & tess) | attested
    dropped |= impossible
    char_words = sorted(kept | attested)
    if args.char_tokens:
        char_words += sorted(corpus.unigrams.elements())
    charlm = train_char_model(char_words, args.order, args.min_count)
    ru = russian_frequencies(args.cache)
    stats = (f"corpus: {len(train)} training documents ({len(overlapping)} dropped for overlap with test material), "
             f"{sum(corpus.unigrams.values())} words / {len(corpus.unigrams)} types, {len(corpus.pairs)} pairs kept; "
             f"{sum(split_of(d.doc_id) == 'heldout' for d in docs)} documents held out; "
             f"tesseract {len(tess_raw)} words ({len(tess)} keys), hunspell {len(stems)} stems / {len(hun)} forms, "
             f"{len(dropped)} fragments dropped; lexicon {len(lexicon)} + hunspell; "
             f"char model {len(charlm)} entries; Russian {len(ru)} words")  # fmt: skip
    readme = README_TEMPLATE.format(order=args.order, min_count=args.min_count, stats=stats,
                                    protected="\n".join(f"- `{name}`" for name in guard.texts))  # fmt: skip
    spacing = spacing_stats(lines)
    write_outputs(args.out, lexicon, charlm, stems, rules, dropped & hun, spacing, readme)
    write_word_model(args.out / KK_FILE, corpus)
    write_russian(args.out / RU_FILE, ru)
    print(stats)
    for doc_id, share in overlapping:
        print(f"dropped {doc_id}: {share:.1%} of its 6-grams are in test material")
    return 0


README_TEMPLATE = """# Kazakh language-model data (derived counts only)

Built by `tools/build_kazakh_lm.py`; rebuild with `.venv/bin/python tools/build_kazakh_lm.py` (needs
`apt-get download` for the Debian packages below, `pip download` for the wordfreq wheel, and the
Debian packages `tesseract-ocr` (`combine_tessdata`/`dawg2wordlist`) and `tesseract-ocr-kaz`).
No source text is stored here: only word types, word and pair counts and character n-gram statistics.
Tests and the pipeline read these files only; nothing is downloaded at run or test time.

| file | what | derived from |
| --- | --- | --- |
| `kk.words.gz` | Kazakh word unigram counts, word-pair counts (pairs seen < 2 times pruned; totals kept for Kneser-Ney), capitalisation flags (binary, `normalize/word_model.py`) | the training split of the running text below |
| `ru.words.gz` | Russian word -> Zipf frequency (>= 2.5), binary | `large_ru` of wordfreq 3.1.1 (PyPI; word lists CC-BY-SA 4.0, code Apache-2.0) |
| `kk_lexicon.txt.gz` | lower-case Kazakh word forms, one a line | the LSTM word list of Debian `tesseract-ocr-kaz` (`kaz.traineddata`, Apache-2.0; corruption fragments removed) and corpus words seen >= 3 times |
| `kk_hunspell.tsv.gz` | `S stem flags` and `R flag strip add condition` lines: the stems and suffix rules, applied backwards at run time | Debian `hunspell-kk` (`kk_KZ.dic`/`.aff`, GPL-2+/LGPL-2.1+/MPL-1.1+) |
| `kk_fragments.txt.gz` | hunspell-derivable forms that are corruption fragments, treated as unknown | `drop_fragments` in `tools/build_kazakh_lm.py` |
| `kk_spacing.tsv` | log-odds of a letter rather than a space next to each punctuation mark / digit, and of double spaces | the training split of the running text below |
| `kk_charlm.tsv.gz` | order-{order} character model (interpolated Witten-Bell, back-off form, natural logs; pairs of the two top orders seen fewer than {min_count} times pruned) | every lexicon and hunspell-kk form once, plus every word of the running text with its frequency |

**Running text** (`tools/lm_corpus.py`): the Kazakh translations shipped by Debian's
`libreoffice-l10n-kk` (MPL-2.0), `firefox-esr-l10n-kk` and `thunderbird-l10n-kk` (MPL-2.0), and the
`kk` gettext catalogues under `/usr/share/locale` (each under its package's licence, mostly
GPL/LGPL). Each catalogue file is a document; one in ten (by SHA-256 of its id) is **held out**,
never counted, and is the text of `make bench-glyphs`.

kazakhstan-law/ministerial (Adilet acts) could not be brought onto the build machine (no snapshot
available to `fetch`), so no Adilet text is used.

**Test material, never used** (`tools/protected_documents.py`; the build raises on any of them and
drops a corpus document sharing more than 2% of its word 6-grams with them):

{protected}

{stats}
"""

if __name__ == "__main__":
    raise SystemExit(main())
