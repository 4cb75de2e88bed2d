"""Standard Webhooks signing and verification (usable standalone by receivers).

Depends only on the ``standardwebhooks`` package. A receiver needs just :func:`verify`::

    from app.domain.webhooks.signing import verify
    event = verify("whsec_...", body_bytes, request_headers)  # raises on a bad signature

Signatures are HMAC-SHA256 over ``webhook-id.webhook-timestamp.body``; timestamps more than
5 minutes away from the receiver's clock are rejected. During a secret rotation the sender
puts one signature per valid secret in ``webhook-signature`` (space separated), so receivers
holding either secret verify.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
SECRET_BYTES = 32
TOLERANCE_SECONDS = 300

__all__ = [
    "SECRET_PREFIX",
    "TOLERANCE_SECONDS",
    "WebhookVerificationError",
    "generate_secret",
    "sign_headers",
    "verify",
]


def generate_secret() -> str:
    """A new ``whsec_`` secret: 32 random bytes, base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def sign_headers(
    secrets_: Sequence[str], msg_id: str, body: bytes, *, timestamp: datetime | None = None
) -> dict[str, str]:
    """The three Standard Webhooks headers, one ``v1,`` signature per secret."""
    if not secrets_:
        raise ValueError("at least one secret is needed")
    when = (timestamp or datetime.now(UTC)).astimezone(UTC)
    text = body.decode()
    signatures = [Webhook(s).sign(msg_id, when, text) for s in secrets_]
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(when.timestamp())),
        "webhook-signature": " ".join(signatures),
    }


def verify(secret: str, body: bytes | str, headers: Mapping[str, str]) -> Any:
    """The parsed JSON body if one signature matches ``secret`` and the timestamp is within
    5 minutes; raises :class:`WebhookVerificationError` otherwise."""
    return Webhook(secret).verify(body, dict(headers))
