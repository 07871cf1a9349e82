from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.departments import department_code_for_postcode
from directory.models import Department, User
from directory.validators import validate_printable_name
from offers.models import Offer


class OfferForm(forms.ModelForm):
    department = forms.ModelChoiceField(
        label=_("Département"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("Déduit du code postal"),
        help_text=_("Laissez vide : il est déduit du code postal."),
    )

    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "sector",
            "address",
            "postcode",
            "commune",
            "department",
            "modality",
            "date",
            "schedule",
            "accessibility",
            "referent",
        ]
        labels = {
            "title": _("Intitulé du poste"),
            "description": _("Description des missions"),
            "sector": _("Secteur d'activité"),
            "address": _("Adresse"),
            "postcode": _("Code postal"),
            "commune": _("Commune"),
            "modality": _("Modalité"),
            "date": _("Date"),
            "schedule": _("Horaires"),
            "accessibility": _("Accessibilité du lieu"),
            "referent": _("Référent de l'offre"),
        }
        help_texts = {
            "date": _(
                "Format attendu : JJ/MM/AAAA. Par défaut, la date du DuoDay ; dans la semaine "
                "DuoDay."
            ),
            "schedule": _("Par exemple : 9 h – 17 h"),
            "accessibility": _("Accès, ascenseur, stationnement, aménagements possibles…"),
            "referent": _(
                "Son nom, son e-mail et son téléphone sont communiqués aux "
                "structures accompagnantes."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "date": forms.DateInput(format="%d/%m/%Y"),
            "modality": forms.RadioSelect,
        }

    def __init__(self, *args, structure, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.edition = edition
        self.fields["referent"].queryset = User.objects.filter(
            structure=structure, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["referent"].label_from_instance = lambda user: (
            f"{user.get_full_name()} ({user.email})"
        )
        self.fields["date"].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
        if not self.instance.pk and not self.initial.get("date"):
            # model_to_dict() already put the new offer's empty date in `initial`.
            self.initial["date"] = edition.duoday_date

    def clean_date(self):
        date = self.cleaned_data["date"]
        if not self.edition.week_contains(date):
            raise ValidationError(
                _(
                    "La date doit être comprise dans la semaine DuoDay %(year)s, du %(start)s "
                    "au %(end)s."
                )
                % {
                    "year": self.edition.year,
                    "start": date_format(self.edition.week_start, "SHORT_DATE_FORMAT"),
                    "end": date_format(self.edition.week_end, "SHORT_DATE_FORMAT"),
                },
                code="outside_week",
            )
        return date

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if postcode:
            try:
                code = department_code_for_postcode(postcode)
            except ValidationError as error:
                self.add_error("postcode", error)
                return cleaned
            department = cleaned.get("department")
            if department is not None and department.code != code:
                self.add_error(
                    "department",
                    _("Le département ne correspond pas au code postal %(postcode)s.")
                    % {"postcode": postcode},
                )
            else:
                cleaned["department"] = self.department_of_code(code)
                self._check_department_kept(cleaned["department"])
        return cleaned

    def department_of_code(self, code):
        """The department of an INSEE code (the import serves it from memory)."""
        return Department.objects.get(code=code)

    def _check_department_kept(self, department):
        """Interested SAs serve this department: the offer may not leave it."""
        if (
            self.instance.pk
            and department.pk != self.instance.department_id
            and self.instance.interests.exists()
        ):
            self.add_error(
                "postcode",
                _(
                    "Des structures accompagnantes se sont positionnées sur cette offre : elle "
                    "ne peut pas changer de département. Supprimez-la et créez-en une nouvelle."
                ),
            )

    def _post_clean(self):
        super()._post_clean()
        if not self.instance.pk:
            self.instance.structure = self.structure
            self.instance.edition = self.edition
        if self.cleaned_data.get("department"):
            self.instance.department = self.cleaned_data["department"]


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Message à l'employeur (facultatif)"),
        required=False,
        max_length=2000,
        help_text=_(
            "N’y écrivez aucune information sur la santé ou le handicap de la personne "
            "accompagnée. Ce message est transmis à l’employeur et effacé une fois "
            "l’édition passée."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DuoForm(forms.Form):
    person_first_name = forms.CharField(
        label=_("Prénom de la personne"), max_length=150, validators=[validate_printable_name]
    )
    person_last_name = forms.CharField(
        label=_("Nom de la personne"), max_length=150, validators=[validate_printable_name]
    )
