"""``POST /graphql`` (GraphiQL on GET when enabled): the request's unit of work and principal
are resolved by the same FastAPI dependencies as REST."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult

from app.api.listing import Codec
from app.auth.dependencies import CurrentPrincipal
from app.config import Settings
from app.db import Session
from app.graphql.context import GraphQLContext
from app.graphql.extensions import coded_error
from app.graphql.schema import build_schema


async def get_context(
    request: Request, session: Session, principal: CurrentPrincipal, codec: Codec
) -> GraphQLContext:
    return GraphQLContext(request, session, principal, codec)


class CodedGraphQLRouter(GraphQLRouter[GraphQLContext, None]):
    """Errors raised before any extension runs (syntax, token limit) get codes here too."""

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = [coded_error(e) for e in result.errors]
        return process_result(result)


def graphql_router(settings: Settings) -> GraphQLRouter[GraphQLContext, None]:
    return CodedGraphQLRouter(
        build_schema(introspection=settings.graphql_introspection),
        path="/graphql",
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
        tags=["graphql"],
    )
