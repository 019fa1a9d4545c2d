"""who settled a held operation, and a dismissal's reason

A held operation can now be dismissed with a reason (POST /sync/quarantine/{id}/dismiss).
The reason was kept only in the form's history, and a hold that names no form (a form
version unknown at its creation) has none: it is kept on the hold itself.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.add_column(sa.Column('settled_by', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('settled_reason', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_sync_quarantine_settled_by_app_user'),
                                    'app_user', ['settled_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sync_quarantine_settled_by_app_user'),
                                 type_='foreignkey')
        batch_op.drop_column('settled_reason')
        batch_op.drop_column('settled_by')
