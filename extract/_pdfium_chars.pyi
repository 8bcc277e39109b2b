"""Types of the C extension extract/_pdfium_chars.c (the per-character pdfium reader)."""

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
