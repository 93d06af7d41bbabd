"""The read-only role for BI tools (Metabase, Superset) on the hub's PostgreSQL: what it sees.

``hub/sql/bi_readonly.sql`` makes the role ``hub_bi_reader`` once (making a role needs a
database superuser or CREATEROLE, which the hub's own login should not have). Its grants are
on views, and a migration that drops and re-creates a view (``h0006_daily_summary`` did)
takes the view's grants with it: the BI tool's next query said "permission denied". So the
hub gives them again itself every time it opens its database (:func:`hub.db.migrate`, after
any migration): the hub's login owns the views and may grant on them, and the role sees
exactly :data:`BI_VIEWS`, never a table. ``ALTER DEFAULT PRIVILEGES`` was not used: it cannot
tell a view from a table, so a table made by a later migration would be readable too.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, text

log = logging.getLogger(__name__)

BI_ROLE = "hub_bi_reader"
#: The daily summary views (migrations h0004, h0006): counts only, nothing personal.
BI_VIEWS = ("hub_daily_help_point", "hub_daily_commune", "hub_daily_team",
            "hub_daily_service", "hub_daily_queue")
#: Arbitrary constant for pg_advisory_xact_lock: "the hub is granting the BI role".
_GRANT_LOCK = 0x48554232


def grant_bi_reader(conn: Connection) -> bool:
    """Give :data:`BI_ROLE` SELECT on :data:`BI_VIEWS` (and USAGE on the schema) if the role
    exists on this PostgreSQL server; False when it does not (nobody ran the script) or the
    database is not PostgreSQL. Safe to repeat; runs in the caller's transaction."""
    if conn.dialect.name != "postgresql":
        return False
    if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                    {"r": BI_ROLE}).first() is None:
        return False
    present = set(conn.execute(text(
        "SELECT viewname FROM pg_views WHERE schemaname = 'public'")).scalars())
    missing = [v for v in BI_VIEWS if v in present and not conn.execute(
        text("SELECT has_table_privilege(:r, :v, 'SELECT')"),
        {"r": BI_ROLE, "v": f"public.{v}"}).scalar()]
    usage = conn.execute(text("SELECT has_schema_privilege(:r, 'public', 'USAGE')"),
                         {"r": BI_ROLE}).scalar()
    if not missing and usage:
        return True  # the usual start-up: nothing to write, so workers starting together agree
    # Several hub processes may start at once: one grants, the others wait and repeat it.
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _GRANT_LOCK})
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {BI_ROLE}"))
    if missing:
        conn.execute(text(f"GRANT SELECT ON {', '.join(missing)} TO {BI_ROLE}"))
    log.info("BI role %s given SELECT on %d views again", BI_ROLE, len(missing))
    return True
