"""Fixtures for process-level tests."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def pg_tmp() -> Iterator[Path]:
    """A directory for embedded PostgreSQL data, outside pytest's tmp_path.

    Run as root, pgserver runs postgres as the ``pgserver`` user and opens the data directory's
    parents to it; pytest resets ``/tmp/pytest-of-<user>`` to 0700 whenever an xdist worker
    starts, which would lock that user out mid-test.
    """
    path = Path(tempfile.mkdtemp(prefix="og-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)
