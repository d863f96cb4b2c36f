"""Market's region tree (city → subject → federal district → country), as RegionDTO."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class RegionRow:
    """One region of the reference data: Market region id, name, RegionType, and its parent (None: the
    top)."""

    id: int
    name: str
    type: str
    parent_id: int | None


@cache
def region_rows() -> dict[int, RegionRow]:
    """The reference data shipped with the package (also loaded into the regions table by a migration)."""
    text = resources.files("market_api.feedback").joinpath("regions.csv").read_text("utf-8")
    rows = {}
    for record in csv.DictReader(text.splitlines()):
        parent = record["parent_id"]
        region_id = int(record["id"])
        rows[region_id] = RegionRow(region_id, record["name"], record["type"], int(parent) if parent else None)
    return rows


@cache
def region_dto(region_id: int) -> dict:
    """A region with its parents up to the country. Cached: the tree does not change at run time."""
    row = region_rows()[region_id]
    dto: dict = {"id": row.id, "name": row.name, "type": row.type}
    if row.parent_id is not None:
        dto["parent"] = region_dto(row.parent_id)
    return dto
