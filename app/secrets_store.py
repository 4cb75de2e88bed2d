"""Server secrets that must survive restarts: generated once into the data directory."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from app.config import Settings


def _read_or_create(path: Path, candidate: str) -> str:
    """The value stored at ``path``; ``candidate`` becomes it when the file does not exist yet.

    Several processes (``serve --workers N``) may race here: the value is written to a private
    temporary file and hard-linked into place, so exactly one candidate wins and all read it.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as f:  # mkstemp creates it 0600
            f.write(candidate + "\n")
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return path.read_text().strip()


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


def ensure_demo_password(settings: Settings) -> str:
    """The demo owner's password: ORDERGATE_DEMO_PASSWORD, else generated once into the data
    directory, so restarting ``ordergate up`` keeps the login a developer already uses."""
    if settings.demo_password:
        return settings.demo_password
    settings.demo_password = _read_or_create(
        settings.data_dir / "demo_password", secrets.token_urlsafe(12)
    )
    return settings.demo_password
