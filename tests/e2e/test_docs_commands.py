"""Every ``sh`` block of the documentation either runs in a test against a live ``ordergate up``
or says why not (``<!-- no-run: … -->``): a doc command that fails, fails CI."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.docs_runner import run_document, shell_blocks
from tests.e2e.up_process import UpProcess, embedded_env

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
#: Documents whose runnable blocks run here; quickstart.md runs in test_quickstart.py.
RUN_HERE = ("oauth.md", "disputes.md")
RUN_ELSEWHERE = ("quickstart.md",)
_TOKEN = re.compile(r"Access token\s+(oga_\S+)")

pytestmark = pytest.mark.xdist_group("docs-commands")


def test_every_shell_block_runs_or_says_why_not() -> None:
    unaccounted = [
        f"{doc.name}:{block.line}"
        for doc in DOCUMENTS
        for block in shell_blocks(doc.read_text())
        if not block.skip and doc.name not in RUN_HERE + RUN_ELSEWHERE
    ]
    assert unaccounted == [], (
        "run these blocks in tests/e2e/test_docs_commands.py or mark them "
        "<!-- no-run: why -->: " + ", ".join(unaccounted)
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[UpProcess, str]]:
    data_dir = tmp_path_factory.mktemp("docs-up") / "var"
    up = UpProcess(data_dir, "--orders", "200", "--shops", "1", "--port", "0")
    try:
        up.start().wait_ready()
        token = _TOKEN.search(up.output)
        assert token, up.output
        yield up, token.group(1)
        assert up.terminate() == 0
    finally:
        up.cleanup()


@pytest.mark.parametrize("name", RUN_HERE)
def test_document_commands_run(live: tuple[UpProcess, str], name: str, tmp_path: Path) -> None:
    up, token = live
    assert up.base_url is not None
    env = embedded_env(up.data_dir)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    env.update(OWNER_TOKEN=token, ACCESS_TOKEN=token, TOKEN=token)
    result = run_document(
        ROOT / "docs" / name,
        cwd=tmp_path,
        env=env,
        replacements={"http://127.0.0.1:8000": up.base_url},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
