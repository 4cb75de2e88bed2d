"""Standard Webhooks signatures: right secret verifies; wrong secret, stale time, rotation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.webhooks.signing import (
    WebhookVerificationError,
    generate_secret,
    sign_headers,
    verify,
)

pytestmark = pytest.mark.feed


BODY = b'{"id":"msg_1","type":"order.created","data":{"entity_version":1}}'


def test_signature_verifies_with_the_secret_only() -> None:
    secret = generate_secret()
    headers = sign_headers([secret], "msg_1", BODY)
    assert secret.startswith("whsec_")
    assert headers["webhook-id"] == "msg_1"
    assert headers["webhook-signature"].startswith("v1,")
    assert verify(secret, BODY, headers)["type"] == "order.created"
    with pytest.raises(WebhookVerificationError):
        verify(generate_secret(), BODY, headers)
    with pytest.raises(WebhookVerificationError):
        verify(secret, BODY.replace(b"1}", b"2}"), headers)


@pytest.mark.parametrize("skew", [timedelta(minutes=-6), timedelta(minutes=6)])
def test_timestamps_outside_five_minutes_fail(skew: timedelta) -> None:
    secret = generate_secret()
    headers = sign_headers([secret], "msg_1", BODY, timestamp=datetime.now(UTC) + skew)
    with pytest.raises(WebhookVerificationError):
        verify(secret, BODY, headers)
    inside = sign_headers([secret], "msg_1", BODY, timestamp=datetime.now(UTC) + skew / 2)
    assert verify(secret, BODY, inside)


def test_rotation_carries_both_signatures() -> None:
    old, new = generate_secret(), generate_secret()
    headers = sign_headers([new, old], "msg_1", BODY)
    assert len(headers["webhook-signature"].split(" ")) == 2
    assert verify(old, BODY, headers)
    assert verify(new, BODY, headers)
