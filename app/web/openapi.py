"""OpenAPI documentation of problem+json errors, shared by every router."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from app.errors import FieldError, Problem
from app.web.responses import PROBLEM_JSON

__all__ = ["FieldError", "Problem"]


_REF = "#/components/schemas/{model}"

_DESCRIPTIONS = {
    400: "Bad request (`invalid_cursor`, a body that is not JSON)",
    401: "`unauthorized`: missing, invalid, expired or revoked bearer token",
    403: "`insufficient_scope` (the token or the account's staff role lacks the scope)",
    404: "`not_found`: unknown or invisible shop or entity",
    409: "`invalid_transition`, `version_conflict` or `idempotency_in_progress`",
    410: "`cursor_expired` (resync from a snapshot) or a resource that is gone",
    412: "`precondition_failed`: the `If-Match` version is stale",
    413: "`payload_too_large` (body over the cap) or `evidence_too_large`",
    415: "`unsupported_media_type` or `unsupported_evidence_type`",
    416: "`range_not_satisfiable`: the `Range` header lies outside the file",
    422: "`validation_error` naming the failing fields, or `idempotency_mismatch`",
    428: "`precondition_required`: this write needs `If-Match` or `expected_version`",
    429: "`rate_limited`: the bucket is spent; retry after `Retry-After` seconds",
    503: "`service_unavailable`: the database, its pool or Redis cannot serve; retry after "
    "`Retry-After` seconds",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status documented as problem+json."""
    return {
        status: {
            "description": _DESCRIPTIONS.get(status, "Error"),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


BINARY = {"type": "string", "format": "binary"}
NDJSON = "application/x-ndjson"
# Models FastAPI does not collect itself (a stream's line schema, a form body read by hand),
# by component name.
_COMPONENTS: dict[str, Any] = {}


def component(name: str, model: Any) -> dict[str, str]:
    """A ``$ref`` to ``model``, published in the document's components as ``name``."""
    _COMPONENTS[name] = model
    return {"$ref": _REF.format(model=name)}


def file_download(*media: str, description: str) -> dict[int | str, dict[str, Any]]:
    """The success entry of a file download in ``media`` (bytes, no JSON model)."""
    return {200: {"description": description, "content": {m: {"schema": BINARY} for m in media}}}


def ndjson_stream(name: str, line: Any, description: str) -> dict[int | str, dict[str, Any]]:
    """The success entry of an NDJSON stream whose every line is a ``line`` (a type or union
    of read models), published as the component ``name`` and referenced from the media type
    (``x-line-schema``: OpenAPI 3.1 has no keyword for the items of a sequential media)."""
    content = {
        "schema": {**BINARY, "description": f"One JSON object per line, each a `{name}`."},
        "x-line-schema": component(name, line),
    }
    return {200: {"description": description, "content": {NDJSON: content}}}


def problem(status: int, description: str) -> dict[int | str, dict[str, Any]]:
    """One problem+json error entry with a route's own description (which codes it means)."""
    entry = problems(status)
    entry[status]["description"] = description
    return entry


def operation_id(route: APIRoute) -> str:
    """The operationId of a route: its handler's name, unique across the API (a test checks);
    the commerce core's ingest routes are ``internal_*``."""
    return f"internal_{route.name}" if route.path.startswith("/internal/") else route.name


def install_problem_schema(app: FastAPI) -> None:
    """Publish ``Problem`` in the document's components (the errors above refer to it), and
    the models registered with :func:`component`.

    The error entries carry no ``model``: FastAPI would list it under ``application/json``
    too, and errors only ever leave as ``application/problem+json``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = build()
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            for name, model in {"Problem": Problem, **_COMPONENTS}.items():
                schema = TypeAdapter(model).json_schema(ref_template=_REF)
                for ref, definition in schema.pop("$defs", {}).items():
                    schemas.setdefault(ref, definition)
                schemas[name] = schema
            name_generic_components(spec)
            exact_integer_bounds(spec)
            headers_never_null(spec)
        return app.openapi_schema or build()

    app.openapi = openapi  # type: ignore[method-assign]


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def exact_integer_bounds(node: Any) -> None:
    """Integer bounds back to integers: FastAPI's OpenAPI models hold them as floats, and
    float(2**63 - 1) is 2**63, which let generated clients send an id one past bigint."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "integer":
                for key in _BOUNDS:
                    value = item.get(key)
                    if isinstance(value, float) and value.is_integer():
                        item[key] = min(int(value), 2**63 - 1)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def headers_never_null(spec: dict[str, Any]) -> None:
    """An optional header is absent or a string: FastAPI documents ``str | None`` as
    ``anyOf [string, null]``, which clients (and fuzzers) send as the text ``null``."""
    for path in spec.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                schema = parameter.get("schema", {})
                kinds = schema.get("anyOf")
                if parameter.get("in") != "header" or not isinstance(kinds, list):
                    continue
                rest = [k for k in kinds if k != {"type": "null"}]
                if len(rest) == 1 and len(rest) < len(kinds):
                    del schema["anyOf"]
                    schema.update(rest[0])


_GENERIC = re.compile(r"^(?P<base>[A-Za-z0-9]+)_(?P<arg>[A-Za-z0-9]+)_$")


def name_generic_components(spec: dict[str, Any]) -> None:
    """``Page[WebhookDelivery]`` is published by pydantic as ``Page_WebhookDelivery_`` titled
    ``Page`` like every other page. SDK generators name a type by its title (Python) or by its
    key (TypeScript), so both become ``WebhookDeliveryPage`` and every reference follows."""
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    renames: dict[str, str] = {}
    for key in list(schemas):
        match = _GENERIC.match(key)
        name = f"{match['arg']}{match['base']}" if match else ""
        if match and schemas[key].get("title") == match["base"] and name not in schemas:
            schemas[name] = {**schemas.pop(key), "title": name}
            renames[_REF.format(model=key)] = _REF.format(model=name)
    if renames:
        _rename_refs(spec, renames)


def _rename_refs(node: Any, renames: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in renames:
            node["$ref"] = renames[ref]
        for value in node.values():
            _rename_refs(value, renames)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value, renames)


# Every public operation can answer these (authentication, throttle, outages, bad input).
COMMON_ERRORS = (401, 413, 422, 429, 503)
READ_ERRORS = (400, 401, 403, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422)
