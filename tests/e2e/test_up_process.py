"""`ordergate up` as a real process: SIGTERM stops uvicorn and the embedded PostgreSQL, and the
next start reuses the data. DATABASE_URL is removed from the child's environment."""

from __future__ import annotations

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

    assert first.terminate() == 0
    first.assert_postgres_gone()
    assert "PostgreSQL stopped" in first.output

    second = UpProcess(data_dir, "--orders", "0", "--port", "0", log_name="second.log")
    processes.append(second)
    second.start().wait_ready()
    assert (data_dir / "internal_token").read_text().strip() == token
    assert token in second.output
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
