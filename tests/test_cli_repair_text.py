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


def _fails(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(EXE), "repair-text", *args], input=data, capture_output=True)


def test_missing_file_and_folder_are_one_line_usage_errors(tmp_path: Path) -> None:
    for given, says in ((tmp_path / "nope.txt", b"nope.txt: no such file"), (tmp_path, b"a folder, not a text file")):
        proc = _fails(b"", str(given))
        assert proc.returncode == 2 and proc.stdout == b""
        assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1 and b"Traceback" not in proc.stderr


def test_binary_input_is_refused_not_repaired(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    cases = [((str(pdf),), b"", b"a PDF, not text"), ((), b"abc\x00def\n", b"stdin: binary data (a NUL byte at offset 3)"),
             ((), "Қазақстан Республикасы\n".encode("kz1048"), b"not UTF-8")]  # fmt: skip
    for args, data, says in cases:
        proc = _fails(data, *args)
        assert proc.returncode == 2 and proc.stdout == b"", proc.stderr
        assert says in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_a_stray_undecodable_byte_is_still_text() -> None:
    data = "Қазақстан Республикасы \xff\n".encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
    proc = _fails(data)
    assert proc.returncode == 0 and proc.stdout == data and proc.stderr == b""


def test_counts_say_what_changed() -> None:
    from adilet.cli import text_changes

    assert text_changes("abc\nкүн\n", "abc\nкүн\n") == (0, 0)
    assert text_changes("аза стан\nx\n", "Қазақстан\nx\n") == (1, 2)  # Қ inserted, the space replaced by қ
    proc = _run(f"{BROKEN}\n".encode())
    out = proc.stdout.decode()
    lines, chars = text_changes(f"{BROKEN}\n", out)
    assert lines == 1 and chars > 0
    assert f"{lines} lines changed, {chars} characters changed" in proc.stderr.decode()
