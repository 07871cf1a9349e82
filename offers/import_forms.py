"""The forms of « Importer des offres » and « Reconduire mes offres »."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from offers import imports
from offers.models import Offer


class OfferImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier des offres"),
        help_text=_(
            "Format .xlsx ou .csv (UTF-8 ou Windows-1252, séparateur « ; » ou « , »), "
            "5 Mo et 5 000 offres au plus."
        ),
        error_messages={
            "required": _("Choisissez le fichier de vos offres."),
            "empty": _("Le fichier est vide."),
            "invalid": _("Choisissez le fichier de vos offres."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.offer_file = imports.read_offer_file(upload)
        except imports.ImportFileError as refused:
            raise ValidationError(str(refused), code="unreadable") from refused
        return upload


class ReconductionForm(forms.Form):
    offers = forms.ModelMultipleChoiceField(
        label=_("Offres à reconduire"),
        queryset=Offer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Cochez au moins une offre à reconduire."),
            "invalid_choice": _(
                "Une offre cochée n’est plus à reconduire (elle vient de l’être ?) : vérifiez "
                "la sélection."
            ),
        },
    )

    def __init__(self, *args, sources, edition_label, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["offers"]
        field.queryset = sources
        field.label = _("Offres de %(edition)s") % {"edition": edition_label}
        field.label_from_instance = lambda offer: (
            f"{offer.title} — {offer.commune} ({offer.department.code}), "
            f"{offer.get_modality_display().lower()}"
        )
