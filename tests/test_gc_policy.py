"""The collector's thresholds are raised only while documents are processed, then restored."""

from __future__ import annotations

import gc

import pytest

from adilet.gc_policy import THRESHOLDS, fewer_collections
from adilet.process import process_file
from tests.conftest import SAMPLES


def test_thresholds_inside_and_restored_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_processing_a_document_leaves_the_callers_thresholds() -> None:
    gc.set_threshold(321, 7, 5)
    try:
        result = process_file(sorted(SAMPLES.glob("*.pdf"))[0], reader="pdfium")
        assert result.document["status"] == "ok"
        assert gc.get_threshold() == (321, 7, 5)
    finally:
        gc.set_threshold(700, 10, 10)
