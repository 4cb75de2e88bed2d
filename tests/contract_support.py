"""Every response the test suite receives is checked against the contract it was declared with.

The ``client`` fixture runs :func:`check_response` on each response: a JSON 2xx body must
validate against the route's ``response_model`` (read models forbid undocumented keys in
validation, see app/kit/contract.py), every error must be problem+json matching ``Problem``
(unless the route documents its own error model for that status, e.g. OAuth's RFC 6749
errors), and a status the route does not document fails the test. So all tests are contract
tests, and the OpenAPI document cannot drift from what the code sends.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import TypeAdapter, ValidationError
from starlette.routing import Match

from app.web.openapi import Problem
from app.web.responses import PROBLEM_JSON

# Statuses a route never lists: they come from the framework or the client, not from us.
_UNDOCUMENTED_OK = {304, 499}


class ContractViolation(AssertionError):
    pass


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def _route_of(app: FastAPI, method: str, path: str) -> Any:
    """The effective route (router-level responses merged in) that serves ``method path``.

    FastAPI keeps included routers nested; ``iter_route_contexts`` walks them as served."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    for context in iter_route_contexts(app.router.routes):
        if isinstance(context.original_route, APIRoute) and context.matches(scope)[0] is Match.FULL:
            return context
    return None


def _declared(route: Any, status: int) -> tuple[bool, Any]:
    """(documented, model) of ``status`` for ``route``."""
    entry = route.responses.get(status) or route.responses.get(str(status)) or {}
    if status == (route.status_code or 200):
        return True, route.response_model or entry.get("model")
    return bool(entry), entry.get("model")


def check_response(app: FastAPI, response: httpx.Response) -> None:
    request = response.request
    route = _route_of(app, request.method, request.url.path)
    if route is None or not route.include_in_schema:
        return
    status = response.status_code
    where = f"{request.method} {request.url.path} -> {status}"
    media = response.headers.get("content-type", "").split(";")[0].strip()
    documented, model = _declared(route, status)
    if status >= 400 and model is not None:
        # The route documents its own JSON error body for this status (RFC 6749 OAuth errors,
        # the readiness report): it must be that, as application/json.
        if media != "application/json":
            raise ContractViolation(f"{where}: error answered as {media!r}, not {model!r}")
        _validate(model, response.content, where)
    elif status >= 400:
        if media != PROBLEM_JSON:
            raise ContractViolation(f"{where}: error answered as {media!r}, not problem+json")
        _validate(Problem, response.content, where)
    if not documented and status not in _UNDOCUMENTED_OK and status < 500:
        raise ContractViolation(f"{where}: status not documented in the OpenAPI document")
    if 200 <= status < 300 and model is not None and media == "application/json":
        _validate(model, response.content, where)


def _validate(model: Any, body: bytes, where: str) -> None:
    try:
        _adapter(model).validate_json(body)
    except ValidationError as exc:
        raise ContractViolation(f"{where}: body does not match {model!r}:\n{exc}") from None


def contract_hook(app: FastAPI) -> Any:
    async def hook(response: httpx.Response) -> None:
        media = response.headers.get("content-type", "")
        # Streams (ndjson, CSV, files) are read by the test itself; JSON is read here.
        if "json" in media:
            await response.aread()
            check_response(app, response)

    return hook
