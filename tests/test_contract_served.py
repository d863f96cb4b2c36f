"""The contract, served: /openapi.json, /openapi.yaml, /openapi-classic.yaml, /docs, and the admin API's
own description behind the admin token."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import yaml
from openapi_spec_validator import validate

from market_api.operations import OPERATIONS
from market_api.platform import spec
from tests.contract import check_error

METHODS = {"get", "post", "put", "patch", "delete"}


def operations_of(document: dict) -> dict[str, tuple[str, str]]:
    """operationId -> (METHOD, path); every id once."""
    found: dict[str, tuple[str, str]] = {}
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert operation["operationId"] not in found, operation["operationId"]
            found[operation["operationId"]] = (method.upper(), path)
    return found


def check_document(api, document: dict) -> dict[str, tuple[str, str]]:
    validate(document)
    assert document["servers"] == [{"url": api.settings.base_url}]
    found = operations_of(document)
    assert set(found) == {operation.operation_id for operation in OPERATIONS}
    text = json.dumps(document)
    for ref in {part.split('"', 1)[0] for part in text.split('"$ref": "')[1:]}:
        section, name = ref.removeprefix("#/components/").split("/")
        assert name in document["components"][section], ref
    return found


async def test_current_contract(api):
    response = await api.client.get("/openapi.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    document = response.json()
    as_yaml = await api.client.get("/openapi.yaml")
    assert as_yaml.status_code == 200 and as_yaml.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.text) == document
    found = check_document(api, document)
    for operation in OPERATIONS:
        method, path = found[operation.operation_id]
        assert method == operation.method and path in operation.path_forms()
        listed_in_v2 = (spec.V2, operation.operation_id) in spec.contracts()
        # Every /v2/ operation at its /v2/ path; the feed, which the /v2/ documents do not list, at its classic one.
        assert path == (f"/v2{operation.path}" if listed_in_v2 else operation.path)
    assert found["getFeedbackAndCommentUpdates"] == ("GET", "/campaigns/{campaignId}/feedback/updates")


async def test_classic_contract(api):
    response = await api.client.get("/openapi-classic.yaml")
    assert response.status_code == 200
    found = check_document(api, yaml.safe_load(response.text))
    assert found == {operation.operation_id: (operation.method, operation.path) for operation in OPERATIONS}


async def test_served_contract_is_what_the_service_answers(api):
    """The feed's answer fits the schema the served document gives it (merged under the classic names)."""
    document = (await api.client.get("/openapi.json")).json()
    feed = document["paths"]["/campaigns/{campaignId}/feedback/updates"]["get"]
    official = spec.load("seed-endpoints")["paths"]["/campaigns/{campaignId}/feedback/updates"]["get"]
    assert feed["x-auth-scopes"] == official["x-auth-scopes"]
    schema = feed["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert schema.rsplit("/", 1)[-1] in document["components"]["schemas"]


class Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)


async def check_page(api, response) -> None:
    """An HTML page whose scripts, styles and icons all come from the service, and load."""
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    parser = Assets()
    parser.feed(response.text)
    assert any(url.endswith(".js") for url in parser.urls) and any(url.endswith(".css") for url in parser.urls)
    for url in parser.urls:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = await api.client.get(url)
        assert asset.status_code == 200 and asset.content, url


async def test_docs_page_loads_everything_from_the_service(api):
    response = await api.client.get("/docs")
    await check_page(api, response)
    assert "http://" not in response.text and "https://" not in response.text  # no other host, even in the script
    assert '"/openapi.json"' in response.text


async def test_admin_description_behind_the_admin_token(api):
    for path in ("/admin/docs", "/admin/openapi.json"):
        check_error(await api.client.get(path), 401, "Admin token is not specified")
        check_error(await api.client.get(path, headers={"Authorization": "Bearer nope"}), 403,
                    "Admin token is invalid")
    await check_page(api, await api.client.get("/admin/docs", headers=api.admin_headers))
    response = await api.client.get("/admin/openapi.json", headers=api.admin_headers)
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert '"422"' not in response.text and "HTTPValidationError" not in response.text
    error = {"$ref": "#/components/schemas/ApiErrorResponse"}
    operations = [op for methods in document["paths"].values() for method, op in methods.items() if method in METHODS]
    assert operations and all(path.startswith("/admin/") for path in document["paths"])
    for operation in operations:
        for status in ("400", "401", "403"):
            assert operation["responses"][status]["content"]["application/json"]["schema"] == error
    # The envelope schema describes the service's real error answers.
    answer = check_error(await api.client.get("/admin/openapi.json"), 401)
    assert set(answer) == set(document["components"]["schemas"]["ApiErrorResponse"]["properties"])


async def test_fastapi_default_docs_are_gone(api):
    for path in ("/redoc", "/docs/oauth2-redirect"):
        assert (await api.client.get(path)).status_code == 404


async def test_only_the_pages_assets_are_served(api):
    assert (await api.client.get("/docs/assets/swagger-ui-bundle.js")).status_code == 200
    for name in ("index.html", "swagger-initializer.js", "../__init__.py"):
        assert (await api.client.get(f"/docs/assets/{name}")).status_code == 404, name
