"""The WSGI entry point for gunicorn: `gunicorn -c packaging/server/gunicorn.conf.py
server.wsgi:app`. Configuration comes from the environment (server/config.py)."""

import logging
import os

from server.app import create_app
from server.config import ConfigurationError
from server.warmup import warm

# Under gunicorn, the server's own log lines (unexpected errors with their tracebacks) go
# where gunicorn's error log goes, with its timestamps.
_gunicorn = logging.getLogger("gunicorn.error")
if _gunicorn.handlers:
    logging.getLogger("server").handlers = _gunicorn.handlers
    logging.getLogger("server").setLevel(_gunicorn.level)

# The production entry point never falls back to development mode (a public signing key,
# login counts in one process) because a variable was forgotten: the mode is said.
if "ISAF_ENV" not in os.environ:
    raise ConfigurationError("ISAF_ENV is not set: say ISAF_ENV=production for a server "
                             "(see packaging/server/isaf.env.example)")
app = create_app()
# Each worker imports this module: its first-time work is done before its first request.
warm(app)
