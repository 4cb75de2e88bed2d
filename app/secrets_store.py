"""Server secrets that must survive restarts: generated once into the data directory."""

from __future__ import annotations

import secrets
from pathlib import Path

from app.config import Settings


def _read_or_create(path: Path, factory: str) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = factory
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


def ensure_secret_key(settings: Settings) -> str:
    if settings.secret_key:
        return settings.secret_key
    settings.secret_key = _read_or_create(
        settings.data_dir / "secret_key", secrets.token_urlsafe(48)
    )
    return settings.secret_key


def ensure_internal_token(settings: Settings) -> str:
    if settings.internal_token:
        return settings.internal_token
    settings.internal_token = _read_or_create(
        settings.data_dir / "internal_token", "ogi_" + secrets.token_urlsafe(32)
    )
    return settings.internal_token
