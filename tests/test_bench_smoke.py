"""The benchmark script imports and times (``make bench`` itself is not run by CI: minutes)."""

from __future__ import annotations

from bench import bench_pipeline


def test_measure_takes_the_fastest_of_the_repeats() -> None:
    calls = []
    r = bench_pipeline.measure("noop", [], lambda: calls.append(1), repeat=3)
    assert len(calls) == 3 and r.pages == 0 and r.seconds >= 0


def test_lost_bench_modes_and_metrics():
    """bench/bench_lost.py: every mode corrupts the Kazakh lines only, and the metrics count a
    perfect repair as perfect and no repair as nothing restored."""
    from bench.bench_lost import MODES, ModeMetrics, corrupt

    lines = ["Қазақстан Республикасының Үкіметі және министрлігі", "О внесении изменений в приказ"]
    assert corrupt(lines, "clean") == lines  # the control: nothing corrupted, nothing to change
    for mode in (m for m in MODES if m != "clean"):
        bad = corrupt(lines, mode)
        assert bad[1] == lines[1] and bad[0] != lines[0], mode
        perfect, none = ModeMetrics(), ModeMetrics()
        perfect.add(lines, bad, lines)
        none.add(lines, bad, bad)
        assert perfect.restored == perfect.changed > 0 and perfect.exact == 1 and perfect.untouched == 1
        assert none.restored == 0 and none.exact == 0 and none.false_changes == 0
