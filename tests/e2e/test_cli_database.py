"""Every CLI command finds its database like ``ordergate up`` and explains in one line (exit 2)
when it cannot; ``ordergate --help`` imports none of the application."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.commands.oauth import DEMO_EMAIL as CLI_DEMO_EMAIL
from app.demo.credentials import DEMO_EMAIL

ORDERGATE = str(Path(sys.executable).with_name("ordergate"))


def run(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ORDERGATE, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def environment(**overrides: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ORDERGATE_DATABASE_URL")
    }
    env.update(overrides)
    return env


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_help_imports_no_application_module() -> None:
    probe = (
        "import sys, app.cli\n"
        "heavy = [m for m in ('app.main', 'app.db', 'app.domain', 'sqlalchemy', 'fastapi',"
        " 'strawberry', 'asyncpg', 'uvicorn', 'httpx') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert loaded == ""
    help_text = run("--help", env=environment()).stdout
    for command in ("up", "serve", "migrate", "worker", "apps", "tokens", "calendar"):
        assert command in help_text


def test_cli_demo_email_is_the_bootstrap_one() -> None:
    assert CLI_DEMO_EMAIL == DEMO_EMAIL


def test_missing_database_is_one_line_with_createdb(server_url: str) -> None:
    base = server_url.rsplit("/", 1)[0].split("?")[0]
    result = run("calendar", "show", env=environment(DATABASE_URL=f"{base}/og_no_such_db"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "og_no_such_db" in lines[0] and "createdb" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", [["migrate"], ["calendar", "show"], ["feed", "reset-epoch"]])
def test_unreachable_server_is_one_line(command: list[str]) -> None:
    url = f"postgresql://postgres@127.0.0.1:{closed_port()}/ordergate"
    result = run(*command, env=environment(DATABASE_URL=url))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cannot connect to PostgreSQL"), result.stderr


def test_commands_use_the_embedded_database_when_database_url_is_unset(tmp_path: Path) -> None:
    env = environment(ORDERGATE_DATA_DIR=str(tmp_path))
    unmigrated = run("calendar", "show", env=env)
    assert unmigrated.returncode == 2
    assert "ordergate migrate" in unmigrated.stderr
    assert run("migrate", env=env).returncode == 0
    marked = run("calendar", "off", "2026-10-01", "--note", "National Day", env=env)
    assert marked.returncode == 0, marked.stderr
    shown = run("calendar", "show", "--year", "2026", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "2026-10-01" in shown.stdout and "National Day" in shown.stdout
    # Each command stopped the server it started: nothing is left running on the data dir.
    assert not (tmp_path / "pg" / "postmaster.pid").exists()
