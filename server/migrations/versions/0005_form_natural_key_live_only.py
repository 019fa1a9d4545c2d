"""one live form per unit, year and form: a deleted form no longer blocks a new one

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('form_record', schema=None) as batch_op:
        batch_op.drop_constraint('uq_form_record_natural_key', type_='unique')
        batch_op.create_index('uq_form_record_natural_key', ['unit_id', 'year', 'form_code'],
                              unique=True, sqlite_where=sa.text('NOT deleted'),
                              postgresql_where=sa.text('NOT deleted'))


def downgrade() -> None:
    # Fails if a unit has a deleted form and a new one for the same year: that is the
    # point of this revision, and such rows must be merged by hand before going back.
    with op.batch_alter_table('form_record', schema=None) as batch_op:
        batch_op.drop_index('uq_form_record_natural_key')
        batch_op.create_unique_constraint('uq_form_record_natural_key',
                                          ['unit_id', 'year', 'form_code'])
