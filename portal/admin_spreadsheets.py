"""Every spreadsheet Wagtail's admin writes, made safe to open.

Wagtail writes its exports (the « DuoDay » listings of wagtail-modeladmin, the contact form's
submissions, the site history and the other reports, the redirects) through one mixin,
`SpreadsheetExportMixin`, which converts each cell to text (`preprocess_field_value`) with no
hook to wrap it. A cell whose text starts with = + - @ would run as a formula in the
coordinator's spreadsheet: a structure named « =HYPERLINK(...) » reaches the site history's
export as the label of its log entries. `guard_wagtail_exports` (called once when the apps
are ready, home/apps.py) passes every cell and heading of every such export through
`portal.spreadsheets.safe_cell`, after its conversion to text, in CSV and XLSX alike.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from portal.spreadsheets import safe_cell


def guard_wagtail_exports():
    if getattr(SpreadsheetExportMixin, "cells_guarded", False):
        return
    convert_cell = SpreadsheetExportMixin.preprocess_field_value
    convert_heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(convert_cell(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return safe_cell(convert_heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin.cells_guarded = True
