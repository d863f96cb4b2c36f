from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_business_settings_response import GetBusinessSettingsResponse
from ...types import Response


def _get_kwargs(
    business_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/businesses/{business_id}/settings".format(
            business_id=quote(str(business_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetBusinessSettingsResponse | None:
    if response.status_code == 200:
        response_200 = GetBusinessSettingsResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetBusinessSettingsResponse]:
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
) -> Response[ApiErrorResponse | GetBusinessSettingsResponse]:
    """Настройки кабинета

     {% include notitle [access](../../_auto/method_scopes/getBusinessSettings.md) %}

    Возвращает информацию о настройках кабинета, идентификатор которого указан в запросе.

    {% include notitle [limit](../../_auto/method_limits/getBusinessSettings.md) %}

    Args:
        business_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetBusinessSettingsResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetBusinessSettingsResponse | None:
    """Настройки кабинета

     {% include notitle [access](../../_auto/method_scopes/getBusinessSettings.md) %}

    Возвращает информацию о настройках кабинета, идентификатор которого указан в запросе.

    {% include notitle [limit](../../_auto/method_limits/getBusinessSettings.md) %}

    Args:
        business_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetBusinessSettingsResponse
    """

    return sync_detailed(
        business_id=business_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ApiErrorResponse | GetBusinessSettingsResponse]:
    """Настройки кабинета

     {% include notitle [access](../../_auto/method_scopes/getBusinessSettings.md) %}

    Возвращает информацию о настройках кабинета, идентификатор которого указан в запросе.

    {% include notitle [limit](../../_auto/method_limits/getBusinessSettings.md) %}

    Args:
        business_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetBusinessSettingsResponse]
    """

    kwargs = _get_kwargs(
        business_id=business_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    business_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> ApiErrorResponse | GetBusinessSettingsResponse | None:
    """Настройки кабинета

     {% include notitle [access](../../_auto/method_scopes/getBusinessSettings.md) %}

    Возвращает информацию о настройках кабинета, идентификатор которого указан в запросе.

    {% include notitle [limit](../../_auto/method_limits/getBusinessSettings.md) %}

    Args:
        business_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetBusinessSettingsResponse
    """

    return (
        await asyncio_detailed(
            business_id=business_id,
            client=client,
        )
    ).parsed
