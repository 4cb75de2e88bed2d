"""The zh label table covers every member of every enum an export column shows, and every
enum-valued export field renders through it."""

from __future__ import annotations

from app.domain.exports.fields import BY_NAME
from app.domain.exports.labels import ZH, translated
from app.models.after_sales import AfterSaleStatus, AfterSaleType
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource

COLUMNS = {
    "status": OrderStatus,
    "pay_status": PayStatus,
    "pay_method": PayMethod,
    "traffic_source": TrafficSource,
}


def test_every_member_has_a_distinct_label() -> None:
    for enum in (*COLUMNS.values(), AfterSaleType, AfterSaleStatus):
        labels = ZH[enum]
        assert set(labels) == {m.value for m in enum}, enum
        assert all(label and label.isprintable() for label in labels.values())
        assert len(set(labels.values())) == len(labels), enum


def test_enum_fields_render_through_the_table_in_zh_only() -> None:
    for name, enum in COLUMNS.items():
        field = BY_NAME[name]
        zh = field.expr(mask=False, timezone_sql="'UTC'", zh=True)
        en = field.expr(mask=False, timezone_sql="'UTC'", zh=False)
        assert translated(f"orders.{name}", enum) in zh
        assert "CASE" not in en
    after_sales = BY_NAME["after_sales"].expr(mask=False, timezone_sql="'UTC'", zh=True)
    assert translated("c.type", AfterSaleType) in after_sales
    assert translated("c.status", AfterSaleStatus) in after_sales
    assert "是" in BY_NAME["flagged"].expr(mask=False, timezone_sql="'UTC'", zh=True)
