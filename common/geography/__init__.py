"""Administrative geography: areas by official code, and their importers."""
