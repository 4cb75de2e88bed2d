"""The change log and audit rows live and die with the entity change's transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import SYSTEM
from app.domain.orders.schemas import OrderCreate, OrderPay
from app.domain.orders.service import OrderService
from app.models import AuditLog, ChangeLog, Order, OrderEvent
from tests.conftest import order_payload


class Boom(Exception):
    pass


async def _count(db: Database, model: type, shop_id: int) -> int:
    async with db.transaction() as s:
        return int(
            await s.scalar(select(func.count()).select_from(model).where(model.shop_id == shop_id))
            or 0
        )


async def test_rollback_leaves_no_change_log_audit_or_timeline(
    db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    with pytest.raises(Boom):
        async with db.transaction() as s:
            service = OrderService(s, ShopScope.of([shop_id]), SYSTEM)
            order = await service.create(shop_id, OrderCreate.model_validate(order_payload()))
            await service.pay(shop_id, order["id"], OrderPay(pay_method="alipay"))
            # Inside the transaction the rows exist...
            assert (
                await s.scalar(
                    select(func.count()).select_from(ChangeLog).where(ChangeLog.shop_id == shop_id)
                )
                == 2
            )
            raise Boom
    # ...and after the rollback none of them do.
    for model in (Order, ChangeLog, AuditLog, OrderEvent):
        assert await _count(db, model, shop_id) == 0, model.__name__


async def test_commit_keeps_entity_and_change_together(db: Database, shop: dict[str, int]) -> None:
    shop_id = shop["shop_id"]
    async with db.transaction() as s:
        service = OrderService(s, ShopScope.of([shop_id]), SYSTEM)
        order = await service.create(shop_id, OrderCreate.model_validate(order_payload()))
    async with db.transaction() as s:
        row = (await s.execute(select(ChangeLog).where(ChangeLog.shop_id == shop_id))).scalar_one()
    assert row.entity_id == order["id"] and row.data == order and row.type == "order.created"


async def test_service_refuses_shop_outside_scope(db: Database, shop: dict[str, int]) -> None:
    async with db.transaction() as s:
        service = OrderService(s, ShopScope.of([shop["shop_id"] + 10_000_000]), SYSTEM)
        with pytest.raises(Exception, match="not found"):
            await service.create(shop["shop_id"], OrderCreate.model_validate(order_payload()))
