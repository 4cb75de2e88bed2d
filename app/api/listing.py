"""The keyset cursor codec of list endpoints, keyed by the server secret."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.kit.keyset import KeysetCodec


def keyset_codec(request: Request) -> KeysetCodec:
    codec = getattr(request.app.state, "keyset_codec", None)
    if codec is None:
        codec = KeysetCodec(request.app.state.settings.secret_key)
        request.app.state.keyset_codec = codec
    return codec


Codec = Annotated[KeysetCodec, Depends(keyset_codec)]
