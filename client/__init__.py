"""The desktop client: local store, sync engine, screens and printing front end."""
