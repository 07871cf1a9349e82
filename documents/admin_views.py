"""Wagtail's collection forms with the choice of who may download the documents.

« Éditeurs » (and « Coordination ») add and change collections (directory/roles.py); each
collection is public or restricted to logged-in users (documents/resources.py), chosen in
its form rather than through Wagtail's « Confidentialité » dialog (which also offers a
password or groups, which the portal does not use). The views replace Wagtail's own at the
same addresses (documents/admin_urls.py).
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.collections import CollectionForm
from wagtail.admin.views import collections

from documents.setup import set_restricted

PUBLIC = "public"
RESTRICTED = "restricted"


class CollectionAccessForm(CollectionForm):
    access = forms.ChoiceField(
        label=gettext_lazy("Accès aux documents"),
        choices=[
            (PUBLIC, gettext_lazy("Public : tout le monde peut les télécharger")),
            (
                RESTRICTED,
                gettext_lazy(
                    "Réservé aux personnes connectées : référents des structures validées "
                    "et équipe DuoDay"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        initial=PUBLIC,
        error_messages={"required": gettext_lazy("Choisissez qui peut télécharger ses documents.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        restrictions = self.instance.get_view_restrictions()
        self.initial["access"] = RESTRICTED if restrictions.exists() else PUBLIC
        inherited = restrictions.exclude(collection=self.instance).select_related("collection")
        parent = inherited.first()
        if parent is not None:
            self.fields["access"].disabled = True
            self.fields["access"].help_text = _(
                "Réservé, comme la collection « %(parent)s » qui la contient."
            ) % {"parent": parent.collection.name}

    def restricted(self):
        return self.cleaned_data["access"] == RESTRICTED


class CollectionCreateView(collections.Create):
    form_class = CollectionAccessForm

    def save_instance(self):
        instance = super().save_instance()
        set_restricted(instance, self.form.restricted())
        return instance


class CollectionEditView(collections.Edit):
    form_class = CollectionAccessForm
    # Without Wagtail's « Confidentialité » switch: the choice is in the form.
    template_name = "wagtailadmin/generic/edit.html"

    def save_instance(self):
        instance = super().save_instance()
        if not self.form.fields["access"].disabled:
            set_restricted(instance, self.form.restricted())
        return instance
