"""Exception handlers: every error leaves as RFC 9457 problem+json with a stable code."""

from __future__ import annotations

from typing import Any

import asyncpg  # type: ignore[import-untyped]
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match

from app.db import database_unavailable, is_unavailable
from app.errors import PROBLEM_BASE, AppError
from app.logging import get_logger
from app.web.responses import problem_response, request_id_of

log = get_logger(__name__)

CLIENT_CLOSED_REQUEST = 499

_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}


def _problem(
    request: Request, status: int, code: str, title: str, detail: str, **extra: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    rid = request_id_of(request)
    if rid:
        body["request_id"] = rid
    return body


def _clean_loc(loc: Any) -> list[str | int]:
    return [p if isinstance(p, int) else str(p) for p in loc]


async def app_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AppError)
    if exc.status >= 500:
        log.error("app_error", code=exc.code, detail=exc.detail)
    return problem_response(exc.problem(request_id_of(request)), exc.status, exc.headers)


async def validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [
        {"loc": _clean_loc(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
        for e in exc.errors()
    ]
    names = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors) or "the request"
    body = _problem(
        request,
        422,
        "validation_error",
        "Validation error",
        f"Invalid input: {names}.",
        errors=errors,
    )
    return problem_response(body, 422)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc.__cause__, ClientDisconnect):  # FastAPI wraps it while reading the body
        return await client_gone_handler(request, exc.__cause__)
    code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    body = _problem(request, exc.status_code, code, title, detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return problem_response(body, exc.status_code, headers)


def _allowed_methods(request: Request) -> str:
    """Every method of the path: Starlette's 405 names only the first route that matched it,
    and one path often has several routes (GET and POST registered apart)."""
    scope = {**request.scope, "method": "GET"}
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.methods and route.matches(scope)[0] is not Match.NONE:
            methods |= route.methods
    return ", ".join(sorted(methods))


async def unhandled_handler(request: Request, exc: Exception) -> Response:
    log.exception("unhandled_error", path=request.url.path)
    body = _problem(
        request,
        500,
        "internal_error",
        "Internal server error",
        "An unexpected error occurred; quote the request_id when reporting it.",
    )
    return problem_response(body, 500)


async def database_error_handler(request: Request, exc: Exception) -> Response:
    """Database errors, in one place: the database unreachable, restarting, or its pool
    exhausted answers 503 ``service_unavailable`` + Retry-After (retry later, nothing was
    done); any other database error is a 500 like every unexpected error."""
    if not is_unavailable(exc):
        return await unhandled_handler(request, exc)
    log.warning("database_unavailable", path=request.url.path, error=type(exc).__name__)
    error = database_unavailable()
    return problem_response(error.problem(request_id_of(request)), error.status, error.headers)


async def client_gone_handler(request: Request, exc: Exception) -> Response:
    # The client closed the connection before its request body arrived (a browser aborting a
    # fetch): nothing was done and nobody reads the answer. Not a server error; 499 as nginx
    # logs it, so /metrics counts it apart from real failures.
    log.info("client_disconnected", path=request.url.path)
    return Response(status_code=CLIENT_CLOSED_REQUEST)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, app_error_handler)
    app.add_exception_handler(RequestValidationError, validation_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    app.add_exception_handler(ClientDisconnect, client_gone_handler)
    # The classes a database outage surfaces as (raw socket errors when connecting).
    for db_error in (SQLAlchemyError, asyncpg.PostgresError, OSError):
        app.add_exception_handler(db_error, database_error_handler)
    app.add_exception_handler(Exception, unhandled_handler)
