from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.access import employer_required, referent_required, support_required
from directory.models import User
from offers import refusals, workflow
from offers.enums import OPEN_STATUSES
from offers.filters import OfferFilter, employer_offer_filter
from offers.forms import DuoForm, InterestForm, OfferForm
from offers.models import Duo, Edition, Interest, Offer
from portal.pagination import capped_page

OFFERS_PER_PAGE = 20


def _visible_offer(request, pk):
    """The only way to load an offer for a user: anything not theirs answers 404."""
    return get_object_or_404(
        Offer.objects.visible_to(request.user).select_related(
            "edition", "department", "referent", "structure"
        ),
        pk=pk,
    )


def _current_edition():
    edition = Edition.current()
    if edition is None:
        raise Http404
    return edition


@referent_required
def offer_list(request):
    structure = request.structure
    if structure.is_employer:
        offers = Offer.objects.visible_to(request.user)
        filterset = employer_offer_filter(
            request.GET or None, structure, offers.select_related("department")
        )
    else:
        # Offers whose duo the SA formed are under « Mes duos ».
        offers = Offer.objects.answerable_by(request.user).select_related("department", "structure")
        filterset = OfferFilter(
            request.GET or None,
            queryset=offers,
            departments=structure.served_departments.all(),
            statuses=OPEN_STATUSES,
        )
    page_obj = capped_page(
        filterset.qs.order_by("-created_at", "-pk"), OFFERS_PER_PAGE, request.GET.get("page")
    )
    return render(
        request,
        "offers/offer_list.html",
        {"filter": filterset, "page_obj": page_obj, "structure": structure},
    )


@employer_required
def offer_create(request):
    return add_offer(request, initial={"referent": request.user})


def add_offer(request, initial, template="offers/offer_form.html", context=None):
    """« Ajouter une offre » → « Valider »: a new offer of the current edition, the form
    filled with `initial` (another offer's values for « Dupliquer cette offre »)."""
    edition = _current_edition()
    closed = edition.registration_closed_message()
    if closed:
        return render(request, "offers/offer_creation_closed.html", {"reason": closed})
    offer = Offer(structure=request.structure, edition=edition, referent=request.user)
    form = OfferForm(
        request.POST or None,
        instance=offer,
        structure=request.structure,
        edition=edition,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            offer = workflow.create_offer(form.instance)
        except workflow.InvalidTransition as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Votre offre est enregistrée."))
            return redirect("offers:detail", pk=offer.pk)
    return render(request, template, {"form": form, "edition": edition, **(context or {})})


@referent_required
def offer_detail(request, pk):
    offer = _visible_offer(request, pk)
    structure = request.structure
    active_duo = offer.duos.active().select_related("structure").first()
    context = {"offer": offer, "duo": active_duo, "structure": structure}
    if structure.is_employer:
        context["interests"] = offer.interests.select_related("structure", "user").prefetch_related(
            Prefetch(
                "structure__referents",
                queryset=User.objects.filter(is_active=True).order_by("last_name"),
                to_attr="active_referents",
            )
        )
    else:
        context["own_interest"] = offer.interests.filter(structure=structure).first()
        context["own_duo"] = (
            active_duo if active_duo and active_duo.structure_id == structure.pk else None
        )
        context["interest_form"] = InterestForm()
        context["duo_form"] = DuoForm()
    return render(request, "offers/offer_detail.html", context)


@employer_required
def offer_edit(request, pk):
    offer = _visible_offer(request, pk)
    if offer.is_read_only:
        raise Http404
    form = OfferForm(
        request.POST or None, instance=offer, structure=request.structure, edition=offer.edition
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.update_offer(form.instance, request.structure)
        except workflow.InvalidTransition as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Votre offre est modifiée."))
            return redirect("offers:detail", pk=offer.pk)
    return render(
        request, "offers/offer_form.html", {"form": form, "offer": offer, "edition": offer.edition}
    )


@referent_required
def offer_delete(request, pk):
    offer = _visible_offer(request, pk)
    if offer.is_read_only:
        raise Http404
    refusal = offer.deletion_refusal(request.structure)
    if refusal and request.structure.is_support:
        # Only the SA that formed the duo may delete the offer: no page for the others.
        raise Http404
    error = None
    if refusal:
        # Say why at once, in the guide's words, rather than after a confirmation.
        return render(
            request, "offers/offer_delete.html", {"offer": offer, "refused": True}, status=403
        )
    if request.method == "POST":
        try:
            workflow.delete_offer(offer, request.structure)
        except workflow.InvalidTransition as refused:
            error = str(refused)
        else:
            messages.success(
                request, _("L’offre « %(title)s » est supprimée.") % {"title": offer.title}
            )
            if request.structure.is_support:
                return redirect("offers:my_duos")
            return redirect("offers:list")
    return render(request, "offers/offer_delete.html", {"offer": offer, "error": error})


@support_required
def declare_interest(request, pk):
    try:
        offer = _visible_offer(request, pk)
    except Http404:
        if request.method != "POST" or _filled_meanwhile(request, pk) is None:
            raise
        messages.error(request, refusals.FILLED_BY_ANOTHER)
        return redirect("offers:list")
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.declare_interest(
                offer, request.structure, request.user, form.cleaned_data["message"]
            )
        except workflow.InvalidTransition as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _(
                    "Votre intérêt est enregistré : l’employeur est prévenu. Contactez-le pour "
                    "organiser le duo."
                ),
            )
        return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/interest_form.html", {"offer": offer, "form": form})


@support_required
def withdraw_interest(request, pk):
    offer = _visible_offer(request, pk)
    if request.method == "POST":
        try:
            workflow.withdraw_interest(offer, request.structure)
        except workflow.InvalidTransition as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Votre intérêt est retiré."))
        return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/withdraw_interest.html", {"offer": offer})


def _filled_meanwhile(request, pk):
    """An offer within the SA's reach that another SA has just filled. Only a POST (the
    SA's answer to a page it saw a moment ago) is told so; any other request gets a 404."""
    return Offer.objects.filled_within_reach_of(request.structure).filter(pk=pk).first()


@support_required
def form_duo(request, pk):
    try:
        offer = _visible_offer(request, pk)
    except Http404:
        if request.method != "POST" or _filled_meanwhile(request, pk) is None:
            raise
        messages.error(
            request,
            refusals.DUO_FORMED_BY_ANOTHER,
        )
        return redirect("offers:list")
    form = DuoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.form_duo(
                offer,
                request.structure,
                request.user,
                form.cleaned_data["person_first_name"],
                form.cleaned_data["person_last_name"],
            )
        except workflow.InvalidTransition as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Le duo est constitué : l’offre est « Concrétisée »."))
            return redirect("offers:detail", pk=offer.pk)
    return render(request, "offers/duo_form.html", {"offer": offer, "form": form})


def _own_active_duo(request, pk):
    return get_object_or_404(
        Duo.objects.active()
        .filter(structure=request.structure)
        .select_related("offer", "offer__edition"),
        pk=pk,
    )


@support_required
def my_duos(request):
    duos = (
        Duo.objects.active()
        .filter(structure=request.structure, offer__edition__is_current=True)
        # What the page shows: the offer and its employer's name.
        .select_related("offer", "offer__structure")
        .order_by("-created_at", "-pk")
    )
    interests = (
        Interest.objects.filter(
            structure=request.structure,
            offer__edition__is_current=True,
            offer__status__in=OPEN_STATUSES,
        )
        .select_related("offer", "offer__structure")
        .order_by("-created_at", "-pk")
    )
    # An SA's own duos: a few hundred at most, every page reachable.
    page_obj = Paginator(duos, OFFERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "offers/my_duos.html", {"page_obj": page_obj, "interests": interests[:50]}
    )


@support_required
def cancel_duo(request, pk):
    duo = _own_active_duo(request, pk)
    error = None
    if request.method == "POST":
        try:
            workflow.cancel_duo(duo, request.structure)
        except workflow.InvalidTransition as refused:
            error = str(refused)
        else:
            messages.success(request, _("Le duo est annulé : l’offre est de nouveau « En cours »."))
            return redirect("offers:my_duos")
    return render(request, "offers/duo_cancel.html", {"duo": duo, "error": error})


@referent_required
def history(request):
    """Past editions' duos of the structure, on either side."""
    structure = request.structure
    side = Q(offer__structure=structure) if structure.is_employer else Q(structure=structure)
    duos = (
        Duo.objects.active()
        .filter(side, offer__edition__week_end__lt=timezone.localdate())
        .select_related("offer", "offer__edition", "offer__structure", "structure")
        .order_by("-offer__edition__year", "offer__title", "pk")
    )
    # The structure's own past duos: every page reachable (their attestations).
    page_obj = Paginator(duos, OFFERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "offers/history.html", {"page_obj": page_obj, "structure": structure})
