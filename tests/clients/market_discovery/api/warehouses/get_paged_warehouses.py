from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_paged_warehouses_request import GetPagedWarehousesRequest
from ...models.get_paged_warehouses_response import GetPagedWarehousesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    business_id: int,
    *,
    body: GetPagedWarehousesRequest | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = 15,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["pageToken"] = page_token

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/businesses/{business_id}/warehouses".format(
            business_id=quote(str(business_id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetPagedWarehousesResponse | None:
    if response.status_code == 200:
        response_200 = GetPagedWarehousesResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 420:
        response_420 = ApiErrorResponse.from_dict(response.json())

        return response_420

    if response.status_code == 500:
        response_500 = ApiErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiErrorResponse | GetPagedWarehousesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetPagedWarehousesRequest | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = 15,
) -> Response[ApiErrorResponse | GetPagedWarehousesResponse]:
    """Список складов

     {% include notitle [access](../../_auto/method_scopes/getPagedWarehouses.md) %}

    Возвращает список складов и информацию о них.

    {% include notitle [limit](../../_auto/method_limits/getPagedWarehouses.md) %}

    Args:
        business_id (int):
        page_token (str | Unset):
        limit (int | Unset):  Default: 15.
        body (GetPagedWarehousesRequest | Unset): Запрос на получение складов кабинета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetPagedWarehousesResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
        page_token=page_token,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetPagedWarehousesRequest | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = 15,
) -> ApiErrorResponse | GetPagedWarehousesResponse | None:
    """Список складов

     {% include notitle [access](../../_auto/method_scopes/getPagedWarehouses.md) %}

    Возвращает список складов и информацию о них.

    {% include notitle [limit](../../_auto/method_limits/getPagedWarehouses.md) %}

    Args:
        business_id (int):
        page_token (str | Unset):
        limit (int | Unset):  Default: 15.
        body (GetPagedWarehousesRequest | Unset): Запрос на получение складов кабинета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetPagedWarehousesResponse
    """

    return sync_detailed(
        business_id=business_id,
        client=client,
        body=body,
        page_token=page_token,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetPagedWarehousesRequest | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = 15,
) -> Response[ApiErrorResponse | GetPagedWarehousesResponse]:
    """Список складов

     {% include notitle [access](../../_auto/method_scopes/getPagedWarehouses.md) %}

    Возвращает список складов и информацию о них.

    {% include notitle [limit](../../_auto/method_limits/getPagedWarehouses.md) %}

    Args:
        business_id (int):
        page_token (str | Unset):
        limit (int | Unset):  Default: 15.
        body (GetPagedWarehousesRequest | Unset): Запрос на получение складов кабинета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetPagedWarehousesResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
        body=body,
        page_token=page_token,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
    body: GetPagedWarehousesRequest | Unset = UNSET,
    page_token: str | Unset = UNSET,
    limit: int | Unset = 15,
) -> ApiErrorResponse | GetPagedWarehousesResponse | None:
    """Список складов

     {% include notitle [access](../../_auto/method_scopes/getPagedWarehouses.md) %}

    Возвращает список складов и информацию о них.

    {% include notitle [limit](../../_auto/method_limits/getPagedWarehouses.md) %}

    Args:
        business_id (int):
        page_token (str | Unset):
        limit (int | Unset):  Default: 15.
        body (GetPagedWarehousesRequest | Unset): Запрос на получение складов кабинета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetPagedWarehousesResponse
    """

    return (
        await asyncio_detailed(
            business_id=business_id,
            client=client,
            body=body,
            page_token=page_token,
            limit=limit,
        )
    ).parsed
