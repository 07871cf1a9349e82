"""Settings shared by every environment. Environments differ only by what they override."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
SECRET_KEY = "override-me"
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "directory",
    "documents",
    "offers",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "dsfr",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_ratelimit",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Visitors' public pages from the shared cache (portal/page_cache.py): outside the
    # middleware below, so that a stored page keeps the headers they added.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY; ADMIN_CONTENT_SECURITY_POLICY under
    # /admin/) and Permissions-Policy on every response but static files.
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # « Cache-Control: private, no-store » on every response to a logged-in person.
    "portal.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out credentials before any check.
    "axes.backends.AxesStandaloneBackend",
    # Inactive users reach LoginForm.confirm_login_allowed, which says why in French;
    # they are never kept logged in.
    "directory.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "directory:login"
LOGIN_REDIRECT_URL = "directory:account"
LOGOUT_REDIRECT_URL = "/"

# django-axes: lock an e-mail address + IP pair after repeated failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "directory.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "directory/lockout.html"
AXES_RESET_ON_SUCCESS = True
# The client's address (portal/client_address.py), for the lockout, rate limits and logs:
# REMOTE_ADDR when no proxy is trusted, else the X-Forwarded-For entry that our own proxies
# appended, TRUSTED_PROXY_COUNT positions from the right (production: PROXY_COUNT).
TRUSTED_PROXY_COUNT = 0
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
RATELIMIT_IP_META_KEY = "portal.client_address.ratelimit_client_address"

# Rate limits (portal/rate_limits.py, django-ratelimit, counted in the default cache).
# Forms that send e-mail count their valid submissions per client address and per target
# e-mail address; « login » counts failed logins per client address.
RATE_LIMITS = {
    "registration": {"client": "20/h", "email": "5/h"},
    "confirmation": {"client": "20/h", "email": "5/h"},
    "invitation": {"client": "20/h", "email": "5/h"},
    "password_reset": {"client": "20/h", "email": "5/h"},
    "contact": {"client": "10/h"},
    "login": {"client": "30/h"},
}
# Development and tests run one process, where the local-memory cache counts correctly;
# production requires a shared Redis cache (CACHE_URL) and re-enables the error (E003).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Sessions fit a shared office computer: they end when the browser closes, and at the
# latest 4 hours after logging in.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 4 * 60 * 60

# Content-Security-Policy (django-csp 4). The public site and the personal space: nothing
# inline, nothing from elsewhere (the DSFR is served from our static files; its icons
# are data: URIs). Embedding a video from another site would need its origin in
# frame-src.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (/admin/) writes inline scripts and style attributes, and shows page
# previews in a frame of its own: its own policy, applied by portal.middleware, the site's
# but for these directives.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-ancestors": [SELF],
    }
}
# Browser features the portal never uses, refused to every page and frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# E-mail: real messages; the backend is chosen per environment.
DEFAULT_FROM_EMAIL = "DuoDay <ne-pas-repondre@duoday.fr>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[DuoDay] "

# Background tasks (e-mails): run at once unless an environment says otherwise.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a visitor's public page stays in that cache at most (portal/page_cache.py);
# publishing and every change to the offers purge it sooner.
ANONYMOUS_PAGE_CACHE_SECONDS = 300

# Wagtail
WAGTAIL_SITE_NAME = "DuoDay"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # restricted documents go through the access check
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "png",
    "jpg",
    "jpeg",
    "svg",
    "zip",
    "ppt",
    "pptx",
    "odp",
]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# One way to reset a password, for staff too: « Mot de passe oublié » of the site.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No Gravatar: no user e-mail hash sent to a third party, no broken avatars offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every line says which client it is about (portal/client_address.py), when it knows.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_address": {"()": "portal.client_address.ClientAddressFilter"}},
    "formatters": {
        "client": {"format": "%(levelname)s %(name)s [client %(client_address)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_address"],
            "formatter": "client",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
WAGTAILADMIN_USER_LOGIN_FORM = "directory.forms.AdminLoginForm"
WAGTAIL_FRONTEND_LOGIN_URL = "/connexion/"
