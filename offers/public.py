"""The public search of open offers, shown by the « Trouver une offre » page."""

from django.core.paginator import Paginator

from offers.enums import OPEN_STATUSES
from offers.filters import OfferFilter
from offers.models import Offer

PUBLIC_OFFERS_PER_PAGE = 20


def public_search(request):
    offers = Offer.objects.public().select_related("department", "structure")
    filterset = OfferFilter(request.GET or None, queryset=offers, statuses=OPEN_STATUSES)
    del filterset.filters["status"]
    page_obj = Paginator(
        filterset.qs.order_by("-created_at", "-pk"), PUBLIC_OFFERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return {"filter": filterset, "page_obj": page_obj}
