import os

from django.core.asgi import get_asgi_application

# The web server entry points serve the public: production settings unless told otherwise. (manage.py keeps the
# embedded default, for a laptop.)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_asgi_application()
