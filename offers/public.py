"""What visitors see of the offers: the public search of open offers (the « Trouver une
offre » page) and a public page per open offer, never a referent's contact."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from offers.enums import OPEN_STATUSES
from offers.filters import OfferFilter
from offers.models import Offer
from portal.pagination import capped_page

PUBLIC_OFFERS_PER_PAGE = 20


def public_search(request):
    offers = Offer.objects.public().select_related("department", "structure")
    filterset = OfferFilter(request.GET or None, queryset=offers, statuses=OPEN_STATUSES)
    del filterset.filters["status"]
    page_obj = capped_page(
        filterset.qs.order_by("-created_at", "-pk"), PUBLIC_OFFERS_PER_PAGE, request.GET.get("page")
    )
    return {"filter": filterset, "page_obj": page_obj}


def public_offer(request, offer_id):
    """One open offer of the current edition (anything else answers 404), and the link to
    it in the personal space of a referent who may act on it."""
    offer = get_object_or_404(
        Offer.objects.public().select_related("department", "structure"), pk=offer_id
    )
    in_own_space = Offer.objects.visible_to(request.user).filter(pk=offer.pk).exists()
    return {
        "offer": offer,
        "own_space_url": reverse("offers:detail", args=[offer.pk]) if in_own_space else None,
    }
