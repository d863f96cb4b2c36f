"""The Partner API's success wrapper: {"status": "OK", "result": ...}."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel
from starlette.responses import JSONResponse


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
    """The Partner API's success body, ``{"status": "OK", "result": ...}``, with `result` made plain."""
    return {"status": "OK", "result": _plain(result)}


class FastJSONResponse(JSONResponse):
    """JSON rendered by orjson: the reviews feed spends less on encoding than on anything else."""

    def render(self, content: Any) -> bytes:
        """`content` as JSON bytes."""
        return orjson.dumps(content)


def json_ok(result: Any) -> FastJSONResponse:
    """An OK answer as a ready response (skips FastAPI's re-validation of the returned value)."""
    return FastJSONResponse(ok(result))
