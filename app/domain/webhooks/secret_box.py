"""Endpoint secrets at rest: Fernet (AES-128-CBC + HMAC-SHA256) under a key derived from the
server secret. Signing needs the secret itself, so it cannot be hashed like a token."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet

_CONTEXT = b"ordergate.webhooks.secret-box.v1"


class SecretBox:
    def __init__(self, secret_key: str) -> None:
        # A derived key keeps this use of the server secret independent from cursor signing.
        key = hmac.new(secret_key.encode(), _CONTEXT, hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, sealed: str) -> str:
        return self._fernet.decrypt(sealed.encode()).decode()
