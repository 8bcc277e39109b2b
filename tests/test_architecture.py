"""The layers of docs/architecture.md, kept true: every import of our own modules (module-level
or inside a function, ``TYPE_CHECKING`` blocks included) points to the same layer or one below,
and no chain of imports leads back to where it started."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "normalize", "extract", "schemas", "adilet")

# lowest first; a module belongs to the last prefix it starts with (see docs/architecture.md)
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("core",)),
    ("normalizers", ("normalize",)),
    ("readers", ("extract", "extract.chars_to_lines", "extract.readers")),
    ("table finders", ("extract.tables",)),
    ("stitching", ("extract.stitch",)),
    ("documents", ("extract.pdf_to_document", "extract.ocr_to_document", "extract.document_repair",
                   "extract.act_metadata")),  # fmt: skip
    ("families", ("extract.families",)),
    ("schemas", ("schemas",)),
    ("outputs and orchestration", ("adilet",)),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> dict[str, Path]:
    found = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            found[module_name(path)] = path
        for path in sorted((ROOT / pkg).rglob("*.c")):  # C extensions: extract._lattice etc.
            found[module_name(path)] = path
    return found


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = i, len(prefix)
    if best < 0:
        raise AssertionError(f"{module} is in no layer of tests/test_architecture.py: add it there and to "
                             "docs/architecture.md")  # fmt: skip
    return best


def imports_of(path: Path, modules: dict[str, Path]) -> list[tuple[str, int]]:
    """(imported module of ours, line) for every import statement anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target.split(".")[0] in PACKAGES and target != name:
                out.append((target, node.lineno))
    return out


def import_graph() -> dict[str, list[tuple[str, int]]]:
    modules = our_modules()
    return {m: imports_of(p, modules) for m, p in modules.items() if p.suffix == ".py"}


def test_every_module_is_in_a_layer() -> None:
    for module in our_modules():
        layer_of(module)


def test_imports_point_down_or_sideways() -> None:
    upward = []
    for module, imported in import_graph().items():
        for target, line in imported:
            if layer_of(target) > layer_of(module):
                upward.append(f"{module}:{line} imports {target} "
                              f"({LAYERS[layer_of(module)][0]} -> {LAYERS[layer_of(target)][0]})")  # fmt: skip
    assert not upward, "upward imports:\n" + "\n".join(upward)


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for n in graph.get(m, ()):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        path.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_no_import_cycles() -> None:
    graph = {m: sorted({t for t, _ in imported}) for m, imported in import_graph().items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_core_imports_nothing_of_ours() -> None:
    for module, imported in import_graph().items():
        if module.split(".")[0] == "core":
            assert all(t.split(".")[0] == "core" for t, _ in imported), (module, imported)


@pytest.mark.parametrize("source, bad", [
    ("import adilet.pipeline\n", True),  # an upward import at module level
    ("def f():\n    from adilet.results import DocumentResult\n", True),  # inside a function
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from extract.stitch import stitch_grids\n", True),
    ("from core.grid import TableGrid\n", False),
])  # fmt: skip
def test_the_check_sees_every_kind_of_import(tmp_path: Path, source: str, bad: bool) -> None:
    """The check itself: a table finder importing upward is caught wherever the import stands."""
    path = ROOT / "extract" / "tables" / "_probe_for_test.py"
    modules = our_modules() | {"extract.tables._probe_for_test": path}
    try:
        path.write_text(source, encoding="utf-8")
        found = imports_of(path, modules)
    finally:
        path.unlink()
    assert any(layer_of(t) > layer_of("extract.tables._probe_for_test") for t, _ in found) is bad


def test_a_cycle_is_found() -> None:
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ["b"], "b": [], "c": ["a"]}) is None
