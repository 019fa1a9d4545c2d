"""records of other kinds: JAAP actions, scorecard sessions, facilitators

`sync_record` (a header per record: its kind, commune, unit, year, revision, change
number, tombstone) and `record_value` (a row per column, with its own revision), as
`form_record` and `field_value` are for forms (common/sync/kinds.py declares the kinds).
The audit trail and the conflicts now name a form or a record: `form_id` may be null and
`record_id` is new; a held change may name its record.

The downgrade removes the records, and with them their history and conflicts: a version
before 0009 has nowhere to keep them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_record',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('commune_code', sa.String(length=8), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_sync_record_created_by_app_user')),
    sa.ForeignKeyConstraint(['unit_id'], ['service_unit.id'], name=op.f('fk_sync_record_unit_id_service_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_record'))
    )
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_record_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_record_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_record_server_seq'), ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_record_unit_id'), ['unit_id'], unique=False)

    op.create_table('record_value',
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('conflict_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['record_id'], ['sync_record.id'], name=op.f('fk_record_value_record_id_sync_record')),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], name=op.f('fk_record_value_updated_by_app_user')),
    sa.PrimaryKeyConstraint('record_id', 'field', name=op.f('pk_record_value'))
    )
    with op.batch_alter_table('record_value', schema=None) as batch_op:
        batch_op.create_index('ix_record_value_feed', ['server_seq', 'record_id', 'field'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_id', sa.String(length=36), nullable=True))
        batch_op.alter_column('form_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_audit_event_record_id'), ['record_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_audit_event_record_id_sync_record'), 'sync_record', ['record_id'], ['id'])

    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_id', sa.String(length=36), nullable=True))
        batch_op.alter_column('form_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=True)
        batch_op.create_index(batch_op.f('ix_sync_conflict_record_id'), ['record_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sync_conflict_record_id_sync_record'), 'sync_record', ['record_id'], ['id'])

    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_sync_quarantine_record_id'), ['record_id'], unique=False)



def downgrade() -> None:
    for table in ('audit_event', 'sync_conflict'):
        op.execute(f"DELETE FROM {table} WHERE record_id IS NOT NULL")
    op.execute("DELETE FROM sync_quarantine WHERE record_id IS NOT NULL")
    with op.batch_alter_table('sync_quarantine', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_quarantine_record_id'))
        batch_op.drop_column('record_id')

    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sync_conflict_record_id_sync_record'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sync_conflict_record_id'))
        batch_op.alter_column('form_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=False)
        batch_op.drop_column('record_id')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_event_record_id_sync_record'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_audit_event_record_id'))
        batch_op.alter_column('form_id',
               existing_type=sa.VARCHAR(length=36),
               nullable=False)
        batch_op.drop_column('record_id')

    with op.batch_alter_table('record_value', schema=None) as batch_op:
        batch_op.drop_index('ix_record_value_feed')

    op.drop_table('record_value')
    with op.batch_alter_table('sync_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_record_unit_id'))
        batch_op.drop_index(batch_op.f('ix_sync_record_server_seq'))
        batch_op.drop_index(batch_op.f('ix_sync_record_kind'))
        batch_op.drop_index(batch_op.f('ix_sync_record_commune_code'))

    op.drop_table('sync_record')
