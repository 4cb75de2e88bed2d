"""The app hears SIGTERM/SIGINT before the server's own handler acts, and leaves the
handlers as it found them."""

from __future__ import annotations

import asyncio
import signal
from types import FrameType

from app.serving import on_shutdown_signal
from tests.feed_support import eventually


async def test_the_app_callback_runs_and_the_previous_handler_still_gets_the_signal() -> None:
    calls: list[str] = []

    def server_handler(signum: int, frame: FrameType | None) -> None:
        calls.append(f"server:{signum}")

    before = signal.signal(signal.SIGTERM, server_handler)
    try:
        with on_shutdown_signal(lambda: calls.append("app")):
            signal.raise_signal(signal.SIGTERM)
            await eventually(lambda: "app" in calls, timeout=5, what="the app callback")
        assert sorted(calls) == ["app", f"server:{int(signal.SIGTERM)}"]
        # Removed with the lifespan: the server's handler is back in place.
        assert signal.getsignal(signal.SIGTERM) is server_handler
        signal.raise_signal(signal.SIGTERM)
        assert calls.count(f"server:{int(signal.SIGTERM)}") == 2  # the server still hears it
        # A barrier, not a pause: a callback the signal had scheduled would sit ahead of this
        # one in the loop's FIFO queue, so it would have run by the time this one resolves.
        drained = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_soon(drained.set_result, None)
        await asyncio.wait_for(drained, 5)
        assert calls.count("app") == 1
    finally:
        signal.signal(signal.SIGTERM, before)
