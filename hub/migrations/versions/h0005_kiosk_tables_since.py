"""hub: kiosk tables added to the hub's list after h0001 (team names)

h0001 made the kiosk tables of its day; a hub made before ``team`` joined the list gets it
here. Every table is created only where it is missing, so a hub made later (whose h0001
already made it) is left as it is.

Revision ID: h0005
Revises: h0004
Create Date: 2026-12-05 19:10:00
"""
from alembic import op

from hub.db import kiosk_tables

revision = 'h0005'
down_revision = 'h0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for table in kiosk_tables():
        table.create(bind, checkfirst=True)


def downgrade() -> None:
    pass
