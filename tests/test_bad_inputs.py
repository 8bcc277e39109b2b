"""Broken and hostile inputs: each gets a clear one-line error in `documents` while the rest of
the batch completes. Every fixture is generated here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from adilet.pipeline import run_extract
from adilet.process import process_file
from adilet.settings import ExtractSettings
from tests.conftest import SAMPLES, read_csv

GOOD = SAMPLES / "000_additional_education_karaganda_2025.pdf"


def _text_pdf(path: Path, pages: int = 1, text: str = "Қазақстан Республикасы") -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        c.drawString(72, 760, text)
        c.showPage()
    c.save()
    return path


def _image_only_pdf(path: Path) -> Path:
    from PIL import Image

    img = Image.new("RGB", (400, 300), "white")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 72, 400, 400, 300)
    c.showPage()
    c.save()
    return path


def _status(path: Path, reader: str = "pdfium") -> tuple[str, str]:
    doc = process_file(path, reader=reader).document
    return str(doc["status"]), str(doc["error"])


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_text("hello", encoding="utf-8")
    assert _status(path) == ("bad_input", "a.pdf: not a PDF (no %PDF- header) (value: 'hello')")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _status(path) == ("bad_input", "empty.pdf: empty file")


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    data = GOOD.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    status, error = _status(path)
    assert status == "bad_input" and "corrupted or truncated PDF" in error and "\n" not in error


def test_corrupted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    data = GOOD.read_bytes()
    path.write_bytes(data[:1500] + b"\x00garbage" * 400 + data[-2000:])
    status, error = _status(path)
    assert status in ("bad_input", "empty_document") and "bad.pdf" in error


def test_encrypted_with_user_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    writer = PdfWriter(clone_from=str(GOOD))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(str(path))
    assert _status(path) == ("bad_input", "locked.pdf: encrypted PDF: a user password is needed")


def test_encrypted_with_owner_password_only_just_works(tmp_path: Path) -> None:
    path = tmp_path / "owner.pdf"
    writer = PdfWriter(clone_from=str(GOOD))
    writer.encrypt(user_password="", owner_password="owner")
    writer.write(str(path))
    result = process_file(path)
    assert result.document["status"] == "ok"
    assert len(result.datasets["additional_education_order"]) == 20


def test_scan_without_text_layer_says_so(tmp_path: Path) -> None:
    status, error = _status(_image_only_pdf(tmp_path / "scan.pdf"))
    assert status == "no_text_layer" and "a scan" in error


def test_blank_pdf(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(str(path))
    assert _status(path)[0] == "empty_document"


def test_pdf_without_tables_is_reported_not_failed(tmp_path: Path) -> None:
    status, error = _status(_text_pdf(tmp_path / "text.pdf"))
    assert status == "no_tables" and "no table found" in error


def test_odd_file_names(tmp_path: Path) -> None:
    odd = tmp_path / "-бұйрық № 5 (көшірме).pdf"
    odd.write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    summary = run_extract([odd], ExtractSettings(out_dir=out, report=False))
    assert summary.failed == ()
    docs = read_csv(out / "documents.csv")
    assert docs["source_file"].tolist() == [odd.name]
    assert (out / "tables" / odd.stem / "table_01.csv").exists()


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 nothing else")
    (tmp_path / "y.pdf").write_bytes(GOOD.read_bytes())
    summary = run_extract([tmp_path], ExtractSettings(out_dir=tmp_path / "out", report=False))
    assert [name for name, _ in summary.failed] == ["x.pdf"]
    assert summary.rows["additional_education_order"] == 20


@pytest.mark.parametrize("pages", [2000])
def test_thousands_of_pages(tmp_path: Path, pages: int) -> None:
    status, _ = _status(_text_pdf(tmp_path / "long.pdf", pages=pages))
    assert status == "no_tables"


def test_regression_malformed_mediabox_is_bad_input(tmp_path: Path) -> None:
    """Found by make fuzz: a name inside /MediaBox raised pdfplumber's MalformedPDFException (the
    pdfplumber reader's; pdfium reads such a page with its default box)."""
    data = GOOD.read_bytes()
    start = data.index(b"/MediaBox [")
    end = data.index(b"]", start)
    box = data[start:end].split()
    box[-2] = b"/Xx"  # a name where a number belongs, same length class
    path = tmp_path / "mediabox.pdf"
    path.write_bytes(data[:start] + b" ".join(box) + data[end:])
    status, error = _status(path, reader="pdfplumber")
    assert status == "bad_input" and "corrupted" in error, error
