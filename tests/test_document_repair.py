"""The pipeline repairs a PDF's text as a whole: displaced Kazakh letters in page lines and cells."""

from __future__ import annotations

from core.document import Document
from core.grid import GridCell, TableGrid
from core.page import TextLine
from extract.document_repair import repair_document_glyphs
from tests.conftest import SHARED, needs_seeds

BROKEN = "аза стан Республикасы кіметіні  2019 жыл ы 27 желто санда ы № 988 аулысыҚ қ Ү ң ғ қ ғ қ"


def _doc(lines: list[str], cell_lines: tuple[str, ...]) -> Document:
    text = tuple(TextLine(t, 0, 100, 10 * i, 10 * i + 8, 1, 8) for i, t in enumerate(lines))
    cell = GridCell(0, 0, 1, 1, cell_lines, (1,), (0, 0, 10, 10))
    grid = TableGrid("x.pdf", 1, (1,), (0, 0, 10, 10), (0.0, 10.0), 1, (cell,), 1, "test")
    return Document("x.pdf", "0" * 64, 1, text, (grid,))


@needs_seeds
def test_displaced_letters_in_page_text_and_cells_are_put_back() -> None:
    seed = (SHARED / "seeds" / "002_4a785b5c416b6cc2.txt").read_text(encoding="utf-8").splitlines()[:300]
    doc, report = repair_document_glyphs(_doc(seed + [BROKEN], (BROKEN,)))
    assert report.kind == "displaced" and report.lines_changed > 0
    fixed = "Қазақстан Республикасы Үкіметінің 2019 жылғы 27 желтоқсандағы № 988 қаулысы"
    assert doc.text_lines[-1].text == fixed
    assert doc.tables[0].cells[0].lines == (fixed,)


def test_clean_document_is_untouched_and_unmapped_glyphs_are_counted() -> None:
    lines = ["Қазақстан Республикасының Білім туралы заңы", "мамандық (cid:12)(cid:7) коды"]
    doc = _doc(lines, ("Баспа ісі",))
    repaired, report = repair_document_glyphs(doc)
    assert repaired is doc and report.kind == "clean"
    assert report.unmapped_glyphs == 2
