"""getCategoriesTree: the catalogue's categories as one tree, leaves without children, every path form."""

from __future__ import annotations

import pytest

from market_api.demo.catalog import CATEGORIES, PRODUCTS
from tests.contract import check, check_error


def forms(path: str) -> list[str]:
    return [path, f"{path}.json", f"/v2{path}", f"/v2{path}.json"]


async def load_demo_tree(api) -> None:
    await api.admin("POST", "/catalog/categories",
                    [{"id": i, "name": n, "parentId": p} for i, n, p in CATEGORIES])


async def tree(api, body: object = None, path: str = "/v2/categories/tree", headers=None) -> dict:
    response = await api.client.post(path, json=body, headers=headers or api.key)
    data = check(response, "getCategoriesTree")
    assert response.status_code == 200, data
    assert data["status"] == "OK"
    return data["result"]


def walk(node: dict, depth: int = 0):
    yield node, depth
    for child in node.get("children", ()):
        yield from walk(child, depth + 1)


@pytest.mark.parametrize("path", forms("/categories/tree"))
async def test_the_demo_tree_at_every_path_form(api, path):
    await load_demo_tree(api)
    root = await tree(api, {"language": "RU"}, path)
    assert (root["id"], root["name"]) == (90401, "Все товары")
    assert [c["name"] for c in root["children"]] == ["Дом и сад", "Бытовая техника", "Электроника"]  # by id
    nodes = {node["id"]: (node, depth) for node, depth in walk(root)}
    assert set(nodes) == {i for i, _n, _p in CATEGORIES}  # each category once
    assert max(depth for _node, depth in nodes.values()) == 3
    smartphones, depth = nodes[91491]
    assert smartphones == {"id": 91491, "name": "Смартфоны"} and depth == 3  # a leaf has no children
    assert [c["id"] for c in nodes[91461][0]["children"]] == [91491]
    # The demo offers belong to leaves.
    assert all("children" not in nodes[category][0] for category in PRODUCTS)


async def test_without_a_single_top_level_category_market_s_root_holds_them(api):
    assert await tree(api, {}) == {"id": 90401, "name": "Все товары"}  # an empty catalogue
    await api.admin("POST", "/catalog/categories", [
        {"id": 7001, "name": "Игрушки"}, {"id": 7002, "name": "Конструкторы", "parentId": 7001},
        {"id": 6001, "name": "Книги"}])
    assert await tree(api, path="/categories/tree") == {"id": 90401, "name": "Все товары", "children": [
        {"id": 6001, "name": "Книги"},
        {"id": 7001, "name": "Игрушки", "children": [{"id": 7002, "name": "Конструкторы"}]}]}


async def test_languages_and_an_optional_body(api):
    await load_demo_tree(api)
    russian = await tree(api, {"language": "RU"})
    assert await tree(api, {"language": "EN"}) == russian  # names are stored once, in Russian
    assert await tree(api, {}) == russian
    response = await api.client.post("/v2/categories/tree", headers=api.key)  # no body at all
    assert check(response, "getCategoriesTree")["result"] == russian


@pytest.mark.parametrize(("body", "message"), [
    ({"language": "UZ"}, "Value of language (UZ) must be one of: 'RU' or 'EN'"),
    ({"language": 1}, "Value of language (1) must be one of: 'RU' or 'EN'"),
    ({"language": None}, "Value of language (null) must be one of: 'RU' or 'EN'"),
    ([], "Value of body ([]) must be an object"),
])
async def test_bad_bodies(api, body, message):
    response = await api.client.post("/v2/categories/tree", json=body, headers=api.key)
    check_error(response, 400, message)


async def test_malformed_json_and_access(api):
    response = await api.client.post("/categories/tree", content=b"{broken", headers=api.key)
    assert check_error(response, 400)["errors"][0]["message"].startswith("JSON: ")
    user = await api.admin("POST", "/oauth-users", {"login": "nobody", "businessIds": [], "campaignIds": []})
    response = await api.client.post("/v2/categories/tree", json={},
                                      headers={"Authorization": f"Bearer {user['token']}"})
    check_error(response, 403, "Access denied")
    # Scopes by version of the contract: the classic one does not list supplies-management:read-only.
    supplies = await api.new_key("supplies-management:read-only")
    assert (await api.client.post("/v2/categories/tree", json={}, headers=supplies)).status_code == 200
    response = await api.client.post("/categories/tree", json={}, headers=supplies)
    check_error(response, 403, "Token does not have any of the scopes to access the API method")


async def test_a_stored_market_root_takes_the_other_top_level_categories(api):
    await api.admin("POST", "/catalog/categories", [{"id": 90401, "name": "Все товары"}, {"id": 5, "name": "Книги"},
                                                    {"id": 6, "name": "Игрушки", "parentId": 90401}])
    response = await api.client.post("/v2/categories/tree", headers=api.key)
    root = response.json()["result"]
    assert root["id"] == 90401 and [child["id"] for child in root["children"]] == [5, 6]
    assert all("children" not in child for child in root["children"])


async def test_a_category_cannot_be_put_under_its_own_descendant(api):
    await api.admin("POST", "/catalog/categories", [{"id": 1, "name": "Электроника"},
                                                    {"id": 2, "name": "Телефоны", "parentId": 1}])
    moved = [{"id": 1, "name": "Электроника", "parentId": 2}]
    response = await api.client.post("/admin/catalog/categories", json=moved, headers=api.admin_headers)
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "line 1: Category 1 cannot be under its own descendant 2"
    tree = (await api.client.post("/v2/categories/tree", headers=api.key)).json()["result"]
    assert tree["id"] == 1 and [child["id"] for child in tree["children"]] == [2]
