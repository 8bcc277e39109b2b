"""`adilet validate DIR` checks the CSV files as well as the Parquet files against their
declarations, and that every file of the folder belongs to one run; each problem is one line
naming the file, the column and the row(s). Fixtures: copies of an output folder, edited here."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from adilet.cli import app
from adilet.out_folder import MARKER
from adilet.pipeline import run_extract
from adilet.settings import ExtractSettings
from adilet.validate_out import check_output_folder
from tests.conftest import SAMPLES

runner = CliRunner()
TVET = SAMPLES / "001_tvet_state_order_karaganda_2025.pdf"
OTHER = SAMPLES / "000_additional_education_karaganda_2025.pdf"
has_frictionless = importlib.util.find_spec("frictionless") is not None


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("validate") / "out"
    run_extract([TVET], ExtractSettings(out_dir=out, workers=1))
    return out


@pytest.fixture
def copy(one_run: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(one_run, target)
    return target


def _edit_csv(path: Path, column: str, value: str, rows: slice | list[int] | None = None) -> int:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame.index[rows] if rows is not None else frame.index, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")
    return len(frame)


def test_a_fresh_output_is_valid(one_run: Path) -> None:
    assert check_output_folder(one_run) == []


def test_a_csv_with_every_places_negative_is_invalid(copy: Path) -> None:
    n = _edit_csv(copy / "tvet_state_order.csv", "places", "-999")
    assert n > 10
    result = runner.invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    lines = [x.strip() for x in result.output.splitlines()]
    assert any(x.startswith(f"problem: tvet_state_order.csv: column places: {n} rows fail greater_than_or_equal_to(0) "
                            "(rows 1, 2, 3, ... (lines 2, 3, 4, ...); first value -999)") for x in lines), lines  # fmt: skip
    assert any("tvet_state_order.csv: column places:" in x and "differ from tvet_state_order.parquet" in x for x in lines)
    assert any("tvet_state_order.csv: changed since run" in x for x in lines)
    if has_frictionless:
        assert any("tvet_state_order.csv: column places:" in x and "frictionless constraint-error" in x for x in lines)


def test_a_csv_only_output_is_checked_too(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_extract([TVET], ExtractSettings(out_dir=out, workers=1, formats=("csv",), report=False))
    assert not list(out.glob("*.parquet")) and check_output_folder(out) == []
    _edit_csv(out / "tvet_state_order.csv", "places", "-1", [4])
    problems = check_output_folder(out)
    assert "tvet_state_order.csv: row 5 (line 6): column places fails greater_than_or_equal_to(0) (value -1)" in problems


def test_a_cell_that_is_not_of_its_type_is_named_with_its_row(copy: Path) -> None:
    _edit_csv(copy / "tvet_state_order.csv", "places", "12,5", [2])
    _edit_csv(copy / "documents.csv", "pages", "many", [0])
    problems = check_output_folder(copy)
    assert 'tvet_state_order.csv: row 3 (line 4): column places is not an integer (value "12,5")' in problems
    assert 'documents.csv: row 1 (line 2): column pages is not an integer (value "many")' in problems


def test_a_csv_whose_header_is_not_the_declaration_is_named(copy: Path) -> None:
    path = copy / "totals.csv"
    text = path.read_text(encoding="utf-8").split("\n", 1)
    header = ["printed_value" if c == "printed" else c for c in text[0].split(",")]
    path.write_text(",".join(header) + "\n" + text[1], encoding="utf-8")
    problems = check_output_folder(copy)
    assert any(p.startswith("totals.csv: its header is not the declared columns (missing printed; not declared "
                            "printed_value)") for p in problems), problems  # fmt: skip


def test_a_csv_that_passes_its_schema_but_differs_from_its_parquet_is_named(copy: Path) -> None:
    _edit_csv(copy / "tvet_state_order.csv", "places", "7", [0])
    problems = check_output_folder(copy)
    assert any(p.startswith("tvet_state_order.csv: column places: 1 rows differ from tvet_state_order.parquet (row 1")
               for p in problems), problems  # fmt: skip


def test_files_of_two_runs_in_one_folder_are_named(copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    run_extract([OTHER], ExtractSettings(out_dir=other, workers=1, report=False))
    run = json.loads((copy / MARKER).read_text())["run_id"]
    other_run = json.loads((other / MARKER).read_text())["run_id"]
    shutil.copy(other / "documents.parquet", copy / "documents.parquet")  # a dataset of the other run
    shutil.copytree(other / "tables", copy / "tables", dirs_exist_ok=True)  # and its tables/ folder
    problems = check_output_folder(copy)
    assert f"documents.parquet: written by run {other_run}, not by run {run} (the folder's run)" in problems
    stray = sorted(p.relative_to(other).as_posix() for p in (other / "tables").rglob("*.csv"))
    assert stray and all(f"{f}: not written by run {run} (left by another run, or added)" in problems for f in stray)
    assert any(p.startswith("documents.csv: 1 rows but documents.parquet has") or "differ from documents.parquet" in p
               for p in problems), problems  # fmt: skip


def test_without_the_marker_mixed_run_ids_are_still_named(copy: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    run_extract([OTHER], ExtractSettings(out_dir=other, workers=1, report=False))
    shutil.copy(other / "totals.parquet", copy / "totals.parquet")
    (copy / MARKER).unlink()
    problems = check_output_folder(copy)
    assert any(p.startswith(f"{MARKER}: missing, and the files carry 2 run ids") for p in problems), problems


def test_a_missing_file_of_the_run_is_named(copy: Path) -> None:
    report_pages = sorted((copy / "report").glob("*.html"))
    assert report_pages
    report_pages[0].unlink()
    name = report_pages[0].relative_to(copy).as_posix()
    assert any(p.startswith(f"{name}: missing (written by run ") for p in check_output_folder(copy))
