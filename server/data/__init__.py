"""Yearly forms, their values, the audit trail, and the work done on them."""
