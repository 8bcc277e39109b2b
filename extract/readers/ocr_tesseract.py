"""The tesseract program: is it there, with which languages; page orientation; words with their
boxes and confidences from its TSV output. Every call runs one thread with a time limit."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from core.errors import ExtractionError
from core.settings import DEFAULT_LAYOUT, LayoutSettings

BACKEND = "ocr-tesseract"


class OcrUnavailableError(ExtractionError):
    """The tesseract program or its language data are missing."""

    kind = "ocr_unavailable"


# --------------------------------------------------------------------------- tesseract


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def tesseract_languages() -> set[str]:
    """Languages the installed tesseract can read (empty when it is not installed)."""
    exe = tesseract_path()
    if exe is None:
        return set()
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60, check=False)
    lines = (out.stdout or out.stderr).splitlines()
    return {x.strip() for x in lines[1:] if x.strip()}


def check_tesseract(languages: str) -> str:
    """Path of tesseract; raises OcrUnavailableError naming what to install when it cannot run."""
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailableError("--ocr needs the tesseract program: apt-get install tesseract-ocr "
                                  "tesseract-ocr-kaz tesseract-ocr-rus")  # fmt: skip
    have = tesseract_languages()
    missing = [lang for lang in languages.split("+") if lang not in have]
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in missing)
        raise OcrUnavailableError(
            f"tesseract has no language data for {'+'.join(missing)}: apt-get install {pkgs}"
        )
    return exe


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Tesseract's OpenMP threads make a page many times slower on a busy machine: one thread per call.
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def start_tesseract(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())


def finish_tesseract(proc: subprocess.Popen[str], timeout: float = DEFAULT_LAYOUT.ocr_timeout) -> str:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise ExtractionError(f"tesseract took longer than {timeout:g} s") from None
    if proc.returncode != 0:
        raise ExtractionError(f"tesseract failed ({proc.returncode}): {err.strip()[-300:]}")
    return out


def detect_rotation(exe: str, image_path: Path, dpi: int, layout: LayoutSettings = DEFAULT_LAYOUT) -> int:
    """Clockwise degrees (0, 90, 180, 270) that turn the page upright, by Tesseract's OSD; 0 when unsure."""
    proc = subprocess.run([exe, str(image_path), "stdout", "--psm", "0", "--dpi", str(dpi)],
                          capture_output=True, text=True, timeout=layout.ocr_timeout, env=_env(), check=False)  # fmt: skip
    rotate, conf = 0, 0.0
    for line in (proc.stdout + "\n" + proc.stderr).splitlines():
        key, _, value = line.partition(":")
        try:
            if key.strip() == "Rotate":
                rotate = int(value.strip())
            elif key.strip() == "Orientation confidence":
                conf = float(value.strip())
        except ValueError:
            continue
    return rotate % 360 if rotate in (0, 90, 180, 270) and conf >= layout.ocr_min_osd_conf else 0


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line_key: tuple[int, int, int, int]  # image (1-based), block, paragraph, line

    @property
    def image(self) -> int:
        return self.line_key[0]


def ocr_args(exe: str, image_path: Path, languages: str, dpi: int, psm: int) -> list[str]:
    return [exe, str(image_path), "stdout", "-l", languages, "--psm", str(psm), "--dpi", str(dpi), "tsv"]


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV -> its words (level 5) with their boxes in pixels."""
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        try:
            conf = float(row["conf"])
            box = (int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]))
            key = (int(row["page_num"]), int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        except (KeyError, TypeError, ValueError):
            continue
        words.append(Word(text, *box, conf, key))
    return words


