from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from directory import views

app_name = "directory"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("inscription/", views.register, name="register"),
    path("inscription/confirmer/<str:token>/", views.confirm_email, name="confirm_email"),
    path("inscription/renvoyer/", views.resend_confirmation, name="resend_confirmation"),
    # slug: an invitation token's characters (secrets.token_urlsafe); anything else, such
    # as a NUL that PostgreSQL refuses in a query, is no invitation link: 404.
    path("invitation/<slug:token>/", views.accept_invitation, name="accept_invitation"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/oubli/envoye/",
        TemplateView.as_view(template_name="directory/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("espace/compte/", views.account, name="account"),
    path("espace/compte/mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("espace/compte/modification/", views.modification_request, name="modification_request"),
    path("espace/compte/referents/ajouter/", views.invite_referent, name="invite_referent"),
    path(
        "espace/compte/invitations/<int:pk>/renvoyer/",
        views.resend_invitation,
        name="resend_invitation",
    ),
    path(
        "espace/compte/invitations/<int:pk>/revoquer/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "espace/compte/referents/<int:pk>/desactiver/",
        views.deactivate_referent,
        name="deactivate_referent",
    ),
    path("espace/annuaire/", views.support_directory, name="support_directory"),
    path("espace/annuaire/<int:pk>/", views.support_structure_card, name="support_structure"),
]
