"""hub: the kiosk's ``unverified`` column on assistance and activity_day, where missing

Kiosk migration 0005 adds it (rows from an old unsigned bundle imported by staff choice);
a hub created before that has the tables without it. A hub created after already has it
(h0001 makes the kiosk tables from db.models), hence "where missing".

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-05 19:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h0003'
down_revision = 'h0002'
branch_labels = None
depends_on = None

TABLES = ('assistance', 'activity_day')


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table in TABLES:
        if 'unverified' not in {c['name'] for c in inspector.get_columns(table)}:
            with op.batch_alter_table(table, schema=None) as batch_op:
                batch_op.add_column(sa.Column('unverified', sa.Boolean(), nullable=False,
                                              server_default=sa.false()))


def downgrade() -> None:
    pass  # the column belongs to the kiosk's models; h0001's tables keep it
