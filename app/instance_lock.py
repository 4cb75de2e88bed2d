"""One ``ordergate up`` per data directory: a second one would rotate the demo credentials and
stop a PostgreSQL it did not start. The running instance holds an exclusive ``flock`` on
``<data_dir>/up.lock`` (released by the kernel even on SIGKILL) and writes its URL into it."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


class InstanceRunning(Exception):
    """Another live process holds the data directory; ``owner`` is what it wrote there."""

    def __init__(self, path: Path, owner: str) -> None:
        super().__init__(owner)
        self.path = path
        self.owner = owner


class InstanceLock:
    def __init__(self, fd: int, path: Path) -> None:
        self._fd = fd
        self.path = path

    def announce(self, url: str) -> None:
        """Record where this instance serves, for the message a second ``up`` prints."""
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"pid {os.getpid()} serving {url}\n".encode(), 0)


@contextlib.contextmanager
def hold(data_dir: Path) -> Iterator[InstanceLock]:
    """Hold the data directory for this process, or raise :class:`InstanceRunning`."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = (data_dir / "up.lock").resolve()
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = path.read_text().strip() or "starting"
            raise InstanceRunning(path, owner) from None
        lock = InstanceLock(fd, path)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} starting\n".encode(), 0)
        try:
            yield lock
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)
