"""A local Citus cluster for the tests of tests/citus, started through ``ordergate cluster up``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cluster import citus_installed, free_port_range
from tests.citus_support import port_base

_START_TIMEOUT_S = 120


@dataclass(frozen=True)
class RunningCluster:
    url: str
    port: int
    workers: int
    data_dir: Path
    process: subprocess.Popen[str]


@contextmanager
def start_cluster(workers: int) -> Iterator[RunningCluster]:
    """``ordergate cluster up --workers N`` on free ports, in the foreground of a subprocess;
    SIGTERM stops it (and every node) on exit."""
    if not citus_installed():
        pytest.skip("Citus is not installed (make citus)")
    # Not under pytest's 0700 tmp folder: under root the nodes run as the postgres user.
    data_dir = Path(tempfile.mkdtemp(prefix="og-test-cluster-"))
    os.chmod(data_dir, 0o755)
    port = free_port_range(workers + 1, start=port_base())
    process = subprocess.Popen(
        [
            *(str(Path(sys.executable).parent / "ordergate"), "cluster", "up"),
            *("--workers", str(workers), "--data-dir", str(data_dir), "--port", str(port)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        url = process.stdout.readline().strip()
        if not url:
            process.wait(timeout=_START_TIMEOUT_S)
            pytest.fail(f"cluster up printed no URL: {process.stderr.read()}")
        yield RunningCluster(url, port, workers, data_dir, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.wait(timeout=_START_TIMEOUT_S)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def citus_cluster() -> Iterator[RunningCluster]:
    """A coordinator and one worker for the module (see :func:`start_cluster`)."""
    with start_cluster(workers=1) as cluster:
        yield cluster
