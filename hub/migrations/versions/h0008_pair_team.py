"""hub: a pairing code may name the team the new device joins

Every kiosk database makes its own team id, so a team's second computer counted as a second
team (two allowance caps). The officer now makes a code "for the same team as" a paired
device; the code keeps that team id until it is used (hub.pairing.create_code).

Revision ID: h0008_pair_team
Revises: h0005
Create Date: 2026-12-05 21:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h0008_pair_team'
down_revision = 'h0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairing_code") as batch:
        batch.add_column(sa.Column("team_id", sa.String(36), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("pairing_code") as batch:
        batch.drop_column("team_id")
