"""Several offers at once, for employer referents: « Importer des offres » (a file, its
preview, then all its offers or none), « Reconduire mes offres » (copies of past offers)
and « Dupliquer cette offre » (the add-offer form filled with another offer's values).

The preview of an import lives in the cache (shared by the app servers), under a key made
of the referent's id and an unguessable token, for an hour: nothing of it comes back from
the browser, and the confirmation checks every row again before saving.
"""

import secrets
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.access import employer_required
from offers import imports, reconduction, workflow
from offers.enums import Modality, Sector
from offers.import_forms import OfferImportForm, ReconductionForm
from offers.models import Offer
from offers.views import _current_edition, _visible_offer, add_offer

PREVIEW_TIMEOUT = 60 * 60
PREVIEW_ROWS_PER_PAGE = 100
LISTED_ERRORS = 200


def with_open_edition(view):
    """Views that add offers: the current edition comes as `edition`; once its week has
    passed, back to « Offres », which says why (rather than a form refused at the end)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        edition = _current_edition()
        if edition.is_past:
            messages.error(
                request,
                _(
                    "L’édition DuoDay %(year)s est terminée : les offres pourront être "
                    "ajoutées dès l’ouverture de la prochaine édition."
                )
                % {"year": edition.year},
            )
            return redirect("offers:list")
        closed = edition.registration_closed_message()
        if closed:
            # Importing or reconducting adds offers: closed as « Ajouter une offre » is.
            return render(request, "offers/offer_creation_closed.html", {"reason": closed})
        return view(request, *args, edition=edition, **kwargs)

    return wrapper


# --- « Importer des offres » ---------------------------------------------------------------


def _preview_key(user, token):
    return f"offers:import-preview:{user.pk}:{token}"


def _store_preview(request, edition, name, rows, ignored_headers):
    token = secrets.token_urlsafe(24)
    preview = {
        "structure": request.structure.pk,
        "edition": edition.pk,
        "name": name,
        "ignored_headers": ignored_headers,
        "rows": [row.as_stored() for row in rows],
    }
    cache.set(_preview_key(request.user, token), preview, PREVIEW_TIMEOUT)
    return token


def _stored_preview(request, token, edition):
    preview = cache.get(_preview_key(request.user, token))
    if (
        preview is None
        or preview["structure"] != request.structure.pk
        or preview["edition"] != edition.pk
    ):
        return None
    return preview


def _preview_gone(request):
    messages.error(
        request,
        _(
            "Cet aperçu n’est plus disponible (il expire au bout d’une heure, ou ses offres "
            "sont déjà importées) : déposez de nouveau votre fichier."
        ),
    )
    return redirect("offers:import")


@employer_required
@with_open_edition
def import_offers(request, edition):
    """The upload form; a readable file is checked row by row, then previewed."""
    form = OfferImportForm(*([request.POST, request.FILES] if request.method == "POST" else []))
    if request.method == "POST" and form.is_valid():
        offer_file = form.offer_file
        rows = imports.check_rows(offer_file.rows, request.structure, edition, request.user)
        token = _store_preview(request, edition, offer_file.name, rows, offer_file.ignored_headers)
        return redirect("offers:import_preview", token=token)
    return render(
        request,
        "offers/import_form.html",
        {
            "form": form,
            "edition": edition,
            "columns": imports.COLUMNS,
            "sectors": Sector.labels,
            "modalities": Modality.labels,
        },
    )


@employer_required
def import_preview(request, token):
    """Every row with its errors; « Importer les N offres » when there is none."""
    edition = _current_edition()
    preview = _stored_preview(request, token, edition)
    if preview is None:
        return _preview_gone(request)
    if request.method == "POST":
        return _confirm_import(request, token, preview, edition)
    rows = preview["rows"]
    errors = [
        imports.error_message(row["line"], column, message)
        for row in rows
        for column, message in row["errors"]
    ]
    invalid_count = sum(1 for row in rows if row["errors"])
    return render(
        request,
        "offers/import_preview.html",
        {
            "edition": edition,
            "name": preview["name"],
            "ignored_headers": preview["ignored_headers"],
            "row_count": len(rows),
            "invalid_count": invalid_count,
            "errors": errors[:LISTED_ERRORS],
            "more_errors": max(len(errors) - LISTED_ERRORS, 0),
            "page_obj": Paginator(rows, PREVIEW_ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "token": token,
        },
    )


def _confirm_import(request, token, preview, edition):
    if any(row["errors"] for row in preview["rows"]):
        messages.error(
            request,
            _("Le fichier comporte des erreurs : corrigez-les, puis déposez-le de nouveau."),
        )
        return redirect("offers:import_preview", token=token)
    # Whoever deletes the preview imports it: a second click finds nothing to import.
    if not cache.delete(_preview_key(request.user, token)):
        return _preview_gone(request)
    rows = imports.check_rows(
        [(row["line"], row["values"]) for row in preview["rows"]],
        request.structure,
        edition,
        request.user,
    )
    if any(not row.is_valid for row in rows):
        token = _store_preview(request, edition, preview["name"], rows, preview["ignored_headers"])
        messages.error(
            request,
            _(
                "Des erreurs sont apparues depuis l’aperçu (un référent désactivé, une édition "
                "modifiée…) : aucune offre n’est enregistrée. Corrigez le fichier puis "
                "déposez-le de nouveau."
            ),
        )
        return redirect("offers:import_preview", token=token)
    try:
        created = workflow.import_offers(
            request.structure, [row.offer for row in rows], request.user
        )
    except workflow.InvalidTransition as refused:
        messages.error(request, str(refused))
        return redirect("offers:import")
    messages.success(
        request,
        ngettext(
            "%(count)s offre importée : elle est « Non concrétisée ».",
            "%(count)s offres importées : elles sont « Non concrétisées ».",
            len(created),
        )
        % {"count": len(created)},
    )
    return redirect("offers:list")


@employer_required
@with_open_edition
def import_template(request, file_format, edition):
    """The file to fill: the expected columns and an example row (XLSX or CSV)."""
    filename = f"modele-import-offres-duoday-{edition.year}.{file_format}"
    if file_format == "xlsx":
        response = HttpResponse(
            imports.template_xlsx(request.structure, edition, request.user),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            imports.template_csv(request.structure, edition, request.user).encode(),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- « Reconduire mes offres » -------------------------------------------------------------


@employer_required
@with_open_edition
def reconduct_offers(request, edition):
    """Choose past offers → preview their copies → « Reconduire les N offres »."""
    past_offers = Offer.objects.visible_to(request.user).filter(edition__year__lt=edition.year)
    years = list(
        past_offers.order_by("-edition__year").values_list("edition__year", flat=True).distinct()
    )
    context = {"edition": edition, "years": years}
    if not years:
        return render(request, "offers/reconduct_form.html", {**context, "form": None})
    year = _chosen_year(request, years)
    copied = Offer.objects.filter(
        structure=request.structure, edition=edition, copied_from__isnull=False
    ).values("copied_from_id")
    of_year = past_offers.filter(edition__year=year).select_related("department")
    sources = of_year.exclude(pk__in=Subquery(copied)).order_by("title", "pk")
    context |= {
        "year": year,
        "already_copied": of_year.filter(pk__in=Subquery(copied)).order_by("title", "pk"),
    }
    form = ReconductionForm(
        request.POST or None,
        sources=sources,
        edition_label=f"DuoDay {year}",
        initial={"offers": list(sources) if "tout" in request.GET else []},
    )
    if request.method != "POST" or not form.is_valid():
        return render(
            request, "offers/reconduct_form.html", {**context, "form": form, "sources": sources}
        )
    copies = reconduction.copies_of(form.cleaned_data["offers"], edition, request.user)
    valid_copies = [copy.offer for copy in copies if copy.offer is not None]
    if "confirmer" not in request.POST or not valid_copies:
        return render(
            request,
            "offers/reconduct_preview.html",
            {**context, "copies": copies, "valid_count": len(valid_copies)},
        )
    try:
        created = workflow.reconduct_offers(request.structure, valid_copies, request.user)
    except workflow.InvalidTransition as refused:
        messages.error(request, str(refused))
        return redirect("offers:reconduct")
    if created:
        messages.success(
            request,
            ngettext(
                "%(count)s offre reconduite dans DuoDay %(year)s.",
                "%(count)s offres reconduites dans DuoDay %(year)s.",
                len(created),
            )
            % {"count": len(created), "year": edition.year},
        )
    else:
        messages.info(request, _("Ces offres étaient déjà reconduites."))
    return redirect("offers:list")


def _chosen_year(request, years):
    try:
        year = int(request.POST.get("annee") or request.GET.get("annee") or years[0])
    except ValueError:
        return years[0]
    return year if year in years else years[0]


# --- « Dupliquer cette offre » -------------------------------------------------------------


@employer_required
def duplicate_offer(request, pk):
    """The add-offer form filled with the offer's values; nothing saved until « Valider »."""
    source = _visible_offer(request, pk)
    edition = _current_edition()
    initial = reconduction.copy_values(
        source, edition, request.user, reconduction.active_referent_ids(request.structure)
    )
    return add_offer(
        request, initial, template="offers/offer_duplicate.html", context={"source": source}
    )
