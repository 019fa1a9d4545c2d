"""The WSGI entry point for gunicorn: `gunicorn -c packaging/server/gunicorn.conf.py
server.wsgi:app`. Configuration comes from the environment (server/config.py)."""

import logging

from server.app import create_app
from server.warmup import warm

# Under gunicorn, the server's own log lines (unexpected errors with their tracebacks) go
# where gunicorn's error log goes, with its timestamps.
_gunicorn = logging.getLogger("gunicorn.error")
if _gunicorn.handlers:
    logging.getLogger("server").handlers = _gunicorn.handlers
    logging.getLogger("server").setLevel(_gunicorn.level)

app = create_app()
# Each worker imports this module: its first-time work is done before its first request.
warm(app)
