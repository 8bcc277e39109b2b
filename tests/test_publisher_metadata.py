"""A publisher's datapackage.yaml: merged into every datapackage.json, survives reruns, bad files
are usage errors before any work; `adilet --version`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from adilet.cli import app
from schemas.datapackage import datasets_to_package
from schemas.declarations import DATASETS
from schemas.publisher import PublisherMetadataError, load_publisher_metadata
from tests.conftest import SAMPLES

runner = CliRunner()
PUBLISHER = """\
title: Білім беру тапсырыстары
description: Мемлекеттік білім беру тапсырыстары, 2025
licenses:
  - name: CC-BY-4.0
    path: https://creativecommons.org/licenses/by/4.0/
contributors:
  - title: Open data team
    role: publisher
keywords: [education, Kazakhstan]
sources:
  - title: Adilet
    path: https://adilet.zan.kz
resources:
  totals:
    title: Жиынтықтар
"""


def package(out: Path) -> dict:
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_publisher_metadata_is_merged_and_survives_a_rerun(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    meta = tmp_path / "datapackage.yaml"
    meta.write_text(PUBLISHER, encoding="utf-8")
    out = tmp_path / "out"
    pdf = sorted(SAMPLES.glob("*.pdf"))[0]
    args = ["extract", str(pdf), "--out", str(out), "--metadata", str(meta), "--no-report", "-j", "1"]
    runs = []
    for _ in range(2):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        runs.append(package(out))
    for pkg in runs:
        assert pkg["title"] == "Білім беру тапсырыстары" and pkg["keywords"] == ["education", "Kazakhstan"]
        assert pkg["licenses"][0]["name"] == "CC-BY-4.0" and pkg["contributors"][0]["role"] == "publisher"
        assert [s["title"] for s in pkg["sources"]][0] == "Adilet"
        assert pkg["sources"][1]["path"] == pdf.name and pkg["sources"][1]["source_sha256"]
        assert {r["name"]: r["title"] for r in pkg["resources"]}["totals"] == "Жиынтықтар"
    assert runs[0]["adilet"]["run_id"] != runs[1]["adilet"]["run_id"]
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_defaults_without_a_publisher_file() -> None:
    pkg = datasets_to_package(list(DATASETS.values()))
    assert pkg["title"] and pkg["description"] and "licenses" not in pkg and "created" not in pkg
    assert [r["name"] for r in pkg["resources"]] == list(DATASETS)


@pytest.mark.parametrize(("text", "message"), [
    ("titel: x\n", "unknown key 'titel'"),
    ("licenses: CC-BY\n", "licenses: expected a list"),
    ("licenses:\n  - title: no name\n", "licenses entry 1: a mapping with name or path"),
    ("keywords: [1, 2]\n", "keywords: every entry must be a string"),
    ("resources:\n  nosuch: {title: x}\n", "unknown dataset 'nosuch'"),
    ("resources:\n  totals: {schema: x}\n", "resources: totals: only title, description"),
    ("- a\n- b\n", "expected a mapping"),
    ("title: [unclosed\n", "not valid YAML"),
])  # fmt: skip
def test_a_bad_publisher_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    meta = tmp_path / "datapackage.yaml"
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(PublisherMetadataError, match="datapackage.yaml") as info:
        load_publisher_metadata(meta, tuple(DATASETS))
    assert message in str(info.value)


def test_bad_or_missing_metadata_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    meta = tmp_path / "datapackage.yaml"
    meta.write_text("titel: x\n", encoding="utf-8")
    out = tmp_path / "out"
    pdf = str(sorted(SAMPLES.glob("*.pdf"))[0])
    for given in (meta, tmp_path / "missing.yaml"):
        result = runner.invoke(app, ["extract", pdf, "--out", str(out), "--metadata", str(given)])
        assert result.exit_code == 2, result.output
        assert str(given.name) in result.output
        assert not out.exists()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("adilet, version ")


def test_datapackage_yaml_in_the_current_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("datapackage.yaml").write_text("title: From the current folder\n", encoding="utf-8")
    pdf = str(sorted(SAMPLES.glob("*.pdf"))[0])
    result = runner.invoke(app, ["extract", pdf, "--out", "out", "--no-report", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert package(Path("out"))["title"] == "From the current folder"


def test_git_commit_is_read_in_a_worktree_too(tmp_path: Path) -> None:
    """Regression: a worktree's .git is a file; the run metadata said git_commit ''."""
    from adilet.outputs import git_commit

    main = tmp_path / "main" / ".git"
    (main / "refs" / "heads").mkdir(parents=True)
    (main / "refs" / "heads" / "topic").write_text("ab" * 20 + "\n")
    wt = main / "worktrees" / "wt"
    wt.mkdir(parents=True)
    (wt / "HEAD").write_text("ref: refs/heads/topic\n")
    (wt / "commondir").write_text("../..\n")
    checkout = tmp_path / "wt"
    checkout.mkdir()
    (checkout / ".git").write_text(f"gitdir: {wt}\n")
    assert git_commit(checkout) == "ab" * 20
    assert git_commit(tmp_path / "main") == ""  # no HEAD in the main fake: not a checkout
