"""(being written)"""

from __future__ import annotations

from server.api.blueprint import Blueprint

blp = Blueprint("publishing", __name__, url_prefix="/api/v1/publishing",
                description="(being written)")
