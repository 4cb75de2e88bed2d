"""Batches of independent writes (batch ship, batch after-sale actions): each entry is
validated on its own and runs in its own savepoint, so one bad entry (invalid, unknown, wrong
state, stale version) rolls back only itself and answers its problem at its position."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import AppError, ValidationFailed

E = TypeVar("E", bound=BaseModel)


@dataclass(frozen=True)
class BatchShape(Generic[E]):
    """How a batch names its parts: ``{<entries>: [...]}`` in, ``results`` out, each result
    keyed by ``<key>`` and carrying the written ``<entity>`` (ok) or its ``error``."""

    entries: str
    key: str
    entity: str
    model: type[E]


def _entry_error(shape: BatchShape[Any], index: int, exc: ValidationError) -> ValidationFailed:
    errors = [
        {"loc": [shape.entries, index, *[str(p) for p in e["loc"]]], "msg": e["msg"]}
        for e in exc.errors()
    ]
    return ValidationFailed(f"Entry {index} of {shape.entries} is invalid.", errors)


async def run_batch(
    session: AsyncSession,
    shape: BatchShape[E],
    raw_entries: Sequence[Mapping[str, Any]],
    run: Callable[[E, tuple[str | int, ...]], Awaitable[Any]],
    *,
    request_id: str | None = None,
) -> dict[str, Any]:
    """``{results, succeeded, failed}``: ``run`` for every valid entry, each in a savepoint."""
    results: list[dict[str, Any]] = []
    for index, raw in enumerate(raw_entries):
        raw_key = raw.get(shape.key)
        try:
            entry = shape.model.model_validate(raw)
        except ValidationError as exc:
            problem = _entry_error(shape, index, exc).problem(request_id)
            bad_key = (
                raw_key if isinstance(raw_key, int) and not isinstance(raw_key, bool) else None
            )
            results.append({shape.key: bad_key, "ok": False, "error": problem})
            continue
        key = getattr(entry, shape.key)
        savepoint = await session.begin_nested()
        try:
            body = await run(entry, (shape.entries, index))
        except AppError as exc:
            await savepoint.rollback()
            results.append({shape.key: key, "ok": False, "error": exc.problem(request_id)})
            continue
        await savepoint.commit()
        results.append({shape.key: key, "ok": True, shape.entity: body})
    ok = sum(1 for r in results if r["ok"])
    return {"results": results, "succeeded": ok, "failed": len(results) - ok}
