"""The one table of exportable fields: name (en header), zh header, SQL expression, kind.

Expressions read ``orders`` and, at item granularity, ``i`` (order_items). They produce
the file's final text (times in the shop timezone, amounts in yuan with 2 decimals), so the
CSV comes straight out of PostgreSQL's COPY. Receiver fields have a masked variant used
unless the principal has ``orders:read_pii`` (same rules as ``app.kit.masking``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.errors import ValidationFailed, field_error

Kind = Literal["text", "money", "int", "time"]
TZ = "{tz}"  # replaced by the shop timezone as a quoted literal


def _money(expr: str) -> str:
    return f"round(({expr})::numeric / 100, 2)"


def _time(col: str) -> str:
    return f"to_char({col} AT TIME ZONE {TZ}, 'YYYY-MM-DD HH24:MI:SS')"


def _children(select_list: str, table: str) -> str:
    return (
        f"(SELECT {select_list} FROM {table} c "
        "WHERE c.shop_id = orders.shop_id AND c.order_id = orders.id)"
    )


# A leading =, +, -, @, tab or CR (OWASP CSV injection); PostgreSQL ARE syntax, "-" last.
_FORMULA_START = r"'^([=+@\t\r-])'"
_WITH_APOSTROPHE = r"'''\1'"


def neutralised(expr: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe. Only text columns:
    amounts, counts and times stay numbers and dates (``-12.50`` is a refund, not a formula).
    One regexp call, so the expression (maybe a subquery) is evaluated once per cell."""
    return f"regexp_replace(({expr})::text, {_FORMULA_START}, {_WITH_APOSTROPHE})"


@dataclass(frozen=True)
class Field:
    name: str
    zh: str
    sql: str
    kind: Kind = "text"
    masked_sql: str | None = None  # PII: used without orders:read_pii
    item_level: bool = False  # only at granularity=item

    def expr(self, *, mask: bool, timezone: str) -> str:
        sql = self.masked_sql if (mask and self.masked_sql) else self.sql
        if self.kind == "text":
            sql = neutralised(sql)
        # The zone comes from the shops table, quoted as a literal (PostgreSQL rejects an
        # unknown zone); every other value is a bound parameter.
        return sql.replace(TZ, "'" + timezone.replace("'", "''") + "'")


_MASK_NAME = (
    "left(orders.receiver_name, 1) || repeat('*', greatest(length(orders.receiver_name) - 1, 1))"
)
_MASK_PHONE = (
    "CASE WHEN length(orders.receiver_phone) < 7 THEN repeat('*', length(orders.receiver_phone)) "
    "ELSE left(orders.receiver_phone, 3) || repeat('*', length(orders.receiver_phone) - 7) "
    "|| right(orders.receiver_phone, 4) END"
)
_MASK_ADDRESS = (
    "CASE WHEN length(orders.receiver_address) > 6 THEN left(orders.receiver_address, 6) || '****' "
    "ELSE '****' END"
)

FIELDS: tuple[Field, ...] = (
    Field("order_no", "订单编号", "orders.order_no"),
    Field("created_at", "下单时间", _time("orders.created_at"), "time"),
    Field("paid_at", "支付时间", _time("orders.paid_at"), "time"),
    Field("status", "订单状态", "orders.status"),
    Field("pay_status", "支付状态", "orders.pay_status"),
    Field("pay_method", "支付方式", "orders.pay_method"),
    Field("goods_amount", "商品金额", _money("orders.goods_amount"), "money"),
    Field("discount_amount", "优惠金额", _money("orders.discount_amount"), "money"),
    Field("shipping_fee", "运费", _money("orders.shipping_fee"), "money"),
    Field("paid_amount", "实付金额", _money("orders.paid_amount"), "money"),
    Field("refunded_amount", "退款金额", _money("orders.refunded_amount"), "money"),
    Field("buyer_id", "买家ID", "orders.buyer_id"),
    Field("buyer_nickname", "买家昵称", "orders.buyer_nickname"),
    Field("receiver_name", "收件人", "orders.receiver_name", masked_sql=_MASK_NAME),
    Field("receiver_phone", "收件人电话", "orders.receiver_phone", masked_sql=_MASK_PHONE),
    Field("receiver_address", "收件地址", "orders.receiver_address", masked_sql=_MASK_ADDRESS),
    Field("province", "省份", "orders.province"),
    Field("city", "城市", "orders.city"),
    Field("traffic_source", "流量来源", "orders.traffic_source"),
    Field("room_id", "直播间ID", "orders.room_id"),
    Field("video_id", "短视频ID", "orders.video_id"),
    Field("author_id", "达人ID", "orders.author_id", "int"),
    Field("author", "达人", "(SELECT a.nickname FROM authors a WHERE a.id = orders.author_id)"),
    Field("commission_rate_bps", "佣金比例(基点)", "orders.commission_rate_bps", "int"),
    Field("commission_amount", "佣金", _money("orders.commission_amount"), "money"),
    Field(
        "items",
        "商品",
        _children("string_agg(c.title || ' x' || c.quantity, '; ' ORDER BY c.id)", "order_items"),
    ),
    Field(
        "tracking_no",
        "物流单号",
        _children("string_agg(c.tracking_no, '; ' ORDER BY c.id)", "shipments"),
    ),
    Field(
        "carrier",
        "物流公司",
        _children("string_agg(DISTINCT c.carrier_code, '; ')", "shipments"),
    ),
    Field("shipped_at", "发货时间", _time("orders.shipped_at"), "time"),
    Field("signed_at", "签收时间", _time("orders.signed_at"), "time"),
    Field("completed_at", "完成时间", _time("orders.completed_at"), "time"),
    Field("closed_at", "关闭时间", _time("orders.closed_at"), "time"),
    Field("close_reason", "关闭原因", "orders.close_reason"),
    Field("merchant_remark", "商家备注", "orders.merchant_remark"),
    Field("buyer_note", "买家留言", "orders.buyer_note"),
    Field("flagged", "异常标记", "CASE WHEN orders.flagged THEN 'true' ELSE 'false' END"),
    Field("flag_reason", "标记原因", "orders.flag_reason"),
    Field(
        "after_sales",
        "售后",
        _children(
            "string_agg(c.type || ':' || c.status || ':' || "
            + _money("c.amount")
            + "::text, '; ' ORDER BY c.id)",
            "after_sales",
        ),
    ),
    Field("item_title", "商品名称", "i.title", item_level=True),
    Field("item_sku", "商品SKU", "i.sku", item_level=True),
    Field("item_quantity", "数量", "i.quantity", "int", item_level=True),
    Field("item_unit_price", "单价", _money("i.unit_price"), "money", item_level=True),
    Field("item_amount", "小计", _money("i.unit_price * i.quantity"), "money", item_level=True),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
REQUIRED: tuple[str, ...] = ("order_no", "buyer_id", "paid_amount", "pay_method")
PII_FIELDS: frozenset[str] = frozenset(f.name for f in FIELDS if f.masked_sql)


def resolve_fields(requested: list[str], *, granularity: str, where: str = "body") -> list[str]:
    """Required fields first, then the requested ones in order, without duplicates."""
    errors = []
    for n, name in enumerate(requested):
        field = BY_NAME.get(name)
        if field is None:
            errors.append(field_error([where, "fields", n], f"unknown field {name!r}"))
        elif field.item_level and granularity != "item":
            errors.append(field_error([where, "fields", n], f"{name!r} needs granularity=item"))
    if errors:
        raise ValidationFailed("Some export fields are not available.", errors)
    return list(dict.fromkeys([*REQUIRED, *requested]))


def header(name: str, locale: str) -> str:
    return BY_NAME[name].zh if locale == "zh" else name
