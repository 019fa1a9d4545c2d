"""change numbers from transaction ids on PostgreSQL

On PostgreSQL a change's `server_seq` is now its transaction's id plus an offset kept in
`server_state` (key `seq_offset`), instead of a number from the `sync_counter` row, whose
lock made every push wait for the one before it to commit (server/data/models.py,
`next_server_seq`). The offset starts where numbers stand: above every number stored and
every number the counter gave. SQLite keeps the counter.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_HIGHEST = """GREATEST(COALESCE((SELECT MAX(server_seq) FROM form_record), 0),
                       COALESCE((SELECT MAX(server_seq) FROM field_value), 0),
                       COALESCE((SELECT MAX(value) FROM sync_counter), 0))"""


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(sa.text(f"""
        INSERT INTO server_state (key, value, changed_at)
        SELECT 'seq_offset',
               CAST(GREATEST(0, {_HIGHEST} + 1
                                - CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT))
                    AS TEXT),
               CURRENT_TIMESTAMP
    """))


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    # The counter goes on from the highest number handed out, so no cursor skips a change.
    op.execute(sa.text(f"UPDATE sync_counter SET value = {_HIGHEST} WHERE id = 1"))
    op.execute(sa.text("DELETE FROM server_state WHERE key = 'seq_offset'"))
