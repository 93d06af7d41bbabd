"""identity: which help point and team each row belongs to (issue #20 item 0)

Adds ``help_point_id``, ``team_id`` and ``commune_code`` to assistance, activity_day, ticket,
tutorial_event and print_event, and a ``team`` table for the names of other teams. The rows
already here are this kiosk's own work, so they are stamped with the local help point and
team: the ids are read from ``meta`` (keys "help_point_id" and "team_id", the keys
kiosk.identity reads) and made there when absent, so the migration and the services agree.
The commune code stays "" here (it lives in the settings, which a migration does not read);
the kiosk fills it in for its own rows when it opens with a code set.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 18:30:00
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

TABLES = ('assistance', 'activity_day', 'ticket', 'tutorial_event', 'print_event')
# The same keys as kiosk.identity.META_HELP_POINT / META_TEAM (db/ does not import kiosk/).
META_KEYS = ('help_point_id', 'team_id')


def _meta_id(conn: sa.Connection, key: str) -> str:
    meta = sa.table('meta', sa.column('key', sa.String), sa.column('value', sa.String))
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar()
    if value is None:
        value = str(uuid.uuid4())
        conn.execute(meta.insert().values(key=key, value=value))
    return str(value)


def upgrade() -> None:
    op.create_table(
        'team',
        sa.Column('team_id', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('commune_code', sa.String(length=8), nullable=False),
        sa.Column('help_point_name', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('team_id'),
    )
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('help_point_id', sa.String(length=36), nullable=False,
                                          server_default=''))
            batch_op.add_column(sa.Column('team_id', sa.String(length=36), nullable=False,
                                          server_default=''))
            batch_op.add_column(sa.Column('commune_code', sa.String(length=8), nullable=False,
                                          server_default=''))
    conn = op.get_bind()
    help_point_id, team_id = (_meta_id(conn, key) for key in META_KEYS)
    for table in TABLES:
        t = sa.table(table, sa.column('help_point_id', sa.String), sa.column('team_id', sa.String))
        conn.execute(t.update().where(t.c.team_id == '')
                     .values(help_point_id=help_point_id, team_id=team_id))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('commune_code')
            batch_op.drop_column('team_id')
            batch_op.drop_column('help_point_id')
    op.drop_table('team')
