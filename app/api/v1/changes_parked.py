"""Long-polls of ``GET /v1/shops/{shop_id}/changes`` (``wait`` > 0), served below FastAPI.

A parked request through FastAPI kept its whole request machinery alive while it waited (the
dependency graph and its exit stacks, the request's session, the handler's frames): ~60 KB a
request. This ASGI layer, inside the app's middlewares (request id, metrics, rate-limit
headers), admits such a request with list_changes' own parameter declarations, input guard,
authentication (the cached lookup) and rate-limit charge, then parks it holding only its
:class:`PageRequest` (cursor, limit, types, and a credentials check that runs again whenever
rights change). The page is rendered by the route's own function.

Anything else — ``wait`` absent or 0, ``cursor=now``, and every error before the request is
parked (invalid parameters, 401/403/404, 429, a bad cursor or type) — is handed on to the
FastAPI route, which answers it as it answers any request: one contract, one set of
problem+json errors (a request handed on after its charge is not charged again). An error
after that (a revoked token's 401, 410 cursor_expired, the database's 503) is answered by the
app's own exception handler for it, without running the request a second time.
"""

from __future__ import annotations

import re
from contextlib import asynccontextmanager

from fastapi.dependencies.utils import request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.input_guard import reject_hostile_input
from app.api.v1.changes import changes_response, list_changes, page_request, router
from app.auth.dependencies import authorized, oauth2_scheme
from app.db import is_unavailable, unit_of_work
from app.domain.access.authorized import CHANGES_READ
from app.domain.audit.actor import Actor
from app.domain.sync.metrics import LONG_POLLS_ADMITTED
from app.domain.sync.service import HEAD, FeedService, PageRequest
from app.errors import AppError
from app.web.services import feed_service_of

_PATH = re.compile(r"/v1/shops/([^/]+)/changes")
_ROUTE = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is list_changes)
_unit_of_work = asynccontextmanager(unit_of_work)


class ParkedChanges:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        shop = _long_poll_of(scope)
        if shop is None:
            await self.app(scope, receive, send)
            return
        try:
            admitted = await _admit(scope, receive, shop)
        except Exception as exc:
            if not _route_answers(exc):
                raise
            admitted = None
        if admitted is None:
            await self.app(scope, receive, send)
            return
        try:
            response = await changes_response(_service(scope), *admitted)
        except Exception as exc:
            # Admitted (and charged): the app's own handler answers, as it would the route's
            # error (a revoked token's 401, a 410 cursor_expired, the database's 503).
            response = await _handled(scope, receive, exc)
        await response(scope, receive, send)


async def _handled(scope: Scope, receive: Receive, exc: Exception) -> Response:
    handlers = scope["app"].exception_handlers
    for kind in type(exc).__mro__:
        if kind in handlers:
            response: Response = await handlers[kind](Request(scope, receive), exc)
            return response
    raise exc


def _long_poll_of(scope: Scope) -> str | None:
    """The raw shop id of a GET of the feed that asks to wait (else None)."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    match = _PATH.fullmatch(scope["path"])
    if match is None or b"wait=" not in scope["query_string"]:
        return None
    return match.group(1)


async def _admit(scope: Scope, receive: Receive, shop: str) -> tuple[PageRequest, Actor] | None:
    """The request, checked as list_changes checks it, or None when it is not a long-poll
    with valid parameters (the route answers it). Raises what the route would raise."""
    scope["path_params"] = {"shop_id": shop}
    scope["route"] = _ROUTE  # the request's metrics carry the route's path
    request = Request(scope, receive)
    path, path_errors = request_params_to_args(_ROUTE.dependant.path_params, {"shop_id": shop})
    query, query_errors = request_params_to_args(
        _ROUTE.dependant.query_params, request.query_params
    )
    if path_errors or query_errors or query["wait"] <= 0 or query["cursor"] == HEAD:
        return None
    await reject_hostile_input(request)
    token = await oauth2_scheme(request)
    async with _unit_of_work(request) as session:
        auth = await authorized(request, session, token, CHANGES_READ)
    service = feed_service_of(request)
    ask = page_request(service, request.app.state, auth, token, path["shop_id"], **query)
    LONG_POLLS_ADMITTED.inc()
    return ask, auth.actor  # the actor: for the pii.read audit row of the page it gets


def _service(scope: Scope) -> FeedService:
    return feed_service_of(HTTPConnection(scope))


def _route_answers(exc: Exception) -> bool:
    """Errors the FastAPI route answers itself (and the same way), when handed the request."""
    return isinstance(exc, AppError | RequestValidationError | HTTPException) or is_unavailable(exc)
