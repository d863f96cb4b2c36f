"""Every operation answers at every path form the real API accepts: the classic path and its /v2/ form,
each with and without `.json` (protocol.md, "Paths")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from market_api.operations import OPERATIONS

STORE = 91000001
BUSINESS = 90000001


def forms(path: str) -> list[str]:
    return [path, f"{path}.json", f"/v2{path}", f"/v2{path}.json"]


def test_the_table_generates_four_forms_per_operation():
    for operation in OPERATIONS:
        assert sorted(operation.path_forms()) == sorted(forms(operation.path))


@pytest.mark.parametrize("path", forms(f"/campaigns/{STORE}/feedback/updates"))
async def test_feed(api, path):
    response = await api.client.get(path, headers=api.key)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == {"paging": {}, "feedbackList": []}


@pytest.mark.parametrize("path", forms(f"/businesses/{BUSINESS}/ratings/quality"))
async def test_quality(api, path):
    response = await api.client.post(path, json={"campaignIds": [STORE]}, headers=api.key)
    assert response.status_code == 200, response.text
    assert response.json()["result"] == {"campaignRatings": [{"campaignId": STORE, "ratings": []}]}


async def test_reports_and_their_info(api):
    report_ids = []
    for path in forms("/reports/goods-feedback/generate"):
        response = await api.client.post(path, json={"businessId": BUSINESS}, headers=api.key)
        assert response.status_code == 200, response.text
        report_ids.append(response.json()["result"]["reportId"])
    for path in forms("/reports/stocks-on-warehouses/generate"):
        response = await api.client.post(path, json={"campaignId": STORE}, headers=api.key)
        assert response.status_code == 200, response.text
        api.clock.advance(timedelta(minutes=2))  # one stock report per two minutes
    for report_id, path in zip(report_ids, forms(f"/reports/info/{report_ids[0]}"), strict=True):
        response = await api.client.get(path.replace(report_ids[0], report_id), headers=api.key)
        assert response.status_code == 200, response.text
        assert response.json()["result"]["status"] in ("PENDING", "PROCESSING", "DONE", "FAILED")


async def test_an_unknown_report_is_named_without_its_suffix(api):
    response = await api.client.get("/v2/reports/info/nothing.json", headers=api.key)
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"] == "Report not found: 'nothing'"


IDS = {"campaignId": str(STORE), "businessId": str(BUSINESS), "reportId": "0" * 32}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.operation_id)
async def test_every_operation_is_routed_at_every_form(api, operation):
    """Whatever the inputs, each form reaches the operation: the answer is the operation's (checked
    against its contract by the test client), never the router's 404 for an unknown path."""
    for form in operation.path_forms():
        path = form.format(**IDS)
        response = await api.client.request(operation.method, path, headers=api.key,
                                            json={} if operation.body is not None else None)
        assert response.status_code != 405, path
        assert not response.json().get("errors", [{}])[0].get("message", "").startswith("Resource not found"), path
