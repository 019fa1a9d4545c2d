"""User accounts, devices, passwords and tokens."""
