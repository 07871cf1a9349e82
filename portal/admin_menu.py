"""The coordinators' « DuoDay » menu in Wagtail's admin: one group, whose listings each app
adds from its own `wagtail_hooks.py` (`duoday_admin.add(...)`), in the order Wagtail loads
them (INSTALLED_APPS: the directory's listings, then the offers').

The group lives here, below the apps (layers: portal ← directory ← offers ← home), so that
no app imports another's listings to build the menu.
"""

from wagtail_modeladmin.options import ModelAdminGroup


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
