"""The benchmark script imports and times (``make bench`` itself is not run by CI: minutes)."""

from __future__ import annotations

from bench import bench_pipeline


def test_measure_takes_the_fastest_of_the_repeats() -> None:
    calls = []
    r = bench_pipeline.measure("noop", [], lambda: calls.append(1), repeat=3)
    assert len(calls) == 3 and r.pages == 0 and r.seconds >= 0
