"""docs/configuration.md documents every setting of app/config.py."""

from __future__ import annotations

from pydantic import AliasChoices

from app.config import Settings
from app.migrations import ROOT


def _env_name(name: str) -> str:
    alias = Settings.model_fields[name].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    if isinstance(alias, str):
        return alias
    return f"ORDERGATE_{name.upper()}"


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [_env_name(n) for n in Settings.model_fields if f"`{_env_name(n)}`" not in doc]
    assert missing == [], f"document these in docs/configuration.md: {missing}"
