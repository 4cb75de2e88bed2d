"""The committed API contracts match the code (regenerate with `make openapi`)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from app.schema_dump import OPENAPI_PATH, SDL_PATH, graphql_sdl, openapi_text


def _drift(path: Path, generated: str) -> str | None:
    committed = path.read_text(encoding="utf-8") if path.exists() else ""
    if committed == generated:
        return None
    diff = difflib.unified_diff(
        committed.splitlines(), generated.splitlines(), "committed", "generated", lineterm="", n=1
    )
    excerpt = "\n".join(list(diff)[:40])
    return f"{path.name} is stale: run `make openapi` and commit it.\n{excerpt}"


def test_openapi_document_is_current() -> None:
    problem = _drift(OPENAPI_PATH, openapi_text())
    if problem:
        pytest.fail(problem, pytrace=False)


def test_graphql_sdl_is_current() -> None:
    problem = _drift(SDL_PATH, graphql_sdl())
    if problem:
        pytest.fail(problem, pytrace=False)
