"""The contract, served: the Partner API's OpenAPI documents as this service answers them, the admin
API's own description, and Swagger UI for both, its assets served from the swagger-ui-bundle package
(no CDN).

A served document holds one version of the contract (the versions share operation ids): every
operation of the operations table at the paths that version lists, merged from the official documents
in `spec/` (paths and the components they reference). An operation the version does not list is taken
from the other version (the feed, at its classic path, in the /v2/ document); where that document's
components differ from ones of the same name, its own are kept under the other version's name as a
prefix (``ClassicApiErrorResponse``).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from market_api.console.auth import admin_or_console
from market_api.operations import OPERATIONS
from market_api.platform import spec
from market_api.platform.errors import ApiError
from market_api.platform.responses import FastJSONResponse

ASSETS = "/docs/assets"  # Swagger UI's JS and CSS, from the swagger-ui-bundle package
SERVED_ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"})
_REF = "#/components/"
Component = tuple[str, str]  # (section, name), e.g. ("schemas", "ApiErrorResponse")


def _refs(node: Any) -> Iterator[Component]:
    """Every component a node references (its ``$ref``s, at any depth)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            section, name = ref.removeprefix(_REF).split("/", 1)
            yield section, name
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _closure(document: str, nodes: list[Any]) -> set[Component]:
    """The components `nodes` reference in `document`, and those they reference in turn."""
    components = spec.load(document)["components"]
    found: set[Component] = set()
    todo = [ref for node in nodes for ref in _refs(node)]
    while todo:
        key = todo.pop()
        if key not in found:
            found.add(key)
            todo += _refs(components[key[0]][key[1]])
    return found


def _renamed(node: Any, names: dict[Component, str]) -> Any:
    """A copy of `node` whose references point at the components' names in the merged document."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            section, name = ref.removeprefix(_REF).split("/", 1)
            return {**node, "$ref": f"{_REF}{section}/{names.get((section, name), name)}"}
        return {key: _renamed(value, names) for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(value, names) for value in node]
    return node


@cache
def contract_document(version: str) -> dict[str, Any]:
    """The contract of `version` (``spec.V2``: the current one, ``spec.CLASSIC``) for the operations in
    `operations.OPERATIONS`, as one OpenAPI 3.0 document without `servers` (see `served`). Built once per
    process, on first use. Raises ValueError if two documents of one version define a component
    differently (the official ones do not)."""
    first = spec.load(spec.DOCUMENTS[version][0])
    merged: dict[str, Any] = {
        "openapi": first["openapi"], "info": first["info"], "security": first["security"], "paths": {},
        "components": {"securitySchemes": first["components"]["securitySchemes"]},
    }
    taken: dict[str, list[tuple[str, str, Any]]] = {}  # document -> (path, method, operation) taken from it
    for operation in OPERATIONS:
        found = spec.contract(operation.operation_id, version)
        method = found.method.lower()
        # A /v2/-only operation in the classic document: at its classic path (Operation.path).
        path = operation.path if version == spec.CLASSIC else found.path
        node = spec.load(found.document)["paths"][found.path][method]
        taken.setdefault(found.document, []).append((path, method, node))
    own = [document for document in taken if document in spec.DOCUMENTS[version]]
    for document in own + [document for document in taken if document not in own]:
        source = spec.load(document)["components"]
        needed = _closure(document, [node for _, _, node in taken[document]])
        names = {} if document in own else _other_names(merged["components"], source, needed, version)
        for section, name in needed:
            entry = _renamed(source[section][name], names)
            new_name = names.get((section, name), name)
            if merged["components"].setdefault(section, {}).setdefault(new_name, entry) != entry:
                raise ValueError(f"component {section}/{new_name} is defined differently in {document}")
        for path, method, node in taken[document]:
            merged["paths"].setdefault(path, {})[method] = _renamed(node, names)
    return merged


def _other_names(merged: dict[str, Any], source: dict[str, Any], needed: set[Component],
                 version: str) -> dict[Component, str]:
    """New names for the components of another version's document that would clash with the merged ones
    of the same name: those defined differently, and those that reference a clashing one."""
    present = {(section, name) for section, name in needed if name in merged.get(section, {})}
    clashing = {(section, name) for section, name in present if merged[section][name] != source[section][name]}
    grown = True
    while grown:
        more = {key for key in present - clashing if set(_refs(source[key[0]][key[1]])) & clashing}
        clashing |= more
        grown = bool(more)
    prefix = (spec.V2 if version == spec.CLASSIC else spec.CLASSIC).title()
    return {(section, name): f"{prefix}{name}" for section, name in clashing}


def served(version: str, base_url: str) -> dict[str, Any]:
    """`contract_document(version)` with `servers` naming this service (``Settings.base_url``)."""
    return {**contract_document(version), "servers": [{"url": base_url}]}


def _yaml(document: dict[str, Any]) -> Response:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return Response(text, media_type="application/yaml; charset=utf-8")


def swagger_page(title: str, openapi_url: str | None = None, document: dict[str, Any] | None = None) -> HTMLResponse:
    """Swagger UI for the description at `openapi_url`, or for `document` given inline (so that a page
    behind a token needs no second request). Every asset comes from `ASSETS`, on this service."""
    if document is not None:
        source = "spec: " + json.dumps(document, ensure_ascii=False).replace("</", "<\\/")
    else:
        source = "url: " + json.dumps(openapi_url)
    return HTMLResponse(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" type="text/css" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js" charset="utf-8"></script>
<script>
window.ui = SwaggerUIBundle({{{source}, dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"}});
</script>
</body>
</html>
""")


_ERROR_ENVELOPE = {
    "type": "object", "required": ["status", "errors"],
    "description": "Every error answer: one entry per problem (platform/errors.py).",
    "properties": {
        "status": {"type": "string", "enum": ["ERROR"]},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
    },
}
_ADMIN_ERRORS = {
    "400": "The parameters or body are not valid: every problem, one entry each",
    "401": "Admin token is not specified",
    "403": "Admin token is invalid",
}


def admin_description(app: FastAPI) -> dict[str, Any]:
    """FastAPI's description of the admin API (`app.openapi()`), with the statuses it really sends: 400
    in the error envelope instead of FastAPI's 422 (platform/errors.py), and 401/403 for the admin token
    (access/admin.py), which it names as the Bearer security scheme."""
    described = copy.deepcopy(app.openapi())
    components = described.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas["ApiErrorResponse"] = _ERROR_ENVELOPE
    components["securitySchemes"] = {"AdminToken": {"type": "http", "scheme": "bearer"}}
    described["security"] = [{"AdminToken": []}]
    error = {"content": {"application/json": {"schema": {"$ref": f"{_REF}schemas/ApiErrorResponse"}}}}
    for methods in described.get("paths", {}).values():
        for operation in methods.values():
            responses = operation["responses"]
            responses.pop("422", None)
            responses.update({code: {"description": text, **error} for code, text in _ADMIN_ERRORS.items()})
    return described


def router(base_url: str) -> APIRouter:
    """The routes that serve the contract and the docs: public ``/openapi.yaml``, ``/openapi.json``,
    ``/openapi-classic.yaml`` and ``/docs`` (servers: `base_url`), and ``/admin/openapi.json`` and
    ``/admin/docs`` behind the admin token (401/403 in the error envelope without it)."""
    routes = APIRouter(include_in_schema=False)

    @routes.get("/openapi.json")
    async def openapi_json() -> Response:
        return FastJSONResponse(served(spec.V2, base_url))

    @routes.get("/openapi.yaml")
    async def openapi_yaml() -> Response:
        return _yaml(served(spec.V2, base_url))

    @routes.get("/openapi-classic.yaml")
    async def openapi_classic_yaml() -> Response:
        return _yaml(served(spec.CLASSIC, base_url))

    @routes.get("/docs")
    async def docs() -> Response:
        return swagger_page("Yandex Market Partner API (market-api)", "/openapi.json")

    @routes.get("/admin/openapi.json", dependencies=[Depends(admin_or_console)])
    async def admin_openapi(request: Request) -> Response:
        return FastJSONResponse(admin_description(request.app))

    @routes.get("/admin/docs", dependencies=[Depends(admin_or_console)])
    async def admin_docs(request: Request) -> Response:
        return swagger_page("market-api admin API", document=admin_description(request.app))

    return routes


def install(app: FastAPI, base_url: str) -> None:
    """Serve the contract, the docs and Swagger UI's assets on `app` (FastAPI's own docs routes must be
    off: ``docs_url=None, openapi_url=None``)."""
    app.include_router(router(base_url))

    @app.get(f"{ASSETS}/{{name}}", include_in_schema=False)
    async def swagger_asset(name: str) -> Response:
        """One of the files the docs pages load; the bundle's other files (its demo pages) are not served."""
        if name not in SERVED_ASSETS:
            raise ApiError(404, f"Resource not found: {ASSETS}/{name}")
        return FileResponse(Path(swagger_ui_path) / name)
