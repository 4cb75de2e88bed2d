"""EXPLAIN (ANALYZE) of the order list query for each filter, as Markdown (docs/order-list.md).

Uses exactly the statement the endpoint runs (OrderLister.statement), compiled for asyncpg.

    python bench/explain_list.py postgresql://postgres@127.0.0.1:5432/DB SHOP_ID > out.md
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy.dialects import postgresql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.access.scope import ShopScope  # noqa: E402
from app.domain.orders.listing import OrderLister, OrderListParams  # noqa: E402
from app.kit.keyset import KeysetCodec  # noqa: E402

NOW = datetime.now(UTC)
FILTERS: list[dict[str, Any]] = [
    {},
    {"order_no": "0000000000000012345"},
    {"product_id": 8},
    {"buyer_id": "b42"},
    {"buyer_nickname": "买家12"},
    {"status": ["paid", "shipped"]},
    {"pay_status": ["unpaid"]},
    {"pay_method": ["alipay"]},
    {"created_from": NOW - timedelta(days=3), "created_to": NOW - timedelta(days=2)},
    {"updated_from": NOW - timedelta(days=1)},
    {"flagged": True},
    {"has_after_sale": True},
    {"after_sale_status": ["requested"]},
    {"author_id": 1},
    {"traffic_source": ["search"]},
    {"province": "浙江"},
    {"tracking_no": "SF12347"},
    {"min_paid": 40000, "max_paid": 41000},
    {"sort": "-paid_amount"},
    {"sort": "-updated_at", "status": ["completed"]},
]


async def main(url: str, shop_id: int) -> None:
    conn = await asyncpg.connect(url)
    total = await conn.fetchval("SELECT count(*) FROM orders WHERE shop_id = $1", shop_id)
    print(f"Order list plans on {total:,} orders of one shop (`limit=50`), {NOW:%Y-%m-%d}.\n")
    lister = OrderLister(None, ShopScope.of([shop_id]), KeysetCodec("x"))  # type: ignore[arg-type]
    for f in FILTERS:
        params = OrderListParams.model_validate(f)
        stmt = await lister.statement([shop_id], params)
        compiled = stmt.compile(
            dialect=postgresql.asyncpg.dialect(), compile_kwargs={"render_postcompile": True}
        )
        args = [compiled.params[name] for name in compiled.positiontup or []]
        await conn.fetch(str(compiled), *args)  # warm
        rows = await conn.fetch("EXPLAIN (ANALYZE, COSTS OFF) " + str(compiled), *args)
        plan = [r[0] for r in rows]
        label = ", ".join(f"{k}={v}" for k, v in f.items() if not isinstance(v, datetime))
        if any(isinstance(v, datetime) for v in f.values()):
            label = (label + ", " if label else "") + "a time window"
        timing = next((p for p in plan if p.startswith("Execution Time")), "")
        print(f"### {label or 'no filter'} — {timing}\n\n```\n" + "\n".join(plan) + "\n```\n")
    await conn.close()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        # A docs tool over an existing database, not a timed bench: `make bench` runs it bare.
        print("usage: python bench/explain_list.py DATABASE_URL SHOP_ID (skipped: no database)")
        sys.exit(0)
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
