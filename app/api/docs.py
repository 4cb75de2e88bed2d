"""OpenAPI documentation of problem+json errors, shared by every router."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from app.api.responses import PROBLEM_JSON


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details with OrderGate's stable ``code``."""

    type: str = Field(examples=["https://ordergate.dev/problems/version_conflict"])
    title: str = Field(examples=["Version conflict"])
    status: int = Field(examples=[409])
    detail: str = Field(examples=["Expected version 3 but the current version is 4."])
    code: str = Field(examples=["version_conflict"])
    request_id: str | None = None
    errors: list[FieldError] | None = None


_DESCRIPTIONS = {
    400: "Bad request (`invalid_cursor`, a body that is not JSON)",
    401: "`unauthorized`: missing, invalid, expired or revoked bearer token",
    403: "`insufficient_scope` (the token or role lacks the scope)",
    404: "`not_found`: unknown or invisible shop or entity",
    409: "`invalid_transition`, `version_conflict` or `idempotency_in_progress`",
    413: "`evidence_too_large`",
    415: "`unsupported_evidence_type`",
    422: "`validation_error` naming the parameter, or `idempotency_mismatch`",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each status documented as problem+json."""
    return {
        status: {
            "description": _DESCRIPTIONS.get(status, "Error"),
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            "model": Problem,
        }
        for status in statuses
    }


READ_ERRORS = (400, 401, 403, 404, 422)
WRITE_ERRORS = (400, 401, 403, 404, 409, 422)
