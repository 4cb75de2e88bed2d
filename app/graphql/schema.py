"""The Strawberry schema: query root, limits and extensions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Annotated, Any

import strawberry
from graphql import ASTValidationRule
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import Info

from app.domain.access.scope import ShopScope
from app.domain.access.scopes import format_scopes
from app.domain.after_sales.service import AfterSaleService
from app.domain.carriers.repository import CarrierRegistry
from app.domain.orders.service import OrderService
from app.domain.shipments.service import ShipmentService
from app.domain.shipments.tracking import TrackingService
from app.domain.shops.repository import shops_in
from app.errors import NotFound
from app.graphql.context import GraphQLContext
from app.graphql.extensions import (
    BoundedValidation,
    CostLimiter,
    ErrorCodes,
    PiiReadAudit,
    SubscriptionSlots,
    WebSocketUnitOfWork,
)
from app.graphql.field_merging import merging_rules
from app.graphql.ids import from_global_id
from app.graphql.inputs import OrderFilterInput
from app.graphql.mutations import Mutation
from app.graphql.paging import order_connection, window
from app.graphql.projection import CompiledListExecutionContext, field_of
from app.graphql.subscriptions import Subscription
from app.graphql.types.connections import FirstArg, LastArg, OrderConnection
from app.graphql.types.insights import ShopsMetrics, shops_metrics
from app.graphql.types.orders import Node
from app.graphql.types.scalars import SCALAR_MAP, OrderSort
from app.graphql.types.shipments import Carrier, ShipmentTracking
from app.graphql.types.shops import Shop

Ctx = Info[GraphQLContext, None]


@strawberry.type
class Me:
    account_id: int | None
    app_id: int | None
    token_id: int | None
    scopes: list[str]
    shops: list[Shop]


async def _shops(info: Ctx) -> list[dict[str, Any]]:
    principal = info.context.principal
    rows = await info.context.serial(
        shops_in(info.context.session, ShopScope.of(principal.shop_ids))
    )
    return [{"id": s.id, "name": s.name, "timezone": s.timezone} for s in rows]


async def _node(info: Ctx, global_id: str) -> Any:
    type_name, shop_id, entity_id = from_global_id(global_id)
    if type_name == "Order":
        auth = info.context.authorize("orders:read")
        auth.require(shop_id)
        service = OrderService(info.context.session, auth.shops, auth.actor)
        return await info.context.serial(service.get(shop_id, entity_id))
    if type_name == "AfterSale":
        auth = info.context.authorize("after_sales:read")
        auth.require(shop_id)
        after_sales = AfterSaleService(info.context.session, auth.shops, auth.actor)
        return {
            **await info.context.serial(after_sales.get(shop_id, entity_id)),
            "__typename": "AfterSale",
        }
    raise NotFound(f"Node {global_id!r} was not found.")


@strawberry.type
class Query:
    @strawberry.field(description="The token's account, app, scopes and shops")
    async def me(self, info: Ctx) -> Me:
        principal = info.context.principal
        scopes: set[str] = set()
        for granted in principal.scopes_by_shop.values():
            scopes |= granted
        return Me(
            account_id=principal.account_id,
            app_id=principal.client_id,
            token_id=principal.token_id,
            scopes=format_scopes(scopes).split(),
            shops=await _shops(info),  # type: ignore[arg-type]
        )

    @strawberry.field(description="Shops this token may access")
    async def shops(self, info: Ctx) -> list[Shop]:
        return await _shops(info)  # type: ignore[return-value]

    @strawberry.field(description="One shop; null with NOT_FOUND when not visible")
    async def shop(self, info: Ctx, id: int) -> Shop | None:
        # The principal already lists its shops: no query unless name/timezone are asked
        # (then the per-request shop loader reads them).
        if id not in info.context.principal.shop_ids:
            raise NotFound(f"Shop {id} was not found.")
        return {"id": id}  # type: ignore[return-value]

    @strawberry.field(description="Orders across several granted shops (multi-shop owners)")
    async def orders(
        self,
        info: Ctx,
        shop_ids: list[int] | None = None,
        filter: OrderFilterInput | None = None,
        sort: OrderSort = OrderSort.CREATED_AT_DESC,
        first: FirstArg = None,
        after: str | None = None,
        last: LastArg = None,
        before: str | None = None,
    ) -> OrderConnection:
        shops = shop_ids or info.context.authorize("orders:read").shops.sorted_ids()
        win = window(first, after, last, before)
        return await order_connection(info, shops, filter, sort, win)  # type: ignore[no-any-return]

    @strawberry.field(description="The carrier registry (codes for carrierCode)")
    async def carriers(self, info: Ctx) -> list[Carrier]:
        return await info.context.serial(CarrierRegistry(info.context.session).all())  # type: ignore[return-value]

    @strawberry.field(
        description="A parcel's logistics trace; null with NOT_FOUND when not visible"
    )
    async def shipment_tracking(
        self, info: Ctx, shop_id: int, order_id: int, shipment_id: int
    ) -> ShipmentTracking | None:
        auth = info.context.authorize("orders:read")
        auth.require(shop_id)
        orders = OrderService(info.context.session, auth.shops, auth.actor)
        tracking = TrackingService(ShipmentService(orders))
        return await info.context.serial(tracking.trace(shop_id, shipment_id, order_id))  # type: ignore[return-value]

    @strawberry.field(
        description="Metrics of several shops together, and of each (default: every shop the "
        "token grants metrics:read on); whole days, both ends inclusive"
    )
    async def metrics(
        self,
        info: Ctx,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        shop_ids: list[int] | None = None,
    ) -> ShopsMetrics:
        return await shops_metrics(info, shop_ids, from_, to)

    @strawberry.field(description="Any object by global id; null with NOT_FOUND when not visible")
    async def node(self, info: Ctx, id: strawberry.ID) -> Node | None:
        return await _node(info, id)  # type: ignore[no-any-return]

    @strawberry.field
    async def nodes(self, info: Ctx, ids: list[strawberry.ID]) -> list[Node | None]:
        found: list[Node | None] = []
        for global_id in ids[:100]:
            try:
                found.append(await _node(info, global_id))
            except NotFound:
                found.append(None)
        return found


MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000
# Selections of a document once its fragment spreads are expanded (ORDERGATE_GRAPHQL_MAX_SELECTIONS)
MAX_SELECTIONS = 2000


# The depth and alias limiters' validation rules, built once: each limiter instance makes new
# rule classes, and the validation cache is keyed by the rules, so per-request limiters made
# every request miss it (and fill it). One shared rule list keeps validation cached per
# document while still applying both limits.
_LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


def validation_rules(
    rules: Iterable[type[ASTValidationRule]],
) -> tuple[type[ASTValidationRule], ...]:
    """``rules`` (graphql-core's) with field merging checked in linear time, plus the depth and
    alias limits."""
    return (*merging_rules(rules), *_LIMIT_RULES)


class LimitRules(SchemaExtension):
    """Depth (≤ 10) and alias (≤ 30) limits as validation rules, stable across requests, and
    graphql-core's quadratic overlapping-fields rule replaced by FieldsCanMergeRule."""

    def on_operation(self) -> Iterator[None]:
        ctx = self.execution_context
        ctx.validation_rules = validation_rules(ctx.validation_rules)
        yield


def build_schema(
    *, introspection: bool = True, max_selections: int = MAX_SELECTIONS
) -> strawberry.Schema:
    extensions: list[Any] = [
        ParserCache,
        lambda: BoundedValidation(max_selections),
        LimitRules,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        # Order matters: on_execute hooks run in this order. A WebSocket operation's token is
        # checked first, then the subscription cap, then the cost is charged.
        WebSocketUnitOfWork,
        PiiReadAudit,
        SubscriptionSlots,
        CostLimiter,
        ErrorCodes,
    ]
    if not introspection:
        extensions.append(DisableIntrospection)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        config=StrawberryConfig(default_resolver=field_of, scalar_map=SCALAR_MAP),
        extensions=extensions,
        execution_context_class=CompiledListExecutionContext,
    )


# The default schema (introspection on): what `make openapi` writes to schema.graphql.
schema = build_schema()
