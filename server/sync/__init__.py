"""The server side of offline sync: push, pull, conflicts, quarantine, bundles."""
