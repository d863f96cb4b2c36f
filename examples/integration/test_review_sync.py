"""A client's tests of its review sync, run against market-api: a scenario file for the data, a fault
rule for the failure, the shared clock for time, and the request log to see what the client sent."""

from __future__ import annotations

import time

import httpx

API_KEY = "ACMA:FbyThreeWarehousesScenarioKey00000000001:82d2b52b"  # from the scenario file
STORE = 71000001


def sync_reviews(base_url: str, campaign_id: int, attempts: int = 3) -> list[dict]:
    """The code under test: every review of a store, page by page, retrying a 503 (as the Partner API
    asks: "try again later")."""
    reviews: list[dict] = []
    token = None
    with httpx.Client(base_url=base_url, headers={"Api-Key": API_KEY}) as client:
        while True:
            params = {"limit": 20, **({"page_token": token} if token else {})}
            for attempt in range(attempts):
                response = client.get(f"/campaigns/{campaign_id}/feedback/updates", params=params)
                if response.status_code != 503:
                    break
                time.sleep(0.1 * (attempt + 1))
            response.raise_for_status()
            result = response.json()["result"]
            reviews += result["feedbackList"]
            token = result["paging"].get("nextPageToken")
            if not token:
                return reviews


def test_the_sync_gets_every_review_through_a_503(market_api, market):
    """One 503 on the way: the sync retries it and still gets every review; the log shows both calls."""
    rule = market.post("/faults", json={"operationId": "getFeedbackAndCommentUpdates", "campaignId": STORE,
                                        "status": 503, "count": 1}).json()["result"]

    reviews = sync_reviews(market_api, STORE)

    assert sorted(review["id"] for review in reviews) == [72000001, 72000002]
    log = market.get("/requests", params={"campaignId": STORE}).json()["result"]["requests"]
    assert [(entry["status"], entry["fault"]) for entry in reversed(log)] == [(503, rule["id"]), (200, None)]
    assert all(entry["caller"] == "integration-tests" for entry in log)  # the key's name, never the token


def test_the_rate_limit_window_follows_the_service_clock(market_api, market):
    """A 420 names when its window ends, by the service clock the test set."""
    market.put("/clock", json={"now": "2026-03-02T10:15:00+03:00"}).raise_for_status()
    market.post("/faults", json={"operationId": "getFeedbackAndCommentUpdates", "status": 420, "count": 1})

    refused = httpx.get(f"{market_api}/campaigns/{STORE}/feedback/updates", headers={"Api-Key": API_KEY})

    assert refused.status_code == 420
    # A client waits until the window ends: the next hour of the service clock, not of the wall clock.
    assert refused.headers["X-RateLimit-Resource-Until"] == "Mon, 02 Mar 2026 08:00:00 GMT"
