"""Reading a push batch as it travels (HTTP body or USB bundle payload) into operations.

One reader for both paths, so a bundle is applied exactly as an online push would be.
Operations come explicit or compact (docs/SYNC.md, "Explicit and compact operations");
compact ones are read on the server's published definitions.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from common.sync.protocol import Layout, Operation, decode, parse_push
from server.data.service import definition
from server.errors import NotFoundError


def read_push(session: Session, body: bytes) -> tuple[str, str | None, list[Operation]]:
    """(device id, epoch the client knows, operations) from a push body; ProtocolError
    when it breaks the protocol, with the code `unknown_definition` when a compact
    operation names a definition this server does not hold (the client then resends it
    explicit)."""
    known: dict[tuple[str, int], Layout | None] = {}

    def layout(form_code: str, version: int) -> Layout | None:
        # Looked up once per batch: a batch holds many forms of few versions.
        if (form_code, version) not in known:
            try:
                known[form_code, version] = Layout.of(definition(session, form_code, version))
            except NotFoundError:
                known[form_code, version] = None
        return known[form_code, version]

    return parse_push(decode(body), layouts=layout)
