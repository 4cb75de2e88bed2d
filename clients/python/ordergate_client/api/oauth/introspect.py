from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.introspection_response import IntrospectionResponse
from ...models.o_auth_error import OAuthError
from ...models.problem import Problem
from ...models.token_action_form import TokenActionForm
from typing import cast



def _get_kwargs(
    *,
    body: TokenActionForm,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/oauth/introspect",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> IntrospectionResponse | OAuthError | Problem | None:
    if response.status_code == 200:
        response_200 = IntrospectionResponse.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())



        return response_401

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[IntrospectionResponse | OAuthError | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenActionForm,

) -> Response[IntrospectionResponse | OAuthError | Problem]:
    """ Token introspection (RFC 7662)

    Args:
        body (TokenActionForm): ``application/x-www-form-urlencoded`` body of ``/oauth/revoke``
            and ``/oauth/introspect``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntrospectionResponse | OAuthError | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,
    body: TokenActionForm,

) -> IntrospectionResponse | OAuthError | Problem | None:
    """ Token introspection (RFC 7662)

    Args:
        body (TokenActionForm): ``application/x-www-form-urlencoded`` body of ``/oauth/revoke``
            and ``/oauth/introspect``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntrospectionResponse | OAuthError | Problem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: TokenActionForm,

) -> Response[IntrospectionResponse | OAuthError | Problem]:
    """ Token introspection (RFC 7662)

    Args:
        body (TokenActionForm): ``application/x-www-form-urlencoded`` body of ``/oauth/revoke``
            and ``/oauth/introspect``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IntrospectionResponse | OAuthError | Problem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: TokenActionForm,

) -> IntrospectionResponse | OAuthError | Problem | None:
    """ Token introspection (RFC 7662)

    Args:
        body (TokenActionForm): ``application/x-www-form-urlencoded`` body of ``/oauth/revoke``
            and ``/oauth/introspect``.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IntrospectionResponse | OAuthError | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
