"""Font descents read with pikepdf equal pdfminer's own reading (the reference the pdfium reader
must match to give pdfplumber's character boxes), on every sample and real PDF; a broken file
gives an empty map, never an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract.readers.font_descents import font_descents, strip_subset
from tests.conftest import REAL_PDFS, SAMPLES

PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(REAL_PDFS.glob("*.pdf"))


def pdfminer_descents(path: Path) -> dict[str, float]:
    """The reference: pdfminer's parser walking the same resources (the reader used before)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdffont import FontMetricsDB
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    def name(v: Any) -> str:
        v = resolve1(v)
        if isinstance(v, PSLiteral):
            v = v.name
        return v.decode("latin-1") if isinstance(v, bytes) else str(v)

    out: dict[str, float] = {}
    seen: set[int] = set()

    def add_font(spec: Any) -> None:
        spec = resolve1(spec)
        if not isinstance(spec, dict):
            return
        subtype = name(spec.get("Subtype", ""))
        base = name(spec.get("BaseFont", "unknown"))
        if subtype == "Type3":
            return
        if subtype == "Type0":
            kids = resolve1(spec.get("DescendantFonts")) or []
            desc = resolve1(resolve1(kids[0]).get("FontDescriptor")) if kids else None
        else:
            try:
                desc = FontMetricsDB.get_metrics(base)[0]
            except KeyError:
                desc = resolve1(spec.get("FontDescriptor"))
        if not isinstance(desc, dict):
            return
        d = resolve1(desc.get("Descent", 0))
        d = float(d) if isinstance(d, int | float) else 0.0
        for key in (base, name(desc.get("FontName", base))):
            out.setdefault(strip_subset(key), -abs(d) * 0.001)

    def walk(resources: Any, depth: int = 0) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 8:
            return
        for kind in ("Font", "XObject"):
            entries = resolve1(resources.get(kind))
            if not isinstance(entries, dict):
                continue
            for ref in entries.values():
                objid = getattr(ref, "objid", None)
                if objid is not None and objid in seen:
                    continue
                if objid is not None:
                    seen.add(objid)
                if kind == "Font":
                    add_font(ref)
                else:
                    attrs = getattr(resolve1(ref), "attrs", None)
                    if attrs and name(attrs.get("Subtype", "")) == "Form":
                        walk(attrs.get("Resources"), depth + 1)

    with path.open("rb") as fh:
        doc = PDFDocument(PDFParser(fh))
        for page in PDFPage.create_pages(doc):
            walk(page.resources)
    return out


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_same_descents_as_pdfminer(pdf: Path) -> None:
    ours = font_descents(pdf)
    assert ours == pdfminer_descents(pdf)
    if not pdf.name.endswith("_scan_ru.pdf"):
        assert ours, "a PDF with a text layer has fonts"


def test_unreadable_file_gives_no_descents(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert font_descents(bad) == {}


def test_subset_tag_dropped() -> None:
    assert strip_subset("ABCDEF+Calibri") == "Calibri"
    assert strip_subset("Times+Roman") == "Times+Roman"


def test_same_descents_whatever_the_hash_seed() -> None:
    """Regression: qpdf gives a dictionary's keys as a set, so two fonts of the same name (an
    Arial as a Type0 and as a TrueType font) were read in a different order in each process."""
    import json
    import os
    import subprocess
    import sys

    pdf = next((p for p in PDFS if "order110" in p.name), PDFS[0])
    code = ("import json, sys; from pathlib import Path; from extract.readers.font_descents import font_descents; "
            "print(json.dumps(font_descents(Path(sys.argv[1])), sort_keys=True))")  # fmt: skip
    seen = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, str(pdf)], env=env, capture_output=True, text=True,
                             check=True, cwd=Path(__file__).resolve().parents[1])  # fmt: skip
        seen.add(out.stdout)
    assert len(seen) == 1
    assert json.loads(seen.pop()) == pdfminer_descents(pdf)
