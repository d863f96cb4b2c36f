"""The Partner API's success wrapper: {"status": "OK", "result": ...}."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def plain(value: Any) -> Any:
    """Models (and lists of them) as JSON-ready camelCase data."""
    return _plain(value)


def ok(result: Any) -> dict[str, Any]:
    return {"status": "OK", "result": _plain(result)}
