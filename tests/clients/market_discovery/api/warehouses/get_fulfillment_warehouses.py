from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.get_fulfillment_warehouses_response import GetFulfillmentWarehousesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    campaign_id: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["campaignId"] = campaign_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v2/warehouses",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GetFulfillmentWarehousesResponse | None:
    if response.status_code == 200:
        response_200 = GetFulfillmentWarehousesResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GetFulfillmentWarehousesResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
) -> Response[ApiErrorResponse | GetFulfillmentWarehousesResponse]:
    """Идентификаторы фулфилмент-складов Маркета

     {% include notitle [access](../../_auto/method_scopes/getFulfillmentWarehouses.md) %}

    Возвращает список фулфилмент-складов Маркета с их идентификаторами.

    {% include notitle [limit](../../_auto/method_limits/getFulfillmentWarehouses.md) %}

    Args:
        campaign_id (int | Unset): Идентификатор кампании (магазина) — технический идентификатор,
            который представляет ваш магазин в системе Яндекс Маркета при работе через API. Он
            однозначно связывается с вашим магазином, но предназначен только для автоматизированного
            взаимодействия.

            Его можно узнать с помощью запроса
            [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в кабинете
            продавца на Маркете. Нажмите на иконку вашего аккаунта → **Настройки** и в меню слева
            выберите **API и модули**:

            * блок **Идентификатор кампании**;
            * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не путайте его с:
            - идентификатором магазина, который отображается в личном кабинете продавца;
            - рекламными кампаниями.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetFulfillmentWarehousesResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
) -> ApiErrorResponse | GetFulfillmentWarehousesResponse | None:
    """Идентификаторы фулфилмент-складов Маркета

     {% include notitle [access](../../_auto/method_scopes/getFulfillmentWarehouses.md) %}

    Возвращает список фулфилмент-складов Маркета с их идентификаторами.

    {% include notitle [limit](../../_auto/method_limits/getFulfillmentWarehouses.md) %}

    Args:
        campaign_id (int | Unset): Идентификатор кампании (магазина) — технический идентификатор,
            который представляет ваш магазин в системе Яндекс Маркета при работе через API. Он
            однозначно связывается с вашим магазином, но предназначен только для автоматизированного
            взаимодействия.

            Его можно узнать с помощью запроса
            [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в кабинете
            продавца на Маркете. Нажмите на иконку вашего аккаунта → **Настройки** и в меню слева
            выберите **API и модули**:

            * блок **Идентификатор кампании**;
            * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не путайте его с:
            - идентификатором магазина, который отображается в личном кабинете продавца;
            - рекламными кампаниями.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetFulfillmentWarehousesResponse
    """

    return sync_detailed(
        client=client,
        campaign_id=campaign_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
) -> Response[ApiErrorResponse | GetFulfillmentWarehousesResponse]:
    """Идентификаторы фулфилмент-складов Маркета

     {% include notitle [access](../../_auto/method_scopes/getFulfillmentWarehouses.md) %}

    Возвращает список фулфилмент-складов Маркета с их идентификаторами.

    {% include notitle [limit](../../_auto/method_limits/getFulfillmentWarehouses.md) %}

    Args:
        campaign_id (int | Unset): Идентификатор кампании (магазина) — технический идентификатор,
            который представляет ваш магазин в системе Яндекс Маркета при работе через API. Он
            однозначно связывается с вашим магазином, но предназначен только для автоматизированного
            взаимодействия.

            Его можно узнать с помощью запроса
            [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в кабинете
            продавца на Маркете. Нажмите на иконку вашего аккаунта → **Настройки** и в меню слева
            выберите **API и модули**:

            * блок **Идентификатор кампании**;
            * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не путайте его с:
            - идентификатором магазина, который отображается в личном кабинете продавца;
            - рекламными кампаниями.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GetFulfillmentWarehousesResponse]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    campaign_id: int | Unset = UNSET,
) -> ApiErrorResponse | GetFulfillmentWarehousesResponse | None:
    """Идентификаторы фулфилмент-складов Маркета

     {% include notitle [access](../../_auto/method_scopes/getFulfillmentWarehouses.md) %}

    Возвращает список фулфилмент-складов Маркета с их идентификаторами.

    {% include notitle [limit](../../_auto/method_limits/getFulfillmentWarehouses.md) %}

    Args:
        campaign_id (int | Unset): Идентификатор кампании (магазина) — технический идентификатор,
            который представляет ваш магазин в системе Яндекс Маркета при работе через API. Он
            однозначно связывается с вашим магазином, но предназначен только для автоматизированного
            взаимодействия.

            Его можно узнать с помощью запроса
            [GET v2/campaigns](../../reference/campaigns/getCampaigns.md) или найти в кабинете
            продавца на Маркете. Нажмите на иконку вашего аккаунта → **Настройки** и в меню слева
            выберите **API и модули**:

            * блок **Идентификатор кампании**;
            * вкладка **Лог запросов** → выпадающий список в блоке **Показывать логи**.

            ⚠️ Не путайте его с:
            - идентификатором магазина, который отображается в личном кабинете продавца;
            - рекламными кампаниями.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GetFulfillmentWarehousesResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            campaign_id=campaign_id,
        )
    ).parsed
