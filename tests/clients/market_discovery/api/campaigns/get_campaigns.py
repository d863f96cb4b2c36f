from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_campaigns_response import GetCampaignsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageToken"] = page_token

    params["limit"] = limit

    params["page"] = page

    params["pageSize"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/campaigns",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetCampaignsResponse | None:
    if response.status_code == 200:
        response_200 = GetCampaignsResponse.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ApiErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ApiErrorResponse | GetCampaignsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = UNSET,
) -> Response[ApiErrorResponse | GetCampaignsResponse]:
    """Список магазинов пользователя

     {% include notitle [access](../../_auto/method_scopes/getCampaigns.md) %}

    **Для Api-Key-токена:** возвращает список магазинов в кабинете, для которого выдан токен. Нельзя
    получить список только подагентских магазинов.

    **Для OAuth-токена:** возвращает список магазинов, к которым имеет доступ пользователь — владелец
    токена авторизации, использованного в запросе. Для агентских пользователей список состоит из
    подагентских магазинов.

    {% note warning "Ограничение для параметра `pageSize`" %}

    Не передавайте значение больше 100.

    {% endnote %}

    {% include notitle [limit](../../_auto/method_limits/getCampaigns.md) %}

    Args:
        page_token (str | Unset):
        limit (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetCampaignsResponse]
    """

    kwargs = _get_kwargs(
        page_token=page_token,
        limit=limit,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = UNSET,
) -> ApiErrorResponse | GetCampaignsResponse | None:
    """Список магазинов пользователя

     {% include notitle [access](../../_auto/method_scopes/getCampaigns.md) %}

    **Для Api-Key-токена:** возвращает список магазинов в кабинете, для которого выдан токен. Нельзя
    получить список только подагентских магазинов.

    **Для OAuth-токена:** возвращает список магазинов, к которым имеет доступ пользователь — владелец
    токена авторизации, использованного в запросе. Для агентских пользователей список состоит из
    подагентских магазинов.

    {% note warning "Ограничение для параметра `pageSize`" %}

    Не передавайте значение больше 100.

    {% endnote %}

    {% include notitle [limit](../../_auto/method_limits/getCampaigns.md) %}

    Args:
        page_token (str | Unset):
        limit (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetCampaignsResponse
    """

    return sync_detailed(
        client=client,
        page_token=page_token,
        limit=limit,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = UNSET,
) -> Response[ApiErrorResponse | GetCampaignsResponse]:
    """Список магазинов пользователя

     {% include notitle [access](../../_auto/method_scopes/getCampaigns.md) %}

    **Для Api-Key-токена:** возвращает список магазинов в кабинете, для которого выдан токен. Нельзя
    получить список только подагентских магазинов.

    **Для OAuth-токена:** возвращает список магазинов, к которым имеет доступ пользователь — владелец
    токена авторизации, использованного в запросе. Для агентских пользователей список состоит из
    подагентских магазинов.

    {% note warning "Ограничение для параметра `pageSize`" %}

    Не передавайте значение больше 100.

    {% endnote %}

    {% include notitle [limit](../../_auto/method_limits/getCampaigns.md) %}

    Args:
        page_token (str | Unset):
        limit (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetCampaignsResponse]
    """

    kwargs = _get_kwargs(
        page_token=page_token,
        limit=limit,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page_token: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = UNSET,
) -> ApiErrorResponse | GetCampaignsResponse | None:
    """Список магазинов пользователя

     {% include notitle [access](../../_auto/method_scopes/getCampaigns.md) %}

    **Для Api-Key-токена:** возвращает список магазинов в кабинете, для которого выдан токен. Нельзя
    получить список только подагентских магазинов.

    **Для OAuth-токена:** возвращает список магазинов, к которым имеет доступ пользователь — владелец
    токена авторизации, использованного в запросе. Для агентских пользователей список состоит из
    подагентских магазинов.

    {% note warning "Ограничение для параметра `pageSize`" %}

    Не передавайте значение больше 100.

    {% endnote %}

    {% include notitle [limit](../../_auto/method_limits/getCampaigns.md) %}

    Args:
        page_token (str | Unset):
        limit (int | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetCampaignsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page_token=page_token,
            limit=limit,
            page=page,
            page_size=page_size,
        )
    ).parsed
