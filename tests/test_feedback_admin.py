"""A review's rules, written once (feedback.schemas): the admin API and the CLI answer with the same messages."""

from __future__ import annotations

import pytest

from tests.test_cli import run_cli

STORE = 91000003
NAMED = {"grade": 5, "authorName": "Пётр", "authorRegionId": 213, "delivery": "PICKUP", "factors": {"4": 5}}
BROKEN = [
    ({"grade": 0}, "Value of grade (0) must be greater than or equal to 1"),
    ({**NAMED, "factors": {"4": 6}}, "Value of factors[4] (6) must be between 1 and 5"),
    ({**NAMED, "delivery": "COURIER"}, "Value of delivery (COURIER) must be one of: 'DELIVERY', 'PICKUP' or 'INSTORE'"),
    ({**NAMED, "factors": {"1": 5}}, "factors [1] are not graded for delivery type PICKUP"),
    ({**NAMED, "delivery": None}, "factors are graded only for a review with a delivery type"),
    ({**NAMED, "authorRegionId": 999999}, "Unknown region: 999999"),
    ({**NAMED, "authorName": None}, "An anonymous review has no author region"),
]


async def post(api, body: dict):
    return await api.client.post(f"/admin/campaigns/{STORE}/reviews", json=body, headers=api.admin_headers)


@pytest.mark.parametrize(("body", "message"), BROKEN)
async def test_a_broken_review_is_a_400_naming_the_rule(api, body, message):
    response = await post(api, body)
    assert response.status_code == 400
    assert [e["message"] for e in response.json()["errors"]] == [message]


async def test_an_edit_keeps_the_delivery_and_its_factors_are_checked_against_it(api):
    review = (await post(api, NAMED)).json()["result"]
    edited = await api.client.put(f"/admin/reviews/{review['id']}", json={"grade": 4, "factors": {"4": 3}},
                                  headers=api.admin_headers)
    assert edited.status_code == 200, edited.text
    wrong = await api.client.put(f"/admin/reviews/{edited.json()['result']['id']}",
                                 json={"grade": 4, "factors": {"1": 3}}, headers=api.admin_headers)
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0]["message"] == \
        "factors [1] are not graded for delivery type PICKUP"


def test_the_cli_answers_with_the_admin_api_messages(tmp_path):
    assert run_cli(tmp_path, "seed", "--demo", "--json").returncode == 0
    base = ["reviews", "post", "--campaign-id", str(STORE)]
    cases = [
        (["--grade", "0"], BROKEN[0][1]),
        (["--grade", "5", "--author", "Пётр", "--region-id", "213", "--delivery", "PICKUP", "--factor", "1=5"],
         BROKEN[3][1]),
        (["--grade", "5", "--region-id", "213"], BROKEN[6][1]),
    ]
    for args, message in cases:
        result = run_cli(tmp_path, *base, *args)
        assert result.returncode == 2 and f"error: {message}" in result.stderr, result.stderr
    posted = run_cli(tmp_path, *base, "--grade", "5", "--author", "Пётр", "--region-id", "213", "--delivery",
                     "PICKUP", "--factor", "4=5", "--json")
    assert posted.returncode == 0, posted.stderr
