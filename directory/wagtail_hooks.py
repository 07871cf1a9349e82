"""The directory's listings in the coordinators' « DuoDay » menu (portal/admin.py)."""

from directory.admin_listings import (
    InvitationAdmin,
    ModificationRequestAdmin,
    ReferentAdmin,
    StructureAdmin,
)
from portal.admin import duoday_admin

duoday_admin.add(StructureAdmin, ReferentAdmin, InvitationAdmin, ModificationRequestAdmin)
