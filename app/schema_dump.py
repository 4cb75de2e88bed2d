"""The committed API contracts: ``openapi/openapi.json`` and ``schema.graphql``.

``make openapi`` (``python -m app.schema_dump``) regenerates both; a test fails when the
committed files differ from what the code generates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.config import Settings
from app.graphql.schema import schema
from app.main import create_app
from app.migrations import ROOT

OPENAPI_PATH = ROOT / "openapi" / "openapi.json"
SDL_PATH = ROOT / "schema.graphql"


def openapi_document() -> dict[str, Any]:
    # Fixed settings: the document must not depend on the environment it is generated in.
    settings = Settings(
        env="production",
        database_url=None,
        secret_key="schema-dump",  # noqa: S106 - never used to sign anything
        internal_token="unused",  # noqa: S106
    )
    return create_app(settings).openapi()


def openapi_text() -> str:
    spec = openapi_document()
    return json.dumps(spec, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def graphql_sdl() -> str:
    """The GraphQL SDL, as committed in schema.graphql."""
    return schema.as_str().rstrip("\n") + "\n"


def write(path: Path, content: str) -> bool:
    """Write ``content`` when it differs; True when the file changed."""
    if path.exists() and path.read_text(encoding="utf-8") == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return True


def main() -> None:
    outputs = [(OPENAPI_PATH, openapi_text()), (SDL_PATH, graphql_sdl())]
    for path, content in outputs:
        state = "updated" if write(path, content) else "unchanged"
        print(f"{path.relative_to(ROOT)}: {state}")


if __name__ == "__main__":
    main()
