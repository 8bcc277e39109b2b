"""Glyphs without a Unicode mapping inside Kazakh words are learned from the document itself.

Regression for the gap left in issue 3: a second font that draws the Kazakh letters without a
ToUnicode map gave "(cid:1)аза(cid:2)стан" in every cell; the codes were only counted."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.document_repair import repair_document_glyphs
from extract.pdf_to_document import pdf_to_document
from normalize.glyph_cid import apply_cids, learn_cids

WORDS = {"қазақстан", "білім", "және", "ғылым", "оқу", "қызмет", "бойынша", "мемлекеттік"}


class Words:
    def known(self, word: str) -> bool:
        return word.lower() in WORDS

    def score(self, word: str) -> float:
        return -2.0 * len(word)


def test_codes_learned_from_distinct_words_and_case_from_position() -> None:
    lines = ["(cid:1)аза(cid:2)стан б(cid:3)л(cid:3)м ж(cid:4)не (cid:5)ылым", "о(cid:2)у (cid:2)ызмет ж(cid:4)не",
             "мемлекетт(cid:3)к"]  # fmt: skip
    mapping = learn_cids(lines, Words())
    assert mapping == {"(cid:2)": "қ", "(cid:3)": "і", "(cid:4)": "ә"}  # Қ and ғ: one word once, not enough
    assert apply_cids(lines[1], mapping) == "оқу қызмет және"


def test_nothing_learned_without_agreeing_words() -> None:
    assert learn_cids(["(cid:7)(cid:8)(cid:9)", "abc (cid:3)d"], Words()) == {}  # no Cyrillic around
    assert learn_cids(["ж(cid:4)не", "ж(cid:4)не", "ж(cid:4)ге"], Words()) == {}  # 1 of 2 words known


@given(st.text(alphabet="абвгдежзий (cid:0123456789)", max_size=60))
def test_apply_without_mapping_is_identity(text: str) -> None:
    assert apply_cids(text, {}) == text


def _kazakh_font_without_map(path: Path) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("CidMain", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("CidKazakh", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    kazakh = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
    lines = ["Қазақстан Республикасының білім және ғылым министрлігі",
             "Мемлекеттік білім беру тапсырысы бойынша оқу орындары",
             "Тамақтандыруды ұйымдастыру және қызмет көрсету"]  # fmt: skip
    drawn = path.with_suffix(".drawn.pdf")
    c = canvas.Canvas(str(drawn))
    for k, line in enumerate(lines):
        t = c.beginText(60, 760 - 20 * k)
        for ch in line:
            t.setFont("CidKazakh" if ch in kazakh else "CidMain", 12)
            t.textOut(ch)
        c.drawText(t)
    c.save()
    with pikepdf.open(drawn) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if "Serif" in str(font.get("/BaseFont")) and "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(path)
    return path


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_second_font_without_unicode_map_is_read_back(tmp_path: Path, reader: str) -> None:
    doc = pdf_to_document(_kazakh_font_without_map(tmp_path / "kz.pdf"), reader)
    assert "(cid:" in doc.text_lines[0].text
    fixed, report = repair_document_glyphs(doc)
    texts = [x.text for x in fixed.text_lines]
    assert texts[1] == "Мемлекеттік білім беру тапсырысы бойынша оқу орындары"
    assert "білім және" in texts[0] and "(cid:" in texts[0]  # ғылым once: not enough, kept as printed
    assert report.kind == "unmapped_learned" and report.letters_placed >= 10
    assert report.unmapped_glyphs == sum(t.count("(cid:") for t in texts)  # the rest kept as printed


def test_latin1_letters_inside_cyrillic_words_are_learned_latin_words_keep_theirs() -> None:
    """A font that put the Kazakh letters on Latin-1 code points ("Êазаêстан", "бiлiм жäне") is
    read back like glyphs without a map; a Latin word ("Café") keeps its letters."""
    lines = ["Êазаêстан Республикасыныñ бiлiм жäне ãылым", "оêу êызмет жäне мемлекеттiк", "Café Müller"]
    mapping = learn_cids(lines, Words())
    assert mapping["ê"] == "қ" and mapping["ä"] == "ә"
    assert apply_cids(lines[1], mapping) == "оқу қызмет және мемлекеттiк"  # Latin i is not Latin-1
    assert apply_cids("Café жäне", mapping) == "Café және"
