"""Fault rules at run time (POST /admin/faults): answers and delays an integrator asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from market_api.access.operations import Call


async def apply(call: Call[Any, Any], operation_id: str) -> None:
    """Answer `call` as the first matching fault rule says (raise its error, or wait its latency)."""
    return None
