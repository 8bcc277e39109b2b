"""CLI conventions (issue 20 item 1): -q / -v, --json, --pages, usage errors before any work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adilet.cli import app
from core.page_ranges import PageRangeError, PageRanges
from tests.conftest import REAL_PDFS, SAMPLES, needs_real_pdfs, read_csv

runner = CliRunner()
TWO_PAGES = REAL_PDFS / "adilet_kk_mon_order110_2017_academic_leave_amendment.pdf"
SAMPLE = SAMPLES / "001_tvet_state_order_karaganda_2025.pdf"  # several pages, typed rows on each


def extract(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it (stdout and stderr apart)."""
    exe = Path(sys.executable).parent / "adilet"
    return subprocess.run([str(exe), "extract", *args], capture_output=True, text=True, timeout=300)


# ------------------------------------------------------------------ usage errors, before any work


@pytest.mark.parametrize("make, says", [
    (lambda d: d / "nope", "nope: no such file or folder"),
    (lambda d: (d / "empty").mkdir() or d / "empty", "empty: an empty folder (no PDF files in it)"),
    (lambda d: ((d / "txt").mkdir(), (d / "txt" / "a.txt").write_text("x"), (d / "txt" / "b.csv").write_text("y"))
     and d / "txt", "txt: no PDF files in this folder (2 other files: a.txt, b.csv)"),
])  # fmt: skip
def test_inputs_that_name_nothing_to_read_are_usage_errors(tmp_path: Path, make, says: str) -> None:
    given = make(tmp_path)
    result = runner.invoke(app, ["extract", str(given), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().endswith(says) and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "" and not (tmp_path / "out").exists()


def test_a_folder_without_pdfs_beside_other_inputs_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "txt").mkdir()
    (tmp_path / "txt" / "a.txt").write_text("x")
    result = runner.invoke(app, ["extract", str(tmp_path / "txt"), str(SAMPLE), "--out", str(tmp_path / "out"),
                                 "-j", "1"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "txt: no PDF files in this folder (1 other file: a.txt)" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_out_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(locked / "out")])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert "error:" in result.stderr and not (locked / "out").exists()


def test_out_that_is_a_file_or_inside_one_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "f")])
    assert result.exit_code == 2 and "is not a folder" in result.stderr
    inside = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "f" / "out")])
    assert inside.exit_code == 2 and f"cannot create {tmp_path / 'f'}" in inside.stderr
    assert len(inside.stderr.strip().splitlines()) == 1 and inside.stdout == ""


@pytest.mark.parametrize("spec, says", [("x", "'x' is not a page or a range"), ("3-1", "ends before it starts"),
                                        ("0", "numbered from 1"), ("1,,2", "'' is not a page")])  # fmt: skip
def test_bad_page_ranges_are_usage_errors(tmp_path: Path, spec: str, says: str) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "out"), "--pages", spec])
    assert result.exit_code == 2 and says in result.stderr and not (tmp_path / "out").exists()


def test_quiet_and_verbose_together_are_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "out"), "-q", "-v"])
    assert result.exit_code == 2 and "contradict" in result.stderr


# ------------------------------------------------------------------ page ranges


def test_page_ranges_parse_and_select() -> None:
    r = PageRanges.parse("1-3, 7,10-")
    assert r.text() == "1-3,7,10-"
    assert r.selected(12) == [1, 2, 3, 7, 10, 11, 12] and r.selected(2) == [1, 2]
    assert r.beyond(12) == "" and r.beyond(5) == "7,10-" and PageRanges.parse("4-9").beyond(6) == "7-9"
    assert PageRanges.parse("8").beyond(6) == "8"
    with pytest.raises(PageRangeError):
        PageRanges.parse("")


def test_pages_keep_the_documents_page_numbers(tmp_path: Path) -> None:
    """Only the pages asked for are read; every row names its page as in the whole document."""
    full = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "all"), "-j", "1", "--no-report"])
    assert full.exit_code == 0, full.output
    cells = read_csv(tmp_path / "all" / "tables.csv")
    pages = sorted({int(p) for p in cells["page"]})
    assert len(pages) >= 3
    keep = {pages[0], pages[-1]}  # a table's first page and a continuation page on its own
    spec = f"{pages[0]},{pages[-1]}"
    part = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "two"), "-j", "1", "--no-report",
                               "--pages", spec])  # fmt: skip
    assert part.exit_code == 0, part.output
    some = read_csv(tmp_path / "two" / "tables.csv")
    assert {int(p) for p in some["page"]} == keep
    # the cells of the first page are those the whole run read there: same boxes, same texts (a row
    # the page break splits holds only this page's part of its text)
    first = str(pages[0])
    alone, whole_run = some[some["page"] == first], cells[cells["page"] == first]
    boxes = ["page", "x0", "top", "x1", "bottom"]
    assert alone[boxes].reset_index(drop=True).equals(whole_run[boxes].reset_index(drop=True))
    texts = list(zip(alone["text"], whole_run["text"], strict=True))
    assert all(b.startswith(a) for a, b in texts) and sum(a == b for a, b in texts) >= len(texts) - 2
    docs = read_csv(tmp_path / "two" / "documents.csv")
    whole = read_csv(tmp_path / "all" / "documents.csv")
    assert docs.loc[0, "pages"] == whole.loc[0, "pages"]  # the document's page count, not the pages read
    assert docs.loc[0, "source_sha256"] == whole.loc[0, "source_sha256"]
    assert f"--pages {spec}: 2 of its {whole.loc[0, 'pages']} pages read" in docs.loc[0, "notes"]
    rows = read_csv(tmp_path / "two" / "tvet_state_order.csv")
    assert len(rows) and {int(p) for p in rows["page_first"]} <= keep


@needs_real_pdfs
def test_pages_beyond_the_document_are_a_named_warning_or_a_failure(tmp_path: Path) -> None:
    some = runner.invoke(app, ["extract", str(TWO_PAGES), "--out", str(tmp_path / "a"), "--pages", "2,5-9"])
    assert some.exit_code == 0, some.output
    assert f"{TWO_PAGES.name}: --pages 5-9: beyond its last page (2); not read" in some.stderr
    none = runner.invoke(app, ["extract", str(TWO_PAGES), "--out", str(tmp_path / "b"), "--pages", "5-"])
    assert none.exit_code == 1
    docs = read_csv(tmp_path / "b" / "documents.csv")
    assert docs.loc[0, "status"] == "bad_input" and "none of these pages is in the document (it has 2 pages)" in (
        docs.loc[0, "error"])


# ------------------------------------------------------------------ stdout, stderr, -q, -v, --json


def test_data_never_on_stdout_unless_asked_and_json_matches_the_report(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "good.pdf")
    (inputs / "bad.pdf").write_text("not a PDF", encoding="utf-8")
    plain = extract(str(inputs), "--out", str(tmp_path / "o1"), "-j", "1")
    assert plain.returncode == 1 and plain.stdout == ""
    assert "2 documents: 1 ok, 0 partial, 1 failed" in plain.stderr
    asked = extract(str(inputs), "--out", str(tmp_path / "o2"), "-j", "1", "--json")
    assert asked.returncode == 1
    summary = json.loads(asked.stdout)
    report = json.loads((tmp_path / "o2" / "report.json").read_text(encoding="utf-8"))
    assert summary["exit_code"] == asked.returncode
    assert summary["documents"] == len(report["documents"]) == 2
    statuses: dict[str, int] = {}
    for d in report["documents"]:
        statuses[d["status"]] = statuses.get(d["status"], 0) + 1
    assert summary["statuses"] == statuses == {"ok": 1, "bad_input": 1}
    assert summary["outcomes"] == {"ok": 1, "partial": 0, "failed": 1}
    assert summary["rejected_rows"] == report["validation_rejects"]
    assert summary["run_id"] == report["run"]["run_id"]
    assert [f["source_file"] for f in summary["failed"]] == ["bad.pdf"]
    docs = read_csv(tmp_path / "o2" / "documents.csv").set_index("source_file")
    assert summary["rows"]["tvet_state_order"] == len(read_csv(tmp_path / "o2" / "tvet_state_order.csv")) > 0
    assert int(docs.loc["good.pdf", "rows"]) > 0


def test_quiet_prints_only_errors_and_verbose_logs_documents_and_phases(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "good.pdf")
    quiet = runner.invoke(app, ["extract", str(SAMPLE), "--out", str(tmp_path / "q"), "-q", "-j", "1"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    (inputs / "bad.pdf").write_text("not a PDF", encoding="utf-8")
    quiet_bad = runner.invoke(app, ["extract", str(inputs), "--out", str(tmp_path / "qb"), "-q", "-j", "1"])
    assert quiet_bad.exit_code == 1
    assert quiet_bad.stderr.strip().splitlines() == ["failed: bad.pdf: not a PDF (no %PDF- header) (value: 'not a PDF')"]
    loud = runner.invoke(app, ["extract", str(inputs), "--out", str(tmp_path / "v"), "-v", "-j", "1"])
    assert loud.exit_code == 1 and loud.stdout == ""
    for line in ("INFO adilet: extracting 2 documents", "INFO adilet: 1/2 done: ", "INFO adilet: 2/2 done: ",
                 "INFO adilet: validating the datasets", "INFO adilet: writing the datasets",
                 "INFO adilet: writing the report", "2 documents: 1 ok, 0 partial, 1 failed"):  # fmt: skip
        assert line in loud.stderr, (line, loud.stderr)
    assert "DEBUG" not in loud.stderr
