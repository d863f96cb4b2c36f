"""The official OpenAPI contract, read at run time: an operation's method, path, scopes, statuses and
limits come from here, not from code (`spec/*.yaml`, copies of the official documents)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

# The two versions of the contract, each in two documents: the seed's methods and the discovery
# methods (discovery.md). The versions share operation ids; their paths differ by the /v2 prefix.
CLASSIC = "classic"
V2 = "v2"
DOCUMENTS = {CLASSIC: ("seed-endpoints", "discovery-endpoints"), V2: ("v2-endpoints", "discovery-v2-endpoints")}
_PERIOD_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


@cache
def load(document: str) -> dict[str, Any]:
    """The parsed YAML of one contract document (a name from `DOCUMENTS`, e.g. ``v2-endpoints``)."""
    text = resources.files("market_api.spec").joinpath(f"{document}.yaml").read_text(encoding="utf-8")
    # libyaml's parser when PyYAML has it (its wheels do): the pure-Python one takes over a second for the
    # four documents, which every process and CLI command reads.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    return data


@dataclass(frozen=True)
class ContractLimit:
    """One entry of an operation's ``x-resource-limit-config``: `amount` requests per `seconds`."""

    amount: int
    seconds: int


@dataclass(frozen=True)
class Contract:
    """An operation as one contract document describes it."""

    version: str  # CLASSIC | V2
    document: str  # the file, e.g. "discovery-v2-endpoints"
    operation_id: str
    method: str  # upper case
    path: str  # the path template, e.g. /campaigns/{campaignId}/feedback/updates
    scopes: frozenset[str]  # x-auth-scopes: any one of them grants the method
    statuses: frozenset[int]  # the HTTP statuses the document lists
    limits: dict[str, ContractLimit]  # x-resource-limit-config by subscription ("none", "medium")
    aliases: dict[str, str]  # query parameter name as sent -> its name in the contract (x-aliases)
    body_required: bool  # requestBody.required: False where the body is optional, or there is none


def _aliases(document: str, parameters: list[dict[str, Any]]) -> dict[str, str]:
    """Every name a query parameter answers to (its ``x-aliases``) -> the parameter's own name."""
    found = {}
    for parameter in parameters:
        if "$ref" in parameter:
            parameter = load(document)["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        for alias in parameter.get("x-aliases", ()):
            found[alias] = parameter["name"]
    return found


def _limits(config: dict[str, Any] | None) -> dict[str, ContractLimit]:
    found = {}
    for subscription, entry in (config or {}).items():
        if isinstance(entry, dict) and "amount" in entry:
            seconds = _PERIOD_SECONDS[entry["period"]] * int(entry.get("period-duration", 1))
            found[subscription] = ContractLimit(int(entry["amount"]), seconds)
    return found


@cache
def contracts() -> dict[tuple[str, str], Contract]:
    """(version, operationId) -> Contract, for both versions of the contract."""
    found: dict[tuple[str, str], Contract] = {}
    for version, documents in DOCUMENTS.items():
        for document in documents:
            for path, methods in load(document)["paths"].items():
                for method, op in methods.items():
                    if method == "parameters":  # the path's own parameters, not an operation
                        continue
                    found[(version, op["operationId"])] = Contract(
                        version, document, op["operationId"], method.upper(), path,
                        frozenset(op.get("x-auth-scopes", ())),
                        frozenset(int(code) for code in op.get("responses", {}) if code.isdigit()),
                        _limits(op.get("x-resource-limit-config")),
                        _aliases(document, [*methods.get("parameters", ()), *op.get("parameters", ())]),
                        bool(op.get("requestBody", {}).get("required", False)),
                    )
    return found


def contract(operation_id: str, version: str = CLASSIC) -> Contract:
    """The operation as `version` of the contract describes it, or as the other version does when this
    one does not list it (the feed is only in the classic version; some discovery methods only in the
    /v2/ one). Raises KeyError for an operation neither has."""
    other = V2 if version == CLASSIC else CLASSIC
    return contracts().get((version, operation_id)) or contracts()[(other, operation_id)]


@cache
def all_scopes() -> frozenset[str]:
    """Every scope name any operation lists: the scopes an Api-Key may be given."""
    return frozenset(scope for op in contracts().values() for scope in op.scopes)
