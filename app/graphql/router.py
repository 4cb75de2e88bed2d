"""``/graphql``: HTTP (POST, GraphiQL on GET when enabled, multipart subscriptions) resolves the
request's unit of work and principal with the same FastAPI dependencies as REST; WebSocket
(graphql-transport-ws only) authenticates from the ``connection_init`` payload
(``{"authorization": "Bearer oga_…"}``), since browsers cannot set headers on a WebSocket,
and every operation on the socket authenticates again (app/graphql/sockets.py)."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import HTTPException as ViewHTTPException  # what Strawberry's views raise
from fastapi import APIRouter, Request, WebSocket
from fastapi.routing import APIRoute, APIWebSocketRoute
from starlette.exceptions import HTTPException
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from app.auth.dependencies import CurrentPrincipal
from app.config import Settings
from app.db import Database, Session
from app.domain.access.principal import Principal, resolve_principal
from app.errors import AppError
from app.graphql.context import GraphQLContext
from app.graphql.extensions import coded_error
from app.graphql.schema import build_schema
from app.graphql.sockets import GuardedTransportWSHandler, registry_of
from app.web.listing import Codec, codec_of
from app.web.openapi import problems

ANONYMOUS = Principal(None, None, None, frozenset(), {})
# Deepest JSON accepted in a request body: graphql-core's own bound on input values (a variable
# nested deeper is refused anyway), well below what a recursive decoder could survive.
MAX_JSON_DEPTH = 200


async def get_context(
    request: Request, session: Session, principal: CurrentPrincipal, codec: Codec
) -> GraphQLContext:
    return GraphQLContext(request, session, principal, codec)


async def get_ws_context(websocket: WebSocket) -> GraphQLContext:
    # No session for the connection: each operation gets its own (WebSocketUnitOfWork).
    return GraphQLContext(
        websocket,  # type: ignore[arg-type]
        None,
        ANONYMOUS,
        codec_of(websocket),
    )


class CodedGraphQLRouter(GraphQLRouter[GraphQLContext, None]):
    """Errors raised before any extension runs (syntax, token limit) get codes here too, and a
    request body Strawberry refuses is a 400 problem+json like any other bad request."""

    def encode_json(self, data: object) -> str | bytes:
        # orjson: several times faster than json.dumps on a page of orders (UTF-8, no escapes).
        return orjson.dumps(data)

    def parse_json(self, data: str | bytes) -> Any:
        """A JSON object (the request, multipart ``operations``/``map``, GET ``variables``)."""
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError as error:  # also: not UTF-8, nested beyond 1024
            raise HTTPException(400, f"The request body is not valid JSON: {error}.") from error
        if not isinstance(parsed, dict):
            raise HTTPException(400, "The request body must be a JSON object.")
        if _nested_deeper(parsed, MAX_JSON_DEPTH):
            raise HTTPException(400, f"The request body is nested deeper than {MAX_JSON_DEPTH}.")
        return parsed

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context, root_value)
        except ViewHTTPException as error:
            # Strawberry answers these (no query, `variables` not an object, …) in plain text.
            raise HTTPException(error.status_code, error.reason) from error

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = [coded_error(e) for e in result.errors]
        return process_result(result)


# What the HTTP routes answer besides a GraphQL result (errors of the operation itself are in
# the 200 body's ``errors``): a request Strawberry cannot read, a bad token, a spent bucket.
_COMMON = problems(400, 401, 429, 503)
_HTTP_RESPONSES: dict[str, dict[int | str, dict[str, Any]]] = {
    "GET": {
        200: {
            "description": "A query's result, or the GraphiQL page when enabled and no query",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
        **_COMMON,
    },
    "POST": _COMMON,
}


def _nested_deeper(value: object, limit: int) -> bool:
    """Whether ``value`` nests arrays/objects over ``limit`` deep (walked without recursion)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


class WebSocketGraphQLRouter(CodedGraphQLRouter):
    """graphql-transport-ws messages are JSON *text* frames: strawberry sends bytes as binary
    frames, which browser clients receive as Blobs and cannot parse. The legacy graphql-ws
    protocol is not offered: its handler knows nothing of the socket registry."""

    protocols = (GRAPHQL_TRANSPORT_WS_PROTOCOL,)
    graphql_transport_ws_handler_class = GuardedTransportWSHandler

    def encode_json(self, data: object) -> str:
        return orjson.dumps(data).decode()

    async def on_ws_connect(self, context: GraphQLContext) -> dict[str, object] | None:
        params = context.connection_params if isinstance(context.connection_params, dict) else {}
        raw = str(params.get("authorization") or params.get("Authorization") or "")
        token = raw.removeprefix("Bearer ").strip()
        db: Database = context.http_request.app.state.db
        try:
            async with db.transaction() as session:
                context.principal = await resolve_principal(session, token)
        except AppError as error:
            raise ConnectionRejectionError({"code": error.code, "message": error.detail}) from error
        context.token = token
        await registry_of(context.http_request).open(context.socket)  # may refuse: too many sockets
        return None


def graphql_router(settings: Settings) -> APIRouter:
    """One APIRouter holding the HTTP routes of one Strawberry router and the WebSocket route
    of another (each needs its own context getter)."""
    schema = build_schema(
        introspection=settings.graphql_introspection,
        max_selections=settings.graphql_max_selections,
    )
    http = CodedGraphQLRouter(
        schema,
        path="/graphql",
        context_getter=get_context,
        # GraphiQL is served by app/api/docs_pages.py (vendored assets, before authentication).
        graphql_ide=None,
        tags=["graphql"],
        # File uploads (addEvidence). Safe from CSRF here: only a Bearer token authenticates
        # /graphql, never a cookie, so a cross-site form post carries no credentials.
        multipart_uploads_enabled=True,
    )
    ws = WebSocketGraphQLRouter(
        schema,
        path="/graphql",
        context_getter=get_ws_context,
        max_subscriptions_per_connection=None,  # GuardedTransportWSHandler enforces it, coded
    )
    for route in http.routes:
        if isinstance(route, APIRoute):
            for method in route.methods or ():
                route.responses = {**route.responses, **_HTTP_RESPONSES[method]}
    router = APIRouter()
    router.routes.extend(r for r in ws.routes if isinstance(r, APIWebSocketRoute))
    router.routes.extend(r for r in http.routes if not isinstance(r, APIWebSocketRoute))
    return router
