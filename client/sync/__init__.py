"""The client's sync engine: push the outbox, pull the change feed, compare checksums."""
