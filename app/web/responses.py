"""Fast JSON responses (orjson) and problem+json rendering."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import JSONResponse, Response

PROBLEM_JSON = "application/problem+json"
JSON = "application/json"


class OrjsonResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)


def json_bytes_response(
    content: Any, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """Hot paths: serialise plain dicts straight to bytes, skipping jsonable_encoder."""
    return Response(
        orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS),
        status_code=status_code,
        headers=headers,
        media_type="application/json",
    )


def request_id_of(request: Request) -> str | None:
    rid = request.scope.get("state", {}).get("request_id")
    return str(rid) if rid else None


def problem_response(
    body: dict[str, Any], status_code: int, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps(body), status_code=status_code, headers=headers, media_type=PROBLEM_JSON
    )
