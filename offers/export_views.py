"""Downloads of the personal space: exports (CSV, XLSX) and the attestation de stage (PDF).

Thin views: the rows come from offers/exports.py through the querysets that say who sees
what (`Offer.objects.visible_to`, `Duo.objects.party_to`), the files from
portal/spreadsheet_downloads.py and offers/attestations.py.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.access import employer_required, referent_required, support_required
from offers import attestations, exports
from offers.filters import employer_offer_filter
from offers.models import Duo, Offer
from portal.spreadsheet_downloads import csv_download, xlsx_download


def _download(file_format, filename, sheet_title, table):
    headers, rows = table
    if file_format == "csv":
        return csv_download(filename, headers, rows)
    return xlsx_download(filename, sheet_title, headers, rows)


def _check_format(file_format):
    if file_format not in ("csv", "xlsx"):
        raise Http404


@never_cache
@employer_required
def export_offers(request, file_format):
    """« Exporter (CSV) » / « Exporter (XLSX) » of « Offres »: the offers of the list,
    with its current filters."""
    _check_format(file_format)
    offers = employer_offer_filter(
        request.GET or None, request.structure, Offer.objects.visible_to(request.user)
    ).qs.order_by("-created_at", "-pk")
    filename = f"offres-duoday-{timezone.localdate():%Y-%m-%d}"
    return _download(file_format, filename, _("Offres"), exports.offer_table(offers))


@never_cache
@support_required
def export_duos(request, file_format):
    """« Exporter (CSV) » / « Exporter (XLSX) » of « Mes duos »: every duo the SA formed,
    all editions."""
    _check_format(file_format)
    duos = Duo.objects.party_to(request.user).order_by(
        "-offer__edition__year", "-created_at", "-pk"
    )
    filename = f"duos-duoday-{timezone.localdate():%Y-%m-%d}"
    return _download(file_format, filename, _("Duos"), exports.duo_table(duos))


@never_cache
@referent_required
def attestation(request, pk):
    """« Télécharger l'attestation »: for the duo's two parties only, 404 for anyone else."""
    duo = get_object_or_404(
        Duo.objects.party_to(request.user).select_related(
            "structure", "offer__edition", "offer__structure", "offer__referent"
        ),
        pk=pk,
    )
    response = HttpResponse(attestations.render_attestation(duo), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, attestations.attestation_filename(duo)
    )
    return response
