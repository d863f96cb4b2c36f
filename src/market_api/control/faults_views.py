"""Admin API of the control plane: fault rules (POST, GET and DELETE /admin/faults)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.control import faults
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session, runtime

router = APIRouter(prefix="/admin", tags=["admin: control"])


@router.post("/faults", status_code=201, response_model=None)
async def add_fault(request: Request, body: faults.FaultRuleIn, session: AsyncSession = Depends(db_session)) -> dict:
    """POST /admin/faults: add a fault rule for every process (`FaultRuleIn`); 201 with the rule as
    `faults.rule_out` shows it (its `id`, `remaining`, `applied`, `createdAt`...). 400 for a bad rule, 409 when
    there are too many."""
    rt = runtime(request)
    rule = await faults.add_rule(session, rt.clock, body)
    await rt.shared.refresh(force=True)  # this process applies it at once; the others within a second
    return ok(faults.rule_out(rule))


@router.get("/faults", response_model=None)
async def list_faults(session: AsyncSession = Depends(db_session)) -> dict:
    """GET /admin/faults: ``{"faults": [rule, ...]}``, oldest first (the order they are tried in), spent and
    expired ones included."""
    return ok({"faults": [faults.rule_out(rule) for rule in await faults.list_rules(session)]})


@router.delete("/faults/{rule_id}", response_model=None)
async def delete_fault(rule_id: str, request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """DELETE /admin/faults/{id}: delete one rule in every process; ``{"deleted": [id]}``, 404 for an unknown id."""
    await faults.delete_rule(session, rule_id)
    await runtime(request).shared.refresh(force=True)
    return ok({"deleted": [rule_id]})


@router.delete("/faults", response_model=None)
async def delete_faults(request: Request, session: AsyncSession = Depends(db_session)) -> dict:
    """DELETE /admin/faults: delete every rule in every process; ``{"deleted": [id, ...]}``."""
    deleted = await faults.clear_rules(session)
    await session.commit()
    await runtime(request).shared.refresh(force=True)
    return ok({"deleted": deleted})
