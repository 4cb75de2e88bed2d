"""JSON logs through structlog, with the request id bound from a context variable.

Database errors are logged without their message: PostgreSQL and the driver quote bound values
there (``invalid input syntax for type integer: "…"``, argument encoding errors), and a bound
value may be a password hash, a token or a buyer's address. What is kept identifies the fault:
the exception types, the SQLSTATE, the constraint, the SQL text (never its parameters: the
engine runs with ``hide_parameters``) and the stack.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator, MutableMapping
from typing import Any

import structlog

_DB_MODULES = ("asyncpg", "sqlalchemy")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


def _is_db_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith(_DB_MODULES)


def involves_database(exc: BaseException) -> bool:
    return any(_is_db_error(e) for e in _chain(exc))


def safe_error_text(exc: BaseException, *, withhold: bool | None = None) -> str:
    """One line naming ``exc``; for a database error (or, ``withhold``, any error of a chain
    involving one: the driver's own TypeError may quote the value too) without the message."""
    if not (_is_db_error(exc) if withhold is None else withhold):
        return f"{type(exc).__qualname__}: {exc}"
    parts = [f"{type(exc).__module__}.{type(exc).__qualname__}"]
    orig = getattr(exc, "orig", None)
    for source in (exc, orig, getattr(orig, "__cause__", None)):
        for attr in ("sqlstate", "constraint_name", "table_name", "column_name"):
            value = getattr(source, attr, None)
            if isinstance(value, str) and f"{attr}=" not in " ".join(parts):
                parts.append(f"{attr}={value}")
    statement = getattr(exc, "statement", None)
    if isinstance(statement, str):
        parts.append(f"[SQL: {' '.join(statement.split())}]")
    return " ".join(parts) + " (message withheld: it may quote bound values)"


def safe_traceback(exc: BaseException) -> str:
    """The traceback of a chain involving a database error, every message withheld."""
    blocks = []
    for e in reversed(list(_chain(exc))):
        frames = "".join(traceback.format_tb(e.__traceback__))
        line = safe_error_text(e, withhold=True)
        blocks.append(f"Traceback (most recent call last):\n{frames}{line}\n")
    return "\nThe above exception led to the following one:\n\n".join(blocks)


def _exception_of(exc_info: Any) -> BaseException | None:
    if isinstance(exc_info, BaseException):
        return exc_info
    if isinstance(exc_info, tuple) and len(exc_info) == 3:
        value = exc_info[1]
        return value if isinstance(value, BaseException) else None
    if exc_info is True:
        return sys.exc_info()[1]
    return None


def redact_database_errors(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor, before ``format_exc_info``: a database error's traceback is
    rendered by :func:`safe_traceback` instead."""
    exc = _exception_of(event_dict.get("exc_info"))
    if exc is not None and involves_database(exc):
        event_dict.pop("exc_info")
        event_dict["exception"] = safe_traceback(exc)
    return event_dict


class RedactDatabaseErrors(logging.Filter):
    """The same for stdlib records (uvicorn's "Exception in ASGI application")."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = _exception_of(record.exc_info) if record.exc_info else None
        if exc is not None and involves_database(exc):
            record.exc_info = None
            record.exc_text = safe_traceback(exc)
        return True


def configure_logging(level: str = "INFO", json: bool = True) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer()
        if json
        # Colour only on a terminal: a log file or a pipe gets plain text.
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            redact_database_errors,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    for name in ("", "uvicorn.error", "sqlalchemy"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactDatabaseErrors) for f in logger.filters):
            logger.addFilter(RedactDatabaseErrors())


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.get_logger(name)
    return logger
