#!/usr/bin/env python3
"""Build the Kazakh word lexicon and character n-gram model in ``normalize/data/``.

Sources (all derived counts; no source text is written out):

* the word list inside Debian's ``tesseract-ocr-kaz`` (``kaz.traineddata``), unpacked with
  ``combine_tessdata -u`` and ``dawg2wordlist`` (package ``tesseract-ocr``);
* every word form the ``hunspell-kk`` dictionary generates (its affix file only has one level of
  suffixes, so expanding it here is a few lines: :func:`hunspell_forms`);
* the clean seed documents in ``../shared/seeds`` except the one the benchmark holds out
  (``--exclude``) and any the detector does not call clean (seed 002 is the corrupted one).

The tesseract list was itself harvested from PDFs with this very corruption, so it holds fragments
like ``кіметіні`` (``Үкіметінің`` without its Kazakh letters). :func:`drop_fragments` removes a word
without Kazakh letters when it is a piece that splitting some Kazakh-letter word of the same list
at its Kazakh letters produces, unless hunspell or the seeds attest it as a word. One-letter
words and words opening with ``ң``, ``ъ`` or ``ь`` (impossible in Kazakh) are dropped too.

Outputs: ``kk_lexicon.txt.gz`` (one lower-case word a line), ``kk_unigrams.tsv.gz`` (word, count
in the seeds), ``kk_charlm.tsv.gz`` (interpolated Witten-Bell character model in back-off form:
``ngram<TAB>ln p`` and ``ngram<TAB>*<TAB>ln back-off`` lines), ``README.md`` naming the sources.
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
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from normalize.glyph_alphabet import KZ_CLASS, alpha_runs, lm_key, spacing_class  # noqa: E402
from normalize.glyph_detect import glyph_stats, looks_displaced  # noqa: E402

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


SHORT_LINE = 40  # characters: a table-cell line, where a wrap may have cut a word


def seed_tokens(paths: Iterable[Path], lexicon: set[str]) -> Counter[str]:
    """Counts of the model keys of the alpha runs in the given (clean) texts.

    Table cells wrap words (``мультимедиялы`` / ``қ дизайн``), so a word at either end of a
    wrapped cell line may be a piece of a word: the last word of a short line followed by
    another line, and the first word of a line after a short line, are never counted (nor is
    any piece whose join with its neighbour is a form of ``lexicon``).
    """
    counts: Counter[str] = Counter()
    for path in paths:
        texts = path.read_text(encoding="utf-8").split("\n")
        lines = [line.split() for line in texts]
        cut = [False] * len(lines)  # cut[i]: the last word of line i may continue on line i + 1
        for i in range(len(lines) - 1):
            if lines[i] and lines[i + 1]:
                short = len(texts[i].strip()) < SHORT_LINE
                cut[i] = short or lm_key(lines[i][-1] + lines[i + 1][0]) in lexicon
        for i, words in enumerate(lines):
            keep = words[1:] if i and cut[i - 1] else words
            keep = keep[:-1] if cut[i] else keep
            for word in keep:
                for run in alpha_runs(word):
                    counts[lm_key(run)] += 1
    return counts


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


def write_outputs(out: Path, lexicon: set[str], unigrams: Counter[str], charlm: dict[str, float],
                  stems: dict[str, str], rules: list[tuple[str, str, str, str]], fragments: set[str],
                  spacing: dict[str, float], readme: str) -> None:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    with _gz_writer(out / "kk_lexicon.txt.gz") as f:
        f.write("\n".join(sorted(lexicon)) + "\n")
    with _gz_writer(out / "kk_unigrams.tsv.gz") as f:
        for word, count in sorted(unigrams.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{word}\t{count}\n")
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--exclude", action="append", default=[],
                    help="seed name prefix to hold out (repeatable); the benchmark holds out 004")  # fmt: skip
    ap.add_argument(
        "--traineddata", type=Path, default=Path("/usr/share/tesseract-ocr/5/tessdata/kaz.traineddata")
    )
    ap.add_argument("--aff", type=Path, default=Path("/usr/share/hunspell/kk_KZ.aff"))
    ap.add_argument("--dic", type=Path, default=Path("/usr/share/hunspell/kk_KZ.dic"))
    ap.add_argument("--order", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "normalize" / "data")
    args = ap.parse_args(argv)
    exclude = args.exclude or ["004"]

    seeds = sorted(p for p in args.seeds.glob("*.txt") if not any(p.name.startswith(e) for e in exclude))
    used = [p for p in seeds if not looks_displaced(glyph_stats(p.read_text(encoding="utf-8")))]
    rules = hunspell_rules(args.aff)
    stems = {lm_key(s): f for s, f in hunspell_stems(args.dic).items() if alpha_runs(s) == [s]}
    hun = word_keys(hunspell_forms(stems, rules))
    tess_raw = tesseract_words(args.traineddata)
    tess = word_keys(tess_raw)
    unigrams = seed_tokens(used, tess | hun)
    trusted = set(unigrams) | set(stems)
    kept, dropped = drop_fragments(tess | hun, trusted)
    impossible = {w for w in kept | set(unigrams) if len(w) < 2 or w[0] in "ңъь"}
    kept -= impossible
    unigrams = Counter({w: n for w, n in unigrams.items() if w not in impossible})
    lexicon = (kept & tess) | set(unigrams)
    dropped |= impossible
    charlm = train_char_model(sorted(kept | set(unigrams)), args.order, args.min_count)
    stats = (f"tesseract {len(tess_raw)} words ({len(tess)} keys), hunspell {len(stems)} stems / {len(hun)} forms, "
             f"{len(dropped)} fragments dropped; seeds {sum(unigrams.values())} tokens / {len(unigrams)} types "
             f"from {', '.join(p.name[:3] for p in used)}; lexicon {len(lexicon)} + hunspell; "
             f"char model {len(charlm)} entries")  # fmt: skip
    readme = README_TEMPLATE.format(
        seeds=", ".join(p.name for p in used), exclude=", ".join(exclude), order=args.order,
        min_count=args.min_count, stats=stats,
    )  # fmt: skip
    spacing = spacing_stats(p.read_text(encoding="utf-8") for p in used)
    write_outputs(args.out, lexicon, unigrams, charlm, stems, rules, dropped & hun, spacing, readme)
    print(stats)
    return 0


README_TEMPLATE = """# Kazakh language-model data (derived counts only)

Built by `tools/build_kazakh_lm.py`; rebuild with `.venv/bin/python tools/build_kazakh_lm.py` (needs the
Debian packages `tesseract-ocr` for `combine_tessdata`/`dawg2wordlist`, `tesseract-ocr-kaz` and `hunspell-kk`;
the rebuilt files are byte-identical when the inputs are).
No source text is stored here: only word types, word counts and character n-gram statistics.

| file | what | derived from |
| --- | --- | --- |
| `kk_lexicon.txt.gz` | lower-case Kazakh word forms, one a line | the LSTM word list of Debian `tesseract-ocr-kaz` (`kaz.traineddata`, Apache-2.0; corruption fragments removed) and the word types of the seeds below |
| `kk_hunspell.tsv.gz` | `S stem flags` and `R flag strip add condition` lines: the stems and suffix rules, applied backwards at run time | Debian `hunspell-kk` (`kk_KZ.dic`/`.aff`, GPL-2+/LGPL-2.1+/MPL-1.1+) |
| `kk_fragments.txt.gz` | hunspell-derivable forms that are corruption fragments, treated as unknown | `drop_fragments` in `tools/build_kazakh_lm.py` |
| `kk_unigrams.tsv.gz` | word, count | the seeds below |
| `kk_spacing.tsv` | log-odds of a letter rather than a space next to each punctuation mark / digit, and of double spaces | the seeds below |
| `kk_charlm.tsv.gz` | order-{order} character model (interpolated Witten-Bell, back-off form, natural logs; pairs of the two top orders seen fewer than {min_count} times pruned) | the lexicon above plus every hunspell-kk form, one count per word type |

Seeds used (clean Adilet text layers from `shared/seeds`): {seeds}.
Held out for the benchmark (never used here): {exclude}; seed 002 (the corrupted example) is never used.

{stats}
"""

if __name__ == "__main__":
    raise SystemExit(main())
