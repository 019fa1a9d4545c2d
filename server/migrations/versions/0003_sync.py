"""sync: receipts, conflicts, quarantine, epoch

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('server_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_server_state'))
    )
    # The epoch clients compare: renewed by 'isaf db new-epoch' after a restore.
    op.bulk_insert(sa.table('server_state', sa.column('key', sa.String),
                            sa.column('value', sa.String),
                            sa.column('changed_at', sa.DateTime(timezone=True))),
                   [{'key': 'epoch', 'value': str(uuid.uuid4()),
                     'changed_at': datetime.now(UTC)}])
    op.create_table('sync_quarantine',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('form_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('payload', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_sync_quarantine_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_quarantine'))
    )
    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_quarantine_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_quarantine_op_id'), ['op_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_quarantine_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_quarantine_user_id'), ['user_id'], unique=False)

    op.create_table('sync_receipt',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('device_seq', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('payload_hash', sa.String(length=64), nullable=False),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_sync_receipt_user_id_app_user')),
    sa.PrimaryKeyConstraint('op_id', name=op.f('pk_sync_receipt'))
    )
    with op.batch_alter_table('sync_receipt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_receipt_device_id'), ['device_id'], unique=False)

    op.create_table('form_alias',
    sa.Column('alias_id', sa.String(length=36), nullable=False),
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['form_id'], ['form_record.id'], name=op.f('fk_form_alias_form_id_form_record')),
    sa.PrimaryKeyConstraint('alias_id', name=op.f('pk_form_alias'))
    )
    with op.batch_alter_table('form_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_alias_form_id'), ['form_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('base_revision', sa.Integer(), nullable=False),
    sa.Column('base_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('current_revision', sa.Integer(), nullable=False),
    sa.Column('current_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('current_by', sa.String(length=36), nullable=False),
    sa.Column('incoming_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('incoming_by', sa.String(length=36), nullable=False),
    sa.Column('incoming_device', sa.String(length=36), nullable=True),
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['current_by'], ['app_user.id'], name=op.f('fk_sync_conflict_current_by_app_user')),
    sa.ForeignKeyConstraint(['form_id'], ['form_record.id'], name=op.f('fk_sync_conflict_form_id_form_record')),
    sa.ForeignKeyConstraint(['incoming_by'], ['app_user.id'], name=op.f('fk_sync_conflict_incoming_by_app_user')),
    sa.ForeignKeyConstraint(['resolved_by'], ['app_user.id'], name=op.f('fk_sync_conflict_resolved_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict'))
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_status'), ['status'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=True))

    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conflict_id', sa.String(length=36), nullable=True))
        batch_op.create_index('ix_field_value_feed', ['server_seq', 'form_id', 'field'], unique=False)

    with op.batch_alter_table('form_record', schema=None) as batch_op:
        # Existing forms are not deleted.
        batch_op.add_column(sa.Column('deleted', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))



def downgrade() -> None:
    with op.batch_alter_table('form_record', schema=None) as batch_op:
        batch_op.drop_column('deleted')

    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.drop_index('ix_field_value_feed')
        batch_op.drop_column('conflict_id')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('revision')

    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_status'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_form_id'))

    op.drop_table('sync_conflict')
    with op.batch_alter_table('form_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_alias_form_id'))

    op.drop_table('form_alias')
    with op.batch_alter_table('sync_receipt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_receipt_device_id'))

    op.drop_table('sync_receipt')
    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_quarantine_user_id'))
        batch_op.drop_index(batch_op.f('ix_sync_quarantine_status'))
        batch_op.drop_index(batch_op.f('ix_sync_quarantine_op_id'))
        batch_op.drop_index(batch_op.f('ix_sync_quarantine_form_id'))

    op.drop_table('sync_quarantine')
    op.drop_table('server_state')
