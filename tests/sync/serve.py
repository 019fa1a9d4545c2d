"""A real server process for sync tests:
`python -m tests.sync.serve DATABASE_URL PORT [PROTOCOLS]`.

Werkzeug's threaded server, so a test can kill it, restart it, and put a faulty proxy
between it and the clients.
"""

import sys

from werkzeug.serving import make_server

from common.sync.protocol import parse_versions
from server.app import create_app
from server.warmup import warm

if __name__ == "__main__":
    # An optional third argument: the sync protocol versions the server speaks ("2-2"),
    # for tests of a client too old for its server.
    protocols = parse_versions(sys.argv[3]) if len(sys.argv) > 3 else None
    app = create_app({"DATABASE_URL": sys.argv[1], "ISAF_ENV": "testing",
                      "LOGIN_LIMIT_PER_ACCOUNT": "10000 per minute",
                      "LOGIN_LIMIT_PER_ADDRESS": "10000 per minute",
                      **({"SYNC_PROTOCOLS": protocols} if protocols else {})})
    warm(app)  # as gunicorn's workers do (server/wsgi.py)
    make_server("127.0.0.1", int(sys.argv[2]), app, threaded=True).serve_forever()
