"""Serving in-process with one owner of SIGINT/SIGTERM (used by ``ordergate up``).

uvicorn's own signal capture re-raises the signal after its shutdown, which with the default
SIGTERM disposition kills the process before anything after ``serve()`` runs (the embedded
PostgreSQL would be left running). Here one handler, installed for the whole command, turns the
first signal into a graceful stop request and the second into a forced one; nothing is ever
interrupted mid-step, so a ``finally`` always gets to stop the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import threading
from collections.abc import Callable, Coroutine, Iterator
from types import FrameType
from typing import Any, TypeVar

import uvicorn

from app.logging import get_logger

log = get_logger(__name__)

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
T = TypeVar("T")


class ShutdownSignals:
    """Counts SIGINT/SIGTERM and forwards them to the running event loop, if any."""

    def __init__(self) -> None:
        self.count = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._event: asyncio.Event | None = None
        self._listeners: list[Callable[[int], None]] = []

    @property
    def requested(self) -> bool:
        return self.count > 0

    @contextlib.contextmanager
    def installed(self) -> Iterator[ShutdownSignals]:
        previous = {sig: signal.signal(sig, self._handle) for sig in _SIGNALS}
        try:
            yield self
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def attach(self) -> asyncio.Event:
        """Bind to the running loop; the returned event is set on the first signal."""
        self._loop = asyncio.get_running_loop()
        self._event = asyncio.Event()
        if self.requested:
            self._event.set()
        return self._event

    def detach(self) -> None:
        self._loop = None
        self._event = None
        self._listeners.clear()

    def on_signal(self, listener: Callable[[int], None]) -> None:
        """Call ``listener(count)`` in the loop on every later signal."""
        self._listeners.append(listener)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.count += 1
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # Runs in the main thread between bytecodes: hand the work to the loop.
            loop.call_soon_threadsafe(self._fire, self.count)

    def _fire(self, count: int) -> None:
        if self._event is not None:
            self._event.set()
        for listener in list(self._listeners):
            listener(count)


class ManagedServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to :class:`ShutdownSignals`."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    def request_exit(self, count: int) -> None:
        self.should_exit = True
        if count > 1:
            self.force_exit = True


def bind(host: str, port: int) -> socket.socket:
    """Bind the listening socket up front: a busy port fails before anything else starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


async def until_signal(coro: Coroutine[Any, Any, T], stop: asyncio.Event) -> tuple[bool, T | None]:
    """Run ``coro`` unless a stop is requested first (then cancel it): ``(finished, result)``."""
    task = asyncio.ensure_future(coro)
    waiter = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
    if task.done():
        return True, task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False, None


async def serve(
    server: ManagedServer,
    sock: socket.socket,
    signals: ShutdownSignals,
    background: Callable[[asyncio.Event], Coroutine[Any, Any, None]] | None = None,
    *,
    background_grace_s: float = 10.0,
) -> None:
    """Serve on ``sock`` (with an optional background task) until a signal; stop both."""
    stop = signals.attach()
    signals.on_signal(server.request_exit)
    if stop.is_set():
        return
    worker_stop = asyncio.Event()
    worker: asyncio.Task[None] | None = None
    if background is not None:
        worker = asyncio.create_task(background(worker_stop), name="ordergate-worker")
        worker.add_done_callback(_report_worker_end)
    try:
        await server.serve(sockets=[sock])
    finally:
        worker_stop.set()
        if worker is not None:
            await _finish(worker, background_grace_s)


def _report_worker_end(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("worker stopped with an error", exc_info=task.exception())


async def _finish(task: asyncio.Task[None], grace_s: float) -> None:
    """Give the worker ``grace_s`` to notice its stop event, then cancel it."""
    done, _ = await asyncio.wait({task}, timeout=grace_s)
    if not done:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.contextmanager
def on_shutdown_signal(callback: Callable[[], None]) -> Iterator[None]:
    """Call ``callback`` in the running loop as soon as SIGINT/SIGTERM arrives, then let the
    handler that was installed before (uvicorn's, or :class:`ShutdownSignals`) do its work.

    An ASGI app hears of a shutdown only at lifespan end, after the server has waited for the
    open requests; this lets it finish those requests first (parked long-polls). Installed
    for the lifespan (the server's own handlers are in place by then), removed after it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    loop = asyncio.get_running_loop()
    previous: dict[int, Any] = {}

    def handle(signum: int, frame: FrameType | None) -> None:
        if not loop.is_closed():
            loop.call_soon_threadsafe(callback)
        before = previous[signum]
        if callable(before):
            before(signum, frame)
        elif before in (signal.SIG_DFL, None):  # nobody else listens: the default action, as before
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    for sig in _SIGNALS:
        previous[sig] = signal.signal(sig, handle)
    try:
        yield
    finally:
        for signum, before in previous.items():
            if signal.getsignal(signum) is handle:
                signal.signal(signum, before)
