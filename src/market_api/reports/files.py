"""Report files from a sheet definition and a stream of rows: XLSX, a ZIP of CSV, a ZIP of JSON.

Rows are tuples in the sheet's column order, typed by the database columns they come from (numbers
are ints and floats, text is str, missing is None). Every format is written as the rows arrive, so
memory stays flat however long the report is.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson
import xlsxwriter

from market_api.reports.sheets import XLSX_MAX_ROWS, Sheet

@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str


KINDS = {
    "FILE": FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "CSV": FileKind("zip", "application/zip"),
    "JSON": FileKind("zip", "application/zip"),
}


class TooLarge(Exception):
    """More rows than the format (or the configured cap) allows."""


class ReportWriter:
    """Writes one sheet to one file, rows arriving in chunks. Raises TooLarge past `max_rows`."""

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        self.sheet = sheet
        self.path = path
        self.max_rows = max_rows
        self.count = 0

    def write(self, rows: Sequence[Sequence]) -> None:
        if self.count + len(rows) > self.max_rows:
            raise TooLarge()
        self._write(rows)
        self.count += len(rows)

    def _write(self, rows: Sequence[Sequence]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class XlsxWriter(ReportWriter):
    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, min(max_rows, XLSX_MAX_ROWS - 1))
        self.workbook = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
            "strings_to_urls": False})
        self.worksheet = self.workbook.add_worksheet(sheet.sheet)
        self.worksheet.write_row(0, 0, [c.xlsx for c in sheet.columns])

    def _write(self, rows: Sequence[Sequence]) -> None:
        write_string, write_number = self.worksheet.write_string, self.worksheet.write_number
        for offset, values in enumerate(rows, start=self.count + 1):
            for column, value in enumerate(values):
                if isinstance(value, str):
                    write_string(offset, column, value)
                elif value is not None:
                    write_number(offset, column, value)

    def close(self) -> None:
        self.workbook.close()


class ZipMemberWriter(ReportWriter):
    """A report written as the one member of a ZIP archive, `<file name>.<extension>`."""

    extension = ""

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        self.archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.out = self.archive.open(f"{sheet.file}.{self.extension}", "w")

    def close(self) -> None:
        self.out.close()
        self.archive.close()


class CsvZipWriter(ZipMemberWriter):
    extension = "csv"

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        self.text = io.TextIOWrapper(self.out, encoding="utf-8", newline="")
        self.csv = csv.writer(self.text)
        self.csv.writerow([c.csv for c in sheet.columns])

    def _write(self, rows: Sequence[Sequence]) -> None:
        self.csv.writerows(rows)  # None is written as an empty field

    def close(self) -> None:
        self.text.close()  # flushes and closes the member
        self.archive.close()


class JsonZipWriter(ZipMemberWriter):
    extension = "json"

    def __init__(self, sheet: Sheet, path: Path, max_rows: int) -> None:
        super().__init__(sheet, path, max_rows)
        self.out.write(b"[")

    def _write(self, rows: Sequence[Sequence]) -> None:
        keys = self.sheet.keys
        items = b",".join(orjson.dumps(dict(zip(keys, values))) for values in rows)
        self.out.write((b"," if self.count and items else b"") + items)

    def close(self) -> None:
        self.out.write(b"]")
        super().close()


WRITERS: dict[str, type[ReportWriter]] = {"FILE": XlsxWriter, "CSV": CsvZipWriter, "JSON": JsonZipWriter}


def file_name(sheet: Sheet, report_format: str) -> str:
    return f"{sheet.file}.{KINDS[report_format].extension}"
