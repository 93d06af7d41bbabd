"""ticket priority: a number for the elderly, a disability, pregnancy or a small child (#23)

Only THAT a ticket is priority is stored, never why. Older tickets were all regular (false).

Revision ID: 0006_priority
Revises: 0005
Create Date: 2026-12-05 19:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_priority'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('priority', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_column('priority')
