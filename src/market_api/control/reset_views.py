"""Admin API of the control plane: POST /admin/reset."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, Strict

from market_api.control.reset import ResetTarget, reset_data, template_dir
from market_api.platform.responses import ok
from market_api.platform.runtime import runtime
from market_api.platform.validation import INT64_MAX

router = APIRouter(prefix="/admin", tags=["admin: control"])


class ResetIn(BaseModel):
    """The state to return the data to, and the demo data's seed."""

    model_config = ConfigDict(extra="forbid")

    to: ResetTarget = Field(description='"demo": the demo data set; "empty": no data at all.')
    seed: Annotated[int, Strict()] = Field(default=1, ge=0, le=INT64_MAX,
                                           description="Seed of the demo data (as `seed --demo --seed`).")


@router.post("/reset", response_model=None)
async def post_reset(request: Request, body: ResetIn) -> dict:
    """POST /admin/reset ``{"to": "demo"|"empty"}``: return the data to the demo set or to empty, in one
    transaction, for every process: admin tokens and the signing keys stay; fault rules, limit counters
    and the request log are cleared; the clock returns to real time. This process answers the new data
    at once, the others within MARKET_API_CONTROL_REFRESH_SECONDS. Answers ``{"to", "generation",
    "seconds"}`` (`generation`: the data generation it started). 400 for another `to`."""
    rt = runtime(request)
    done = await reset_data(rt.engine, rt.clock, body.to, body.seed, template_dir(rt.settings.data_dir))
    await rt.shared.refresh(force=True)
    return ok(done.as_json())
