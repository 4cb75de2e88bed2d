"""Export errors (stable codes, documented in docs/exports.md)."""

from __future__ import annotations

from app.errors import AppError, Conflict, ValidationFailed


class ExportLimitReached(AppError):
    code = "export_limit_reached"
    status = 429
    title = "Too many exports in progress for this shop"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"This shop already has {limit} exports queued or running; wait for one to finish.",
            limit=limit,
        )
        self.headers["Retry-After"] = "30"


class ExportNotReady(Conflict):
    code = "export_not_ready"
    title = "The export file is not ready"


class ExportExpired(AppError):
    code = "export_expired"
    status = 410
    title = "The export file has expired"


class RangeNotSatisfiable(AppError):
    code = "range_not_satisfiable"
    status = 416
    title = "Range not satisfiable"

    def __init__(self, size: int) -> None:
        super().__init__(f"The file has {size} bytes.", size=size)
        self.headers["Content-Range"] = f"bytes */{size}"


class ExportWindowTooOld(ValidationFailed):
    code = "export_window_too_old"
    title = "The export starts more than 90 days ago"


class ExportRangeTooLong(ValidationFailed):
    code = "export_range_too_long"
    title = "The export spans more than 90 days"
