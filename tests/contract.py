"""Every JSON answer the tests receive is checked against the official contract in the package."""

from __future__ import annotations

from functools import cache

import httpx
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from starlette.routing import Route

from market_api.access.operations import routes
from market_api.operations import OPERATIONS
from market_api.platform import spec

_ERROR_SCHEMA = "#/components/schemas/ApiErrorResponse"


@cache
def _registry() -> Registry:
    registry = Registry()
    for document in (name for names in spec.DOCUMENTS.values() for name in names):
        resource = Resource.from_contents(spec.load(document), default_specification=DRAFT4)
        registry = registry.with_resource(f"urn:{document}", resource)
    return registry


# Statuses the service answers in front of any operation, whatever its contract lists: a method the path
# does not take, a body that is not JSON, a database, Redis or broker that is away.
SERVICE_STATUSES = frozenset({405, 415, 503})
# What a fault rule (POST /admin/faults) makes an operation answer: an error status, or (a latency, a report
# outcome) the operation's own answer.
FAULT_HEADER = "X-Market-Api-Fault"
FAULT_STATUSES = frozenset({420, 500, 503})


def _response_schema(contract: spec.Contract, status: int, fault: bool = False) -> str:
    """The schema of an answer of `status`: the contract's, or the error envelope for a status the service
    answers in front of every operation (SERVICE_STATUSES) or that a fault rule produced (`fault`)."""
    document = contract.document
    responses = spec.load(document)["paths"][contract.path][contract.method.lower()]["responses"]
    entry = responses.get(str(status))
    if entry is None:
        if status < 400 or not (status in SERVICE_STATUSES or (fault and status in FAULT_STATUSES)):
            raise AssertionError(f"{contract.operation_id} does not document status {status}")
        return _ERROR_SCHEMA  # these still use the error envelope
    if "$ref" in entry:
        entry = spec.load(document)["components"]["responses"][entry["$ref"].rsplit("/", 1)[-1]]
    return entry["content"]["application/json"]["schema"]["$ref"]


def validate(data: object, schema_ref: str, document: str = "seed-endpoints") -> None:
    validator = OAS30Validator(
        {"$ref": f"urn:{document}{schema_ref}"}, registry=_registry(), format_checker=OAS30Validator.FORMAT_CHECKER
    )
    validator.validate(data)


def _resolve(node: dict, document: str) -> dict:
    while "$ref" in node:
        node = spec.load(document)["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _properties(node: dict, document: str) -> tuple[dict, dict | None]:
    """(declared properties, items schema) of a schema, following $ref and allOf."""
    node = _resolve(node, document)
    properties = dict(node.get("properties", {}))
    for part in node.get("allOf", []):
        properties.update(_properties(part, document)[0])
    return properties, node.get("items")


def unknown_fields(data: object, node: dict, document: str, path: str = "$") -> list[str]:
    """Paths of fields in `data` that the schema does not declare: answers carry only contract fields."""
    properties, items = _properties(node, document)
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in properties:
                found.append(f"{path}.{key}")
            else:
                found += unknown_fields(value, properties[key], document, f"{path}.{key}")
    elif isinstance(data, list) and items is not None:
        for index, value in enumerate(data):
            found += unknown_fields(value, items, document, f"{path}[{index}]")
    return found


def check(response: httpx.Response, operation_id: str) -> dict:
    """Validate an answer of `operation_id` against the document its path belongs to; return its JSON.

    A status the contract does not list for the operation passes (in the error envelope) only when the
    service answers it in front of every operation (SERVICE_STATUSES), or when a fault rule produced it.
    The service names that rule in the ``X-Market-Api-Fault`` answer header: an extra header a client that
    does not know it ignores, unlike a changed body or status; and it travels with the answer, so the check
    needs no second request (to the request log) and holds for answers of any process. A fault-marked
    answer must carry a status a rule can produce: an error of FAULT_STATUSES, or the operation's own
    answer (a rule of latency or of a report outcome)."""
    version = spec.V2 if response.request.url.path.startswith("/v2/") else spec.CLASSIC
    contract = spec.contract(operation_id, version)
    data = response.json()
    fault = FAULT_HEADER in response.headers
    if fault and response.status_code >= 400:
        assert response.status_code in FAULT_STATUSES, f"a fault rule answered {response.status_code}"
    schema_ref = _response_schema(contract, response.status_code, fault)
    validate(data, schema_ref, contract.document)
    assert unknown_fields(data, {"$ref": schema_ref}, contract.document) == []
    if response.status_code >= 400:
        assert data["status"] == "ERROR" and data["errors"], data
    return data


@cache
def _operation_routes() -> tuple[Route, ...]:
    return tuple(routes(OPERATIONS))


def operation_of(method: str, path: str) -> str | None:
    """The Partner API operation a request reached (by the service's own routes), or None."""
    for route in _operation_routes():
        if method in (route.methods or ()) and route.path_regex.fullmatch(path):
            return route.name
    return None


async def check_every_answer(response: httpx.Response) -> None:
    """httpx response hook: every JSON answer of a Partner API operation is checked against the contract,
    whatever the test asserts itself."""
    operation_id = operation_of(response.request.method, response.request.url.path)
    if operation_id is None:
        return
    await response.aread()
    if response.headers.get("content-type", "").startswith("application/json"):
        check(response, operation_id)


def check_error(response: httpx.Response, status: int, message: str | None = None) -> dict:
    """An error answer in the envelope, with the status, code and (when given) message expected."""
    assert response.status_code == status, response.text
    data = response.json()
    validate(data, _ERROR_SCHEMA)
    assert data["status"] == "ERROR"
    if message is not None:
        assert [e["message"] for e in data["errors"]] == [message], data
    return data
