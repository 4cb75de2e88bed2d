"""Operation-level extensions: the size gate (before validation), the cost gate (before
execution) and error codes/masking."""

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

from app.db import Database
from app.errors import AppError
from app.graphql.context import GraphQLContext
from app.graphql.cost import count_selections, estimate_cost
from app.logging import get_logger
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


class CostLimiter(SchemaExtension):
    """Estimates the operation's cost before any resolver runs, refuses it over the maximum,
    and charges it to the caller's rate-limit bucket (the same one REST charges), all before
    execution: a throttled or too costly operation runs nothing."""

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
            elif op.operation.value != "subscription":
                await self._charge(ctx, context, cost)
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

    async def _charge(self, ctx: Any, context: Any, cost: int) -> None:
        # HTTP, and queries or mutations sent over the WebSocket: one budget for both.
        connection = getattr(context, "http_request", None)
        if not isinstance(connection, HTTPConnection):
            return
        decision = await charge(connection, cost, principal=context.principal)
        if decision.buckets:
            context.cost = {**decision.cost_extension(), "max": context.cost["limit"]}
        if decision.allowed:
            return
        error = decision.error()
        response = getattr(context, "response", None)
        if response is not None:
            response.status_code = 429
            response.headers["Retry-After"] = str(decision.retry_after)
        _reject(ctx, app_error(error))

    def get_results(self) -> dict[str, Any]:
        cost = getattr(self.execution_context.context, "cost", None)
        return {"cost": cost} if cost else {}


class WebSocketUnitOfWork(SchemaExtension):
    """Each operation sent over a WebSocket is a unit of work of its own, as an HTTP request
    is: its own session (so concurrent operations never share a transaction, and one's commit
    or rollback is never another's) and its own DataLoader caches (so no read outlives its
    operation). A query or mutation commits before its result is sent; a failed commit turns
    the result into an error, never a success that was not saved. Subscriptions read the feed
    in short transactions of their own."""

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
        yield
        ctx = self.execution_context
        context = ctx.context
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
    log.error("graphql_unhandled_error", error=repr(original), path=error.path)
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
