"""What the client and the server share: domain model, forms, validation, geography, Khmer.

Nothing here imports PySide6 or Flask (tests/common/test_layering.py enforces it).
"""
