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
