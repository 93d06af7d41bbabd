"""The hub's models and its migrations describe the same schema, on SQLite and PostgreSQL.

Alembic's own comparison (what ``alembic revision --autogenerate`` would write) between a
database made by the hub's migrations and :func:`hub.db.schema_metadata` finds nothing: a
model changed without a migration (or the reverse) fails here, not on an officer's hub.
Before: the comparison wanted to drop ``ix_assistance_help_point_started`` (made by h0006,
declared nowhere).

The summary tables are also checked column by column, in order: their two classes share
their columns through one mixin, and the summary statements depend on the order the
migrations made (``hub.summary._COLUMNS``, ``json_populate_recordset`` over the row type).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from hub.db import VERSION_TABLE, open_hub_database, schema_metadata

SUMMARY_COLUMNS = {
    "daily_summary": ["help_point_id", "day", "commune_code", "team_id", "dim", "key", "n"],
    "monthly_summary": ["help_point_id", "month", "commune_code", "team_id", "dim", "key",
                        "n"],
}


@pytest.fixture
def migrated(hub_db_url: str, hub_data_dir: Path) -> Iterator[Engine]:
    """A new hub database, made by the hub's migrations as every start does."""
    engine, _ = open_hub_database(hub_db_url, hub_data_dir)
    try:
        yield engine
    finally:
        engine.dispose()


def test_the_migrations_make_what_the_models_declare(migrated: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with migrated.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, schema_metadata()) == []


def test_the_summary_tables_keep_their_columns_in_order(migrated: Engine) -> None:
    from hub.summary import DAILY, MONTHLY

    found = inspect(migrated)
    for table in (DAILY, MONTHLY):
        assert [c.name for c in table.columns] == SUMMARY_COLUMNS[table.name]
        in_db = found.get_columns(table.name)
        assert [c["name"] for c in in_db] == SUMMARY_COLUMNS[table.name]
        assert all(not c["nullable"] for c in in_db)
        period = SUMMARY_COLUMNS[table.name][1]
        assert found.get_pk_constraint(table.name)["constrained_columns"] == [
            "help_point_id", period, "dim", "key", "commune_code", "team_id"]
