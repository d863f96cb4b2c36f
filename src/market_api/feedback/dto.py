"""Reviews rendered exactly as the contract's FeedbackDTO: only its fields, ISO 8601 times with offset."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import orjson

from market_api.feedback.regions import region_dto
from market_api.platform.clock import moscow_iso_of as iso


def _json_value(value: Any) -> Any:
    """A JSON column's value for orjson: as is when decoded, else (JSON text as SQLite stores it) put in
    the answer unparsed; JSON null is None."""
    if isinstance(value, str):
        return None if value == "null" else orjson.Fragment(value)
    return value


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def comment_tree(comments: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Top-level comments with their replies nested as `children`."""
    nodes = {c["id"]: _comment_dto(c) for c in comments}
    roots: list[dict[str, Any]] = []
    for comment in comments:
        parent = nodes.get(comment["parent_id"]) if comment["parent_id"] is not None else None
        if parent is None:
            roots.append(nodes[comment["id"]])
        else:
            parent.setdefault("children", []).append(nodes[comment["id"]])
    return roots


def _comment_dto(comment: Mapping[str, Any]) -> dict[str, Any]:
    author = _without_none({"type": comment["author_type"], "name": comment["author_name"]})
    return _without_none({
        "id": comment["id"], "parentId": comment["parent_id"], "body": comment["body"],
        "createdAt": iso(comment["created_at"]), "updatedAt": iso(comment["updated_at"]), "author": author,
    })


def feedback_dto(review: Mapping[str, Any], comments: Sequence[Mapping[str, Any]], shop_name: str) -> dict[str, Any]:
    """A review as the contract's FeedbackDTO: `review` a feedback_reviews row, `comments` its live
    comments (as rows, oldest first), `shop_name` the store's name; absent values are left out."""
    # Built key by key rather than filtered afterwards: a page read afresh renders twenty of these.
    dto: dict[str, Any] = {"id": review["id"], "createdAt": iso(review["created_at"])}
    if review["text"] is not None:
        dto["text"] = review["text"]
    dto["state"] = review["state"]
    if review["author_name"] is not None:
        author: dict[str, Any] = {"name": review["author_name"]}
        if review["author_region_id"] is not None:
            author["region"] = region_dto(review["author_region_id"])
        dto["author"] = author
    if review["pro"] is not None:
        dto["pro"] = review["pro"]
    if review["contra"] is not None:
        dto["contra"] = review["contra"]
    dto["comments"] = comment_tree(comments)
    dto["shop"] = {"name": shop_name}
    dto["resolved"] = review["resolved"]
    dto["verified"] = review["verified"]
    if review["recommend"] is not None:
        dto["recommend"] = review["recommend"]
    dto["grades"] = {"average": review["grade"], "agreeCount": review["agree_count"],
                     "rejectCount": review["reject_count"], "factors": _json_value(review["factors"])}
    order = _without_none({"shopOrderId": review["shop_order_id"], "delivery": review["delivery"]})
    if order:
        dto["order"] = order
    return dto
