"""The contract between background jobs and the worker that runs them.

A job is a factory ``(ctx) -> awaitable`` that loops until ``ctx.stop`` is set. Jobs live with
their capability (``app/domain/<capability>/jobs.py`` or a module named for the job); the worker
(:mod:`app.worker`) only supervises them, so the domain never imports the worker.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.config import Settings
from app.db import Database


@dataclass(frozen=True)
class JobContext:
    db: Database
    settings: Settings
    stop: asyncio.Event


JobFactory = Callable[[JobContext], Awaitable[None]]


async def wait_or_stop(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to ``seconds``; True when ``stop`` was set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    return stop.is_set()
