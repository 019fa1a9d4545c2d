"""device store key: the secret a computer's local data key is also wrapped under

A sign-in with the password from a registered computer gets it, so the computer opens its
encrypted local store after the password was changed elsewhere (client/store/crypto.py).
Devices registered before have none: it is made at their next sign-in.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('store_key', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('store_key')
