"""The dashboard's CSV downloads of a summary and a trend (UTF-8, header line first).

Cells follow the export files' conventions (docs/metrics.md): money in yuan with two decimals,
ratios 0..1 as in the JSON, an empty cell for null; ``ship_to_sign_hours`` becomes three
columns (``…_avg``, ``…_p50``, ``…_p90``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from app.domain.metrics.schemas import Summary, Trend

MONEY = frozenset({"gmv", "aov", "commission", "refunded_amount"})
HOURS = "ship_to_sign_hours"


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in MONEY:
        return f"{value // 100}.{value % 100:02d}"
    return str(value)


def _flat(values: Mapping[str, Any]) -> dict[str, Any]:
    """``ship_to_sign_hours: {avg, p50, p90}`` as three keys; other keys as they are."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k == HOURS:
            out.update({f"{HOURS}_{q}": v[q] for q in ("avg", "p50", "p90")})
        else:
            out[k] = v
    return out


def _render(header: list[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def summary_csv(summary: Summary) -> str:
    """One line per figure: ``metric,value,previous`` (the range and the period before)."""
    now = _flat({**summary["metrics"], **summary["health"]})
    before = _flat({**summary["previous"]["metrics"], **summary["previous"]["health"]})
    return _render(
        ["metric", "value", "previous"],
        ([k, _cell(k, v), _cell(k, before[k])] for k, v in now.items()),
    )


def trend_csv(trend: Trend) -> str:
    """One line per point of each series: ``date[,hour][,key][,nickname]`` then the metrics."""
    hourly = trend["interval"] == "hour"
    grouped = trend["group_by"] is not None
    by_author = trend["group_by"] == "author"
    head = ["date", *(["hour"] if hourly else []), *(["key"] if grouped else [])]
    head += ["nickname"] if by_author else []
    columns: list[str] = []
    rows: list[list[str]] = []
    for series in trend["series"]:
        lead = [*([_cell("key", series["key"])] if grouped else [])]
        lead += [_cell("nickname", series.get("nickname"))] if by_author else []
        for point in series["points"]:
            values = _flat({k: v for k, v in point.items() if k not in ("date", "hour")})
            columns = columns or list(values)
            hour = [str(point.get("hour"))] if hourly else []
            rows.append([point["date"], *hour, *lead, *(_cell(c, values[c]) for c in columns)])
    if not columns:  # no series: the header still names the metric columns
        columns = list(_flat({m: {"avg": 0, "p50": 0, "p90": 0} for m in trend["metrics"]}))
    return _render(head + columns, rows)
