"""Operation-level extensions: the size gate (before validation), the cost gate (before
execution), the unit of work and token check of WebSocket operations, the per-token
subscription cap, and error codes/masking."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import DocumentNode, FragmentDefinitionNode, GraphQLError, OperationDefinitionNode
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.execution.values import get_variable_values
from starlette.requests import HTTPConnection
from starlette.websockets import WebSocket
from strawberry.extensions import SchemaExtension, ValidationCache
from strawberry.types.graphql import OperationType

from app.db import Database, is_unavailable
from app.domain.access.principal import resolve_principal
from app.domain.audit.pii import record_pii_read
from app.errors import AppError, ServiceUnavailable
from app.graphql.context import GraphQLContext
from app.graphql.cost import count_selections, estimate_cost
from app.graphql.sockets import registry_of
from app.graphql.touched import single_shop
from app.logging import get_logger, safe_error_text
from app.ratelimit import charge, points_budget

log = get_logger(__name__)

MAX_COST = 1000


def graphql_code(problem_code: str) -> str:
    """REST problem codes in GraphQL's conventional spelling (``rate_limited`` -> THROTTLED)."""
    return "THROTTLED" if problem_code == "rate_limited" else problem_code.upper()


def app_error(
    error: AppError, *, nodes: Any = None, path: Any = None, positions: Any = None
) -> GraphQLError:
    extensions: dict[str, Any] = {"code": graphql_code(error.code), "problem": error.code}
    extensions.update(error.extra)
    return GraphQLError(
        error.detail, nodes=nodes, path=path, positions=positions, extensions=extensions
    )


def _operation(ctx: Any) -> tuple[OperationDefinitionNode | None, dict[str, Any]]:
    document = ctx.graphql_document
    if document is None:
        return None, {}
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    op = next(
        (
            d
            for d in document.definitions
            if isinstance(d, OperationDefinitionNode)
            and (ctx.operation_name is None or (d.name and d.name.value == ctx.operation_name))
        ),
        None,
    )
    return op, fragments


def _reject(ctx: Any, error: GraphQLError) -> None:
    """Refuse the operation before execution. A subscription is started whatever the result
    says (strawberry subscribes unconditionally), so it is refused by raising instead."""
    if ctx.operation_type is OperationType.SUBSCRIPTION:
        raise error
    ctx.result = GraphQLExecutionResult(data=None, errors=[error])


def too_complex(limit: int) -> GraphQLError:
    return GraphQLError(
        f"The document has more than {limit} selections once its fragment spreads are "
        "expanded; select fewer fields or spread fragments fewer times.",
        extensions={
            "code": "QUERY_TOO_COMPLEX",
            "problem": "query_too_complex",
            "selections": {"limit": limit},
        },
    )


class BoundedValidation(ValidationCache):
    """Strawberry's cached validation, preceded by a check linear in the document: its
    selections with fragment spreads expanded (counted once per fragment, never expanded) must
    not exceed ``max_selections``. Validation itself (the depth limiter, field merging) walks
    the expansion, exponential in a document whose fragments
    each spread the previous one twice, so a document over the limit never reaches it."""

    def __init__(self, max_selections: int) -> None:
        super().__init__()
        self.max_selections = max_selections

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        document = ctx.graphql_document
        error = selection_limit_error(document, self.max_selections) if document else None
        if error is not None:
            ctx.pre_execution_errors = [error]
            yield
            return
        yield from super().on_validate()


def selection_limit_error(document: DocumentNode, max_selections: int) -> GraphQLError | None:
    """QUERY_TOO_COMPLEX when ``document`` expands to more than ``max_selections``."""
    if count_selections(document, max_selections) > max_selections:
        return too_complex(max_selections)
    return None


def _refuse(ctx: Any, context: Any, error: AppError) -> None:
    """Reject the operation unexecuted with ``error``'s HTTP status (429, 503) and headers,
    as REST answers it: never a 200 that carries only an error."""
    response = getattr(context, "response", None)
    if response is not None:
        response.status_code = error.status
        response.headers.update(error.headers)
    _reject(ctx, app_error(error))


class CostLimiter(SchemaExtension):
    """Estimates the operation's cost before any resolver runs, refuses it over the maximum,
    and charges it to the caller's rate-limit bucket (the same one REST charges: the (app,
    shop) bucket when the operation touches one shop, else the app-wide one), all before
    execution: a throttled or too costly operation runs nothing. A subscription is charged its
    selection's cost once, when it starts."""

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        op, fragments = _operation(ctx)
        if op is not None:
            schema = ctx.schema._schema
            # Coerced first: the estimate reads the values execution will use (defaults
            # included), and a refused value is the caller's error, charged nothing.
            variables = get_variable_values(
                schema, op.variable_definitions or (), ctx.variables or {}
            )
            if isinstance(variables, list):
                ctx.result = GraphQLExecutionResult(data=None, errors=variables)
                yield
                return
            maximum = self._maximum(context)
            cost = estimate_cost(schema, op, fragments, variables.coerced)
            context.cost = {"requested": cost, "limit": maximum}
            if cost > maximum:
                _reject(
                    ctx,
                    GraphQLError(
                        f"Query cost {cost} exceeds the maximum of {maximum}; "
                        "request fewer items (lower `first`) or fewer fields.",
                        extensions={
                            "code": "MAX_COST_EXCEEDED",
                            "problem": "max_cost_exceeded",
                            "cost": {"requested": cost, "limit": maximum},
                        },
                    ),
                )
            else:
                shop_id = single_shop(ctx.schema._schema, op, fragments, ctx.variables)
                await self._charge(ctx, context, cost, shop_id)
        yield

    @staticmethod
    def _maximum(context: Any) -> int:
        maximum: int = getattr(context, "max_cost", MAX_COST)
        connection = getattr(context, "http_request", None)
        principal = getattr(context, "principal", None)
        if isinstance(connection, HTTPConnection) and principal is not None:
            # A query costing more than the caller's whole per-minute budget could never be
            # charged: refuse it as too costly rather than with a Retry-After forever.
            budget = points_budget(connection, principal)
            if budget is not None:
                maximum = min(maximum, budget)
        return maximum

    async def _charge(self, ctx: Any, context: Any, cost: int, shop_id: int | None) -> None:
        # HTTP and WebSocket operations alike: one budget, shared with REST.
        connection = getattr(context, "http_request", None)
        if not isinstance(connection, HTTPConnection):
            return
        principal = context.principal
        if shop_id not in principal.shop_ids:
            shop_id = None  # a shop it cannot see: NOT_FOUND at execution, no bucket of its own
        try:
            decision = await charge(connection, cost, shop_id=shop_id, principal=principal)
        except ServiceUnavailable as unavailable:  # the store is down and failing closed
            _refuse(ctx, context, unavailable)
            return
        if decision.buckets:
            context.cost = {**decision.cost_extension(), "max": context.cost["limit"]}
        if not decision.allowed:
            _refuse(ctx, context, decision.error())

    def get_results(self) -> dict[str, Any]:
        cost = getattr(self.execution_context.context, "cost", None)
        return {"cost": cost} if cost else {}


class WebSocketUnitOfWork(SchemaExtension):
    """Each operation sent over a WebSocket is a unit of work of its own, as an HTTP request
    is: its own session (so concurrent operations never share a transaction, and one's commit
    or rollback is never another's) and its own DataLoader caches (so no read outlives its
    operation). Its token is resolved again, in that session, before anything runs: a token
    revoked or expired since ``connection_init`` (or that lost a shop) gets UNAUTHORIZED (or
    the narrower rights), never the socket's old ones. A query or mutation commits before its
    result is sent; a failed commit turns the result into an error, never a success that was
    not saved. Subscriptions read the feed in short transactions of their own."""

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if not _over_websocket(context):
            yield
            return
        db: Database = context.http_request.app.state.db
        async with db.sessionmaker() as session:  # closed (rolled back if open) at the end
            with GraphQLContext.operation_bound(session):
                yield

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if _over_websocket(context):
            await self._authorise(context)
            if ctx.operation_type is OperationType.SUBSCRIPTION:
                # A subscription runs for hours: its token check must not keep a transaction
                # (a pooled connection, and a snapshot holding back every feed's horizon).
                await context.serial(context.session.commit())
        yield
        if not _over_websocket(context) or ctx.operation_type is OperationType.SUBSCRIPTION:
            return
        try:
            await context.serial(context.session.commit())
        except Exception as error:
            await context.session.rollback()
            result = ctx.result
            if isinstance(result, GraphQLExecutionResult):
                result.data = None
                result.errors = [GraphQLError("The operation was not saved.", original_error=error)]
            else:
                raise

    @staticmethod
    async def _authorise(context: GraphQLContext) -> None:
        try:
            principal = await context.serial(resolve_principal(context.session, context.token))
        except AppError as error:
            # The socket itself is closed by the registry's next periodic check.
            raise app_error(error) from error
        context.operation.principal = principal


class SubscriptionSlots(SchemaExtension):
    """A token holds at most ``ORDERGATE_GRAPHQL_MAX_SUBSCRIPTIONS_PER_TOKEN`` open
    subscriptions (all processes; WebSocket and HTTP alike): one more is refused before it
    starts with TOO_MANY_SUBSCRIPTIONS; the slot is given back when the subscription ends."""

    async def on_operation(self) -> AsyncIterator[None]:
        self._held: Any = None
        try:
            yield
        finally:
            if self._held is not None:
                principal, registry, member = self._held
                await registry.end_subscription(principal, member)

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        connection = getattr(context, "http_request", None)
        principal = getattr(context, "principal", None)
        if (
            ctx.operation_type is OperationType.SUBSCRIPTION
            and isinstance(connection, HTTPConnection)
            and principal is not None
            and principal.token_id is not None
        ):
            registry = registry_of(connection)
            try:
                member = await registry.start_subscription(principal)
            except AppError as error:
                raise app_error(error) from error
            self._held = (principal, registry, member)
        yield


def _over_websocket(context: Any) -> bool:
    return isinstance(getattr(context, "http_request", None), WebSocket)


class ErrorCodes(SchemaExtension):
    """Domain errors keep their code in ``extensions``; anything else is masked and logged."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [coded_error(e) for e in errors]

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """Each result a stream sends (WebSocket, multipart): it is on its way to the client
        before :meth:`on_operation` ends, so it is coded here."""
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = [coded_error(e) for e in errors]
        yield


def coded_error(error: GraphQLError) -> GraphQLError:
    """``error`` with a stable ``extensions.code``; internals of unknown errors are masked."""
    original = error.original_error
    if isinstance(original, AppError):
        return app_error(original, nodes=error.nodes, path=error.path, positions=error.positions)
    if original is None or _refused_variable(error):
        if error.extensions and "code" in error.extensions:
            return error
        # Parse/validation errors (syntax, limits, variable values): safe to show, coded.
        return GraphQLError(
            error.message,
            nodes=error.nodes,
            path=error.path,
            positions=error.positions,
            extensions={"code": "GRAPHQL_VALIDATION_FAILED", "problem": "validation_error"},
        )
    if is_unavailable(original):  # the database is down or its pool exhausted: retry later
        return GraphQLError(
            "The database is unavailable or overloaded; retry shortly.",
            nodes=error.nodes,
            path=error.path,
            positions=error.positions,
            extensions={"code": "SERVICE_UNAVAILABLE", "problem": "service_unavailable"},
        )
    log.error("graphql_unhandled_error", error=safe_error_text(original), path=error.path)
    return GraphQLError(
        "Internal server error.",
        nodes=error.nodes,
        path=error.path,
        positions=error.positions,
        extensions={"code": "INTERNAL_ERROR", "problem": "internal_error"},
    )


def _refused_variable(error: GraphQLError) -> bool:
    """A variable value graphql-core's coercion refused (``Int`` beyond 32 bits, a malformed
    ``DateTime``): it wraps the refusal, a GraphQLError whatever the scalar raised, and nothing
    has run yet (no path)."""
    return error.path is None and isinstance(error.original_error, GraphQLError)


class PiiReadAudit(SchemaExtension):
    """One ``pii.read`` audit row (per shop) for an operation that showed receivers in clear,
    in its own unit of work; placed after WebSocketUnitOfWork so it lands before that commit."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        if not isinstance(context, GraphQLContext):
            return
        shown = context.operation.pii_shown
        if not shown:
            return
        actor = context.authorize("orders:read").actor
        await context.serial(record_pii_read(context.session, actor, sorted(shown)))
        shown.clear()
