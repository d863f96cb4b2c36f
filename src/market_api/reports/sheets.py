"""Report sheets as data (sheets.toml): one definition per sheet drives the XLSX, CSV and JSON files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

# The XLSX format's hard limit, header row included.
XLSX_MAX_ROWS = 1_048_576


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its headers in each format, and its type."""

    csv: str
    json: str
    xlsx: str
    type: str  # "string" | "integer" | "number"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its key in sheets.toml, XLSX sheet name, archive file name, and columns in order."""

    key: str
    sheet: str
    file: str
    columns: tuple[Column, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """The JSON keys of the columns, in the sheet's order."""
        return tuple(c.json for c in self.columns)


@cache
def sheets() -> dict[str, Sheet]:
    """Every sheet of sheets.toml, by key (read once)."""
    data = tomllib.loads(resources.files("market_api.reports").joinpath("sheets.toml").read_text("utf-8"))
    return {
        key: Sheet(key, entry["sheet"], entry["file"], tuple(Column(**c) for c in entry["columns"]))
        for key, entry in data.items()
    }


def sheet(key: str) -> Sheet:
    """The sheet with this key in sheets.toml; KeyError if there is none."""
    return sheets()[key]
