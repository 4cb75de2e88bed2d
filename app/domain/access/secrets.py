"""Opaque secrets (tokens, codes, client secrets): random, prefixed, stored as SHA-256 only."""

from __future__ import annotations

import hashlib
import hmac
import secrets

ACCESS_PREFIX = "oga_"
REFRESH_PREFIX = "ogr_"
CODE_PREFIX = "ogac_"
CLIENT_ID_PREFIX = "ogc_"
CLIENT_SECRET_PREFIX = "ogs_"  # noqa: S105 (a prefix, not a secret)


def hash_secret(value: str) -> str:
    """The only form in which a token, code or client secret is stored."""
    return hashlib.sha256(value.encode()).hexdigest()


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def derive_secret(prefix: str, key: str, purpose: str, seed: str) -> str:
    """A secret computable only from ``seed`` and the server key (used for rotation replays)."""
    mac = hmac.new(key.encode(), f"{purpose}\x00{seed}".encode(), hashlib.sha256).hexdigest()
    return prefix + mac
