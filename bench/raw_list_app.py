"""The references for bench/list_orders.py: a bare ASGI app (no framework, no auth, no ORM)
answering the order list's page through an asyncpg pool and orjson, two queries (the page's
rows, then their items), rows built in Python.

- ``RAW_MODE=same`` (default): every field of the read model (the same JSON as ours), from the
  classic two-query form of the list's SQL;
- ``RAW_MODE=minimal``: 14 order columns + items (the issue's original reference).

Run by the benchmark as ``uvicorn bench.raw_list_app:app --workers 2``; it reads
RAW_DATABASE_URL, RAW_SHOP_ID, RAW_MODE and ORDERGATE_SECRET_KEY from the environment.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qsl

import asyncpg
import orjson
from sqlalchemy import select
from sqlalchemy.dialects import postgresql

from app.domain.access.scope import ShopScope
from app.domain.orders.listing import LISTING, SORTS, OrderLister, OrderListParams, _row
from app.kit.keyset import KeysetCodec, micros
from app.models import Order

ITEMS_SQL = (
    "SELECT order_id, id, product_id, title, sku, quantity, unit_price FROM order_items "
    "WHERE shop_id = $1 AND order_id = ANY($2::bigint[]) ORDER BY order_id, id"
)

_pool: asyncpg.Pool | None = None
_codec = KeysetCodec(os.environ.get("ORDERGATE_SECRET_KEY", "bench"))
_shop = int(os.environ.get("RAW_SHOP_ID", "1"))
_compiled: dict[str, tuple[str, list[Any]]] = {}
MINIMAL = os.environ.get("RAW_MODE", "same") == "minimal"
MINIMAL_COLUMNS = (
    Order.id,
    Order.shop_id,
    Order.order_no,
    Order.status,
    Order.pay_status,
    Order.pay_method,
    Order.created_at,
    Order.paid_at,
    Order.paid_amount,
    Order.buyer_id,
    Order.buyer_nickname,
    Order.flagged,
    Order.province,
    Order.updated_at,
)


async def compile_sql(query: str) -> tuple[str, list[Any]]:
    """The list statement for these query params, compiled once to asyncpg SQL + args."""
    if query not in _compiled:
        params = OrderListParams.model_validate(_multi(query))
        lister = OrderLister(None, ShopScope.of([_shop]), _codec)  # type: ignore[arg-type]
        if MINIMAL:
            where, order_by = await lister._where([_shop], params, backward=False)
            stmt = (
                select(*MINIMAL_COLUMNS).where(*where).order_by(*order_by).limit(params.limit + 1)
            )
        else:
            stmt = await lister.statement([_shop], params)
        compiled = stmt.compile(
            dialect=postgresql.asyncpg.dialect(), compile_kwargs={"render_postcompile": True}
        )
        sql = str(compiled)
        args = [compiled.params[name] for name in compiled.positiontup or []]
        _compiled[query] = (sql, args)
    return _compiled[query]


def _multi(query: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in parse_qsl(query):
        if k in ("status", "pay_status", "pay_method", "traffic_source", "after_sale_status"):
            out.setdefault(k, []).append(v)
        else:
            out[k] = v
    return out


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    global _pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                _pool = await asyncpg.create_pool(
                    os.environ["RAW_DATABASE_URL"], min_size=2, max_size=10
                )
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _pool is not None:
                    await _pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    query = scope.get("query_string", b"").decode()
    sql, args = await compile_sql(query)
    params = OrderListParams.model_validate(_multi(query))
    assert _pool is not None
    async with _pool.acquire() as conn:
        rows = await conn.fetch(sql, *args)
        has_more = len(rows) > params.limit
        rows = rows[: params.limit]
        items: dict[int, list[dict[str, Any]]] = {}
        for r in await conn.fetch(ITEMS_SQL, _shop, [r["id"] for r in rows]):
            items.setdefault(r["order_id"], []).append(
                {
                    "id": r["id"],
                    "product_id": r["product_id"],
                    "title": r["title"],
                    "sku": r["sku"],
                    "quantity": r["quantity"],
                    "unit_price": r["unit_price"],
                }
            )
    if MINIMAL:
        data = [{**r, "items": items.get(r["id"], [])} for r in rows]
    else:
        data = [_row(_Rec(r), items.get(r["id"], [])) for r in rows]
    next_cursor = None
    if has_more and rows:
        sort = SORTS[params.sort]
        value = rows[-1][sort.column.key]
        key = micros(value) if sort.is_time else int(value)
        next_cursor = _codec.encode(LISTING, params.sort, [key, rows[-1]["id"]])
    body = orjson.dumps({"data": data, "has_more": has_more, "next_cursor": next_cursor})
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


class _Rec:
    """Attribute access over an asyncpg Record, so the row builder is shared byte for byte."""

    __slots__ = ("_r",)

    def __init__(self, r: asyncpg.Record) -> None:
        self._r = r

    def __getattr__(self, name: str) -> Any:
        return self._r[name]
