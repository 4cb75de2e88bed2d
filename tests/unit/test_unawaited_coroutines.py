"""A coroutine nobody awaits fails the test that created it (pyproject's filterwarnings).

``keyset_codec`` became an async dependency; callers that kept calling it like a function
handed a coroutine around instead of a codec, and CI only printed "coroutine 'keyset_codec'
was never awaited". The check runs a throwaway test under the project's own pytest settings,
so it proves the configuration, not a copy of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from starlette.requests import Request

from app.kit.keyset import KeysetCodec
from app.web.listing import codec_of

ROOT = Path(__file__).resolve().parents[2]

UNAWAITED = """
import gc
from starlette.requests import Request
from app.web.listing import keyset_codec

def test_calls_the_dependency_like_a_function():
    keyset_codec(Request({"type": "http", "app": None}))
    gc.collect()
"""


def test_an_unawaited_coroutine_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "test_unawaited.py").write_text(UNAWAITED)
    settings = ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(tmp_path)]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *settings],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 failed" in run.stdout, run.stdout
    assert "keyset_codec' was never awaited" in run.stdout, run.stdout


def test_codec_of_is_the_synchronous_way_to_the_codec() -> None:
    class State:
        keyset_codec = KeysetCodec("unit-test-secret")

    class App:
        state = State()

    codec = codec_of(Request({"type": "http", "app": App()}))
    assert codec is State.keyset_codec
