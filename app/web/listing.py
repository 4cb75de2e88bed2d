"""The keyset cursor codec of list endpoints, keyed by the server secret."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.requests import HTTPConnection

from app.kit.keyset import KeysetCodec


async def keyset_codec(request: Request) -> KeysetCodec:
    """The dependency (async: a sync one would cost a thread-pool hop on every request)."""
    return codec_of(request)


def codec_of(request: HTTPConnection) -> KeysetCodec:
    """The app's codec (``app.state.keyset_codec``, made by ``create_app``)."""
    codec: KeysetCodec = request.app.state.keyset_codec
    return codec


Codec = Annotated[KeysetCodec, Depends(keyset_codec)]
