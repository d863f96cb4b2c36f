"""Admin API of the control plane: scenarios."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/admin", tags=["admin: control"])
