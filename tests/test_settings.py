"""The one layout settings object (core/settings.py): validated once, documented per field,
passed down to the stages and part of the cache key."""

from __future__ import annotations

import ast
from dataclasses import fields, replace
from pathlib import Path

import pytest

from adilet import cache
from adilet.settings import ExtractSettings
from core.settings import DEFAULT_LAYOUT, LayoutSettings, documentation
from extract.pdf_to_document import pdf_to_document
from tests import test_text_tables
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
text_table_pdf = test_text_tables.text_table_pdf  # the fixture: a table without rules


def test_every_field_has_a_default_and_a_description() -> None:
    docs = documentation()
    assert [name for name, _, _ in docs] == [f.name for f in fields(LayoutSettings)]
    assert all(default is not None and len(doc) > 15 for _, default, doc in docs)


def test_unknown_keys_are_errors_that_name_the_key() -> None:
    with pytest.raises(ValueError, match="snap_tolerence"):
        LayoutSettings.resolve({"snap_tolerence": 2.0})
    with pytest.raises(ValueError, match="snap_tolerence"):
        ExtractSettings.resolve({"out_dir": Path("out"), "layout": {"snap_tolerence": 2.0}})


@pytest.mark.parametrize("key, value", [("space_gap_em", 0.0), ("rule_span", 1.5), ("min_table_lines", 0),
                                        ("min_table_lines", 2.5), ("gutter_em", "1"), ("ocr_min_conf", 101.0),
                                        ("ruled_under", True)])  # fmt: skip
def test_values_out_of_range_or_of_the_wrong_type_are_refused(key: str, value: object) -> None:
    with pytest.raises(ValueError, match=key):
        LayoutSettings.resolve({key: value})


def test_resolve_keeps_settings_and_fills_defaults() -> None:
    assert LayoutSettings.resolve(None) is DEFAULT_LAYOUT
    custom = LayoutSettings(min_score=0.9)
    assert LayoutSettings.resolve(custom) is custom
    assert LayoutSettings.resolve({"min_score": 0.9}) == custom
    assert ExtractSettings(out_dir=Path("out")).layout is DEFAULT_LAYOUT
    with pytest.raises(AttributeError):
        custom.min_score = 0.5  # type: ignore[misc]


def test_the_layout_is_part_of_the_cache_key(tmp_path: Path) -> None:
    pdf = SAMPLES / "003_roadmap.pdf"
    base = ExtractSettings(out_dir=tmp_path)
    same = cache.entry_path(tmp_path, pdf, "0" * 64, ExtractSettings(out_dir=tmp_path))
    assert cache.entry_path(tmp_path, pdf, "0" * 64, base) == same
    other = replace(base, layout=LayoutSettings(column_tolerance=4.0))
    assert cache.entry_path(tmp_path, pdf, "0" * 64, other) != same
    assert cache.entry_path(tmp_path, pdf, "0" * 64, replace(base, reader="pdfplumber")) != same


def test_the_settings_reach_the_table_finders(text_table_pdf: Path) -> None:
    """A table finder reads its thresholds from the settings it is given, not from a constant:
    demanding more lines of a text-aligned table than it has finds none; a table whose rules are
    thin filled rectangles falls apart when every rectangle counts as shading."""
    assert [t for t in pdf_to_document(text_table_pdf).tables if t.backend.endswith("-text")]
    strict = pdf_to_document(text_table_pdf, layout=LayoutSettings(min_table_lines=10_000))
    assert not [t for t in strict.tables if t.backend.endswith("-text")]
    ruled = SAMPLES / "001_tvet_state_order_karaganda_2025.pdf"  # its borders are thin filled rectangles
    cells = sum(len(t.cells) for t in pdf_to_document(ruled).tables)
    no_rules = pdf_to_document(ruled, layout=LayoutSettings(rule_max_thickness=0.01))
    assert sum(len(t.cells) for t in no_rules.tables) < cells / 2



def test_no_layout_constant_is_left_in_the_stages() -> None:
    """Module-level float constants in the reading, table-finding and stitching modules would be
    tolerances outside the settings object (type tags, names and flags are strings or ints)."""
    found = []
    for path in sorted((ROOT / "extract").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                if isinstance(node.value.value, float):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"float constants outside core/settings.py: {found}"
