"""The directory's listings in the coordinators' « DuoDay » menu (portal/admin_menu.py)."""

from directory.admin_listings import (
    InvitationAdmin,
    ModificationRequestAdmin,
    ReferentAdmin,
    StructureAdmin,
)
from portal.admin_menu import duoday_admin

duoday_admin.add(StructureAdmin, ReferentAdmin, InvitationAdmin, ModificationRequestAdmin)
