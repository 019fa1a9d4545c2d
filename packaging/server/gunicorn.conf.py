"""gunicorn settings for an ISAF Desk server (see docs/DEPLOYMENT.md).

Every value can be overridden from the environment, so one file serves a laptop and a
national server. The server keeps nothing between requests inside a worker (tokens,
revocations and login-attempt counts live in PostgreSQL and Redis), so any number of
workers on any number of hosts can answer any request.
"""

import multiprocessing
import os

bind = os.environ.get("ISAF_BIND", "127.0.0.1:8000")
# Two workers per core plus one: requests wait mostly on PostgreSQL.
workers = int(os.environ.get("ISAF_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("ISAF_THREADS", "1"))
# Pushes from slow district links take time to arrive; nginx buffers them in front.
timeout = int(os.environ.get("ISAF_WORKER_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak can never take a server down.
max_requests = int(os.environ.get("ISAF_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("ISAF_ACCESS_LOG", "-")
errorlog = os.environ.get("ISAF_ERROR_LOG", "-")
loglevel = os.environ.get("ISAF_LOG_LEVEL", "info")
forwarded_allow_ips = os.environ.get("ISAF_FORWARDED_ALLOW_IPS", "127.0.0.1")
