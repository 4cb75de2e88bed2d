"""Prometheus exposition that stays true with several server processes.

With ``ordergate serve --workers N`` every uvicorn worker is its own process with its own
counters, and a scrape reaches one of them at random: totals would jump around and parked
long-polls of the other workers would be invisible. In that case ``serve`` points
``PROMETHEUS_MULTIPROC_DIR`` at a fresh directory before the workers start; prometheus_client
then keeps every value in a per-process file there and ``/metrics`` merges them all (counters
and histograms summed, gauges by the mode declared on each gauge).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client import CollectorRegistry, Info, generate_latest, multiprocess

from app import __version__

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

# Info metrics cannot live in multiprocess files; the build is the same in every worker, so
# it sits in a registry of its own that each exposition appends.
_BUILD_REGISTRY = CollectorRegistry()
Info("ordergate_build", "OrderGate build", registry=_BUILD_REGISTRY).info({"version": __version__})


def multiprocess_dir() -> Path | None:
    value = os.environ.get(MULTIPROC_ENV)
    return Path(value) if value else None


def prepare_multiprocess(workers: int) -> Path | None:
    """Before forking ``workers`` server processes: give them one fresh metrics directory.

    An operator's own ``PROMETHEUS_MULTIPROC_DIR`` wins (emptied: files of a previous run
    would add old counts to the new one)."""
    if workers <= 1:
        return None
    configured = multiprocess_dir()
    directory = configured or Path(tempfile.mkdtemp(prefix="ordergate-metrics-"))
    if configured is not None:
        shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ[MULTIPROC_ENV] = str(directory)
    return directory


def exposition() -> bytes:
    """The text a scrape returns: this process's metrics, or every worker's merged."""
    if multiprocess_dir() is None:
        registry: CollectorRegistry = PROCESS_REGISTRY
    else:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return generate_latest(registry) + generate_latest(_BUILD_REGISTRY)


def process_exited() -> None:
    """Drop this process's live gauges from the merged view (called on shutdown)."""
    if multiprocess_dir() is not None:
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
