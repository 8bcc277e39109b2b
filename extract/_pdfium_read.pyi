"""Types of the C extension extract/_pdfium_read.c (the per-character pdfium reader)."""

from collections.abc import Callable
from typing import Any

def bind(addresses: dict[str, int]) -> None: ...
def page_chars(
    textpage: int,
    n: int,
    geometry: tuple[float, ...],
    font_info: Callable[[int, int, int, float], tuple[str, float]],
    out: list[dict[str, Any]],
    clip_slack: float,
) -> list[dict[str, Any]]: ...
def page_path_objects(
    page: int, memo: dict[float, float], short: Callable[[float], float]
) -> list[tuple[tuple[float, float, float, float, float, float], bool, bool, list[list[tuple[str, tuple[float, float]]]]]]: ...
def paint_paths(path_objects: list[Any], geometry: tuple[float, ...], found: dict[str, list[dict[str, Any]]]) -> None: ...
