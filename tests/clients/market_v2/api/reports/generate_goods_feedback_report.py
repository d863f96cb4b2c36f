from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error_response import ApiErrorResponse
from ...models.generate_goods_feedback_request import GenerateGoodsFeedbackRequest
from ...models.generate_report_response import GenerateReportResponse
from ...models.report_format_type import ReportFormatType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: GenerateGoodsFeedbackRequest,
    format_: ReportFormatType | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v2/reports/goods-feedback/generate",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiErrorResponse | GenerateReportResponse | None:
    if response.status_code == 200:
        response_200 = GenerateReportResponse.from_dict(response.json())

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
) -> Response[ApiErrorResponse | GenerateReportResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateGoodsFeedbackRequest,
    format_: ReportFormatType | Unset = UNSET,
) -> Response[ApiErrorResponse | GenerateReportResponse]:
    """Отчет по отзывам о товарах

     {% include notitle [access](../../_auto/method_scopes/generateGoodsFeedbackReport.md) %}

    Запускает генерацию отчета по отзывам о товарах. [Что это за
    отчет](https://yandex.ru/support/marketplace/ru/marketing/plus-reviews#stat)

    Узнать статус генерации и получить ссылку на готовый отчет можно с помощью запроса
    [GET v2/reports/info/{reportId}](../../reference/reports/getReportInfo.md).

    {% include notitle [reports](../../_auto/reports/paid_opinion_models/paid_opinion_models.md) %}

    {% include notitle [tariff-period](../../_includes/common/simultaneously-generated-reports-
    amount.md) %}

    {% include notitle [limit](../../_auto/method_limits/generateGoodsFeedbackReport.md) %}

    Args:
        format_ (ReportFormatType | Unset): Формат отчета:

            * `FILE` — файл с электронной таблицей (:no-translate[XLSX]).
            * `CSV` — ZIP-архив с CSV-файлами на каждый лист отчета.
            * `JSON` — ZIP-архив с JSON-файлами на каждый лист отчета.
        body (GenerateGoodsFeedbackRequest): Данные, необходимые для генерации отчета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GenerateReportResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateGoodsFeedbackRequest,
    format_: ReportFormatType | Unset = UNSET,
) -> ApiErrorResponse | GenerateReportResponse | None:
    """Отчет по отзывам о товарах

     {% include notitle [access](../../_auto/method_scopes/generateGoodsFeedbackReport.md) %}

    Запускает генерацию отчета по отзывам о товарах. [Что это за
    отчет](https://yandex.ru/support/marketplace/ru/marketing/plus-reviews#stat)

    Узнать статус генерации и получить ссылку на готовый отчет можно с помощью запроса
    [GET v2/reports/info/{reportId}](../../reference/reports/getReportInfo.md).

    {% include notitle [reports](../../_auto/reports/paid_opinion_models/paid_opinion_models.md) %}

    {% include notitle [tariff-period](../../_includes/common/simultaneously-generated-reports-
    amount.md) %}

    {% include notitle [limit](../../_auto/method_limits/generateGoodsFeedbackReport.md) %}

    Args:
        format_ (ReportFormatType | Unset): Формат отчета:

            * `FILE` — файл с электронной таблицей (:no-translate[XLSX]).
            * `CSV` — ZIP-архив с CSV-файлами на каждый лист отчета.
            * `JSON` — ZIP-архив с JSON-файлами на каждый лист отчета.
        body (GenerateGoodsFeedbackRequest): Данные, необходимые для генерации отчета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GenerateReportResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateGoodsFeedbackRequest,
    format_: ReportFormatType | Unset = UNSET,
) -> Response[ApiErrorResponse | GenerateReportResponse]:
    """Отчет по отзывам о товарах

     {% include notitle [access](../../_auto/method_scopes/generateGoodsFeedbackReport.md) %}

    Запускает генерацию отчета по отзывам о товарах. [Что это за
    отчет](https://yandex.ru/support/marketplace/ru/marketing/plus-reviews#stat)

    Узнать статус генерации и получить ссылку на готовый отчет можно с помощью запроса
    [GET v2/reports/info/{reportId}](../../reference/reports/getReportInfo.md).

    {% include notitle [reports](../../_auto/reports/paid_opinion_models/paid_opinion_models.md) %}

    {% include notitle [tariff-period](../../_includes/common/simultaneously-generated-reports-
    amount.md) %}

    {% include notitle [limit](../../_auto/method_limits/generateGoodsFeedbackReport.md) %}

    Args:
        format_ (ReportFormatType | Unset): Формат отчета:

            * `FILE` — файл с электронной таблицей (:no-translate[XLSX]).
            * `CSV` — ZIP-архив с CSV-файлами на каждый лист отчета.
            * `JSON` — ZIP-архив с JSON-файлами на каждый лист отчета.
        body (GenerateGoodsFeedbackRequest): Данные, необходимые для генерации отчета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiErrorResponse | GenerateReportResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: GenerateGoodsFeedbackRequest,
    format_: ReportFormatType | Unset = UNSET,
) -> ApiErrorResponse | GenerateReportResponse | None:
    """Отчет по отзывам о товарах

     {% include notitle [access](../../_auto/method_scopes/generateGoodsFeedbackReport.md) %}

    Запускает генерацию отчета по отзывам о товарах. [Что это за
    отчет](https://yandex.ru/support/marketplace/ru/marketing/plus-reviews#stat)

    Узнать статус генерации и получить ссылку на готовый отчет можно с помощью запроса
    [GET v2/reports/info/{reportId}](../../reference/reports/getReportInfo.md).

    {% include notitle [reports](../../_auto/reports/paid_opinion_models/paid_opinion_models.md) %}

    {% include notitle [tariff-period](../../_includes/common/simultaneously-generated-reports-
    amount.md) %}

    {% include notitle [limit](../../_auto/method_limits/generateGoodsFeedbackReport.md) %}

    Args:
        format_ (ReportFormatType | Unset): Формат отчета:

            * `FILE` — файл с электронной таблицей (:no-translate[XLSX]).
            * `CSV` — ZIP-архив с CSV-файлами на каждый лист отчета.
            * `JSON` — ZIP-архив с JSON-файлами на каждый лист отчета.
        body (GenerateGoodsFeedbackRequest): Данные, необходимые для генерации отчета.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiErrorResponse | GenerateReportResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed
