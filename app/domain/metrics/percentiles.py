"""Exact percentiles over sorted runs of values, without merging or sorting them.

A range's ship->sign durations arrive as one sorted array per rolled-up day (and per live
pass). Concatenating and sorting 100k+ floats per request was most of a summary's Python
time; selecting the k-th smallest value by bisecting the runs costs O(runs · log² n) and
gives the very same values, so ``percentile_cont`` stays exact (same formula, same float64
values as PostgreSQL's).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

Runs = Sequence[Sequence[float]]  # each run sorted ascending

# Below this many candidates left, the rest are merged and sorted (cheaper than bisecting).
_SMALL = 64


def count_of(runs: Runs) -> int:
    return sum(len(r) for r in runs)


def kth_smallest(runs: Runs, k: int) -> float:
    """The value at 0-based rank ``k`` of all the runs' values taken together."""
    live = [r for r in runs if r]
    lo = [0] * len(live)
    hi = [len(r) for r in live]
    if not 0 <= k < sum(hi):
        raise IndexError(f"rank {k} of {sum(hi)} values")
    while True:
        left = sum(h - lo_i for lo_i, h in zip(lo, hi, strict=True))
        if left <= _SMALL:
            rest = sorted(v for r, a, b in zip(live, lo, hi, strict=True) for v in r[a:b])
            return rest[k]
        pivot = _weighted_median(live, lo, hi)
        below = [bisect_left(r, pivot, a, b) for r, a, b in zip(live, lo, hi, strict=True)]
        upto = [bisect_right(r, pivot, a, b) for r, a, b in zip(live, lo, hi, strict=True)]
        n_below = sum(x - a for x, a in zip(below, lo, strict=True))
        n_upto = sum(x - a for x, a in zip(upto, lo, strict=True))
        if k < n_below:
            hi = below
        elif k < n_upto:
            return pivot
        else:
            k -= n_upto
            lo = upto


def _weighted_median(live: Runs, lo: list[int], hi: list[int]) -> float:
    """The median of the runs' middle elements weighted by their windows' lengths: at least a
    quarter of the candidates lie on each side of it, so every step drops a quarter."""
    mids = sorted((r[(a + b) // 2], b - a) for r, a, b in zip(live, lo, hi, strict=True) if b > a)
    half, acc = sum(w for _, w in mids) / 2, 0
    for value, weight in mids:
        acc += weight
        if acc >= half:
            return value
    return mids[-1][0]


def percentile_cont(runs: Runs, fraction: float) -> float:
    """PostgreSQL's ``percentile_cont(fraction)`` (linear interpolation) over every value."""
    position = fraction * (count_of(runs) - 1)
    lo, hi = math.floor(position), math.ceil(position)
    low = kth_smallest(runs, lo)
    high = low if hi == lo else kth_smallest(runs, hi)
    return low + (high - low) * (position - lo)


def mean(runs: Runs) -> float:
    return sum(sum(r) for r in runs) / count_of(runs)
