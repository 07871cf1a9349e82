"""Links into the coordinators' « DuoDay » listings, for the dashboard and the digest.

Built by the listings themselves (`duoday_admin`, portal/admin.py): their URL helper and the
filters they declare, so that a link opens the listing filtered as its count says.
"""

from django.contrib.admin.utils import quote

from directory.enums import StructureKind
from directory.models import ModificationRequest, Structure
from portal.admin import duoday_admin


def support_structures_awaiting_validation_url():
    return duoday_admin.listing_url(Structure, kind=StructureKind.SUPPORT, validation="pending")


def pending_modification_requests_url():
    return duoday_admin.listing_url(ModificationRequest, status=ModificationRequest.Status.PENDING)


def structure_validation_url(structure):
    return duoday_admin.listing(Structure).url_helper.get_action_url(
        "validate", quote(structure.pk)
    )


def modification_processing_url(modification):
    return duoday_admin.listing(ModificationRequest).url_helper.get_action_url(
        "process", quote(modification.pk)
    )
