"""Admin API of the service clock: GET and PUT /admin/clock."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control.clock import set_clock
from market_api.platform.clock import moscow_iso
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime
from market_api.platform.validation import IsoDateTime

router = APIRouter(prefix="/admin", tags=["admin: control"])


class ClockIn(BaseModel):
    """The instant to set the service clock to (ISO 8601 text with its offset), or null for real time. `now`
    must be given (an empty body or a misspelt field is 400, not real time); a number (epoch seconds) is 400."""

    model_config = ConfigDict(extra="forbid")

    now: IsoDateTime | None = Field(description="ISO 8601 with offset; null: back to real time.")


class ClockOut(BaseModel):
    """The service clock's time."""

    now: str = Field(description="ISO 8601 in Moscow time, whole seconds (as every API time).")
    real: bool = Field(description="Whether the clock shows real time (nobody moved it).")


@router.get("/clock", response_model=None)
async def get_clock(request: Request) -> dict:
    """GET /admin/clock: the service clock as every process sees it (``{"now", "real"}``)."""
    rt = runtime(request)
    state = await rt.shared.refresh(force=True)
    return ok(ClockOut(now=moscow_iso(rt.clock.now()), real=state.clock_offset is None).model_dump())


@router.put("/clock", response_model=None)
async def put_clock(request: Request, body: ClockIn, session: AsyncSession = Depends(db_session)) -> dict:
    """PUT /admin/clock: move the clock of every process (``{"now": null}``: back to real time); time flows
    on from the instant set. 400 for an instant without an offset or outside 2000–2099. Answers as GET."""
    rt = runtime(request)
    await set_clock(session, rt.clock, body.now)
    state = await rt.shared.refresh(force=True)
    return ok(ClockOut(now=moscow_iso(rt.clock.now()), real=state.clock_offset is None).model_dump())
