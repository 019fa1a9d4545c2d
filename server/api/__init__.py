"""The HTTP API under /api/v1: one blueprint per resource, thin views over server services."""
