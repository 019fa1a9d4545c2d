"""Flask extensions, created here and bound to an application in `create_app`.

The OpenAPI `Api` is made per application in the factory: it holds that application's
document.
"""

from __future__ import annotations

from flask_compress import Compress
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

jwt = JWTManager()
# Counts live in the storage the configuration names (Redis in production), so every
# worker sees the same counts.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
#: The scopes of the failed sign-in limits, shared by the API's login and the web
#: sign-in: one count per account and per address, whichever door is knocked at.
LOGIN_ACCOUNT_SCOPE = "login-account"
LOGIN_ADDRESS_SCOPE = "login-address"

# Web pages and their stylesheet leave compressed (brotli or gzip, as the browser asks):
# a unit page is a few kilobytes on a slow link. JSON is left as it is: the sync
# compresses its own bodies, and its clients count bytes.
compress = Compress()
