from django.contrib.auth import get_user_model
from django.contrib.auth.backends import AllowAllUsersModelBackend


class EmailBackend(AllowAllUsersModelBackend):
    """Checks inactive users' passwords too, so that the login form can say why they are
    refused (e-mail not confirmed yet, account deactivated), but never keeps one logged in:
    a referent deactivated while logged in loses their session at the next request."""

    def get_user(self, user_id):
        # With the structure: every page of the personal space needs it (one query, not two).
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("structure").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if user.is_active else None


def axes_username(request, credentials=None):
    """The e-mail address django-axes counts failures against, whatever its case."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
