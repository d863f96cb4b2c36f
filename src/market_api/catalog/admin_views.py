"""Admin API of the catalogue: POST a JSON array of records of one kind; all are loaded, or none."""

from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Path
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.catalog.schemas import RECORDS
from market_api.catalog.service import LOADERS
from market_api.platform.imports import LineErrors
from market_api.platform.auth import require_admin
from market_api.platform.errors import ApiError
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session
from market_api.platform.imports import validate_items

router = APIRouter(prefix="/admin/catalog", dependencies=[Depends(require_admin)], tags=["admin: catalogue"])


@router.post("/{kind}")
async def load(
    kind: str = Path(pattern="^(" + "|".join(RECORDS) + ")$"),
    items: list[dict] = Body(),
    session: AsyncSession = Depends(db_session),
) -> dict:
    parsed = validate_items(items, RECORDS[kind])
    records, errors = parsed.records, parsed.errors
    try:
        if not errors:
            await LOADERS[kind](session, records)
    except LineErrors as problems:
        errors = problems.errors
    if errors:
        raise ApiError(400, errors)
    await session.commit()
    return ok({"loaded": len(records)})
