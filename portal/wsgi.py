import os

from django.core.wsgi import get_wsgi_application

# Production settings by default (gunicorn portal.wsgi); `manage.py` defaults to dev.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
