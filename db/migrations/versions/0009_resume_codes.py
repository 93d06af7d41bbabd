"""resume_code: short codes that bring a citizen back to a step (issue #22 item 4)

Only the code, the kind ("tutorial" or "practice"), the content id, the step position and
when it was made and expires: nothing personal. Kept on this machine only.

Revision ID: 0009_resume_codes
Revises: 0007_scam
Create Date: 2026-12-05 21:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_resume_codes'
down_revision = '0007_scam'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'resume_code',
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('content_id', sa.String(length=64), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('code'),
    )
    op.create_index('ix_resume_code_expires_at', 'resume_code', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_resume_code_expires_at', table_name='resume_code')
    op.drop_table('resume_code')
