"""Project configuration: settings, URLs, WSGI and the Celery application."""
