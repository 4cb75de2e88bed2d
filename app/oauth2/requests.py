"""Starlette request adapters for Authlib (the form is read before Authlib runs: it is sync)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from authlib.oauth2.rfc6749 import JsonPayload, JsonRequest, OAuth2Payload, OAuth2Request
from starlette.datastructures import Headers
from starlette.requests import Request

# OAuth protocol parameters are printable ASCII (RFC 6749 Appendix A). Authlib echoes some of
# them into error descriptions and refuses (ValueError: a 500) anything outside the description
# character set, so a value outside it is read as one no client, redirect URI, code or token
# has: the request then fails the ordinary OAuth way (error page, or a 4xx JSON error).
PROTOCOL_PARAMETERS = frozenset(
    {
        "client_id",
        "client_secret",
        "code",
        "code_challenge",
        "code_challenge_method",
        "code_verifier",
        "grant_type",
        "nonce",
        "prompt",
        "redirect_uri",
        "refresh_token",
        "response_mode",
        "response_type",
        "scope",
        "state",
        "token",
        "token_type_hint",
    }
)
UNREADABLE = "unreadable"
_DESCRIPTION_SAFE = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


def protocol_safe(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (k, UNREADABLE if k in PROTOCOL_PARAMETERS and not _DESCRIPTION_SAFE.fullmatch(v) else v)
        for k, v in items
    ]


class FormPayload(OAuth2Payload):  # type: ignore[misc]
    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._items = items
        # The first value wins; duplicates stay visible through ``datalist`` for Authlib checks.
        self._data: dict[str, str] = {}
        for key, value in items:
            self._data.setdefault(key, value)

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        values: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in self._items:
            values[key].append(value)
        return values


class StarletteOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """An OAuth2Request over already-read query and form items of a Starlette request."""

    def __init__(
        self,
        method: str,
        uri: str,
        headers: Headers,
        query: list[tuple[str, str]],
        form: list[tuple[str, str]],
    ) -> None:
        super().__init__(method=method, uri=uri, headers=headers)
        self._args = dict(query)
        self._form = dict(form)
        self.payload = FormPayload(query + form)
        # What the consent page chose; read by the authorization-code grant.
        self.shop_ids: list[int] = []

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


class MappingJsonPayload(JsonPayload):  # type: ignore[misc]
    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    @property
    def data(self) -> dict[str, Any]:
        return self._data


class StarletteJsonRequest(JsonRequest):  # type: ignore[misc]
    def __init__(self, method: str, uri: str, headers: Headers, data: Mapping[str, Any]) -> None:
        super().__init__(method, uri, headers)
        self.payload = MappingJsonPayload(data)


async def read_oauth2_request(request: Request, *, allow_http: bool) -> StarletteOAuth2Request:
    """Read the form now (Authlib is sync). ``allow_http`` (development) lets plain http pass
    Authlib's transport check; in production TLS ends at the proxy and uvicorn's
    ``--proxy-headers`` makes the scheme https, which Authlib then requires."""
    form: list[tuple[str, str]] = []
    if request.method == "POST":
        data = await request.form()
        form = [(k, v) for k, v in data.multi_items() if isinstance(v, str)]
    url = request.url
    if allow_http and url.scheme == "http":
        url = url.replace(scheme="https")
    return StarletteOAuth2Request(
        request.method,
        str(url),
        request.headers,
        protocol_safe(list(request.query_params.multi_items())),
        protocol_safe(form),
    )
