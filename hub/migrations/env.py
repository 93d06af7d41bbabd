"""Alembic environment for the hub: its own version table, the connection hub.db hands over."""

from alembic import context
from sqlalchemy import MetaData, create_engine

import hub.models  # noqa: F401  (registers the hub tables)
from hub.db import VERSION_TABLE, kiosk_tables
from hub.models import HubBase

config = context.config


def _hub_web_tables() -> None:
    # The web front end's tables live on HubBase too; import them when they exist.
    for name in ("hub.accounts", "hub.packs", "hub.summary"):
        try:
            __import__(name)
        except ImportError:
            pass


_hub_web_tables()
kiosk_meta = MetaData()
for table in kiosk_tables():
    table.to_metadata(kiosk_meta)
target_metadata = [HubBase.metadata, kiosk_meta]


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
