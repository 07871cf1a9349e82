"""Wagtail's spreadsheet exports (admin listings, form submissions) made safe to open.

Wagtail's `SpreadsheetExportMixin` writes each cell as it converts it to text; a cell whose
text starts with = + - @ would then run as a formula in the coordinator's spreadsheet. Every
export view of the project mixes this in before Wagtail's own view.
"""

from portal.spreadsheets import safe_cell


class SafeSpreadsheetExportMixin:
    """Each cell, headings included, passes through `safe_cell` once converted (a related
    object's `str()` included), in CSV and in XLSX alike."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return safe_cell(super().get_heading(queryset, field))
