"""The documents that tests, samples and benchmarks score, and the guard that keeps them out of
the language model.

Protected (test material, never training material):

* every seed in ``../shared/seeds`` (000-004: samples/ renders 000/001/003, the benchmark and
  tests use 002 and 004);
* the content the samples are rendered from (``samples/content/**/*.json`` and
  ``producer_samples/content.py``, every string in them);
* the text layer (``pdftotext``) of every PDF in ``../shared/real_pdfs``.

:class:`Guard` refuses (raises :class:`ProtectedDocumentError`) a training document whose
normalised text has the SHA-256 of a protected one, and reports the share of its word 6-grams
that occur in protected text; the build drops a document above :data:`MAX_OVERLAP` (an act the
corpus shares with a test PDF, under another file name).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHINGLE = 6
MAX_OVERLAP = 0.02

_WORD = re.compile(r"[^\W\d_]+|\d+")


class ProtectedDocumentError(ValueError):
    """A training input is a document that a test, sample or benchmark scores."""


def normalised(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def digest(text: str) -> str:
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()


def shingles(text: str, n: int = SHINGLE) -> set[int]:
    words = normalised(text).split(" ")
    return {hash(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)}


def _strings(obj: object) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def _py_strings(path: Path) -> Iterator[str]:
    """The string literals of a Python module (the producer samples' content is written as code)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def protected_texts(shared: Path = SHARED, samples: Path = ROOT / "samples") -> dict[str, str]:
    """name -> text of every protected document that is present on this machine."""
    out: dict[str, str] = {}
    for p in sorted((shared / "seeds").glob("*.txt")):
        out[f"seed:{p.name}"] = p.read_text(encoding="utf-8", errors="replace")
    for p in sorted((samples / "content").rglob("*.json")):
        rel = p.relative_to(samples / "content").as_posix()
        out[f"sample:{rel}"] = "\n".join(_strings(json.loads(p.read_text(encoding="utf-8"))))
    for p in sorted((samples.parent / "producer_samples").glob("*.py")):
        out[f"producer_sample:{p.name}"] = "\n".join(_py_strings(p))
    for p in sorted((shared / "real_pdfs").glob("*.pdf")):
        try:
            res = subprocess.run(["pdftotext", "-q", str(p), "-"], capture_output=True, check=False, timeout=120)
        except (OSError, subprocess.TimeoutExpired):
            continue
        text = res.stdout.decode("utf-8", errors="replace")
        if text.strip():
            out[f"real_pdf:{p.name}"] = text
    return out


@dataclass
class Guard:
    texts: dict[str, str]
    digests: dict[str, str] = field(init=False)
    grams: set[int] = field(init=False)

    def __post_init__(self) -> None:
        self.digests = {digest(t): name for name, t in self.texts.items()}
        self.grams = set()
        for t in self.texts.values():
            self.grams |= shingles(t)

    @classmethod
    def default(cls) -> Guard:
        return cls(protected_texts())

    def check(self, doc_id: str, text: str) -> float:
        """Raise for a protected document; else the share of its 6-grams found in protected text."""
        name = self.digests.get(digest(text))
        if name is not None:
            raise ProtectedDocumentError(f"{doc_id}: is the protected document {name}; refusing to train on it")
        own = shingles(text)
        return len(own & self.grams) / len(own) if own else 0.0

    def filter(self, docs: Iterable[tuple[str, str]]) -> tuple[list[str], list[tuple[str, float]]]:
        """(ids kept, (id, overlap) dropped) for ``(id, text)`` pairs; raises on a protected one."""
        kept, dropped = [], []
        for doc_id, text in docs:
            share = self.check(doc_id, text)
            (dropped.append((doc_id, share)) if share > MAX_OVERLAP else kept.append(doc_id))
        return kept, dropped
