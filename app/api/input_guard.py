"""One gate for hostile input on every REST route, ahead of its other dependencies.

PostgreSQL text cannot hold NUL, asyncpg cannot encode a string with a lone surrogate or an
integer outside bigint, and orjson cannot write either back: such input used to travel until
it failed as a 500. Rather than a rule per field, every string of a request (path and query
parameters and their names, form fields and file names, JSON strings and object keys) and every
JSON number is checked here; the request is refused as a 422 ``validation_error`` naming each
offending field. Which text is refused is app/kit/text.py's rule; typed path and query
integers carry their own bounds (app/api/params.py); fields with a stricter shape keep their
own patterns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import UploadFile

from app.kit.text import forbidden_text
from app.web.params import MAX_BIGINT

MIN_BIGINT = -MAX_BIGINT - 1
MAX_JSON_DEPTH = 32  # our deepest body is 4 levels; 32 leaves room and stops stack games
MAX_REPORTED = 20  # a 500-entry batch of bad strings needs only a sample in the answer

_JSON_TYPES = ("application/json",)

# The ``type`` of each error this gate reports (pydantic's own types say what else failed).
CONTROL_CHARACTER = "control_character"
INT_OUT_OF_RANGE = "int_out_of_range"
NOT_FINITE = "not_finite"
TOO_DEEP = "too_deep"

Loc = tuple[str | int, ...]


def _shown(name: str) -> str:
    # An offending name is echoed escaped, so the answer itself carries no control character.
    return name.encode("unicode_escape").decode("ascii") if forbidden_text(name) else name


def _error(loc: Loc, msg: str, kind: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": kind}


def _text_error(loc: Loc) -> dict[str, Any]:
    msg = "must not contain NUL, control characters or lone surrogates"
    return _error(loc, msg, CONTROL_CHARACTER)


def _pairs_errors(where: str, pairs: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
    errors = []
    for name, value in pairs:
        loc: Loc = (where, _shown(name))
        if forbidden_text(name):
            errors.append(_text_error(loc))
        elif isinstance(value, UploadFile):
            if value.filename is not None and forbidden_text(value.filename):
                errors.append(_text_error((*loc, "filename")))
        elif isinstance(value, str) and forbidden_text(value):
            errors.append(_text_error(loc))
    return errors


def json_errors(document: Any, limit: int = MAX_REPORTED) -> list[dict[str, Any]]:
    """Hostile values anywhere in a parsed JSON body. Iterative: the depth is the client's."""
    errors: list[dict[str, Any]] = []
    stack: list[tuple[Any, Loc]] = [(document, ("body",))]
    while stack and len(errors) < limit:
        value, loc = stack.pop()
        if len(loc) > MAX_JSON_DEPTH + 1:
            errors.append(_error(loc[:2], f"nested deeper than {MAX_JSON_DEPTH} levels", TOO_DEEP))
            break
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                at = (*loc, _shown(key))
                if forbidden_text(key):
                    errors.append(_text_error(at))
                stack.append((item, at))
        elif isinstance(value, list):
            stack.extend(((item, (*loc, i)) for i, item in reversed(list(enumerate(value)))))
        elif isinstance(value, str):
            if forbidden_text(value):
                errors.append(_text_error(loc))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            if not MIN_BIGINT <= value <= MAX_BIGINT:
                msg = "integer outside the signed 64-bit range"
                errors.append(_error(loc, msg, INT_OUT_OF_RANGE))
        elif isinstance(value, float) and not math.isfinite(value):
            errors.append(_error(loc, "must be a finite number", NOT_FINITE))
    return errors[:limit]


def _is_json(request: Request) -> bool:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media in _JSON_TYPES or media.endswith("+json")


async def _body_errors(request: Request) -> list[dict[str, Any]]:
    media = request.headers.get("content-type", "")
    if media.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        # FastAPI has parsed the form of a route with form fields already; this is its cache.
        return _pairs_errors("body", (await request.form()).multi_items())
    if not _is_json(request) or not await request.body():
        return []
    try:
        document = await request.json()  # parsed (and cached) by FastAPI before dependencies
    except (ValueError, RecursionError):
        return []  # a body the route does not read; one it reads was refused before this
    return json_errors(document)


async def reject_hostile_input(request: Request) -> None:
    """Refuse the request (422) when any of its text or numbers can't be taken in safely."""
    errors = _pairs_errors("path", request.path_params.items())
    errors += _pairs_errors("query", request.query_params.multi_items())
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        errors += await _body_errors(request)
    if errors:
        raise RequestValidationError(errors[:MAX_REPORTED])


INPUT_GUARD = [Depends(reject_hostile_input)]
"""Route dependencies for ``include_router(..., dependencies=INPUT_GUARD)`` (every REST router;
GraphQL and OAuth answer in their own error formats and check their own input)."""
