"""must change password: an account whose password an administrator chose

Set when an administrator creates an account or resets someone else's password, cleared when
the person changes it: until then the account's tokens only change the password, say who
the person is and sign out. Accounts made before are left as they are (not set).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


# Not in a batch, either way: on SQLite a batch copies app_user into a new table and drops
# the old one, which the rows of other tables pointing at its users refuse. SQLite adds a
# column with a default, and (3.35 and later) drops a plain one, in place, as PostgreSQL.


def upgrade() -> None:
    op.add_column('app_user', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    op.drop_column('app_user', 'must_change_password')
