from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.audit_entry_page import AuditEntryPage
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    shop_id: int,
    *,
    actor: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    entity_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_entity: None | str | Unset
    if isinstance(entity, Unset):
        json_entity = UNSET
    else:
        json_entity = entity
    params["entity"] = json_entity

    json_entity_id: int | None | Unset
    if isinstance(entity_id, Unset):
        json_entity_id = UNSET
    else:
        json_entity_id = entity_id
    params["entity_id"] = json_entity_id

    json_created_from: None | str | Unset
    if isinstance(created_from, Unset):
        json_created_from = UNSET
    elif isinstance(created_from, datetime.datetime):
        json_created_from = created_from.isoformat()
    else:
        json_created_from = created_from
    params["created_from"] = json_created_from

    json_created_to: None | str | Unset
    if isinstance(created_to, Unset):
        json_created_to = UNSET
    elif isinstance(created_to, datetime.datetime):
        json_created_to = created_to.isoformat()
    else:
        json_created_to = created_to
    params["created_to"] = json_created_to

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shops/{shop_id}/audit-log".format(shop_id=quote(str(shop_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditEntryPage | Problem | None:
    if response.status_code == 200:
        response_200 = AuditEntryPage.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuditEntryPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    entity_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[AuditEntryPage | Problem]:
    """ Operation log: who did what (newest first, keyset)

    Args:
        shop_id (int): Shop id
        actor (None | str | Unset): `account:<id>`, `app:<id>`, `token:<id>`, `system` or
            `internal`
        action (None | str | Unset): e.g. `order.shipped`
        entity (None | str | Unset): e.g. `order`, `staff`
        entity_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntryPage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
actor=actor,
action=action,
entity=entity,
entity_id=entity_id,
created_from=created_from,
created_to=created_to,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    entity_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> AuditEntryPage | Problem | None:
    """ Operation log: who did what (newest first, keyset)

    Args:
        shop_id (int): Shop id
        actor (None | str | Unset): `account:<id>`, `app:<id>`, `token:<id>`, `system` or
            `internal`
        action (None | str | Unset): e.g. `order.shipped`
        entity (None | str | Unset): e.g. `order`, `staff`
        entity_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntryPage | Problem
     """


    return sync_detailed(
        shop_id=shop_id,
client=client,
actor=actor,
action=action,
entity=entity,
entity_id=entity_id,
created_from=created_from,
created_to=created_to,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    entity_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[AuditEntryPage | Problem]:
    """ Operation log: who did what (newest first, keyset)

    Args:
        shop_id (int): Shop id
        actor (None | str | Unset): `account:<id>`, `app:<id>`, `token:<id>`, `system` or
            `internal`
        action (None | str | Unset): e.g. `order.shipped`
        entity (None | str | Unset): e.g. `order`, `staff`
        entity_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEntryPage | Problem]
     """


    kwargs = _get_kwargs(
        shop_id=shop_id,
actor=actor,
action=action,
entity=entity,
entity_id=entity_id,
created_from=created_from,
created_to=created_to,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    shop_id: int,
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    entity: None | str | Unset = UNSET,
    entity_id: int | None | Unset = UNSET,
    created_from: datetime.datetime | None | Unset = UNSET,
    created_to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> AuditEntryPage | Problem | None:
    """ Operation log: who did what (newest first, keyset)

    Args:
        shop_id (int): Shop id
        actor (None | str | Unset): `account:<id>`, `app:<id>`, `token:<id>`, `system` or
            `internal`
        action (None | str | Unset): e.g. `order.shipped`
        entity (None | str | Unset): e.g. `order`, `staff`
        entity_id (int | None | Unset):
        created_from (datetime.datetime | None | Unset): Inclusive
        created_to (datetime.datetime | None | Unset): Exclusive
        limit (int | Unset):  Default: 50.
        cursor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEntryPage | Problem
     """


    return (await asyncio_detailed(
        shop_id=shop_id,
client=client,
actor=actor,
action=action,
entity=entity,
entity_id=entity_id,
created_from=created_from,
created_to=created_to,
limit=limit,
cursor=cursor,

    )).parsed
