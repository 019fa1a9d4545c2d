"""USB bundles: devices' signing keys and the bundles offered to the server

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_key', sa.String(length=64), nullable=True))
    op.create_table('sync_bundle',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('bundle_seq', sa.Integer(), nullable=True),
    sa.Column('first_seq', sa.BigInteger(), nullable=True),
    sa.Column('last_seq', sa.BigInteger(), nullable=True),
    sa.Column('op_count', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('carried_by', sa.String(length=36), nullable=True),
    sa.Column('summary', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
              nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['carried_by'], ['app_user.id'],
                            name=op.f('fk_sync_bundle_carried_by_app_user')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'],
                            name=op.f('fk_sync_bundle_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_bundle'))
    )
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_bundle_bundle_id'), ['bundle_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_sync_bundle_device_id'), ['device_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sync_bundle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_bundle_device_id'))
        batch_op.drop_index(batch_op.f('ix_sync_bundle_bundle_id'))
    op.drop_table('sync_bundle')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_column('public_key')
