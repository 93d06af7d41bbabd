"""The hub's database: engine from a URL, migrations at start-up, one session per unit of work.

PostgreSQL (``postgresql+psycopg://…``) is the real store; SQLite in the data dir is the
embedded default and is opened with the kiosk's own pragmas (WAL, ``synchronous=FULL``,
``BEGIN IMMEDIATE``). Either way ``hide_parameters=True``: a database error quoted in a log
would otherwise carry names, phone numbers and notes. A PostgreSQL connection that sat idle
in the pool for :data:`PING_AFTER_IDLE_S` is pinged before use, so a restarted server costs
one retry, not a failed request; one in steady use is not (under load every batch paid a
round trip for it), and the ingest retries a batch whose connection died under it.

Migrations live in ``hub/migrations`` with their own version table ``hub_alembic_version``
(the kiosk's ``alembic_version`` is left alone, should the two ever share a database). On
PostgreSQL two hub processes starting at once take an advisory lock, so only one migrates.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Index, MetaData, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from db import models as kiosk_models
from db.engine import head_revisions_in, make_session_factory
from db.engine import make_engine as make_kiosk_engine

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from sqlalchemy import Table

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "hub_alembic_version"
#: The kiosk tables the hub keeps (db.models), in creation order (foreign keys first).
#: Records, activity days, volunteers (no PIN) and the lists they refer to arrive by sync;
#: ticket, tutorial_event and print_event stay empty on a hub (counts arrive per day in
#: ``daily_count``) but exist so the kiosk's report and export queries run here unchanged;
#: meta and audit_event hold the hub's own facts and who exported what; team the names of
#: teams as their batches give them.
KIOSK_TABLES = ("service", "policy_rule", "place", "volunteer", "assistance", "activity_day",
                "ticket", "tutorial_event", "print_event", "meta", "audit_event", "team")
#: Arbitrary constant for pg_advisory_xact_lock: "the hub is migrating".
_MIGRATION_LOCK = 0x48554231


def kiosk_tables() -> list[Table]:
    """The :mod:`db.models` tables the hub stores, as the kiosk defines them today."""
    meta = kiosk_models.Base.metadata
    return [meta.tables[name] for name in KIOSK_TABLES]


#: Indexes the hub's migrations add to the kiosk tables it keeps, which :mod:`db.models` does
#: not declare (the kiosk has no use for them): name, table, columns.
HUB_INDEXES_ON_KIOSK_TABLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # A batch's summary refresh reads only its help point's days (migration h0006).
    ("ix_assistance_help_point_started", "assistance", ("help_point_id", "started_at")),
)


def schema_metadata() -> list[MetaData]:
    """The schema the hub's migrations make, as metadata: the hub's own tables (HubBase:
    devices, accounts, packs, summaries) and a copy of the kiosk tables it keeps with the
    hub's own indexes on them. Alembic compares a database against it
    (``hub/migrations/env.py``; ``tests/hub/test_schema.py``: no difference on SQLite or
    PostgreSQL). A copy: the migrations make the kiosk tables from :func:`kiosk_tables`
    and add the indexes themselves."""
    import hub.accounts
    import hub.packs
    import hub.summary  # noqa: F401  (each registers its tables on HubBase)
    from hub.models import HubBase

    kiosk_meta = MetaData()
    for table in kiosk_tables():
        table.to_metadata(kiosk_meta)
    for name, table_name, columns in HUB_INDEXES_ON_KIOSK_TABLES:
        table = kiosk_meta.tables[table_name]
        Index(name, *(table.c[c] for c in columns))  # bound columns: joins their table
    return [HubBase.metadata, kiosk_meta]


#: A pooled PostgreSQL connection idle longer than this is pinged before it is handed out.
PING_AFTER_IDLE_S = 10.0


def make_engine(url: str) -> Engine:
    """An engine for ``url``: the kiosk's SQLite setup, or a PostgreSQL pool whose idle
    connections are pinged before use."""
    if url.startswith("sqlite"):
        return make_kiosk_engine(url)
    engine = create_engine(url, hide_parameters=True, pool_size=10, max_overflow=10)
    _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """SQLAlchemy's pessimistic disconnect handling, only for connections that sat idle:
    raising DisconnectionError at checkout makes the pool replace the connection."""

    @event.listens_for(engine, "checkin")
    def _checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return  # new, or in steady use
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
        except Exception as exc:
            raise sa_exc.DisconnectionError() from exc


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def head_revisions() -> set[str]:
    """The migrations no other migration names as its ``down_revision`` (no Alembic import)."""
    return head_revisions_in(MIGRATIONS / "versions")


def migrate(engine: Engine) -> None:
    """Bring the hub schema to head, in one transaction (PostgreSQL: DDL is transactional),
    then (PostgreSQL) give the BI role its views again (:mod:`hub.bi`).

    Alembic is imported only when a migration is due (it costs most of a second).
    """
    heads = head_revisions()
    if len(heads) != 1 or current_revision(engine) not in heads:
        from alembic import command

        cfg = alembic_config(engine.url.render_as_string(hide_password=False))
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    if engine.dialect.name == "postgresql":
        _regrant_bi(engine)


def _regrant_bi(engine: Engine) -> None:
    """The BI role's grants again (hub.bi): a migration that re-created a view dropped them,
    and an older hub may have lost them already. A refusal (the hub's login does not own the
    views) is logged, never a reason not to start."""
    from sqlalchemy.exc import SQLAlchemyError

    from hub.bi import grant_bi_reader

    try:
        with engine.begin() as conn:
            grant_bi_reader(conn)
    except SQLAlchemyError as exc:
        log.warning("could not grant the BI role its views (%s); run hub/sql/bi_readonly.sql "
                    "as the database owner", type(exc).__name__)


def open_hub_database(url: str, data_dir: Path | None = None
                      ) -> tuple[Engine, sessionmaker[Session]]:
    """Open (create and migrate if needed) the hub database at ``url``."""
    if url.startswith("sqlite") and data_dir is not None:
        # The database holds citizens' contacts (with consent): owner only.
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    log.info("hub database ready (%s)", engine.dialect.name)
    return engine, make_session_factory(engine)
