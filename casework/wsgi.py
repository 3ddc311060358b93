"""WSGI entry point for a production server, e.g. `gunicorn casework.wsgi:app`."""

from casework import create_app

app = create_app()
