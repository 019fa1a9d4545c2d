"""Reading a push batch as it travels (HTTP body or USB bundle payload) into operations.

One reader for both paths, so a bundle is applied exactly as an online push would be.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from common.sync.protocol import Operation, decode, parse_push


def read_push(session: Session, body: bytes) -> tuple[str, str | None, list[Operation]]:
    """(device id, epoch the client knows, operations) from a push body; ProtocolError
    when it breaks the protocol."""
    del session  # the definitions a compact wire form may need are read through it
    return parse_push(decode(body))
