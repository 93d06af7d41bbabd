"""Alembic environment for the hub: its own version table, the connection hub.db hands over."""

from alembic import context
from sqlalchemy import create_engine

from hub.db import VERSION_TABLE, schema_metadata

config = context.config
# The hub's tables and the kiosk tables it keeps, as its migrations make them.
target_metadata = schema_metadata()


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=target_metadata,
                      version_table=VERSION_TABLE, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("Alembic needs a connection or sqlalchemy.url to migrate")
    engine = create_engine(url, hide_parameters=True)  # no personal data in errors
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      version_table=VERSION_TABLE, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
