"""The WSGI entry point for gunicorn: `gunicorn -c packaging/server/gunicorn.conf.py
server.wsgi:app`. Configuration comes from the environment (server/config.py)."""

from server.app import create_app

app = create_app()
