"""index assistance by start time (exports, dashboard)

Every report and export selects records by a period of ``started_at`` and the records export
reads them in (started_at, uuid) order: with this index SQLite reads the period's range in
order instead of scanning and sorting the whole table (docs/benchmarks.md).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 15:20:00
"""
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assistance', schema=None) as batch_op:
        batch_op.create_index('ix_assistance_started_uuid', ['started_at', 'uuid'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('assistance', schema=None) as batch_op:
        batch_op.drop_index('ix_assistance_started_uuid')
