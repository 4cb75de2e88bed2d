"""Exact percentiles over sorted runs of values, without merging or sorting them.

A range's ship->sign durations arrive as one sorted array per rolled-up day (and per live
pass). Concatenating and sorting 100k+ floats per request was most of a summary's Python
time; selecting the k-th smallest value by bisecting the runs costs O(runs · log² n) and
gives the very same values, so ``percentile_cont`` stays exact (same formula, same float64
values as PostgreSQL's).
"""

from __future__ import annotations

import math
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

Runs = Sequence[Sequence[float]]  # each run sorted ascending

# Below this many candidates left, the rest are merged and sorted (cheaper than bisecting).
_SMALL = 1024


def unpack_hours(packed: bytes) -> array[float]:
    """A rollup row's durations (``metrics_daily.s2s_hours``: big-endian float8s, sorted) as
    a sorted run, in two C calls — no Python float is made until a value is looked at."""
    values = array("d", packed)
    if sys.byteorder == "little":
        values.byteswap()
    return values


def count_of(runs: Runs) -> int:
    return sum(len(r) for r in runs)


def kth_smallest(runs: Runs, k: int) -> float:
    """The value at 0-based rank ``k`` of all the runs' values taken together."""
    # Candidate windows [a, b) of each run; the answer is the k-th smallest of them.
    windows = [(r, 0, len(r)) for r in runs if r]
    left = sum(b for _, _, b in windows)
    if not 0 <= k < left:
        raise IndexError(f"rank {k} of {left} values")
    while left > _SMALL:
        pivot = _weighted_median(windows)
        # One pass: where the pivot's equals start and end in each window.
        cuts = []
        n_below = n_upto = 0
        for r, a, b in windows:
            x = bisect_left(r, pivot, a, b)
            y = bisect_right(r, pivot, x, b)
            cuts.append((r, a, x, y, b))
            n_below += x - a
            n_upto += y - a
        if k < n_below:  # below the pivot: keep what lies below it
            windows = [(r, a, x) for r, a, x, _, _ in cuts if x > a]
            left = n_below
        elif k < n_upto:
            return pivot
        else:  # above it: drop everything up to it
            k -= n_upto
            windows = [(r, y, b) for r, _, _, y, b in cuts if b > y]
            left -= n_upto
    return sorted(v for r, a, b in windows for v in r[a:b])[k]


def _weighted_median(windows: list[tuple[Sequence[float], int, int]]) -> float:
    """The median of the windows' middle elements weighted by their lengths: at least a
    quarter of the candidates lie on each side of it, so every step drops a quarter."""
    mids = sorted((r[(a + b) // 2], b - a) for r, a, b in windows)
    half, acc = sum(w for _, w in mids) / 2, 0
    for value, weight in mids:
        acc += weight
        if acc >= half:
            return value
    return mids[-1][0]


def _next_rank(runs: Runs, value: float, k: int) -> float:
    """The value at rank ``k + 1`` given ``value`` is at rank ``k``: ``value`` again when it
    repeats that far, else the smallest value above it (one bisect per run, no selection)."""
    if sum(bisect_right(r, value) for r in runs) > k + 1:
        return value
    return min(r[i] for r in runs if (i := bisect_right(r, value)) < len(r))


def percentile_cont(runs: Runs, fraction: float) -> float:
    """PostgreSQL's ``percentile_cont(fraction)`` (linear interpolation) over every value."""
    position = fraction * (count_of(runs) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    low = kth_smallest(runs, lo)
    high = low if hi == lo else _next_rank(runs, low, lo)
    return low + (high - low) * (position - lo)


def mean(runs: Runs) -> float:
    return sum(sum(r) for r in runs) / count_of(runs)
