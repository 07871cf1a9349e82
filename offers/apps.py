from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offres")

    def ready(self):
        from directory.registration_gates import add_registration_gate
        from offers.editions import employer_registration_gate

        add_registration_gate(employer_registration_gate)
