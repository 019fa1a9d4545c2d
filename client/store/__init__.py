"""The client's local SQLite store: forms and values, outbox, conflicts, sync state."""
