"""``/graphql``: HTTP (POST, GraphiQL on GET when enabled, multipart subscriptions) resolves the
request's unit of work and principal with the same FastAPI dependencies as REST; WebSocket
(graphql-transport-ws only) authenticates from the ``connection_init`` payload
(``{"authorization": "Bearer oga_…"}``), since browsers cannot set headers on a WebSocket,
and every operation on the socket authenticates again (app/graphql/sockets.py)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request, WebSocket
from fastapi.routing import APIWebSocketRoute
from strawberry.exceptions import ConnectionRejectionError
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from app.api.listing import Codec, keyset_codec
from app.auth.dependencies import CurrentPrincipal
from app.auth.principal import Principal, resolve_principal
from app.config import Settings
from app.db import Database, Session
from app.errors import AppError
from app.graphql.context import GraphQLContext
from app.graphql.extensions import coded_error
from app.graphql.schema import build_schema
from app.graphql.sockets import GuardedTransportWSHandler, registry_of

ANONYMOUS = Principal(None, None, None, frozenset(), {})


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
        keyset_codec(websocket),  # type: ignore[arg-type]
    )


class CodedGraphQLRouter(GraphQLRouter[GraphQLContext, None]):
    """Errors raised before any extension runs (syntax, token limit) get codes here too."""

    def encode_json(self, data: object) -> str | bytes:
        # orjson: several times faster than json.dumps on a page of orders (UTF-8, no escapes).
        return orjson.dumps(data)

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        if result.errors:
            result.errors = [coded_error(e) for e in result.errors]
        return process_result(result)


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
    schema = build_schema(introspection=settings.graphql_introspection)
    http = CodedGraphQLRouter(
        schema,
        path="/graphql",
        context_getter=get_context,
        graphql_ide="graphiql" if settings.graphiql_enabled else None,
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
    router = APIRouter()
    router.routes.extend(r for r in ws.routes if isinstance(r, APIWebSocketRoute))
    router.routes.extend(r for r in http.routes if not isinstance(r, APIWebSocketRoute))
    return router
