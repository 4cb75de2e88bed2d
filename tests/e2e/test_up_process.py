"""`ordergate up` as a real process: SIGTERM stops uvicorn and the embedded PostgreSQL, and the
next start reuses the data. DATABASE_URL is removed from the child's environment."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.up_process import UpProcess


@pytest.fixture
def processes() -> Iterator[list[UpProcess]]:
    started: list[UpProcess] = []
    yield started
    for proc in started:
        proc.cleanup()


def test_sigterm_stops_everything_and_next_start_reuses_the_data(
    pg_tmp: Path, processes: list[UpProcess]
) -> None:
    data_dir = pg_tmp / "var"
    first = UpProcess(data_dir, "--orders", "0", "--port", "0", log_name="first.log")
    processes.append(first)
    base = first.start().wait_ready()
    assert httpx.get(f"{base}/healthz", timeout=5).json() == {"status": "ok"}
    token = (data_dir / "internal_token").read_text().strip()
    assert token in first.output  # printed for the developer
    password = _demo_password(first.output)

    # A second `up` on the same data directory refuses in one line naming the running one.
    duplicate = UpProcess(data_dir, "--orders", "0", "--port", "0", log_name="duplicate.log")
    processes.append(duplicate)
    assert duplicate.start().wait_exit() == 1
    refusal = duplicate.output.strip().splitlines()
    assert len(refusal) == 1 and "already running" in refusal[0] and base in refusal[0]
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200

    assert first.terminate() == 0
    first.assert_postgres_gone()
    assert "PostgreSQL stopped" in first.output

    second = UpProcess(data_dir, "--orders", "0", "--port", "0", log_name="second.log")
    processes.append(second)
    second.start().wait_ready()
    assert (data_dir / "internal_token").read_text().strip() == token
    assert token in second.output
    assert _demo_password(second.output) == password  # the login survives a restart
    assert "initdb" not in second.output
    assert second.terminate() == 0
    second.assert_postgres_gone()


@pytest.mark.parametrize("phase", ["Starting embedded PostgreSQL", "Migrating the database"])
def test_sigterm_during_startup_leaves_no_postgres(
    pg_tmp: Path, processes: list[UpProcess], phase: str
) -> None:
    up = UpProcess(pg_tmp / "var", "--orders", "0", "--port", "0")
    processes.append(up)
    up.start().wait_for_output(phase, timeout=120)
    assert up.terminate() == 0
    up.assert_postgres_gone()


def test_port_in_use_names_the_port_option(pg_tmp: Path, processes: list[UpProcess]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        up = UpProcess(pg_tmp / "var", "--orders", "0", "--port", str(port))
        processes.append(up)
        assert up.start().wait_exit() == 1
    assert f"127.0.0.1:{port}" in up.output and "--port" in up.output
    assert "Traceback" not in up.output


def _demo_password(output: str) -> str:
    match = re.search(r"^\s+Password\s+(\S+)$", output, re.MULTILINE)
    assert match, output
    return match.group(1)
