"""Links into the coordinators' « DuoDay » listings, for the dashboard and the digest.

Built with the listings' own URL helper and the query parameters of the filters they
declare (admin_listings.py), so that a link opens the listing filtered as its count says.
"""

from django.contrib.admin.utils import quote
from django.utils.http import urlencode
from wagtail_modeladmin.helpers import AdminURLHelper

from directory.admin_listings import (
    ModificationRequestAdmin,
    StructureAdmin,
    ValidationStateFilter,
)
from directory.enums import StructureKind
from directory.models import ModificationRequest


def _url_helper(model_admin_class):
    return (model_admin_class.url_helper_class or AdminURLHelper)(model_admin_class.model)


def support_structures_awaiting_validation_url():
    index = _url_helper(StructureAdmin).index_url
    filters = {
        "kind__exact": StructureKind.SUPPORT,
        ValidationStateFilter.parameter_name: "pending",
    }
    return f"{index}?{urlencode(filters)}"


def pending_modification_requests_url():
    index = _url_helper(ModificationRequestAdmin).index_url
    return f"{index}?{urlencode({'status__exact': ModificationRequest.Status.PENDING})}"


def structure_validation_url(structure):
    return _url_helper(StructureAdmin).get_action_url("validate", quote(structure.pk))


def modification_processing_url(modification):
    return _url_helper(ModificationRequestAdmin).get_action_url("process", quote(modification.pk))
