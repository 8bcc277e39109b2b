"""Types of the C extension extract/_lattice.c (ruling edges -> lattice cell boxes)."""

from collections.abc import Sequence
from typing import Any

def edges_to_cells(
    edges: Sequence[dict[str, Any]], x_tolerance: float, y_tolerance: float
) -> list[tuple[float, float, float, float]]: ...
def group_boxes(boxes: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]: ...
def merge_edges(v_edges: list[dict[str, Any]], h_edges: list[dict[str, Any]], snap_x: float, snap_y: float,
                join_x: float, join_y: float, min_length: float) -> list[dict[str, Any]]: ...
