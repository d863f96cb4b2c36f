"""Schemathesis hooks for the contract test (loaded through SCHEMATHESIS_HOOKS)."""

from __future__ import annotations

import schemathesis


def _sent_empty(value: object) -> bool:
    """Whether a generated query value may go on the wire as an empty `name=` (or not at all): an empty
    string, None, an empty list, or an object (which a query string cannot carry; it goes out as `name=`)."""
    if isinstance(value, dict):
        return True
    if isinstance(value, list):
        return not value or any(_sent_empty(item) for item in value)
    return value is None or value == ""


@schemathesis.hook
def filter_query(ctx, query):
    """A query parameter sent with an empty value is the parameter left out, on the real API as here
    (clients open paging with `page_token=`): such a request is not a schema-violating one."""
    return not query or not any(_sent_empty(value) for value in query.values())
