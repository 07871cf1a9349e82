"""The staff groups and what they may do, kept in one place.

« Éditeurs » edit the public site: pages, images, documents and their collections, forms and
site settings.
« Coordination » runs the operation: every permission but the administration of accounts and
groups, which stays with superusers.
"""

from django.db.models import Q

EDITORS = "Éditeurs"
COORDINATION = "Coordination"

PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
# On the root collection, so on every collection. Adding and changing collections lets the
# staff create one and choose whether it is public or restricted (« Confidentialité »);
# deleting one stays with superusers.
COLLECTION_PERMISSIONS = [
    ("wagtailcore", "add_collection"),
    ("wagtailcore", "change_collection"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtailimages", "delete_image"),
]
EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("home", "change_contactsettings"),
    ("home", "change_footersettings"),
    ("wagtailredirects", "add_redirect"),
    ("wagtailredirects", "change_redirect"),
    ("wagtailredirects", "delete_redirect"),
]


# Accounts are administered by superusers only: whoever may change users or groups may
# make themselves (or anyone) a superuser. Coordinators still list referents.
USER_ADMINISTRATION = ["add_user", "change_user", "delete_user"]


def sync_staff_groups(apps):
    """Create both groups if needed and give them their permissions (idempotent).

    Takes an app registry so that data migrations and the post_migrate signal share it.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    coordination, _created = Group.objects.get_or_create(name=COORDINATION)

    def permissions(pairs):
        found = []
        for app_label, codename in pairs:
            found.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        return found

    editors.permissions.add(*permissions(EDITOR_MODEL_PERMISSIONS))
    coordination.permissions.set(
        Permission.objects.exclude(
            Q(content_type__app_label="auth")
            | Q(
                content_type__app_label="directory",
                content_type__model="user",
                codename__in=USER_ADMINISTRATION,
            )
        )
    )

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
    )
    collection_permissions = permissions(COLLECTION_PERMISSIONS)
    for group in (editors, coordination):
        if root_page is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
