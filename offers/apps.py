from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offres")

    def ready(self):
        from directory.extensions import add_employer_departments_source, referent_deactivated
        from directory.registration_gates import add_registration_gate
        from offers.directory_extensions import hand_over_offers, offer_department_ids
        from offers.editions import employer_registration_gate

        add_registration_gate(employer_registration_gate)
        add_employer_departments_source(offer_department_ids)
        referent_deactivated.connect(hand_over_offers, dispatch_uid="offers_hand_over_offers")
        connect_page_cache_purges()


def connect_page_cache_purges():
    """A change to what the public search shows forgets the visitors' cached pages
    (portal/page_cache.py). Bulk writes that send no signal call `purge()` themselves."""
    from django.db.models.signals import post_delete, post_save

    from directory.models import Structure
    from offers.models import Duo, Edition, Interest, Offer

    for model in (Offer, Edition, Interest, Duo, Structure):
        for signal in (post_save, post_delete):
            signal.connect(
                _purge, sender=model, dispatch_uid=f"page_cache_{model.__name__}_{id(signal)}"
            )


def _purge(**kwargs):
    from portal.page_cache import purge

    purge()
