"""``ordergate up``'s banner lists every entry point, including the console and GraphiQL
(routes inside included routers, which FastAPI keeps lazily)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from app.config import Settings
from app.main import create_app
from app.up import Prepared, _banner


class _Socket:
    def getsockname(self) -> tuple[str, int]:
        return ("127.0.0.1", 8123)


def test_banner_prints_the_console_and_graphql_urls(tmp_path: Path) -> None:
    settings = Settings(
        env="development",
        secret_key="banner-test",
        internal_token="ogi_banner",
        data_dir=tmp_path,
        database_url="postgresql://postgres@127.0.0.1:5432/og",
    )
    out = Console(record=True, width=200)
    prepared = Prepared(demo="seeded", credentials=[("Email", "demo@ordergate.test")])
    _banner(out, settings, None, _Socket(), create_app(settings), prepared)
    text = out.export_text()
    assert "Console" in text and "http://127.0.0.1:8123/console/" in text, text
    assert "http://127.0.0.1:8123/graphql" in text, text
    assert "demo@ordergate.test" in text
