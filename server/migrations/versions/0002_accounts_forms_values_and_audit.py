"""accounts, forms, values and audit

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('revoked_access_token',
    sa.Column('jti', sa.String(length=36), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('jti', name=op.f('pk_revoked_access_token'))
    )
    with op.batch_alter_table('revoked_access_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revoked_access_token_expires_at'), ['expires_at'], unique=False)

    op.create_table('sync_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_counter'))
    )
    # The one row of the server-wide change counter.
    op.bulk_insert(sa.table('sync_counter', sa.column('id', sa.Integer),
                            sa.column('value', sa.BigInteger)), [{'id': 1, 'value': 0}])
    op.create_table('app_user',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=24), nullable=False),
    sa.Column('area_code', sa.String(length=8), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('delegated_approval', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tokens_valid_after', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('unit_editor', 'commune_focal_point', 'caf', 'dmk_officer', 'provincial_officer', 'national_admin')", name=op.f('ck_app_user_role')),
    sa.ForeignKeyConstraint(['area_code'], ['admin_area.code'], name=op.f('fk_app_user_area_code_admin_area')),
    sa.ForeignKeyConstraint(['unit_id'], ['service_unit.id'], name=op.f('fk_app_user_unit_id_service_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_device_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_user_id'), ['user_id'], unique=False)

    op.create_table('form_record',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('form_code', sa.String(length=48), nullable=False),
    sa.Column('definition_version', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_comment', sa.Text(), nullable=True),
    sa.Column('problems', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'approved', 'published')", name=op.f('ck_form_record_status')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_form_record_created_by_app_user')),
    sa.ForeignKeyConstraint(['unit_id'], ['service_unit.id'], name=op.f('fk_form_record_unit_id_service_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_record')),
    sa.UniqueConstraint('unit_id', 'year', 'form_code', name='uq_form_record_natural_key')
    )
    with op.batch_alter_table('form_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_record_server_seq'), ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_record_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_record_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_record_year'), ['year'], unique=False)

    op.create_table('refresh_token',
    sa.Column('jti', sa.String(length=36), nullable=False),
    sa.Column('family_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_refresh_token_user_id_app_user')),
    sa.PrimaryKeyConstraint('jti', name=op.f('pk_refresh_token'))
    )
    with op.batch_alter_table('refresh_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refresh_token_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refresh_token_user_id'), ['user_id'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=True),
    sa.Column('old_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('new_value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['form_id'], ['form_record.id'], name=op.f('fk_audit_event_form_id_form_record')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_audit_event_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_form_id'), ['form_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_user_id'), ['user_id'], unique=False)

    op.create_table('field_value',
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=False),
    sa.Column('updated_by', sa.String(length=36), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['form_id'], ['form_record.id'], name=op.f('fk_field_value_form_id_form_record')),
    sa.ForeignKeyConstraint(['updated_by'], ['app_user.id'], name=op.f('fk_field_value_updated_by_app_user')),
    sa.PrimaryKeyConstraint('form_id', 'field', name=op.f('pk_field_value'))
    )
    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_value_server_seq'), ['server_seq'], unique=False)

    op.create_table('warning_confirmation',
    sa.Column('form_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('confirmed_by', sa.String(length=36), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by'], ['app_user.id'], name=op.f('fk_warning_confirmation_confirmed_by_app_user')),
    sa.ForeignKeyConstraint(['form_id'], ['form_record.id'], name=op.f('fk_warning_confirmation_form_id_form_record')),
    sa.PrimaryKeyConstraint('form_id', 'field', 'code', name=op.f('pk_warning_confirmation'))
    )


def downgrade() -> None:
    op.drop_table('warning_confirmation')
    with op.batch_alter_table('field_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_field_value_server_seq'))

    op.drop_table('field_value')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_user_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_form_id'))

    op.drop_table('audit_event')
    with op.batch_alter_table('refresh_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refresh_token_user_id'))
        batch_op.drop_index(batch_op.f('ix_refresh_token_family_id'))

    op.drop_table('refresh_token')
    with op.batch_alter_table('form_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_record_year'))
        batch_op.drop_index(batch_op.f('ix_form_record_unit_id'))
        batch_op.drop_index(batch_op.f('ix_form_record_status'))
        batch_op.drop_index(batch_op.f('ix_form_record_server_seq'))

    op.drop_table('form_record')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_user_id'))

    op.drop_table('device')
    op.drop_table('app_user')
    op.drop_table('sync_counter')
    with op.batch_alter_table('revoked_access_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revoked_access_token_expires_at'))

    op.drop_table('revoked_access_token')
