"""The report methods: generate (goods-feedback, stocks-on-warehouses), report info, and downloads."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.responses import FileResponse
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.platform.clock import moscow_iso, today
from market_api.platform.auth import Caller, operation
from market_api.platform.errors import ApiError
from market_api.platform.faults import failpoint
from market_api.platform.responses import json_ok
from market_api.platform.runtime import Runtime, db_session, runtime
from market_api.platform.storage import LocalStorage, SignedLink, StoredFile
from market_api.reports import service
from market_api.accounts.models import MARKET_WAREHOUSE_MODELS
from market_api.reports.builders import expected_rows, report_day
from market_api.reports.files import KINDS
from market_api.reports.models import Report
from market_api.reports.tasks import send_job
from market_api.reports.schemas import GoodsFeedbackRequest, ReportFormat, StocksRequest

router = APIRouter(tags=["reports"])


async def _queue(caller: Caller, business_id: int, kind: str, report_format: str, params: dict) -> Response:
    async with caller.runtime.read_connection() as connection:
        expected = await expected_rows(connection, kind, params)
    report = await service.create(caller.session, caller.runtime.clock, business_id, kind, report_format, params,
                                  expected)
    state = caller.request.app.state
    if state.report_queue is not None:
        # Sent before the commit: if this process dies in between, the worker finds no job and drops
        # the message; sent after, a death in between would leave a job nobody was told about.
        await send_job(state.report_queue, report.id)
    failpoint("report.queued")
    await caller.session.commit()
    failpoint("report.committed")
    if state.runner is not None:
        state.runner.notify()
    return json_ok({"reportId": report.id, "estimatedGenerationTime": report.estimated_ms})


async def generate_goods_feedback(
    body: GoodsFeedbackRequest = Body(),
    report_format: ReportFormat = Query(default="FILE", alias="format"),
    caller: Caller = Depends(operation("generateGoodsFeedbackReport")),
) -> Response:
    await caller.business(body.businessId)
    return await _queue(caller, body.businessId, "goods_feedback", report_format, {"businessId": body.businessId})


async def generate_stocks(
    body: StocksRequest = Body(),
    report_format: ReportFormat = Query(default="FILE", alias="format"),
    caller: Caller = Depends(operation("generateStocksOnWarehousesReport")),
) -> Response:
    if (body.campaignId is None) == (body.businessId is None):
        raise ApiError(400, "Exactly one of campaignId and businessId must be specified")
    if body.campaignIds is not None and body.businessId is None:
        raise ApiError(400, "campaignIds may only be specified with businessId")
    if body.reportDate is not None:
        try:
            date.fromisoformat(body.reportDate)
        except ValueError:
            raise ApiError(400, f"Value of reportDate ({body.reportDate}) must match the pattern: 'YYYY-MM-DD'") from None
    params = body.model_dump(exclude_none=True)
    if body.campaignId is not None:
        campaign = await caller.campaign(body.campaignId)
        business_id = campaign.business_id
        if campaign.placement in MARKET_WAREHOUSE_MODELS:
            params["day"] = report_day(params, today(caller.runtime.clock)).isoformat()
    else:
        # Every store named must be reachable before the request counts against the limit.
        business = await caller.business(body.businessId, charge=False)
        business_id = business.id
        for campaign_id in body.campaignIds or ():
            campaign = await caller.campaign(campaign_id, charge=False)
            if campaign.business_id != business_id:
                raise ApiError(403, "Access denied")
        await caller.charge(business)
    return await _queue(caller, business_id, "stocks", report_format, params)


async def report_info(
    report_id: str = Path(alias="reportId", min_length=1, max_length=255),
    caller: Caller = Depends(operation("getReportInfo")),
) -> Response:
    report = await caller.session.get(Report, report_id)
    principal = caller.principal
    # A store's report is also its users' (an OAuth user may reach a store, not its whole business).
    campaign_id = report.params.get("campaignId") if report else None
    if report is None or not (principal.reaches_business(report.business_id)
                              or campaign_id in principal.campaign_ids):
        raise ApiError(404, f"Report not found: '{report_id}'")
    if principal.reaches_business(report.business_id):
        await caller.business(report.business_id)
    else:
        await caller.campaign(campaign_id)
    rt = caller.runtime
    result = {
        "status": report.status,
        "generationRequestedAt": moscow_iso(report.requested_at),
        "estimatedGenerationTime": service.remaining_ms(report, rt.clock.now()),
    }
    if report.sub_status:
        result["subStatus"] = report.sub_status
    if report.finished_at:
        result["generationFinishedAt"] = moscow_iso(report.finished_at)
    if report.status == "DONE" and report.file_key:
        result["file"] = await _download_link(rt, report)
    return json_ok(result)


async def _download_link(rt: Runtime, report: Report) -> str:
    stored = StoredFile(report.file_key, report.file_name, KINDS[report.format].content_type)
    presigned = rt.storage.presigned_url(stored, rt.settings.download_link_seconds)
    if presigned:
        return presigned
    expires = int(rt.clock.now().timestamp()) + rt.settings.download_link_seconds
    return SignedLink(report.id, report.file_name, expires).url(rt.settings.base_url, await rt.secret("downloads"))


@router.get("/downloads/{report_id}/{name}", include_in_schema=False)
async def download(
    report_id: str, name: str, request: Request, expires: int = Query(default=0), signature: str = Query(default=""),
    session: AsyncSession = Depends(db_session),
) -> Response:
    rt = runtime(request)
    link = SignedLink(report_id, name, expires)
    report = await session.get(Report, report_id)
    storage = rt.storage
    if (not isinstance(storage, LocalStorage)  # files in S3 are downloaded from S3
            or not link.is_valid(await rt.secret("downloads"), signature, rt.clock.now().timestamp())
            or report is None or report.file_name != name or not storage.exists(report.file_key)):
        raise ApiError(404, "Report file not found, or its link has expired")
    return FileResponse(storage.path(report.file_key), media_type=KINDS[report.format].content_type, filename=name)


for _prefix in ("", "/v2"):
    router.add_api_route(f"{_prefix}/reports/goods-feedback/generate", generate_goods_feedback, methods=["POST"])
    router.add_api_route(f"{_prefix}/reports/stocks-on-warehouses/generate", generate_stocks, methods=["POST"])
    router.add_api_route(f"{_prefix}/reports/info/{{reportId}}", report_info, methods=["GET"])
