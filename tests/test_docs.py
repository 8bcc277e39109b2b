"""The documentation is complete and true, in the manner of sqlite-utils' tests/test_docs.py:
every command and option of the CLI is documented, every dataset and column declared in
schemas/ is documented (the generated pages are up to date), every status a document can get is
explained, and the README's shell commands parse (a cheap one runs)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from adilet.cli import app
from adilet.results import OK_STATUSES
from core.errors import AdiletError
from schemas.declarations import DATASETS
from tools.write_docs import expected_pages

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
COMMAND: Any = typer.main.get_command(app)  # a click group (typer's own copy of click)


def _code_blocks(text: str, languages: tuple[str, ...]) -> list[str]:
    return [m.group(2) for m in re.finditer(r"```(\w*)\n(.*?)```", text, re.S) if m.group(1) in languages]


def _shell_commands(text: str) -> list[list[str]]:
    """Each command line of the shell code blocks, comments dropped, as words."""
    out = []
    for block in _code_blocks(text, ("sh", "bash", "shell")):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                out.append(words)
    return out


def test_readme_is_a_short_guide() -> None:
    assert len(README.splitlines()) <= 200, "README.md is a user guide: move design notes to docs/"


@pytest.mark.parametrize("name", sorted(COMMAND.commands))
def test_every_command_is_documented(name: str) -> None:
    assert f"adilet {name}" in README, f"document `adilet {name}` in README.md (Usage)"


@pytest.mark.parametrize("command, option", sorted(
    (name, opt) for name, cmd in COMMAND.commands.items() for p in cmd.params if p.param_type_name == "option"
    for opt in (*p.opts, *p.secondary_opts) if opt != "--help"))  # fmt: skip
def test_every_option_is_documented(command: str, option: str) -> None:
    assert re.search(rf"`{re.escape(option)}[` =\[|]", DOCS), (
        f"document `adilet {command} {option}` in README.md (or docs/)")


@pytest.mark.parametrize("option", sorted(opt for p in COMMAND.params if p.param_type_name == "option"
                                           for opt in (*p.opts, *p.secondary_opts) if opt != "--help"))  # fmt: skip
def test_every_top_level_option_is_documented(option: str) -> None:
    assert f"adilet {option}" in README, f"document `adilet {option}` in README.md"


def test_the_generated_pages_are_up_to_date() -> None:
    """docs/datasets.md, the README's datasets list and docs/settings.md's table come from the
    declarations (schemas/declarations.py, core/settings.py)."""
    for path, text in expected_pages().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} is stale: run `make docs`"


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_and_column_is_documented(name: str) -> None:
    datasets_page = (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8")
    assert f"`{name}`" in README and f"### `{name}`" in datasets_page
    for col in DATASETS[name].columns:
        assert f"| `{col.name}` |" in datasets_page.split(f"### `{name}`")[1].split("### ")[0], col.name
        assert col.description, f"{name}.{col.name} has no description in schemas/declarations.py"


def _statuses() -> set[str]:
    """Every status a document can get: the named errors' kinds, the statuses that are no
    failure, and those the pipeline sets itself (limits, internal errors)."""
    import adilet.process  # noqa: F401  (imports every module that defines a named error)
    import extract.readers.ocr_tesseract  # noqa: F401

    kinds: set[str] = set(OK_STATUSES)
    todo = [AdiletError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not AdiletError:
            kinds.add(cls.kind)
    for path in sorted((ROOT / "adilet").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        kinds.update(re.findall(r'(?:failed_result|on_limit|limit_result)\([^()]*?, "([a-z_]+)"', source))
    return kinds


def test_every_status_is_explained() -> None:
    statuses = _statuses()
    assert {"ok", "bad_input", "time_limit", "internal_error"} <= statuses  # the collection works
    missing = sorted(s for s in statuses if f"`{s}`" not in README)
    assert not missing, f"explain these documents.status values in README.md (Bad input): {missing}"


def test_every_make_target_named_in_the_readme_exists() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    named = {w[1] for w in _shell_commands(README) if w[0] == "make" and len(w) > 1}
    named |= set(re.findall(r"`make ([a-z][\w-]*)`", README))
    assert named and not named - targets, sorted(named - targets)


def _adilet_commands() -> list[list[str]]:
    return [w[1:] for w in _shell_commands(README) if Path(w[0]).name == "adilet"]


def test_the_readme_shows_every_command() -> None:
    assert {words[0] for words in _adilet_commands()} == set(COMMAND.commands)


@pytest.mark.parametrize("args", _adilet_commands(), ids=" ".join)
def test_every_adilet_command_in_the_readme_parses(args: list[str]) -> None:
    """The command line is accepted as written (options, values, arguments); nothing runs."""
    sub = COMMAND.commands[args[0]]
    sub.make_context(args[0], list(args[1:]), parent=COMMAND.context_class(COMMAND, info_name="adilet"))


def test_a_readme_command_runs() -> None:
    """The cheapest README command, run as written (from the repository root)."""
    [args] = [a for a in _adilet_commands() if a[0] == "repair-text"]
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (ROOT / args[1]).read_bytes()  # a clean text comes out unchanged


def test_the_python_examples_in_the_readme_compile() -> None:
    for block in _code_blocks(README, ("python",)):
        compile(block, "README.md", "exec")
