"""« Éditeurs » and « Coordination »: created after `migrate` (directory/roles.py), with their
permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from directory.roles import COORDINATION, EDITORS
from tests.factories import DEFAULT_PASSWORD, UserFactory


@pytest.fixture
def editors(db):
    return Group.objects.get(name=EDITORS)


def codenames(queryset):
    return {
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in queryset.select_related("content_type")
    }


def test_migrations_create_the_two_staff_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Éditeurs", "Coordination"}


def test_wagtail_english_default_groups_are_gone(db):
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_editors_may_access_the_admin(editors):
    assert "wagtailadmin.access_admin" in codenames(editors.permissions.all())


def test_editors_may_edit_contact_and_footer_settings(editors):
    assert {"home.change_contactsettings", "home.change_footersettings"} <= codenames(
        editors.permissions.all()
    )


def test_editors_have_page_permissions_on_the_root_page(editors):
    root_page = Page.get_first_root_node()
    granted = GroupPagePermission.objects.filter(group=editors, page=root_page)

    assert {"add_page", "change_page", "publish_page"} <= {
        page_permission.permission.codename for page_permission in granted
    }


def test_editors_have_document_and_image_permissions_on_the_root_collection(editors):
    granted = GroupCollectionPermission.objects.filter(
        group=editors, collection=Collection.get_first_root_node()
    )

    assert {
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
    } <= {
        f"{collection_permission.permission.content_type.app_label}."
        f"{collection_permission.permission.codename}"
        for collection_permission in granted
    }


def test_coordination_has_every_permission_but_account_administration(db):
    coordination = Group.objects.get(name=COORDINATION)

    granted = codenames(coordination.permissions.all())
    assert granted == codenames(
        Permission.objects.exclude(content_type__app_label="auth").exclude(
            content_type__app_label="directory",
            codename__in=["add_user", "change_user", "delete_user"],
        )
    )
    assert "directory.view_user" in granted


def test_coordinator_cannot_make_a_referent_superuser(client, db):
    referent = UserFactory()
    client.force_login(UserFactory(coordinator=True))

    client.post(
        f"/admin/users/edit/{referent.pk}/",
        {
            "email": referent.email,
            "first_name": "A",
            "last_name": "B",
            "is_superuser": "on",
            "is_active": "on",
            "password1": "Nouveau-mot-de-passe-2026",
            "password2": "Nouveau-mot-de-passe-2026",
        },
    )

    referent.refresh_from_db()
    assert not referent.is_superuser


def test_editor_may_open_the_admin(client, db):
    client.force_login(UserFactory(editor=True))

    response = client.get("/admin/")

    assert response.status_code == 200


def test_coordinator_may_open_the_admin(client, db):
    client.force_login(UserFactory(coordinator=True))

    response = client.get("/admin/")

    assert response.status_code == 200


def test_user_without_group_is_sent_away_from_the_admin(client, db):
    client.force_login(UserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_visitor_is_sent_to_the_admin_login(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_editor_may_edit_a_public_page_in_the_admin(client, site_tree):
    client.force_login(UserFactory(editor=True))

    response = client.get(f"/admin/pages/{site_tree['faq'].pk}/edit/")

    assert response.status_code == 200


def test_editor_login_leads_to_the_admin(client, db):
    UserFactory(editor=True, email="editrice@exemple.fr")

    response = client.post(
        "/connexion/", {"username": "editrice@exemple.fr", "password": DEFAULT_PASSWORD}
    )

    assert response["Location"] == "/admin/"
