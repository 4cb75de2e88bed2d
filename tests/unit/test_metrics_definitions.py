"""The pending-payment condition of the metrics is the predicate of the partial index that
serves it, word for word (PostgreSQL uses a partial index only for queries implying it)."""

from __future__ import annotations

from app.domain.metrics.definitions import PENDING_PAYMENT_SQL
from app.models import Order


def test_the_pending_index_predicate_is_the_metrics_condition() -> None:
    index = next(i for i in Order.__table__.indexes if i.name == "ix_orders_shop_pending_created")
    assert [c.name for c in index.columns] == ["shop_id", "created_at"]
    assert str(index.dialect_options["postgresql"]["where"]) == PENDING_PAYMENT_SQL
