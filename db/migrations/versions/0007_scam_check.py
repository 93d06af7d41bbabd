"""scam_check_count: anonymous scam checks per kind per local day (issue #23 item 4)

Only a count per (day, kind): the scam check never stores the message or a phone number.

Revision ID: 0007_scam
Revises: 0006_priority
Create Date: 2026-12-05 19:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_scam'
down_revision = '0006_priority'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'scam_check_count',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('day', 'kind', name='uq_scam_check_day_kind'),
    )


def downgrade() -> None:
    op.drop_table('scam_check_count')
