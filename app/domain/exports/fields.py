"""The one table of exportable fields: name (en header), zh header, SQL expression, kind.

Expressions read ``orders`` and, at item granularity, ``i`` (order_items). They produce
the file's final text (times in the shop timezone, amounts in yuan with 2 decimals, enum
values translated for ``locale=zh`` from ``labels.ZH``), so the CSV comes straight out of
PostgreSQL's COPY. Receiver fields have a masked variant used unless the principal has
``orders:read_pii`` (the SQL builders of ``app.kit.masking``, the one masking rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from app.domain.exports.labels import translated, yes_no
from app.errors import ValidationFailed, field_error
from app.kit.masking import mask_address_sql, mask_name_sql, mask_phone_sql, masked_sql_text
from app.models.after_sales import AfterSaleStatus, AfterSaleType
from app.models.orders import OrderStatus, PayMethod, PayStatus, TrafficSource

Kind = Literal["text", "money", "int", "time"]
TZ = "{tz}"  # replaced by the shop timezone (a quoted literal, or a CASE over shop_id)


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
    zh_sql: str | None = None  # enum values translated (locale=zh)

    def expr(self, *, mask: bool, timezone_sql: str, zh: bool = False) -> str:
        """``timezone_sql`` comes from :func:`timezone_sql` (zones read from the shops
        table, quoted as literals); every other value is a bound parameter."""
        sql = self.masked_sql if (mask and self.masked_sql) else self.sql
        if zh and self.zh_sql:
            sql = self.zh_sql
        if self.kind == "text":
            sql = neutralised(sql)
        return sql.replace(TZ, timezone_sql)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def timezone_sql(zones: dict[int, str]) -> str:
    """The zone of each row's shop: one literal when the shops share it (PostgreSQL rejects
    an unknown zone), else a CASE over ``orders.shop_id``."""
    distinct = sorted(set(zones.values()))
    if len(distinct) == 1:
        return _quoted(distinct[0])
    arms = " ".join(f"WHEN {int(s)} THEN {_quoted(tz)}" for s, tz in sorted(zones.items()))
    return f"(CASE orders.shop_id {arms} END)"


def _enum(name: str, zh: str, enum: type[StrEnum]) -> Field:
    col = f"orders.{name}"
    return Field(name, zh, col, zh_sql=translated(col, enum))


def _after_sales(type_sql: str, status_sql: str) -> str:
    return _children(
        f"string_agg({type_sql} || ':' || {status_sql} || ':' || "
        + _money("c.amount")
        + "::text, '; ' ORDER BY c.id)",
        "after_sales",
    )


SHOP_ID = "shop_id"  # leads every multi-shop export
FIELDS: tuple[Field, ...] = (
    Field(SHOP_ID, "店铺ID", "orders.shop_id", "int"),
    Field("order_no", "订单编号", "orders.order_no"),
    Field("created_at", "下单时间", _time("orders.created_at"), "time"),
    Field("paid_at", "支付时间", _time("orders.paid_at"), "time"),
    _enum("status", "订单状态", OrderStatus),
    _enum("pay_status", "支付状态", PayStatus),
    _enum("pay_method", "支付方式", PayMethod),
    Field("goods_amount", "商品金额", _money("orders.goods_amount"), "money"),
    Field("discount_amount", "优惠金额", _money("orders.discount_amount"), "money"),
    Field("shipping_fee", "运费", _money("orders.shipping_fee"), "money"),
    Field("paid_amount", "实付金额", _money("orders.paid_amount"), "money"),
    Field("refunded_amount", "退款金额", _money("orders.refunded_amount"), "money"),
    Field("buyer_id", "买家ID", "orders.buyer_id"),
    Field("buyer_nickname", "买家昵称", "orders.buyer_nickname"),
    Field(
        "receiver_name",
        "收件人",
        "orders.receiver_name",
        masked_sql=masked_sql_text(mask_name_sql, "orders.receiver_name"),
    ),
    Field(
        "receiver_phone",
        "收件人电话",
        "orders.receiver_phone",
        masked_sql=masked_sql_text(mask_phone_sql, "orders.receiver_phone"),
    ),
    Field(
        "receiver_address",
        "收件地址",
        "orders.receiver_address",
        masked_sql=masked_sql_text(mask_address_sql, "orders.receiver_address"),
    ),
    Field("province", "省份", "orders.province"),
    Field("city", "城市", "orders.city"),
    _enum("traffic_source", "流量来源", TrafficSource),
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
    Field(
        "flagged",
        "异常标记",
        yes_no("orders.flagged", zh=False),
        zh_sql=yes_no("orders.flagged", zh=True),
    ),
    Field("flag_reason", "标记原因", "orders.flag_reason"),
    Field(
        "after_sales",
        "售后",
        _after_sales("c.type", "c.status"),
        zh_sql=_after_sales(
            translated("c.type", AfterSaleType), translated("c.status", AfterSaleStatus)
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


def resolve_fields(
    requested: list[str], *, granularity: str, where: str = "body", multi_shop: bool = False
) -> list[str]:
    """Required fields first (``shop_id`` before them across shops), then the requested
    ones in order, without duplicates."""
    errors = []
    for n, name in enumerate(requested):
        field = BY_NAME.get(name)
        if field is None:
            errors.append(field_error([where, "fields", n], f"unknown field {name!r}"))
        elif field.item_level and granularity != "item":
            errors.append(field_error([where, "fields", n], f"{name!r} needs granularity=item"))
    if errors:
        raise ValidationFailed("Some export fields are not available.", errors)
    lead = [SHOP_ID] if multi_shop else []
    return list(dict.fromkeys([*lead, *REQUIRED, *requested]))


def header(name: str, locale: str) -> str:
    return BY_NAME[name].zh if locale == "zh" else name
