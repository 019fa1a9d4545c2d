"""geography, service units and form definitions

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('admin_area',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('parent_code', sa.String(length=8), nullable=True),
    sa.Column('name_km', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("level IN ('province', 'district', 'commune', 'village')", name=op.f('ck_admin_area_level')),
    sa.ForeignKeyConstraint(['parent_code'], ['admin_area.code'], name=op.f('fk_admin_area_parent_code_admin_area')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_admin_area'))
    )
    with op.batch_alter_table('admin_area', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_admin_area_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_admin_area_parent_code'), ['parent_code'], unique=False)

    op.create_table('form_definition',
    sa.Column('form', sa.String(length=48), nullable=False),
    sa.Column('version', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('service_kind', sa.String(length=20), nullable=False),
    sa.Column('title_km', sa.String(length=500), nullable=False),
    sa.Column('title_en', sa.String(length=500), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('form', 'version', name=op.f('pk_form_definition'))
    )
    with op.batch_alter_table('form_definition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_definition_service_kind'), ['service_kind'], unique=False)

    op.create_table('service_unit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name_km', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('commune_code', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('cs_admin', 'health_center', 'primary_school')", name=op.f('ck_service_unit_kind')),
    sa.ForeignKeyConstraint(['commune_code'], ['admin_area.code'], name=op.f('fk_service_unit_commune_code_admin_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_service_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_service_unit_code'))
    )
    with op.batch_alter_table('service_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_unit_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_unit_kind'), ['kind'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('service_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_unit_kind'))
        batch_op.drop_index(batch_op.f('ix_service_unit_commune_code'))

    op.drop_table('service_unit')
    with op.batch_alter_table('form_definition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_definition_service_kind'))

    op.drop_table('form_definition')
    with op.batch_alter_table('admin_area', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_admin_area_parent_code'))
        batch_op.drop_index(batch_op.f('ix_admin_area_level'))

    op.drop_table('admin_area')
