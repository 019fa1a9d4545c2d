"""The staff dashboard: completeness, standards met, publishing and Excel downloads for
signed-in national, provincial and district staff, each within their own scope."""

from __future__ import annotations
