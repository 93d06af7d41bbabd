"""hub: the daily and monthly summaries keep one covering index each instead of two

Every summary row an ingest writes maintained two wide B-trees: the primary key (help point,
day, commune, team, dim, key) and the pages' read index (help point, day, dim) INCLUDE (key,
commune, n). The primary key now leads with what the pages filter on and carries the count
(help point, day, dim, key, commune, team) INCLUDE (n), so it serves both; the read index
goes. About a fifth of the summary's PostgreSQL time in an ingest (benchmarks/hub_load.py,
docs/benchmarks.md "session 5").

PostgreSQL only: on SQLite (the embedded default for trying the hub) an existing database
keeps its shape, which gives the same answers; a new one is made in the new shape by h0006
from the models. h0006 makes the tables from the current models, so on a new database this
migration finds the new shape already and does nothing.

Revision ID: h0009_ingest
Revises: h0006_daily_summary
Create Date: 2026-12-06 02:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'h0009_ingest'
down_revision = 'h0006_daily_summary'
branch_labels = None
depends_on = None

NEW = {"daily_summary": ("help_point_id", "day", "dim", "key", "commune_code", "team_id"),
       "monthly_summary": ("help_point_id", "month", "dim", "key", "commune_code", "team_id")}
OLD = {"daily_summary": ("help_point_id", "day", "commune_code", "team_id", "dim", "key"),
       "monthly_summary": ("help_point_id", "month", "commune_code", "team_id", "dim", "key")}
READ_INDEX = {"daily_summary": ("help_point_id", "day", "dim"),
              "monthly_summary": ("help_point_id", "month", "dim")}


def _primary_key(table: str) -> tuple[str, ...]:
    pk = sa.inspect(op.get_bind()).get_pk_constraint(table)
    return tuple(pk["constrained_columns"] or ())


def _set_primary_key(table: str, columns: tuple[str, ...], include: str) -> None:
    op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {table}_pkey, "
               f"ADD CONSTRAINT {table}_pkey PRIMARY KEY ({', '.join(columns)}){include}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in NEW.items():
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_read")
        if _primary_key(table) != columns:
            _set_primary_key(table, columns, " INCLUDE (n)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, columns in OLD.items():
        if _primary_key(table) != columns:
            _set_primary_key(table, columns, "")
        lead = ", ".join(READ_INDEX[table])
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_read ON {table} ({lead}) "
                   "INCLUDE (key, commune_code, n)")
