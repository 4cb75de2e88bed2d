"""Percentiles selected from sorted runs equal the textbook computation over the merged,
sorted values (PostgreSQL's percentile_cont): exactly, duplicates and empty runs included."""

from __future__ import annotations

import math
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.metrics.percentiles import kth_smallest, mean, percentile_cont, unpack_hours

# Few distinct values as well as many: ties straddling the pivot are the delicate case.
values = st.one_of(
    st.floats(min_value=0, max_value=500, allow_nan=False),
    st.sampled_from([1.0, 2.5, 2.5, 7.0]),
)
runs_strategy = st.lists(st.lists(values, max_size=300).map(sorted), min_size=1, max_size=12)


def reference(runs: list[list[float]], fraction: float) -> float:
    xs = sorted(v for r in runs for v in r)
    position = fraction * (len(xs) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    return xs[lo] + (xs[hi] - xs[lo]) * (position - lo)


@settings(max_examples=300, deadline=None)
@given(runs_strategy, st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]))
def test_percentile_of_runs_equals_the_merged_sorted_computation(
    runs: list[list[float]], fraction: float
) -> None:
    if not any(runs):
        with pytest.raises(IndexError):
            percentile_cont(runs, fraction)
        return
    assert percentile_cont(runs, fraction) == reference(runs, fraction)


@settings(max_examples=200, deadline=None)
@given(runs_strategy, st.data())
def test_every_rank_is_the_merged_sorted_value(
    runs: list[list[float]], data: st.DataObject
) -> None:
    merged = sorted(v for r in runs for v in r)
    if not merged:
        return
    k = data.draw(st.integers(min_value=0, max_value=len(merged) - 1))
    assert kth_smallest(runs, k) == merged[k]


def test_large_runs_and_mean() -> None:
    # 30 days of 3,000 durations each, as a rolled-up month reads them.
    runs = [
        sorted(((d * 7919 + i * 104729) % 100_003) / 997 for i in range(3000)) for d in range(30)
    ]
    for fraction in (0.5, 0.9):
        assert percentile_cont(runs, fraction) == reference(runs, fraction)
    assert mean(runs) == pytest.approx(sum(v for r in runs for v in r) / 90_000, rel=1e-12)


def test_packed_hours_unpack_to_the_same_sorted_values() -> None:
    """metrics_daily.s2s_hours holds float8send's big-endian bytes."""
    values = [0.0, 1.5, 20.25, 96.99972222222222, 1e-9]
    packed = b"".join(struct.pack(">d", v) for v in sorted(values))
    assert list(unpack_hours(packed)) == sorted(values)
    assert list(unpack_hours(b"")) == []
