"""(being written)"""

from __future__ import annotations

from server.api.blueprint import Blueprint

blp = Blueprint("figures", __name__, url_prefix="/api/v1/figures", description="(being written)")
