"""Admin API of the catalogue: POST a JSON array of records of one kind; all are loaded, or none."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import cast

from fastapi import APIRouter, Body, Depends, Path
from sqlalchemy.ext.asyncio import AsyncSession

from market_api.catalog.schemas import RECORDS
from market_api.catalog.service import LOADERS
from market_api.platform.errors import ApiError
from market_api.platform.imports import LineErrors, validate_items
from market_api.platform.responses import ok
from market_api.platform.runtime import db_session
from market_api.platform.schemas import CamelModel

router = APIRouter(prefix="/admin/catalog", tags=["admin: catalogue"])

# What a loader of LOADERS is called as: each takes the records of its own kind, the model RECORDS pairs it with.
_Loader = Callable[[AsyncSession, Sequence[tuple[int, CamelModel]]], Awaitable[int]]


@router.post("/{kind}")
async def load(
    kind: str = Path(pattern="^(" + "|".join(RECORDS) + ")$"),
    items: list[dict] = Body(),
    session: AsyncSession = Depends(db_session),
) -> dict:
    """POST /admin/catalog/{kind}: load a JSON array of `kind` records (categories, warehouses, offers,
    placements, stocks, programs), all or none; 400 with one entry per problem, each naming its item
    (``line N: ...``, from 1); otherwise ``{"loaded": N}``."""
    parsed = validate_items(items, RECORDS[kind])
    records, errors = parsed.records, parsed.errors
    try:
        if not errors:
            # LOADERS mixes loaders of different record types, which mypy joins into an uncallable type.
            await cast(_Loader, LOADERS[kind])(session, records)
    except LineErrors as problems:
        errors = problems.errors
    if errors:
        raise ApiError(400, errors)
    await session.commit()
    return ok({"loaded": len(records)})
