"""unverified: records and activity days from an old unsigned bundle (issue #20 item 5)

A v1 bundle has no signature: anyone can write one. It imports only by an explicit staff
choice, and what it brings is marked ``unverified`` so every report and export can say
"chưa xác thực". Rows already here were made on this machine or came before the choice
existed: they stay verified (false).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 19:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('assistance', 'activity_day')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('unverified', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('unverified')
