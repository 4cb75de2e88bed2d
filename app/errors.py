"""One error hierarchy, rendered as RFC 9457 problem+json (REST) or GraphQL extensions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, Field

PROBLEM_BASE = "https://ordergate.dev/problems/"


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details with OrderGate's stable ``code`` (what every error response
    carries, and each failed entry of a batch)."""

    type: str = Field(examples=["https://ordergate.dev/problems/version_conflict"])
    title: str = Field(examples=["Version conflict"])
    status: int = Field(examples=[409])
    detail: str = Field(examples=["Expected version 3 but the current version is 4."])
    code: str = Field(examples=["version_conflict"])
    request_id: str | None = None
    errors: list[FieldError] | None = None


class AppError(Exception):
    """A domain or API error with a stable ``code`` clients can switch on."""

    code: ClassVar[str] = "internal_error"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal server error"

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.extra = extra
        self.headers: dict[str, str] = {}

    def problem(self, request_id: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        body.update(self.extra)
        if request_id:
            body["request_id"] = request_id
        return body


class BadRequest(AppError):
    code = "bad_request"
    status = 400
    title = "Bad request"


class InvalidCursor(AppError):
    code = "invalid_cursor"
    status = 400
    title = "Invalid cursor"


class Unauthorized(AppError):
    code = "unauthorized"
    status = 401
    title = "Unauthorized"

    def __init__(self, detail: str | None = None, *, error: str = "invalid_token") -> None:
        super().__init__(detail or "A valid bearer token is required.")
        self.headers["WWW-Authenticate"] = f'Bearer realm="ordergate", error="{error}"'


class InsufficientScope(AppError):
    code = "insufficient_scope"
    status = 403
    title = "Insufficient scope"

    def __init__(self, scope: str, detail: str | None = None) -> None:
        super().__init__(detail or f"This action needs the scope '{scope}'.", scope=scope)
        self.headers["WWW-Authenticate"] = (
            f'Bearer realm="ordergate", error="insufficient_scope", scope="{scope}"'
        )


class NotFound(AppError):
    code = "not_found"
    status = 404
    title = "Not found"


class Conflict(AppError):
    code = "conflict"
    status = 409
    title = "Conflict"


class InvalidTransition(Conflict):
    code = "invalid_transition"
    title = "Invalid state transition"

    def __init__(self, entity: str, state: str, action: str, allowed: Sequence[str]) -> None:
        allowed_list = sorted(allowed)
        super().__init__(
            f"Cannot {action} a {entity} in state '{state}'. "
            f"Allowed actions: {', '.join(allowed_list) or 'none'}.",
            current_state=state,
            action=action,
            allowed_actions=allowed_list,
        )


class VersionConflict(Conflict):
    code = "version_conflict"
    title = "Version conflict"

    def __init__(self, expected: int, current: int) -> None:
        super().__init__(
            f"Expected version {expected} but the current version is {current}.",
            expected_version=expected,
            current_version=current,
        )


class IdempotencyInProgress(Conflict):
    code = "idempotency_in_progress"
    title = "A request with this Idempotency-Key is in progress"


class CursorExpired(AppError):
    code = "cursor_expired"
    status = 410
    title = "Cursor expired"


class ValidationFailed(AppError):
    code = "validation_error"
    status = 422
    title = "Validation error"

    def __init__(self, detail: str, errors: list[dict[str, Any]], **extra: Any) -> None:
        super().__init__(detail, errors=errors, **extra)


class IdempotencyMismatch(AppError):
    code = "idempotency_mismatch"
    status = 422
    title = "Idempotency-Key reused with a different request"


class RateLimited(AppError):
    code = "rate_limited"
    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, retry_after: int, **extra: Any) -> None:
        super().__init__(detail, retry_after=retry_after, **extra)
        self.headers["Retry-After"] = str(retry_after)


class TooManySubscriptions(AppError):
    code = "too_many_subscriptions"
    status = 429
    title = "Too many open subscriptions"


class ServiceUnavailable(AppError):
    code = "service_unavailable"
    status = 503
    title = "Service unavailable"


def field_error(loc: Sequence[str | int], msg: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg}
