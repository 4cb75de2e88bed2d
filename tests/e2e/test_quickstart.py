"""docs/quickstart.md, verbatim: every ``sh`` block runs in order in a fresh directory (the
repository's Makefile, venv and SDK, nothing else): ``make up`` on the embedded PostgreSQL, an
app, the PKCE sign-in, paid orders, a shipment, the change feed, a verified webhook and the SDK.
Only the ports differ (free ones, so the test runs beside others)."""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from tests.docs_runner import run_document, shell_blocks

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "docs" / "quickstart.md"
BROWSER = Path(__file__).with_name("fake_browser.py")

pytestmark = pytest.mark.xdist_group("quickstart")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fresh_directory(path: Path) -> Path:
    """What a clone gives a user, sharing the installed venv. pyproject.toml is a copy dated
    1970 so `make up` finds the venv current and never reinstalls it from here."""
    for name in ("Makefile", "clients", "app"):
        (path / name).symlink_to(ROOT / name)
    # The venv running this test (CI keeps it outside the checkout), as the clone's .venv.
    venv = Path(sys.prefix)
    (path / ".venv").symlink_to(venv)
    # Installed already (this test imports it): mark it as `make install` does, so `make up`
    # does not reinstall (CI installs with pip directly, without the stamp).
    (venv / ".ordergate-installed").touch()
    shutil.copyfile(ROOT / "pyproject.toml", path / "pyproject.toml")
    os.utime(path / "pyproject.toml", (0, 0))
    return path


def test_every_quickstart_block_runs_or_says_why_not() -> None:
    blocks = shell_blocks(QUICKSTART.read_text())
    assert len([b for b in blocks if not b.skip]) >= 8
    assert blocks[0].ready and "make up" in blocks[0].code


def browser_command(directory: Path) -> str:
    """$BROWSER names one executable (webbrowser does not split it): a wrapper script."""
    wrapper = directory / "browser.sh"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{BROWSER}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper)


def test_quickstart_verbatim(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    api, callback, receiver = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL"))}
    env.pop("VIRTUAL_ENV", None)
    env.update(
        PATH=os.pathsep.join(
            p for p in env["PATH"].split(os.pathsep) if not p.startswith(sys.prefix)
        ),
        UP_ARGS=f"--port {api} --orders 3000 --shops 2",
        ORDERGATE_URL=f"http://127.0.0.1:{api}",
        ORDERGATE_LOGIN_PORT=str(callback),
        BROWSER=browser_command(tmp_path_factory.mktemp("browser")),
        PYTHONUNBUFFERED="1",
    )
    result = run_document(
        QUICKSTART,
        cwd=fresh_directory(tmp_path),
        env=env,
        replacements={
            "127.0.0.1:8000": f"127.0.0.1:{api}",
            "127.0.0.1:8765": f"127.0.0.1:{callback}",
            "127.0.0.1:9000": f"127.0.0.1:{receiver}",
            "--port 9000": f"--port {receiver}",
        },
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # What each step shows the reader.
    assert '"shops"' in result.stdout  # /v1/me after the sign-in
    assert '"tracking_no":"SF1234567890"' in result.stdout.replace(" ", "")
    assert '"order.updated"' in result.stdout  # the long-poll returned the remark
    assert "verified order.updated" in result.stdout  # the webhook, signature checked
    assert "paid" in result.stdout  # the SDK listed orders
    # `make up` was stopped with the script: nothing is left on the data directory.
    assert not (tmp_path / "var" / "pg" / "postmaster.pid").exists()
