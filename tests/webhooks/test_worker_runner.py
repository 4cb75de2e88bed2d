"""The worker runner runs registered jobs until stop, and restarts a job that crashes."""

from __future__ import annotations

import asyncio

import pytest

from app.config import Settings
from app.domain.jobs import JobContext
from app.worker import runner
from app.worker.runner import register_job, run_worker

pytestmark = pytest.mark.feed


async def test_jobs_run_until_stop_and_crashes_restart(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "RESTART_DELAY_SECONDS", 0.01)
    started: list[str] = []
    second_run = asyncio.Event()
    stopped = asyncio.Event()

    async def flaky(ctx: JobContext) -> None:
        started.append("flaky")
        if len(started) == 1:
            raise RuntimeError("first run fails")
        second_run.set()
        await ctx.stop.wait()
        stopped.set()

    register_job("test_flaky", flaky)
    stop = asyncio.Event()
    task = asyncio.create_task(run_worker(settings, stop, only=frozenset({"test_flaky"})))
    await asyncio.wait_for(second_run.wait(), 10)
    stop.set()
    await asyncio.wait_for(task, 10)
    assert stopped.is_set()
    assert started == ["flaky", "flaky"]
