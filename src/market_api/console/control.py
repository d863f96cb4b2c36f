"""The console's control page and its forms: fault rules, the clock, reset and limit counters. Each form
posts, is checked for its CSRF token, acts through the same functions as the admin API, and redirects
back to the page (so a reload never posts twice)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

from market_api.console import auth
from market_api.console.models import ConsoleSession
from market_api.console.rendering import page
from market_api.control import faults
from market_api.control.clock import set_clock
from market_api.control.limits import clear_limits
from market_api.control.reset import reset_data, template_dir
from market_api.platform.errors import ApiError
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import INT64_MAX, describe_validation_error, parse_integer_text

router = APIRouter(prefix="/control")
FAULT_FIELDS = ("operationId", "businessId", "campaignId", "status", "latencyMs", "count")
Db = Annotated[AsyncSession, Depends(db_session)]


async def _session(request: Request, session: Db) -> ConsoleSession:
    return await auth.require_session(request, session)


Console = Annotated[ConsoleSession, Depends(_session)]


async def overview(request: Request, session: AsyncSession) -> dict[str, Any]:
    """What the control page shows: the fault rules, the operations a rule may name, the clock."""
    rt = runtime(request)
    state = await rt.shared.refresh(force=True)
    return {"faults": [faults.rule_out(rule) for rule in await faults.list_rules(session)],
            "operations": sorted(faults.operation_ids()), "clock_real": state.clock_offset is None}


async def _acted(request: Request, console: ConsoleSession, act: Callable[[FormData], Awaitable[str]]) -> Response:
    """Check the form's CSRF token, do `act`, and go back to the control page saying what was done; a
    refused value shows the page again with the message (400)."""
    form = await request.form()
    await auth.check_csrf(console, form)
    try:
        done = await act(form)
    except ApiError as error:
        async with runtime(request).sessions() as session:
            shown = await overview(request, session)
        return page(request, "control.html", console, status_code=error.status, error="; ".join(error.messages),
                    **shown)
    await runtime(request).shared.refresh(force=True)
    return RedirectResponse(f"/console/control?done={done}", status_code=303)


def _number(value: str) -> object:
    try:
        return parse_integer_text(value.strip())
    except ValueError:
        return value


def fault_from_form(form: FormData) -> faults.FaultRuleIn:
    """The rule a control-page form asks for (empty fields left out); ApiError 400 for a bad one."""
    asked: dict[str, Any] = {}
    for name in FAULT_FIELDS:
        value = form.get(name)
        if isinstance(value, str) and value.strip():
            asked[name] = value.strip() if name == "operationId" else _number(value)
    report_status = form.get("reportStatus")
    if isinstance(report_status, str) and report_status:
        outcome: dict[str, Any] = {"status": report_status}
        if report_status == "FAILED":
            outcome["subStatus"] = form.get("reportSubStatus") or None
        else:
            outcome["forSeconds"] = _number(str(form.get("forSeconds") or ""))
        asked["report"] = outcome
    try:
        return faults.FaultRuleIn.model_validate(asked)
    except ValidationError as error:
        raise ApiError(400, describe_validation_error(error.errors())) from None


@router.post("/faults")
async def add_fault(request: Request, console: Console) -> Response:
    """POST /console/control/faults: add a fault rule (form fields as the admin API's, camelCase)."""
    async def act(form: FormData) -> str:
        async with runtime(request).sessions() as session:
            rule = await faults.add_rule(session, runtime(request).clock, fault_from_form(form))
        return f"fault-added-{rule.id}"

    return await _acted(request, console, act)


@router.post("/faults/clear")
async def clear_faults(request: Request, console: Console) -> Response:
    """POST /console/control/faults/clear: delete every fault rule."""
    async def act(_form: FormData) -> str:
        async with runtime(request).sessions() as session:
            await faults.clear_rules(session)
            await session.commit()
        return "faults-cleared"

    return await _acted(request, console, act)


@router.post("/faults/{rule_id}/delete")
async def delete_fault(request: Request, console: Console, rule_id: Annotated[str, Path(max_length=64)]) -> Response:
    """POST /console/control/faults/{id}/delete: delete one fault rule."""
    async def act(_form: FormData) -> str:
        async with runtime(request).sessions() as session:
            await faults.delete_rule(session, rule_id)
        return "fault-deleted"

    return await _acted(request, console, act)


@router.post("/clock")
async def move_clock(request: Request, console: Console) -> Response:
    """POST /console/control/clock (form: now, ISO 8601 with offset, and action=move; action=real: back to
    real time)."""
    async def act(form: FormData) -> str:
        value = str(form.get("now") or "").strip()
        instant = None
        if form.get("action") != "real":
            if not value:
                raise ApiError(400, "Give the instant to move the clock to (ISO 8601 with an offset)")
            try:
                instant = datetime.fromisoformat(value)
                if "\x00" in value:
                    raise ValueError(value)
            except ValueError:
                raise ApiError(400, f"Value of now ({value[:40]}) must be an ISO 8601 instant with an offset") from None
        async with runtime(request).sessions() as session:
            await set_clock(session, runtime(request).clock, instant)
        return "clock-real" if instant is None else "clock-moved"

    return await _acted(request, console, act)


@router.post("/reset")
async def reset(request: Request, console: Console) -> Response:
    """POST /console/control/reset (form: to = demo | empty)."""
    async def act(form: FormData) -> str:
        rt = runtime(request)
        done = await reset_data(rt.engine, rt.clock, str(form.get("to") or ""), 1, template_dir(rt.settings.data_dir))
        return f"reset-{done.to}"

    return await _acted(request, console, act)


@router.post("/limits")
async def clear_counters(request: Request, console: Console) -> Response:
    """POST /console/control/limits (form: businessId or campaignId): clear those rate-limit counters."""
    async def act(form: FormData) -> str:
        ids = {name: _number(str(form.get(name) or "")) if form.get(name) else None
               for name in ("businessId", "campaignId")}
        if any(value is not None and (not isinstance(value, int) or not 1 <= value <= INT64_MAX)
               for value in ids.values()):
            raise ApiError(400, "businessId and campaignId are positive integers")
        async with runtime(request).sessions() as session:
            await clear_limits(session, ids["businessId"], ids["campaignId"])  # type: ignore[arg-type]
        return "limits-cleared"

    return await _acted(request, console, act)
