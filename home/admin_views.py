"""The contact form's submissions as the editors list and export them in the admin."""

from wagtail.contrib.forms.views import SubmissionsListView

from portal.admin_spreadsheets import SafeSpreadsheetExportMixin


class ContactSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's list of submissions, whose CSV/XLSX export keeps a visitor's message
    beginning with « = » as text."""
