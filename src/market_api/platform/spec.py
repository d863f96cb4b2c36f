"""The official OpenAPI contract, read at run time: scopes per operation come from here, not from code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

CLASSIC = "seed-endpoints"
V2 = "v2-endpoints"


@cache
def load(document: str) -> dict[str, Any]:
    text = resources.files("market_api.spec").joinpath(f"{document}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Operation:
    document: str
    operation_id: str
    method: str
    path: str
    scopes: frozenset[str]
    statuses: frozenset[int]


@cache
def operations() -> dict[tuple[str, str], Operation]:
    """(document, operationId) -> Operation, for both the classic and the /v2/ contract."""
    found: dict[tuple[str, str], Operation] = {}
    for document in (CLASSIC, V2):
        for path, methods in load(document)["paths"].items():
            for method, op in methods.items():
                found[(document, op["operationId"])] = Operation(
                    document, op["operationId"], method.upper(), path, frozenset(op.get("x-auth-scopes", ())),
                    frozenset(int(code) for code in op.get("responses", {}) if code.isdigit()),
                )
    return found


def operation(operation_id: str, path: str) -> Operation:
    """The contract of an operation as served at `path` (a /v2/ path follows the newer document)."""
    document = V2 if path.startswith("/v2/") else CLASSIC
    return operations().get((document, operation_id)) or operations()[(CLASSIC, operation_id)]


@cache
def all_scopes() -> frozenset[str]:
    return frozenset(scope for op in operations().values() for scope in op.scopes)
