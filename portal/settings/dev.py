from portal.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-8c1f0f5e0b6f4d3c9a2e"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
