"""drop two indexes nothing reads, which every pushed value paid for

`ix_field_value_server_seq` duplicates the first column of `ix_field_value_feed`
(server_seq, form_id, field), which serves the change feed and the stamping of a push's
change number alike. `ix_audit_event_user_id` serves no query (history is read by form).
Each pushed value wrote one entry in each: two B-tree insertions per value, in the
transaction that holds the change counter's lock.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.drop_index('ix_field_value_server_seq')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_user_id')


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_user_id', ['user_id'], unique=False)
    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.create_index('ix_field_value_server_seq', ['server_seq'], unique=False)
