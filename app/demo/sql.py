"""The set-based SQL that generates demo orders and everything hanging off them.

Every value is a pure function of ``(seed, i)``, ``i`` being the order's global index, drawn
with ``hashint8extended`` (stable across PostgreSQL versions: hash partitioning relies on it).
Ids are ``base + stride * i + k`` from blocks reserved up front, so the rows depend neither on
how the range is split into batches nor on which connection loads a batch. Times are epoch
seconds before the plan's anchor; nothing reads the clock.

One batch ``[lo, hi)`` = two staging temp tables (items, then orders with their whole story
worked out step by step in LATERAL blocks) and one ``INSERT … SELECT`` per target table.
The order's change-log ``data`` is built with ``jsonb_build_object`` key for key like
:func:`app.domain.orders.representation.order_public` (a test holds them equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from app.demo import vocab
from app.demo.plan import CHANGE_STRIDE, EVENT_STRIDE, ITEM_STRIDE, DemoPlan
from app.domain.access.actions import merchant_actions
from app.domain.after_sales.states import AFTER_SALE_MACHINE
from app.domain.disputes.states import DISPUTE_MACHINE
from app.kit.business_days import add_business_days
from app.models.after_sales import AfterSaleStatus, AfterSaleType, DisputeStatus

SHOP_TIMEZONE = "Asia/Shanghai"
# The dispute service's review window: due 5 business days after submission, decided no
# earlier than 3 (shop timezone, Mon–Fri).
REVIEW_BUSINESS_DAYS = 5
EARLIEST_DECISION_BUSINESS_DAYS = 3
_POSITIVE = 9223372036854775807

# Who acts on the timeline: the commerce core for the buyer's and carrier's steps, the shop
# owner for after-sale decisions and disputes.
_CORE = ("'internal'", "'internal'")


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def text_array(values: Sequence[str]) -> str:
    return "ARRAY[" + ",".join(lit(v) for v in values) + "]::text[]"


def int_array(values: Sequence[int]) -> str:
    return "ARRAY[" + ",".join(str(int(v)) for v in values) + "]::bigint[]"


def pick(values: Sequence[str], draw: str) -> str:
    return f"({text_array(values)})[({draw}) % {len(values)} + 1]"


def ts(epoch: str) -> str:
    """RFC 3339 like :func:`app.kit.clock.rfc3339` (whole seconds, UTC, ``Z``)."""
    return f"to_char(to_timestamp({epoch}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def tstz(epoch: str) -> str:
    return f"to_timestamp({epoch})"


def business_days_seconds(epoch: str, days: int) -> str:
    """Seconds from ``epoch`` to ``days`` business days later (same rule as the service)."""
    monday_noon = datetime(2026, 11, 2, 4, tzinfo=UTC)  # Monday 12:00 in Shanghai
    whens = []
    for offset in range(7):
        start = monday_noon + timedelta(days=offset)
        delta = add_business_days(start, days, SHOP_TIMEZONE) - start
        whens.append(f"WHEN {offset + 1} THEN {int(delta.total_seconds())}")
    dow = f"extract(isodow FROM to_timestamp({epoch}) AT TIME ZONE '{SHOP_TIMEZONE}')::int"
    return f"(CASE {dow} {' '.join(whens)} END)"


def json_object(pairs: Sequence[tuple[str, str, str]]) -> str:
    """SQL building a JSON object as text: (key, kind, expression) with kind ``n`` number,
    ``s`` string (trusted: no quotes or backslashes), ``b`` boolean, ``j`` JSON text."""
    parts: list[str] = []
    for key, kind, expr in pairs:
        if kind == "n":
            value = f"coalesce(({expr})::text, 'null')"
        elif kind == "s":
            value = f"coalesce('\"' || ({expr}) || '\"', 'null')"
        elif kind == "b":
            value = f"CASE WHEN {expr} THEN 'true' ELSE 'false' END"
        else:
            value = f"coalesce({expr}, 'null')"
        separator = "{" if not parts else ","
        parts += [lit(f'{separator}"{key}":'), value]
    # One concat() call (at most 100 arguments) copies once; a chain of || copies per step.
    if len(parts) + 1 > 100:
        raise ValueError("too many keys for one concat() call")
    return f"concat({', '.join(parts)}, '}}')"


def _json_list(values: Sequence[str]) -> str:
    return "[" + ",".join(f'"{v}"' for v in values) + "]"


def after_sale_actions(status: str, type_: str) -> str:
    whens = " ".join(
        f"WHEN {status} = {lit(s)} AND {type_} = {lit(t)} THEN "
        f"{lit(_json_list(AFTER_SALE_MACHINE.allowed_actions(s, t)))}::jsonb"
        for s in AfterSaleStatus
        for t in AfterSaleType
    )
    return f"(CASE {whens} END)"


def dispute_actions(status: str) -> str:
    whens = " ".join(
        f"WHEN {status} = {lit(s)} THEN "
        f"{lit(_json_list(merchant_actions('dispute', DISPUTE_MACHINE.allowed_actions(s))))}"
        "::jsonb"
        for s in DisputeStatus
    )
    return f"(CASE {whens} END)"


class DemoSql:
    """SQL text for one plan; the staging and insert statements cover orders [lo, hi)."""

    def __init__(self, plan: DemoPlan) -> None:
        self.p = plan

    def h(self, salt: int, key: str = "t.i") -> str:
        """A non-negative 63-bit hash of ``key`` under this seed and ``salt``."""
        return f"(hashint8extended({key}, {self.p.seed_mix + salt}) & {_POSITIVE})"

    def statements(self, lo: int, hi: int) -> list[tuple[str, str]]:
        """(label, sql) in execution order for one batch, staging first."""
        return [
            ("stage items", self.stage_items(lo, hi)),
            ("stage orders", self.stage_orders()),
            ("stage rows", self.stage_rows()),
            ("orders", self.insert_orders()),
            ("order_items", self.insert_items()),
            ("shipments", self.insert_shipments()),
            ("after_sales", self.insert_after_sales()),
            ("disputes", self.insert_disputes()),
            ("dispute_evidence", self.insert_evidence()),
            ("order_events", self.insert_events()),
            ("order_refunds", self.insert_refunds()),
            ("change_log", self.insert_order_changes()),
            ("change_log", self.insert_after_sale_changes()),
            ("change_log", self.insert_dispute_changes()),
        ]

    # -- staging -----------------------------------------------------------------------

    def stage_items(self, lo: int, hi: int) -> str:
        p = self.p
        key = "g.i * 4 + k.k"
        n_items = (
            f"(CASE WHEN {self.h(69, 'g.i')} % 100 < 55 THEN 1 "
            f"WHEN {self.h(69, 'g.i')} % 100 < 83 THEN 2 "
            f"WHEN {self.h(69, 'g.i')} % 100 < 95 THEN 3 ELSE 4 END)"
        )
        return f"""
CREATE TEMP TABLE demo_i ON COMMIT DROP AS
SELECT g.i, k.k,
       {p.item_base} + {ITEM_STRIDE} * g.i + k.k - 1 AS id,
       pr.shop_id, {p.order_base} + g.i AS order_id, pr.id AS product_id, pr.title,
       'SKU' || pr.id || '-' || {pick(vocab.SKU_VARIANTS, self.h(71, key))} AS sku,
       (ARRAY[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,2,2,2,3,5])[{self.h(72, key)} % 20 + 1] AS quantity,
       pr.price AS unit_price
FROM generate_series({lo}::bigint, {hi - 1}::bigint) AS g(i)
CROSS JOIN LATERAL generate_series(1, {n_items}) AS k(k)
JOIN products pr
  ON pr.shop_id = {p.shop_base} + g.i % {p.shops}
 AND pr.id = {p.product_base} + (g.i % {p.shops}) * {p.products_per_shop}
             + {self.h(70, key)} % {p.products_per_shop}
"""

    def stage_orders(self) -> str:
        p = self.p
        a = p.anchor_epoch
        h = self.h
        hours = int_array(vocab.expand(list(enumerate(vocab.HOUR_WEIGHTS))))
        carriers = vocab.expand([((name, code), w) for name, code, w in vocab.CARRIERS])
        methods = vocab.expand([("douyin_pay", 9), ("alipay", 6), ("wechat_pay", 5)])
        n_authors = len(p.author_commission_bps)
        bps = int_array(p.author_commission_bps)
        # A merchant's exchange offer on a refund request still waiting (the buyer has not
        # answered yet), and a merchant's partial refund on an order without after-sale.
        offer_t = f"t.as_open_t + 1800 + {h(80)} % 7200"
        offered = (
            f"t.as_n = 0 AND t.as_type <> 'exchange' AND {h(82)} % 100 < 30 AND {offer_t} <= {a}"
        )
        partial_t = f"t.ship0 + 7200 + {h(84)} % 259200"
        blocks = [
            # a
            f"""
    {p.shop_base} + t.i % {p.shops} AS shop_id,
    {p.order_base} + t.i AS id,
    {a} - ({h(1)} % 120 + 1) * 86400
      + ({hours})[{h(2)} % {sum(vocab.HOUR_WEIGHTS)} + 1] * 3600 + {h(3)} % 3600 AS created_t,
    floor({p.buyer_pool} * (({h(4)} % 1000000)::float8 / 1000000) ^ 2)::bigint AS buyer,
    {h(5)} % 100 < 86 AS pays,
    {pick(methods, h(7))} AS method,
    {h(8)} % 4 AS cancel_draw,
    {pick([c[0] for c in carriers], h(11))} AS carrier,
    {pick([c[1] for c in carriers], h(11))} AS carrier_code,
    CASE WHEN {h(14)} % 100 < 45 THEN 'live_room' WHEN {h(14)} % 100 < 70 THEN 'short_video'
         WHEN {h(14)} % 100 < 85 THEN 'product_card' WHEN {h(14)} % 100 < 95 THEN 'search'
         ELSE 'other' END AS traffic_source,
    CASE WHEN {h(17)} % 100 < 40
         THEN least((ARRAY[300,500,1000,2000])[{h(18)} % 4 + 1], t.goods / 5) ELSE 0 END
      AS discount,
    CASE WHEN {h(19)} % 100 < 80 THEN 0 ELSE (ARRAY[500,800,1000])[{h(20)} % 3 + 1] END
      AS shipping_fee,
    floor({n_authors} * (({h(15)} % 1000000)::float8 / 1000000) ^ 2)::int AS author_idx,
    {h(16)} % 10 < 9 AS author_draw
""",
            # b
            f"""
    CASE WHEN t.pays AND t.created_t + 30 + {h(6)} % 900 <= {a}
         THEN t.created_t + 30 + {h(6)} % 900 END AS paid_t,
    CASE WHEN NOT t.pays AND t.created_t
              + CASE WHEN t.cancel_draw = 0 THEN 60 + {h(9)} % 1800 ELSE 86400 END <= {a}
         THEN t.created_t
              + CASE WHEN t.cancel_draw = 0 THEN 60 + {h(9)} % 1800 ELSE 86400 END
    END AS unpaid_close_t,
    CASE WHEN t.traffic_source IN ('live_room', 'short_video') AND t.author_draw
         THEN t.author_idx END AS author_i
""",
            # c
            f"""
    CASE WHEN t.paid_t IS NOT NULL THEN t.goods - t.discount + t.shipping_fee ELSE 0 END
      AS paid_amount,
    t.paid_t + 7200 + {h(10)} % 165600 AS ship_raw,
    t.paid_t + 7200 + {h(10)} % 165600 + 72000 + {h(12)} % 273600 AS sign_raw,
    t.paid_t + 7200 + {h(10)} % 165600 + 72000 + {h(12)} % 273600
      + 86400 + {h(13)} % 777600 AS complete_raw,
    CASE WHEN t.author_i IS NULL THEN 0 ELSE ({bps})[t.author_i + 1] END AS commission_bps
""",
            # d
            f"""
    CASE WHEN t.ship_raw <= {a} THEN t.ship_raw END AS ship0,
    CASE WHEN t.sign_raw <= {a} THEN t.sign_raw END AS sign0,
    CASE WHEN t.complete_raw <= {a} THEN t.complete_raw END AS complete0
""",
            # e
            f"""
    CASE WHEN t.paid_t IS NOT NULL AND {h(25)} % 1000 < 60 THEN
      CASE WHEN t.ship0 IS NOT NULL THEN coalesce(t.sign0, t.ship0) + 3600 + {h(28)} % 259200
           ELSE t.paid_t + 600 + {h(28)} % 7200 END
    END AS as_raw
""",
            # f
            f"""
    CASE WHEN t.as_raw <= {a} THEN t.as_raw END AS as_open_t,
    CASE WHEN t.as_raw > {a} OR t.as_raw IS NULL THEN NULL
         WHEN t.ship0 IS NULL THEN 'refund_only'
         WHEN {h(26)} % 100 < 45 THEN 'refund_only'
         WHEN {h(26)} % 100 < 85 THEN 'return_refund' ELSE 'exchange' END AS as_type,
    CASE WHEN {h(27)} % 100 < 12 THEN 'reject' WHEN {h(27)} % 100 < 20 THEN 'close'
         ELSE 'ok' END AS as_path
""",
            # k
            f"""
    CASE WHEN t.as_path <> 'ok' THEN 1 WHEN t.as_type = 'refund_only' THEN 2 ELSE 4 END
      AS as_len,
    ARRAY[t.as_open_t + 3600 + {h(29)} % 172800,
          t.as_open_t + 7200 + {h(29)} % 172800 + {h(30)} % 172800,
          t.as_open_t + 10800 + {h(29)} % 172800 + {h(30)} % 172800 + {h(31)} % 172800,
          t.as_open_t + 14400 + {h(29)} % 172800 + {h(30)} % 172800 + {h(31)} % 172800
            + {h(32)} % 172800] AS as_steps,
    CASE WHEN t.as_type = 'exchange' OR t.ship0 IS NULL OR {h(34)} % 2 = 0 THEN t.paid_amount
         ELSE greatest(1, t.paid_amount * (30 + {h(33)} % 51) / 100) END AS as_amount,
    {h(35)} AS reason_draw
""",
            # m
            f"""
    CASE WHEN t.as_open_t IS NULL THEN 0
         ELSE least(t.as_len, (t.as_steps[1] <= {a})::int + (t.as_steps[2] <= {a})::int
                    + (t.as_steps[3] <= {a})::int + (t.as_steps[4] <= {a})::int) END AS as_n
""",
            # n
            f"""
    CASE WHEN t.as_path = 'ok' AND t.as_type <> 'exchange' AND t.as_n = t.as_len
         THEN t.as_steps[t.as_len] END AS refund_t,
    t.as_path = 'ok' AND t.as_type <> 'exchange' AND t.as_n = t.as_len
      AND t.as_amount = t.paid_amount AS full_refund,
    CASE WHEN {offered} THEN {offer_t} END AS xo_t,
    CASE WHEN t.as_open_t IS NULL AND t.ship0 IS NOT NULL AND {h(81)} % 100 < 4
              AND {partial_t} <= {a}
         THEN {partial_t} END AS pr_t,
    greatest(1, t.paid_amount * (10 + {h(83)} % 21) / 100) AS pr_amount,
    CASE WHEN t.as_n = 0 AND {offered} THEN 'exchange_offered'
         WHEN t.as_n = 0 THEN 'requested'
         WHEN t.as_path = 'reject' THEN 'rejected'
         WHEN t.as_path = 'close' THEN 'closed'
         WHEN t.as_n = 1 THEN 'approved'
         WHEN t.as_type = 'refund_only' THEN 'refunded'
         WHEN t.as_n = 2 THEN 'awaiting_return'
         WHEN t.as_n = 3 THEN 'returned'
         WHEN t.as_type = 'exchange' THEN 'exchanged' ELSE 'refunded' END AS as_status
""",
            # o
            """
    CASE WHEN t.full_refund AND t.ship0 > t.refund_t THEN NULL ELSE t.ship0 END AS ship_t,
    CASE WHEN t.full_refund AND t.sign0 > t.refund_t THEN NULL ELSE t.sign0 END AS sign_t,
    CASE WHEN t.full_refund AND t.complete0 > t.refund_t THEN NULL ELSE t.complete0 END
      AS complete_t
""",
            # q
            f"""
    CASE WHEN t.paid_t IS NOT NULL AND {h(36)} % 1000 < 5 THEN
      CASE WHEN t.as_open_t IS NOT NULL AND (t.ship_t IS NULL OR {h(37)} % 2 = 0)
           THEN t.as_open_t + 3600 + {h(41)} % 172800
           WHEN t.ship_t IS NOT NULL
           THEN coalesce(t.sign_t, t.ship_t) + 3600 + {h(41)} % 172800 END
    END AS dsp_raw,
    CASE WHEN t.as_open_t IS NOT NULL AND (t.ship_t IS NULL OR {h(37)} % 2 = 0)
         THEN 'malicious_claim' ELSE 'logistics' END AS dsp_kind,
    {h(38)} % 86400 + 3600 AS dsp_gap1,
    {h(39)} % 86400 + 3600 AS dsp_gap2,
    {h(40)} % 345600 + 259200 AS dsp_gap3,
    {h(42)} % 100 < 60 AS dsp_wins
""",
            # r
            f"""
    CASE WHEN t.dsp_raw <= {a} THEN t.dsp_raw END AS dsp_t,
    CASE WHEN t.dsp_raw > {a} OR t.dsp_raw IS NULL THEN 0
         ELSE (t.dsp_raw + t.dsp_gap1 <= {a})::int
              + (t.dsp_raw + t.dsp_gap1 + t.dsp_gap2 <= {a})::int
              + (t.dsp_raw + t.dsp_gap1 + t.dsp_gap2 + t.dsp_gap3 <= {a})::int END AS dsp_n
""",
            # s
            f"""
    CASE WHEN t.full_refund OR t.unpaid_close_t IS NOT NULL THEN 'closed'
         WHEN t.paid_t IS NULL THEN 'pending_payment'
         WHEN t.complete_t IS NOT NULL THEN 'completed'
         WHEN t.ship_t IS NOT NULL THEN 'shipped' ELSE 'paid' END AS status,
    CASE WHEN t.paid_t IS NULL THEN 'unpaid' WHEN t.refund_t IS NULL AND t.pr_t IS NULL
         THEN 'paid' WHEN t.full_refund THEN 'refunded' ELSE 'partially_refunded' END
      AS pay_status,
    coalesce(t.unpaid_close_t, CASE WHEN t.full_refund THEN t.refund_t END) AS closed_t,
    CASE WHEN t.unpaid_close_t IS NOT NULL
         THEN CASE WHEN t.cancel_draw = 0 THEN '买家取消订单' ELSE '超时未支付' END
         WHEN t.full_refund THEN 'refunded: after-sale ' || ({p.ids.after_sale} + t.i) END
      AS close_reason,
    CASE WHEN t.refund_t IS NOT NULL THEN t.as_amount WHEN t.pr_t IS NOT NULL THEN t.pr_amount
         ELSE 0 END AS refunded_amount,
    1 + (t.paid_t IS NOT NULL)::int + (t.unpaid_close_t IS NOT NULL)::int
      + (t.ship_t IS NOT NULL)::int + (t.sign_t IS NOT NULL)::int
      + (t.complete_t IS NOT NULL)::int + (t.refund_t IS NOT NULL)::int
      + (t.pr_t IS NOT NULL)::int AS version,
    greatest(t.created_t, t.paid_t, t.unpaid_close_t, t.ship_t, t.sign_t, t.complete_t,
             t.refund_t, t.pr_t) AS updated_t,
    CASE WHEN t.as_open_t IS NULL THEN NULL
         ELSE {pick(vocab.AFTER_SALE_REASONS, "t.reason_draw")}
    END AS as_reason,
    CASE WHEN t.dsp_n >= 2 THEN t.dsp_t + t.dsp_gap1 + t.dsp_gap2 END AS dsp_submit_t
""",
        ]
        sql = "SELECT i, sum(quantity * unit_price)::bigint AS goods FROM demo_i GROUP BY i"
        for columns in blocks:
            # OFFSET 0 keeps every layer a subquery: flattening would substitute each column by
            # its defining expression, and the plan would grow exponentially.
            sql = f"SELECT t.*, {columns.strip()}\nFROM ({sql}\nOFFSET 0) t"
        return f"CREATE TEMP TABLE demo_o ON COMMIT DROP AS\n{sql}\n"

    # -- inserts -----------------------------------------------------------------------

    def _buyer(self, salt: int) -> str:
        return self.h(salt, "o.buyer")

    def order_columns(self) -> dict[str, str]:
        """Column -> SQL expression over ``demo_o o`` (the orders row, also used for JSON)."""
        p = self.p
        h = self._buyer
        pcs = vocab.province_city_table()
        pc = f"{h(54)} % {len(pcs)} + 1"
        prefixes = [full if full == city + "市" else full + city + "市" for _, full, city in pcs]
        address = (
            f"({text_array(prefixes)})[{pc}] || {pick(vocab.DISTRICTS, h(55))}"
            f" || {pick(vocab.ROADS, h(56))} || ({h(57)} % 300 + 1) || '号'"
            f" || ({h(58)} % 20 + 1) || '栋' || ({h(59)} % 6 + 1) || '单元'"
            f" || (({h(60)} % 30 + 1) * 100 + {h(61)} % 4 + 1) || '室'"
        )
        author_id = f"CASE WHEN o.author_i IS NULL THEN NULL ELSE {p.author_base} + o.author_i END"
        day = f"(o.created_t - {p.anchor_epoch}) / 86400"
        video_key = f"o.author_i * 100 + {self.h(43, 'o.i')} % 30"
        return {
            "shop_id": "o.shop_id",
            "id": "o.id",
            # yymmddHHMMSS (UTC, like the service) + 7 digits unique per shop (a bijection
            # of the shop's own order sequence number).
            "order_no": (
                "to_char(to_timestamp(o.created_t) AT TIME ZONE 'UTC', 'YYMMDDHH24MISS') || "
                f"lpad(((o.i / {p.shops}) * 7919 % 10000000)::text, 7, '0')"
            ),
            "status": "o.status",
            "pay_status": "o.pay_status",
            "pay_method": "CASE WHEN o.paid_t IS NULL THEN NULL ELSE o.method END",
            "goods_amount": "o.goods",
            "discount_amount": "o.discount",
            "shipping_fee": "o.shipping_fee",
            "paid_amount": "o.paid_amount",
            "refunded_amount": "o.refunded_amount",
            "buyer_id": "'dy' || lpad(((o.buyer * 7919 + 1013) % 1000000000)::text, 9, '0')",
            "buyer_nickname": (
                f"{pick(vocab.NICK_PREFIXES, h(50))} || {pick(vocab.NICK_NOUNS, h(51))}"
                " || (o.buyer % 1000)"
            ),
            "receiver_name": f"{pick(vocab.SURNAMES, h(52))} || {pick(vocab.GIVEN_NAMES, h(53))}",
            "receiver_phone": (
                f"{pick(vocab.PHONE_PREFIXES, h(62))} || lpad(({h(63)} % 100000000)::text, 8, '0')"
            ),
            "receiver_address": address,
            "province": f"({text_array([r[0] for r in pcs])})[{pc}]",
            "city": f"({text_array([r[2] for r in pcs])})[{pc}]",
            "traffic_source": "o.traffic_source",
            # One live session per author and day; thirty short videos per author.
            "room_id": (
                "CASE WHEN o.traffic_source = 'live_room' AND o.author_i IS NOT NULL THEN '7' || "
                f"lpad(({self.h(48, f'o.author_i * 1000 + {day} + 200')} % 1000000000000000000)"
                "::text, 18, '0') END"
            ),
            "video_id": (
                "CASE WHEN o.traffic_source = 'short_video' AND o.author_i IS NOT NULL THEN '7' || "
                f"lpad(({self.h(49, video_key)} % 1000000000000000000)::text, 18, '0') END"
            ),
            "author_id": author_id,
            "commission_rate_bps": "o.commission_bps",
            "commission_amount": "o.paid_amount * o.commission_bps / 10000",
            "merchant_remark": (
                f"CASE WHEN {self.h(23, 'o.i')} % 100 < 3 "
                f"THEN {pick(vocab.MERCHANT_REMARKS, self.h(24, 'o.i'))} END"
            ),
            "buyer_note": (
                f"CASE WHEN {self.h(21, 'o.i')} % 100 < 10 "
                f"THEN {pick(vocab.BUYER_NOTES, self.h(22, 'o.i'))} END"
            ),
            "flagged": f"{self.h(44, 'o.i')} % 1000 < 10",
            "flag_reason": (
                f"CASE WHEN {self.h(44, 'o.i')} % 1000 < 10 "
                f"THEN {pick(vocab.FLAG_REASONS, self.h(45, 'o.i'))} END"
            ),
            "created_at": tstz("o.created_t"),
            "paid_at": tstz("o.paid_t"),
            "shipped_at": tstz("o.ship_t"),
            "signed_at": tstz("o.sign_t"),
            "completed_at": tstz("o.complete_t"),
            "closed_at": tstz("o.closed_t"),
            "close_reason": "o.close_reason",
            "version": "o.version",
            "updated_at": tstz("o.updated_t"),
        }

    def tracking_no(self) -> str:
        return "o.carrier_code || lpad(((o.id * 1000003) % 1000000000000)::text, 12, '0')"

    def stage_rows(self) -> str:
        """The orders rows themselves, kept for the change-log JSON (computed once)."""
        cols = ", ".join(f"{expr} AS {name}" for name, expr in self.order_columns().items())
        return f"CREATE TEMP TABLE demo_r ON COMMIT DROP AS\nSELECT {cols}\nFROM demo_o o"

    def insert_orders(self) -> str:
        cols = ", ".join(self.order_columns())
        return f"INSERT INTO orders ({cols})\nSELECT {cols} FROM demo_r"

    def insert_items(self) -> str:
        return (
            "INSERT INTO order_items (shop_id, id, order_id, product_id, title, sku, quantity, "
            "unit_price)\nSELECT shop_id, id, order_id, product_id, title, sku, quantity, "
            "unit_price FROM demo_i"
        )

    def insert_shipments(self) -> str:
        return f"""
INSERT INTO shipments (shop_id, id, order_id, carrier_code, tracking_no, lines, status,
                       corrections, shipped_at, signed_at, updated_at)
SELECT o.shop_id, {self.p.ids.shipment} + o.i, o.id, o.carrier_code, {self.tracking_no()},
       (SELECT jsonb_agg(jsonb_build_object('item_id', d.id, 'quantity', d.quantity)
                         ORDER BY d.id) FROM demo_i d WHERE d.i = o.i),
       CASE WHEN o.sign_t IS NULL THEN 'shipped' ELSE 'delivered' END, 0,
       {tstz("o.ship_t")}, {tstz("o.sign_t")}, {tstz("coalesce(o.sign_t, o.ship_t)")}
FROM demo_o o WHERE o.ship_t IS NOT NULL
"""

    def insert_refunds(self) -> str:
        """The refund ledger's row of each completed refund after-sale (its amount), and of
        each merchant's partial refund (an order never has both)."""
        p = self.p
        reason = pick(vocab.PARTIAL_REFUND_REASONS, self.h(85, "o.i"))
        owner = f"'account:' || ({int_array(p.owner_account_ids)})[o.shop_id - {p.shop_base} + 1]"
        as_id = f"{p.ids.after_sale} + o.i"
        return f"""
INSERT INTO order_refunds (shop_id, id, order_id, after_sale_id, amount, reason, lines, actor_id,
                           created_at)
SELECT o.shop_id, {p.ids.refund} + o.i, o.id, {as_id}, o.as_amount, 'after-sale ' || ({as_id}),
       NULL::jsonb, {owner}, {tstz("o.refund_t")}
FROM demo_o o WHERE o.refund_t IS NOT NULL
UNION ALL
SELECT o.shop_id, {p.ids.refund} + o.i, o.id, NULL, o.pr_amount, {reason}, NULL, {owner},
       {tstz("o.pr_t")}
FROM demo_o o WHERE o.pr_t IS NOT NULL
"""

    def after_sale_columns(self) -> dict[str, str]:
        steps = "o.as_steps[o.as_n]"
        terminal = "o.as_status IN ('rejected', 'closed', 'refunded', 'exchanged')"
        return {
            "shop_id": "o.shop_id",
            "id": f"{self.p.ids.after_sale} + o.i",
            "order_id": "o.id",
            "type": "o.as_type",
            "status": "o.as_status",
            "reason": "o.as_reason",
            "amount": "o.as_amount",
            "reject_reason": (
                f"CASE WHEN o.as_status = 'rejected' "
                f"THEN {pick(vocab.REJECT_REASONS, self.h(46, 'o.i'))} END"
            ),
            "created_at": tstz("o.as_open_t"),
            "resolved_at": f"CASE WHEN {terminal} THEN {tstz(steps)} END",
            "version": "1 + o.as_n + (o.xo_t IS NOT NULL)::int",
            "updated_at": (
                f"CASE WHEN o.xo_t IS NOT NULL THEN {tstz('o.xo_t')} "
                f"WHEN o.as_n = 0 THEN {tstz('o.as_open_t')} ELSE {tstz(steps)} END"
            ),
            "exchange_offer": (
                f"CASE WHEN o.xo_t IS NOT NULL THEN {self.offer_json()} "
                "|| jsonb_build_object('resume_status', 'requested') END"
            ),
        }

    @staticmethod
    def offer_json() -> str:
        """A pending exchange offer as the API shows it (see exchange_offers.offer_public)."""
        return (
            f"jsonb_build_object('status', 'pending', 'from_type', o.as_type, "
            f"'offered_at', {ts('o.xo_t')}, 'answered_at', NULL)"
        )

    def insert_after_sales(self) -> str:
        cols = self.after_sale_columns()
        return (
            f"INSERT INTO after_sales ({', '.join(cols)})\n"
            f"SELECT {', '.join(cols.values())}\nFROM demo_o o WHERE o.as_open_t IS NOT NULL"
        )

    def dispute_columns(self) -> dict[str, str]:
        descriptions = " ".join(
            f"WHEN {lit(kind)} THEN {pick(texts, self.h(47, 'o.i'))}"
            for kind, texts in vocab.DISPUTE_DESCRIPTIONS.items()
        )
        decided = "o.dsp_t + o.dsp_gap1 + o.dsp_gap2 + o.dsp_gap3"
        last = (
            f"CASE o.dsp_n WHEN 0 THEN o.dsp_t WHEN 1 THEN o.dsp_t + o.dsp_gap1 "
            f"WHEN 2 THEN o.dsp_submit_t ELSE {decided} END"
        )
        due = f"o.dsp_submit_t + {business_days_seconds('o.dsp_submit_t', REVIEW_BUSINESS_DAYS)}"
        return {
            "shop_id": "o.shop_id",
            "id": f"{self.p.ids.dispute} + o.i",
            "order_id": "o.id",
            "after_sale_id": (
                f"CASE WHEN o.dsp_kind = 'malicious_claim' THEN {self.p.ids.after_sale} + o.i END"
            ),
            "kind": "o.dsp_kind",
            "status": (
                "CASE o.dsp_n WHEN 0 THEN 'open' WHEN 1 THEN 'evidence_submitted' "
                "WHEN 2 THEN 'under_review' ELSE CASE WHEN o.dsp_wins THEN 'won' ELSE 'lost' END "
                "END"
            ),
            "description": f"CASE o.dsp_kind {descriptions} END",
            "submitted_at": tstz("o.dsp_submit_t"),
            "review_due_at": f"CASE WHEN o.dsp_submit_t IS NOT NULL THEN {tstz(due)} END",
            "decided_at": f"CASE WHEN o.dsp_n = 3 THEN {tstz(decided)} END",
            "created_at": tstz("o.dsp_t"),
            "version": "1 + o.dsp_n",
            "updated_at": tstz(last),
        }

    def insert_disputes(self) -> str:
        cols = self.dispute_columns()
        return (
            f"INSERT INTO disputes ({', '.join(cols)})\n"
            f"SELECT {', '.join(cols.values())}\nFROM demo_o o WHERE o.dsp_t IS NOT NULL"
        )

    def evidence_content(self) -> str:
        return (
            "convert_to('OrderGate demo evidence for dispute ' || "
            f"({self.p.ids.dispute} + o.i) || ': 聊天记录与物流截图说明', 'UTF8')"
        )

    def insert_evidence(self) -> str:
        content = self.evidence_content()
        return f"""
INSERT INTO dispute_evidence (shop_id, id, dispute_id, kind, filename, content_type, size_bytes,
                              sha256, content, created_at)
SELECT o.shop_id, {self.p.ids.evidence} + o.i, {self.p.ids.dispute} + o.i,
       CASE o.dsp_kind WHEN 'logistics' THEN 'shipping_proof' ELSE 'chat_log' END,
       'evidence.txt', 'text/plain', octet_length({content}),
       encode(sha256({content}), 'hex'), {content}, {tstz("o.dsp_t + o.dsp_gap1")}
FROM demo_o o WHERE o.dsp_n >= 1
"""

    def insert_events(self) -> str:
        p = self.p
        owner = (
            "'account'",
            f"'account:' || ({int_array(p.owner_account_ids)})[o.shop_id - {p.shop_base} + 1]",
        )
        as_id = f"{p.ids.after_sale} + o.i"
        d_id = f"{p.ids.dispute} + o.i"
        content = self.evidence_content()
        review_due = business_days_seconds("o.dsp_submit_t", REVIEW_BUSINESS_DAYS)
        # The n-th merchant action on the after-sale, along its path through the machine.
        step_action = (
            "CASE WHEN o.as_path = 'reject' THEN 'reject' WHEN o.as_path = 'close' THEN 'close' "
            "ELSE (CASE o.as_type WHEN 'refund_only' THEN ARRAY['approve', 'refund'] "
            "WHEN 'return_refund' THEN ARRAY['approve', 'request_return', "
            "'confirm_return_received', 'refund'] ELSE ARRAY['approve', 'request_return', "
            "'confirm_return_received', 'offer_exchange'] END)[{n}] END"
        )
        rows = [
            # (order on ties, time, kind, (actor type, actor id), data)
            ("0", "o.created_t", "'created'", _CORE, "'{}'::jsonb"),
            (
                "1",
                "o.paid_t",
                "'pay'",
                _CORE,
                "jsonb_build_object('pay_method', o.method, 'paid_amount', o.paid_amount)",
            ),
            (
                "1",
                "o.unpaid_close_t",
                "'close'",
                _CORE,
                "jsonb_build_object('reason', o.close_reason)",
            ),
            (
                "2",
                "o.ship_t",
                "'shipped'",
                _CORE,
                f"jsonb_build_object('carrier_code', o.carrier_code, 'tracking_no', "
                f"{self.tracking_no()})",
            ),
            (
                "3",
                "o.sign_t",
                "'signed'",
                _CORE,
                f"jsonb_build_object('signed_at', {ts('o.sign_t')})",
            ),
            ("4", "o.complete_t", "'complete'", _CORE, "'{}'::jsonb"),
            (
                "5",
                "o.as_open_t",
                "'after_sale.requested'",
                _CORE,
                f"jsonb_build_object('after_sale_id', {as_id}, 'type', o.as_type, "
                "'amount', o.as_amount)",
            ),
        ]
        for n in range(1, 5):
            action = step_action.format(n=n)
            reason = (
                f"CASE WHEN o.as_path = 'reject' THEN jsonb_build_object('reason', "
                f"{pick(vocab.REJECT_REASONS, self.h(46, 'o.i'))}) ELSE '{{}}'::jsonb END"
            )
            rows.append(
                (
                    f"{6 + n}",
                    f"CASE WHEN o.as_n >= {n} THEN o.as_steps[{n}] END",
                    f"'after_sale.' || {action}",
                    owner,
                    f"jsonb_build_object('after_sale_id', {as_id}, 'action', {action}) || {reason}",
                )
            )
        rows.append(
            (
                "6",
                "o.refund_t",
                "'refunded'",
                owner,
                f"jsonb_build_object('amount', o.as_amount, 'reason', 'after-sale ' || ({as_id}), "
                f"'refund_id', {p.ids.refund} + o.i, 'after_sale_id', {as_id})",
            )
        )
        rows += [
            (
                "6",
                "o.pr_t",
                "'refunded'",
                owner,
                f"jsonb_build_object('amount', o.pr_amount, 'reason', "
                f"{pick(vocab.PARTIAL_REFUND_REASONS, self.h(85, 'o.i'))}, "
                f"'refund_id', {p.ids.refund} + o.i)",
            ),
            (
                "7",
                "o.xo_t",
                "'after_sale.offer_exchange'",
                owner,
                f"jsonb_build_object('after_sale_id', {as_id}, 'action', 'offer_exchange')",
            ),
            (
                "11",
                "o.dsp_t",
                "'dispute.opened'",
                owner,
                f"jsonb_build_object('dispute_id', {d_id}, 'kind', o.dsp_kind)",
            ),
            (
                "12",
                "CASE WHEN o.dsp_n >= 1 THEN o.dsp_t + o.dsp_gap1 END",
                "'dispute.evidence_added'",
                owner,
                f"jsonb_build_object('dispute_id', {d_id}, 'evidence_id', {p.ids.evidence} + o.i, "
                "'kind', CASE o.dsp_kind WHEN 'logistics' THEN 'shipping_proof' ELSE 'chat_log' "
                f"END, 'sha256', encode(sha256({content}), 'hex'))",
            ),
            (
                "13",
                "o.dsp_submit_t",
                "'dispute.submitted'",
                owner,
                f"jsonb_build_object('dispute_id', {d_id}, 'review_due_at', "
                f"{ts('o.dsp_submit_t + ' + review_due)})",
            ),
            (
                "14",
                "CASE WHEN o.dsp_n = 3 THEN o.dsp_t + o.dsp_gap1 + o.dsp_gap2 + o.dsp_gap3 END",
                "'dispute.decided_' || CASE WHEN o.dsp_wins THEN 'won' ELSE 'lost' END",
                ("'system'", "'system'"),
                f"jsonb_build_object('dispute_id', {d_id}, 'outcome', "
                "CASE WHEN o.dsp_wins THEN 'won' ELSE 'lost' END, 'note', NULL)",
            ),
        ]
        # Candidates are only (code, tie order, time); kind, actor and data are computed for
        # the steps that happened, and each order's few events are ranked inside the LATERAL
        # (a tiny sort per order instead of one big sort of the whole batch).
        values = ", ".join(f"({code}, {row[0]}, {row[1]})" for code, row in enumerate(rows))

        def dispatch(column: str) -> str:
            def value(row: tuple[str, str, str, tuple[str, str], str]) -> str:
                if column == "kind":
                    return row[2]
                if column == "actor_type":
                    return row[3][0]
                if column == "actor_id":
                    return row[3][1]
                return row[4]

            whens = " ".join(f"WHEN {code} THEN {value(row)}" for code, row in enumerate(rows))
            return f"CASE e.code {whens} END"

        return f"""
INSERT INTO order_events (shop_id, id, order_id, kind, actor_type, actor_id, data, created_at)
SELECT o.shop_id, {p.ids.event} + {EVENT_STRIDE} * o.i + e.rn - 1, o.id,
       {dispatch("kind")}, {dispatch("actor_type")}, {dispatch("actor_id")}, {dispatch("data")},
       to_timestamp(e.t)
FROM demo_o o
CROSS JOIN LATERAL (
  SELECT v.code, v.t, row_number() OVER (ORDER BY v.t, v.ord, v.code) AS rn
  FROM (VALUES {values}) AS v(code, ord, t)
  WHERE v.t IS NOT NULL
) e
"""

    def order_json(self) -> str:
        """The twin of :func:`~app.domain.orders.representation.order_public` over ``demo_o o``
        joined to its staged ``orders`` row ``r`` and the aggregated items ``it``, as JSON
        text (cast to jsonb by the caller).

        Concatenated text parsed once is ~3× cheaper than nested ``jsonb_build_object``
        calls; every string comes from :mod:`app.demo.vocab` or digits, none needs escaping.
        """
        # ``r`` is the staged orders row: read its values instead of recomputing them.
        c = {column: f"r.{column}" for column in self.order_columns()}
        shipment = json_object(
            [
                ("id", "n", f"{self.p.ids.shipment} + o.i"),
                ("carrier_code", "s", "o.carrier_code"),
                ("carrier", "s", "o.carrier_code"),
                ("tracking_no", "s", self.tracking_no()),
                ("lines", "j", "it.lines"),
                ("item_ids", "j", "it.item_ids"),
                ("status", "s", "CASE WHEN o.sign_t IS NULL THEN 'shipped' ELSE 'delivered' END"),
                ("corrections", "n", "0"),
                ("shipped_at", "s", ts("o.ship_t")),
                ("signed_at", "s", ts("o.sign_t")),
                ("updated_at", "s", ts("coalesce(o.sign_t, o.ship_t)")),
            ]
        )
        author = json_object(
            [
                ("id", "n", c["author_id"]),
                ("commission_rate_bps", "n", c["commission_rate_bps"]),
                ("commission_amount", "n", c["commission_amount"]),
            ]
        )
        s, n = "s", "n"
        return json_object(
            [
                ("id", n, c["id"]),
                ("shop_id", n, c["shop_id"]),
                ("order_no", s, c["order_no"]),
                ("status", s, c["status"]),
                ("pay_status", s, c["pay_status"]),
                ("pay_method", s, c["pay_method"]),
                ("goods_amount", n, c["goods_amount"]),
                ("discount_amount", n, c["discount_amount"]),
                ("shipping_fee", n, c["shipping_fee"]),
                ("paid_amount", n, c["paid_amount"]),
                ("refunded_amount", n, c["refunded_amount"]),
                ("refundable_amount", n, f"{c['paid_amount']} - {c['refunded_amount']}"),
                (
                    "buyer",
                    "j",
                    json_object([("id", s, c["buyer_id"]), ("nickname", s, c["buyer_nickname"])]),
                ),
                (
                    "receiver",
                    "j",
                    json_object(
                        [
                            ("name", s, c["receiver_name"]),
                            ("phone", s, c["receiver_phone"]),
                            ("address", s, c["receiver_address"]),
                            ("province", s, c["province"]),
                            ("city", s, c["city"]),
                            ("masked", "b", "false"),
                        ]
                    ),
                ),
                ("province", s, c["province"]),
                ("city", s, c["city"]),
                ("traffic_source", s, c["traffic_source"]),
                ("room_id", s, c["room_id"]),
                ("video_id", s, c["video_id"]),
                ("author", "j", f"CASE WHEN r.author_id IS NOT NULL THEN {author} END"),
                ("merchant_remark", s, c["merchant_remark"]),
                ("buyer_note", s, c["buyer_note"]),
                ("flagged", "b", c["flagged"]),
                ("flag_reason", s, c["flag_reason"]),
                ("items", "j", "it.items"),
                (
                    "shipments",
                    "j",
                    f"CASE WHEN o.ship_t IS NULL THEN '[]' ELSE '[' || {shipment} || ']' END",
                ),
                (
                    "tracking_numbers",
                    "j",
                    f"CASE WHEN o.ship_t IS NULL THEN '[]' "
                    f"ELSE '[\"' || {self.tracking_no()} || '\"]' END",
                ),
                ("created_at", s, ts("o.created_t")),
                ("paid_at", s, ts("o.paid_t")),
                ("shipped_at", s, ts("o.ship_t")),
                ("signed_at", s, ts("o.sign_t")),
                ("completed_at", s, ts("o.complete_t")),
                ("closed_at", s, ts("o.closed_t")),
                ("close_reason", s, c["close_reason"]),
                ("version", n, c["version"]),
                ("updated_at", s, ts("o.updated_t")),
            ]
        )

    def insert_order_changes(self) -> str:
        item = json_object(
            [
                ("id", "n", "id"),
                ("product_id", "n", "product_id"),
                ("title", "s", "title"),
                ("sku", "s", "sku"),
                ("quantity", "n", "quantity"),
                ("unit_price", "n", "unit_price"),
            ]
        )
        line = json_object([("item_id", "n", "id"), ("quantity", "n", "quantity")])
        return f"""
INSERT INTO change_log (shop_id, id, entity, entity_id, entity_version, type, data)
SELECT o.shop_id, {self.p.ids.change} + {CHANGE_STRIDE} * o.i, 'order', o.id, o.version,
       'order.created', ({self.order_json()})::jsonb
FROM demo_o o
JOIN demo_r r ON r.id = o.id
JOIN (SELECT i, '[' || string_agg({item}, ',' ORDER BY id) || ']' AS items,
             '[' || string_agg({line}, ',' ORDER BY id) || ']' AS lines,
             '[' || string_agg(id::text, ',' ORDER BY id) || ']' AS item_ids
      FROM demo_i GROUP BY i) it ON it.i = o.i
"""

    def insert_after_sale_changes(self) -> str:
        c = self.after_sale_columns()
        data = (
            f"jsonb_build_object('id', {c['id']}, 'shop_id', o.shop_id, 'order_id', o.id, "
            f"'type', o.as_type, 'status', o.as_status, 'reason', o.as_reason, "
            f"'amount', o.as_amount, 'reject_reason', {c['reject_reason']}, "
            f"'exchange_offer', CASE WHEN o.xo_t IS NOT NULL THEN {self.offer_json()} END, "
            f"'allowed_actions', {after_sale_actions('o.as_status', 'o.as_type')}, "
            f"'created_at', to_char(({c['created_at']}) AT TIME ZONE 'UTC', {_TS_FMT}), "
            f"'resolved_at', to_char(({c['resolved_at']}) AT TIME ZONE 'UTC', {_TS_FMT}), "
            f"'version', {c['version']}, "
            f"'updated_at', to_char(({c['updated_at']}) AT TIME ZONE 'UTC', {_TS_FMT}))"
        )
        return f"""
INSERT INTO change_log (shop_id, id, entity, entity_id, entity_version, type, data)
SELECT o.shop_id, {self.p.ids.change} + {CHANGE_STRIDE} * o.i + 1, 'after_sale', {c["id"]},
       {c["version"]}, 'after_sale.created', {data}
FROM demo_o o WHERE o.as_open_t IS NOT NULL
"""

    def insert_dispute_changes(self) -> str:
        c = self.dispute_columns()
        earliest = (
            f"o.dsp_submit_t + "
            f"{business_days_seconds('o.dsp_submit_t', EARLIEST_DECISION_BUSINESS_DAYS)}"
        )
        window = (
            f"CASE WHEN o.dsp_submit_t IS NULL THEN NULL ELSE jsonb_build_object("
            f"'earliest', {ts(earliest)}, "
            f"'latest', to_char(({c['review_due_at']}) AT TIME ZONE 'UTC', {_TS_FMT}), "
            f"'business_days', '{EARLIEST_DECISION_BUSINESS_DAYS}-{REVIEW_BUSINESS_DAYS}', "
            f"'timezone', '{SHOP_TIMEZONE}') END"
        )

        def fmt(column: str) -> str:
            return f"to_char(({c[column]}) AT TIME ZONE 'UTC', {_TS_FMT})"

        data = (
            f"jsonb_build_object('id', {c['id']}, 'shop_id', o.shop_id, 'order_id', o.id, "
            f"'after_sale_id', {c['after_sale_id']}, 'kind', o.dsp_kind, "
            f"'status', {c['status']}, 'description', {c['description']}, "
            f"'allowed_actions', {dispute_actions(c['status'])}, "
            f"'submitted_at', {fmt('submitted_at')}, 'review_due_at', {fmt('review_due_at')}, "
            f"'decided_at', {fmt('decided_at')}, 'created_at', {fmt('created_at')}, "
            f"'version', 1 + o.dsp_n, 'updated_at', {fmt('updated_at')}, "
            f"'review_window', {window})"
        )
        return f"""
INSERT INTO change_log (shop_id, id, entity, entity_id, entity_version, type, data)
SELECT o.shop_id, {self.p.ids.change} + {CHANGE_STRIDE} * o.i + 2, 'dispute', {c["id"]},
       1 + o.dsp_n, 'dispute.created', {data}
FROM demo_o o WHERE o.dsp_t IS NOT NULL
"""


_TS_FMT = '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\''
