"""The coordinators' admin glue, in one place: what wagtail-modeladmin needs around the
listings each app declares (directory/admin_listings.py, offers/admin_listings.py).

- `DuoDayModelAdmin`, the base of every listing: its views refuse whoever has no
  permission on the model, find one object only in `get_queryset` (404 otherwise), apply
  the declared filters and search only, export cells safe for a spreadsheet, and serve the
  listing's `instance_actions` (confirmation pages, `ConfirmActionView`) with the buttons
  of `ActionButtonHelper`;
- `ReadOnlyPermissionHelper` for the listings that only list and inspect;
- the « DuoDay » menu (`duoday_admin`), one group to which each app adds its listings from
  its own `wagtail_hooks.py`, and `duoday_admin.listing_url(Model, field=value…)`, the link
  to a listing filtered by its declared filters (the dashboard's links), built through the
  listing's URL helper.

It lives in `portal`, below the apps (layers: portal ← directory ← offers ← home).
"""

import datetime
import types

from django import forms
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import (
    get_fields_from_path,
    label_for_field,
    lookup_field,
    quote,
    unquote,
)
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import re_path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup
from wagtail_modeladmin.views import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    InstanceSpecificView,
    WMABaseView,
)

from portal.pagination import CappedPages
from portal.spreadsheets import safe_cell

# Listings' views


def _local_datetime_for_csv(value):
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _local_datetime_for_xlsx(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _date_for_csv(value):
    return date_format(value, "SHORT_DATE_FORMAT")


class BoundedSearchHandler(DjangoORMSearchHandler):
    """Searches the declared `search_fields` for the first words of the term only: a pasted
    page of text must not build a query the database refuses."""

    max_length = 200
    max_words = 10

    def search_queryset(self, queryset, search_term, **kwargs):
        words = search_term[: self.max_length].split()[: self.max_words]
        return super().search_queryset(queryset, " ".join(words), **kwargs)


class FrenchPaginator(CappedPages, WagtailPaginator):
    """Wagtail's listing count (« 2 éditions ») with the French rule: 0 and 1 are
    singular (« 0 duo », not « 0 duos »), and the depth of portal/pagination.py: at most
    `MAX_PAGES` pages; « Plus de 5 000 offres » when a search or a filter applies, whose
    count stops one row past the pages (`_counted_once`), the exact number otherwise."""

    @property
    def count_is_bounded(self):
        return getattr(self.object_list, "count_is_bounded", False)

    @cached_property
    def items_count_label(self):
        name = self.verbose_name if self.count <= 1 else self.verbose_name_plural
        if self.is_capped and self.count_is_bounded:
            return _("Plus de %(limit)s %(name)s") % {"limit": self.limit_display, "name": name}
        if self.is_capped:
            # The whole listing, counted exactly, shown up to its last allowed page.
            return _(
                "%(count)s %(name)s (les %(pages)s premières pages : filtrez, cherchez ou "
                "exportez pour voir les autres)"
            ) % {"count": self.count, "name": name, "pages": self.max_pages}
        return f"{self.count} {name}"


def _counted_once(queryset, limit=None):
    """The queryset, whose `count()` runs its query once (the listing's « N résultats » and
    its paginator ask the same queryset object); with `limit`, it counts no further than
    `limit + 1` rows (a search matching 86,000 offers reads 5,001 of them)."""
    count = queryset.count
    if limit is not None:
        count = queryset.order_by()[: limit + 1].count
        queryset.count_is_bounded = True
    counted = []

    def count_once(self):
        if not counted:
            counted.append(count())
        return counted[0]

    # A bound method: Django's Paginator calls `count()` only on a method without
    # arguments (otherwise it would fetch every row for `len()`).
    queryset.count = types.MethodType(count_once, queryset)
    return queryset


class ExportIndexView(IndexView):
    """The modeladmin listing, restricted to what it declares, with spreadsheets a French
    coordinator can read.

    Only the declared `list_filter`s, the search (`q`), the ordering by a column (`o`), the
    page (`p`) and the export apply: wagtail-modeladmin would otherwise turn any other
    parameter into a lookup (`?password__startswith=…`), and the number of rows exported
    would tell the value of any field. An undeclared parameter, a value a filter cannot
    take or a NUL character brings the coordinator back to the whole listing, with a
    message.

    Choice fields export their label, booleans « Oui » / « Non », dates in local time (in
    French in CSV, as dates in XLSX) and empty values as empty cells (instead of the raw
    value and the listing's « - »); every cell is then made safe for a spreadsheet
    (portal/admin_spreadsheets.py), headings too.
    """

    paginator_class = FrenchPaginator
    # Checked in order: datetimes (already first in IndexView's) before dates.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: _local_datetime_for_csv,
            IndexView.FORMAT_XLSX: _local_datetime_for_xlsx,
        },
        datetime.date: {IndexView.FORMAT_CSV: _date_for_csv},
    }

    def get_page_title(self):
        return self.model_admin.get_menu_label()

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(
                request,
                _(
                    "Les filtres ou la recherche demandés ne sont pas valides : "
                    "voici la liste complète."
                ),
            )
            return redirect(request.path)

    def get_queryset(self, request=None):
        # modeladmin asks twice per page (in dispatch, then for the context), and each time
        # builds the filters again, whose choices may run queries.
        if getattr(self, "_filtered_queryset", None) is None:
            if any("\x00" in key + "".join(values) for key, values in self.params.lists()):
                # PostgreSQL refuses the character in a query: never send it.
                raise IncorrectLookupParameters("NUL character")
            queryset = super().get_queryset(request)
            # A search or a filter: « Plus de 5 000 offres » rather than reading every
            # matching row to count them; the whole listing's count stays exact.
            limit = (
                self.items_per_page * self.paginator_class.max_pages if self._narrowed() else None
            )
            self._filtered_queryset = _counted_once(queryset, limit)
        return self._filtered_queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The header's « N sur M »: N bounded by the count (`_counted_once`) says « plus de ».
        paginator = context["paginator"]
        if paginator.is_capped and paginator.count_is_bounded:
            context["result_count"] = _("plus de %(limit)s") % {"limit": paginator.limit_display}
        return context

    def get_base_queryset(self, request=None):
        # The listing counts « N sur M »: the rows of the whole listing (M), then the
        # filtered rows twice (N, then the paginator). Without a filter nor a search both
        # are the same rows: one COUNT(*) for the three (`_counted_once`), not three over
        # 300,000 offers.
        queryset = getattr(self, "_filtered_queryset", None)
        if queryset is not None and not self._narrowed():
            return queryset
        return super().get_base_queryset(request)

    def _narrowed(self):
        """A filter or a search applies: the listing shows fewer rows than it holds."""
        return bool(self.query) or any(
            key not in (self.ORDER_VAR, self.ORDER_TYPE_VAR, self.SEARCH_VAR) for key in self.params
        )

    def get_filters(self, request):
        """The declared filters; each takes its own parameters out of the query string, and
        any parameter left is refused instead of becoming a lookup."""
        filter_specs, has_filters, undeclared, use_distinct = super().get_filters(request)
        if undeclared:
            raise IncorrectLookupParameters(f"undeclared parameters: {sorted(undeclared)}")
        return filter_specs, has_filters, {}, use_distinct

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field) or label_for_field(
            field, model=self.model, model_admin=self.model_admin
        )
        return safe_cell(capfirst(str(heading)))

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            field, _attr, value = lookup_field(name, item, self.model_admin)
            if field is not None and field.choices:
                value = dict(field.flatchoices).get(value, value)
            if isinstance(value, bool):
                value = _("Oui") if value else _("Non")
            elif value is None:
                value = ""
            row[name] = value
        return row


class ScopedInstanceMixin:
    """For the views of one object (inspect, edit, delete, history, actions).

    A user with no permission on the model is refused before anything is looked up, so that
    the answer tells nothing of which ids exist; then a malformed id, or an object the
    listing does not hold (`ModelAdmin.get_queryset`, e.g. a staff account for the
    referents' listing), answers 404 instead of an error.
    """

    def __init__(self, model_admin, instance_pk):
        # InstanceSpecificView would look the object up here, before knowing the request.
        WMABaseView.__init__(self, model_admin)
        self.instance_pk = unquote(instance_pk)
        self.pk_quoted = quote(self.instance_pk)

    def setup(self, request, *args, **kwargs):
        if not self.permission_helper.user_has_any_permissions(request.user):
            raise PermissionDenied
        self.instance = self.load_instance(request)
        super().setup(request, *args, **kwargs)

    def load_instance(self, request):
        try:
            pk = self.opts.pk.to_python(self.instance_pk)
        except ValidationError as malformed:
            raise Http404 from malformed
        return get_object_or_404(self.model_admin.get_queryset(request), pk=pk)


class DuoDayInspectView(ScopedInstanceMixin, InspectView):
    """The modeladmin inspect page; its fields may also name the ModelAdmin's display
    methods, as `list_display` does (e.g. an offer's employer for a duo)."""

    def get_field_label(self, field_name, field=None):
        return label_for_field(field_name, model=self.model, model_admin=self.model_admin)

    def get_field_display_value(self, field_name, field=None):
        if field is None and not hasattr(self.instance, field_name):
            value = getattr(self.model_admin, field_name)(self.instance)
            if value is None or value == "":
                return self.model_admin.get_empty_value_display(field_name)
        else:
            value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Oui") if value else _("Non")
        return value


class DuoDayHistoryView(ScopedInstanceMixin, HistoryView):
    """The log of one object, for those who may see the model only."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_has_any_permissions(user)


class DuoDayEditView(ScopedInstanceMixin, EditView):
    """The edit form of one object the listing holds."""


class DuoDayDeleteView(ScopedInstanceMixin, DeleteView):
    """The deletion of one object the listing holds (where its permission helper allows)."""


class ChoicesAmongFewField(forms.ModelMultipleChoiceField):
    """Objects to tick among a short list (the 101 departments): a value that is none of
    theirs is refused before any query uses it (SQLite fails on an integer beyond 64 bits)."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            known = {str(pk) for pk in self.queryset.values_list("pk", flat=True)}
            for item in value:
                if str(item) not in known:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class ConfirmActionView(ScopedInstanceMixin, InstanceSpecificView):
    """A confirmation page for one action on one object.

    Subclasses name the `action` (its template is `modeladmin/<app>/<model>/<action>.html`),
    say for which objects it is still open (`is_open_for`), and `perform` the action. Who may
    act is the permission helper's `user_can_<action>_obj` (`permits`). The listing's button
    (`ActionButtonHelper`) follows the same two rules.
    """

    action = None
    not_actionable_message = ""
    # The exceptions by which `perform`'s service refuses (nothing done): shown as an error.
    refusal_exceptions = ()

    @classmethod
    def is_open_for(cls, obj):
        """Whether `obj` may still undergo the action."""
        raise NotImplementedError

    @classmethod
    def permits(cls, permission_helper, user, obj):
        """Whether `user` may act on `obj`."""
        return getattr(permission_helper, f"user_can_{cls.action}_obj")(user, obj)

    def check_action_permitted(self, user):
        return self.permits(self.permission_helper, user, self.instance)

    def is_actionable(self):
        return self.is_open_for(self.instance)

    def perform(self, form):
        raise NotImplementedError

    def get_form(self, data=None):
        return None

    def get_template_names(self):
        return self.model_admin.get_templates(self.action)

    def lock_instance(self):
        """The object, locked for the action's transaction (a subclass whose service locks
        other rows first locks them here in the same order)."""
        return self.model._default_manager.select_for_update().get(pk=self.instance.pk)

    def get_next_url(self):
        """The admin page the coordinator came from (a path of this site), or the listing."""
        next_url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if (
            next_url.startswith("/")
            and next_url.isprintable()
            and url_has_allowed_host_and_scheme(
                next_url,
                allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure(),
            )
        ):
            return next_url
        return self.index_url

    def get_context_data(self, **kwargs):
        return super().get_context_data(next_url=self.get_next_url(), **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.is_actionable():
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def get_success_url(self):
        return self.get_next_url()

    def post(self, request, *args, **kwargs):
        if not self.is_actionable():
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        form = self.get_form(request.POST)
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            with transaction.atomic():
                # Locked and checked again: a double click must not act (and e-mail) twice.
                self.instance = self.lock_instance()
                success_message = self.perform(form) if self.is_actionable() else None
        except self.refusal_exceptions as refused:
            # The service refused (and nothing was done): say why.
            messages.error(request, str(refused))
            return redirect(self.get_next_url())
        if success_message is None:
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        messages.success(request, success_message)
        return redirect(self.get_success_url())


class ReasonForm(forms.Form):
    """The reason a coordinator types for an action, e-mailed to the people concerned and
    kept in the object's history; its help text and « required » message are the view's."""

    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": gettext_lazy(
                "Le motif ne doit pas dépasser %(limit_value)d caractères (il en compte "
                "%(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, help_text="", required_message="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text
        if required_message:
            self.fields["reason"].error_messages["required"] = required_message

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if "\x00" in reason:
            raise ValidationError(_("Le motif contient un caractère non autorisé."))
        return reason


class ReasonActionView(ConfirmActionView):
    """An action whose reason the coordinator types (required); its page extends
    modeladmin/reason_action.html."""

    reason_help_text = ""
    reason_required_message = gettext_lazy("Indiquez le motif : il est envoyé par e-mail.")

    def get_form(self, data=None):
        return ReasonForm(
            data,
            help_text=self.reason_help_text,
            required_message=self.reason_required_message,
        )


# Permissions and buttons


class NeverCreatedNorDeletedPermissionHelper(PermissionHelper):
    """Objects the admin neither creates (their own forms do) nor deletes (others keep
    them); editable by those with the model's « change » permission."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReadOnlyPermissionHelper(NeverCreatedNorDeletedPermissionHelper):
    """Listed and inspected only: the services and the users admin change these objects."""

    def user_can_edit_obj(self, user, obj):
        return False


class ActionButtonHelper(ButtonHelper):
    """Adds the buttons of extra actions, leading back to the current page afterwards.

    `actions` lists the (action, label, title) of the listing's `instance_actions`; each
    button shows where its view would act (its `is_open_for` and `permits`). Other rules:
    override `actions_for(obj)`, which lists the (action, label, title) shown for `obj`.
    """

    actions = ()

    def actions_for(self, obj):
        user = self.request.user
        shown = []
        for action, label, title in self.actions:
            view_class = self.view.model_admin.instance_actions[action]
            if view_class.is_open_for(obj) and view_class.permits(
                self.permission_helper, user, obj
            ):
                shown.append((action, label, title))
        return shown

    def action_button(self, pk, classnames_add, classnames_exclude, action, label, title):
        url = self.url_helper.get_action_url(action, quote(pk))
        return {
            "url": f"{url}?{urlencode({'next': self.request.get_full_path()})}",
            "label": label,
            "classname": self.finalise_classname(classnames_add or [], classnames_exclude),
            "title": title,
        }

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        pk = getattr(obj, self.opts.pk.attname)
        extra = [
            self.action_button(pk, classnames_add, classnames_exclude, action, label, title)
            for action, label, title in self.actions_for(obj)
            if action not in (exclude or [])
        ]
        return extra + buttons


# Listings


class DuoDayModelAdmin(ModelAdmin):
    """What every listing of the « DuoDay » menu shares.

    Its views refuse whoever has no permission on the model, whatever the view (listing,
    export, inspect, history, edit, delete, actions); the views of one object find it only in
    `get_queryset` (404 otherwise); the listing applies its declared filters, search and
    ordering only (ExportIndexView) and exports cells safe for a spreadsheet.
    """

    index_view_class = ExportIndexView
    inspect_view_class = DuoDayInspectView
    history_view_class = DuoDayHistoryView
    edit_view_class = DuoDayEditView
    delete_view_class = DuoDayDeleteView
    search_handler_class = BoundedSearchHandler
    list_per_page = 50

    # Extra views on one object, e.g. {"validate": ValidateStructureView}: each gets the
    # URL and URL name modeladmin gives its own actions (`url_helper.get_action_url`).
    instance_actions: dict = {}

    def register_indexing(self):
        # Nothing in the page tree refers to these objects: keep them out of Wagtail's
        # reference index, whose signal handlers would add queries to every save.
        pass

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + tuple(
            re_path(
                self.url_helper.get_action_url_pattern(action),
                self._instance_action_view(view_class),
                name=self.url_helper.get_action_url_name(action),
            )
            for action, view_class in self.instance_actions.items()
        )

    def filter_parameter(self, name):
        """The query-string parameter of the declared filter `name`: a `SimpleListFilter`'s
        `parameter_name`, else the one Django's admin gives a field (`status__exact`,
        `department__id__exact` for a relation)."""
        for list_filter in self.list_filter:
            if isinstance(list_filter, type) and issubclass(list_filter, SimpleListFilter):
                if list_filter.parameter_name == name:
                    return name
                continue
            path = list_filter[0] if isinstance(list_filter, tuple) else list_filter
            if path == name:
                field = get_fields_from_path(self.model, path)[-1]
                if field.is_relation:
                    return f"{path}__{field.target_field.name}__exact"
                return f"{path}__exact"
        raise ValueError(f"{type(self).__name__} declares no filter {name!r}.")

    def filtered_index_url(self, **filters):
        """The listing, filtered by its declared filters: `status=…`, `edition=<pk>`."""
        url = self.url_helper.index_url
        if not filters:
            return url
        query = {self.filter_parameter(name): value for name, value in filters.items()}
        return f"{url}?{urlencode(query)}"

    def _instance_action_view(self, view_class):
        def view(request, instance_pk):
            return view_class.as_view(model_admin=self, instance_pk=instance_pk)(request)

        return view


# The « DuoDay » menu


class DuoDayAdminGroup(ModelAdminGroup):
    menu_label = "DuoDay"
    menu_icon = "group"
    menu_order = 200
    items = ()

    def add(self, *model_admin_classes):
        """Add listings to the menu (as `modeladmin_register` would register them alone)."""
        for model_admin_class in model_admin_classes:
            if model_admin_class in self.items:
                continue
            self.items = (*self.items, model_admin_class)
            model_admin = model_admin_class(parent=self)
            self.modeladmin_instances.append(model_admin)
            model_admin.register_admin_url_finders()
            model_admin.register_indexing()

    def listing(self, model):
        # The apps add their listings from their wagtail_hooks, which Wagtail loads once.
        hooks.search_for_hooks()
        for model_admin in self.modeladmin_instances:
            if model_admin.model is model:
                return model_admin
        raise LookupError(f"No listing of {model.__name__} in the « DuoDay » menu.")

    def listing_url(self, model, **filters):
        """The link to `model`'s listing, filtered by its declared filters."""
        return self.listing(model).filtered_index_url(**filters)

    def is_shown_to(self, user):
        """Whether `user` sees the menu: may list one of its listings at least."""
        return any(
            model_admin.permission_helper.user_can_list(user)
            for model_admin in self.modeladmin_instances
        )


# Registered once, when the first app's wagtail_hooks imports it; its URLs, permissions and
# menu item are read by Wagtail's hooks once every app has added its listings.
duoday_admin = DuoDayAdminGroup()
duoday_admin.register_with_wagtail()
