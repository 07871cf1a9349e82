"""CSV and XLSX downloads written row by row: a table of any length never sits in memory.

`rows` is an iterable of lists of values (text, numbers, dates, datetimes); every cell goes
through `portal.spreadsheets.safe_cell`, the one guard against formula injection.

- CSV: streamed as it is written (`StreamingHttpResponse`), `;`-separated with a UTF-8
  byte order mark, as French Excel expects; dates as « 19/11/2026 ».
- XLSX: openpyxl's write-only workbook, appended row by row to a temporary file (kept in
  memory while small, on disk past that), then streamed (`FileResponse`); dates stay dates.
"""

import csv
import datetime
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.spreadsheets import safe_cell

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BYTE_ORDER_MARK = "\ufeff"
# Past this size the XLSX file under construction moves from memory to disk.
XLSX_IN_MEMORY_BYTES = 5 * 1024 * 1024
COLUMN_WIDTH = 24


def _local(value):
    """Aware datetimes in local time, without their time zone (a spreadsheet has none)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


class _Echo:
    """The file-like object `csv.writer` writes to: it hands each line back."""

    def write(self, line):
        return line


def _csv_text(value):
    value = safe_cell(_local(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def csv_download(filename, headers, rows):
    """A `;`-separated CSV attachment `<filename>.csv`, streamed while it is written."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield BYTE_ORDER_MARK
        yield writer.writerow([_csv_text(header) for header in headers])
        for row in rows:
            yield writer.writerow([_csv_text(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=safe_cell(_local(value)))
    if isinstance(cell.value, datetime.datetime):
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(cell.value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def xlsx_download(filename, sheet_title, headers, rows):
    """An XLSX attachment `<filename>.xlsx` with one sheet, headers in bold."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    sheet.freeze_panes = "A2"
    for column in range(1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN_WIDTH
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(header)))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    spooled = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY_BYTES)
    workbook.save(spooled)
    spooled.seek(0)
    return FileResponse(
        spooled,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
