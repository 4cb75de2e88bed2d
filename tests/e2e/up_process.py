"""Drive a real ``ordergate up`` process: start, wait for readiness, signal, check PostgreSQL.

Used by the e2e tests and by the CI smoke (``.ci/smoke_up.py``). Every wait has a deadline.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app import embedded_pg

_LISTENING = re.compile(r"listening on (http://\S+)")


def ordergate_argv() -> list[str]:
    """The installed console script next to this interpreter, else the module entry point."""
    script = Path(sys.executable).parent / "ordergate"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from app.cli import main; main()"]


def embedded_env(data_dir: Path) -> dict[str, str]:
    """The environment of a developer machine: no DATABASE_URL, so ``up`` embeds PostgreSQL."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "ORDERGATE_DATABASE_URL", "REDIS_URL", "ORDERGATE_REDIS_URL"}
        and not k.startswith("PYTEST_")
    }
    env["ORDERGATE_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class UpProcess:
    def __init__(
        self,
        data_dir: Path,
        *args: str,
        log_name: str = "up.log",
        env: dict[str, str] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.args = args
        self.env = env  # default: embedded_env(data_dir)
        self.log_path = data_dir.parent / f"{data_dir.name}-{log_name}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.base_url: str | None = None

    @property
    def pg_dir(self) -> Path:
        return self.data_dir / "pg"

    @property
    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> UpProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            # Own session: signals reach only this process, as `kill -TERM <pid>` would.
            self.proc = subprocess.Popen(
                [*ordergate_argv(), "up", *self.args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env if self.env is not None else embedded_env(self.data_dir),
                start_new_session=True,
            )
        return self

    def wait_for_output(self, pattern: str, timeout: float) -> re.Match[str]:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output)
            if match:
                return match
            self._fail_if_exited(f"before printing {pattern!r}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {pattern!r} after {timeout}s:\n{self.output}")
            time.sleep(0.05)

    def wait_ready(self, timeout: float = 180.0) -> str:
        """Wait for the banner, then for ``/readyz`` 200; returns the base URL."""
        deadline = time.monotonic() + timeout
        self.base_url = self.wait_for_output(_LISTENING.pattern, timeout).group(1)
        with httpx.Client(base_url=self.base_url, timeout=5.0) as client:
            while True:
                try:
                    if client.get("/readyz").status_code == 200:
                        return self.base_url
                except httpx.TransportError:
                    pass
                self._fail_if_exited("before /readyz answered 200")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"/readyz not 200 after {timeout}s:\n{self.output}")
                time.sleep(0.1)

    def wait_exit(self, timeout: float = 120.0) -> int:
        """Wait for the process to end on its own; its exit code."""
        assert self.proc is not None
        return self.proc.wait(timeout)

    def terminate(self, timeout: float = 60.0) -> int:
        """SIGTERM and wait for the exit; the exit code."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            raise TimeoutError(f"`up` ignored SIGTERM for {timeout}s:\n{self.output}") from None

    def postgres_processes(self) -> list[int]:
        """Live processes whose command line names this data directory (the postmaster)."""
        needle = str(self.pg_dir.resolve()).encode()
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if needle in cmdline and b"postgres" in cmdline:
                pid = int(entry.name)
                if embedded_pg.process_alive(pid):
                    found.append(pid)
        return found

    def assert_postgres_gone(self) -> None:
        assert embedded_pg.postmaster_pid(self.pg_dir) is None, self.output
        assert not (self.pg_dir / "postmaster.pid").exists(), self.output
        assert self.postgres_processes() == [], self.output

    def cleanup(self) -> None:
        """After a failure: stop the process and any PostgreSQL it left behind."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if embedded_pg.postmaster_pid(self.pg_dir) is not None:
            embedded_pg.start(self.pg_dir).stop()

    def _fail_if_exited(self, when: str) -> None:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"`up` exited ({self.proc.returncode}) {when}:\n{self.output}")
