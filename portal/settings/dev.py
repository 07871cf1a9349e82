import os
from pathlib import Path

from portal.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-8c1f0f5e0b6f4d3c9a2e"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# EMAIL_FILE_PATH=<dir> writes each e-mail to a file there instead (browser tests read them).
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# MEDIA_ROOT=<dir> keeps uploads elsewhere than media/ (the browser tests use a temp dir).
if os.environ.get("MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
