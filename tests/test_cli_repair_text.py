"""`adilet repair-text`: same number of lines, clean text untouched byte for byte, stdin or file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED, needs_seeds

EXE = Path(sys.executable).parent / "adilet"
BROKEN = "аза стан Республикасы кіметіні  2019 жыл ы 27 желто санда ы № 988 аулысыҚ қ Ү ң ғ қ ғ қ"


def _run(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(EXE), "repair-text", *args], input=data, capture_output=True, check=True)


@needs_seeds
def test_repairs_displaced_letters_from_stdin() -> None:
    seed = (SHARED / "seeds" / "002_4a785b5c416b6cc2.txt").read_text(encoding="utf-8")
    text = "\n".join(seed.splitlines()[:400] + [BROKEN]) + "\n"
    out = _run(text.encode()).stdout.decode()
    assert out.count("\n") == text.count("\n")
    assert out.splitlines()[-1] == "Қазақстан Республикасы Үкіметінің 2019 жылғы 27 желтоқсандағы № 988 қаулысы"


@needs_seeds
def test_clean_text_is_unchanged_byte_for_byte(tmp_path: Path) -> None:
    clean = (SHARED / "seeds" / "001_6214c69c2a3206a2.txt").read_bytes()
    data = clean.replace(b"\n", b"\r\n") + b"\xff tail without newline"
    path = tmp_path / "clean.txt"
    path.write_bytes(data)
    assert _run(b"", str(path)).stdout == data
