"""WSGI entry point for gunicorn: ``gunicorn cms.wsgi``. Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.prod")

application = get_wsgi_application()
