"""Daily summary views (hub migration h0004): the numbers the dashboard shows, and on
PostgreSQL a read-only BI role that sees the views and no table (so no contacts)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from hub.web.reports import hub_counts
from kiosk.reports.figures import FigureScope, figures_from
from kiosk.reports.periods import Period

SQL = Path(__file__).resolve().parents[2] / "hub" / "sql" / "bi_readonly.sql"


def test_views_agree_with_the_figures(hub_app: Any, synced_demo: Any) -> None:
    hp, _ = synced_demo()
    hub = hub_app.state.hub
    today = hub.clock.now().date()
    period = Period(today.replace(day=1), today)
    with hub.sessions() as s:
        figures = figures_from(s, period, {}, FigureScope(help_point_ids=(hp.help_point_id,)),
                               hub_counts)
        args = {"a": period.start, "b": period.end, "hp": hp.help_point_id}
        people = s.execute(text("SELECT sum(people), sum(first_visits) FROM "
                                "hub_daily_help_point WHERE day >= :a AND day <= :b AND "
                                "help_point_id = :hp"), args).one()
        services = dict(s.execute(text(
            "SELECT service, sum(people) FROM hub_daily_service WHERE day >= :a AND "
            "day <= :b AND help_point_id = :hp GROUP BY service"), args).tuples().all())
        commune = s.execute(text("SELECT sum(people) FROM hub_daily_commune WHERE day >= :a "
                                 "AND day <= :b AND commune_code = :c"),
                            {**args, "c": hp.commune_code}).scalar()
        queue = s.execute(text("SELECT sum(tickets_issued) FROM hub_daily_queue WHERE "
                               "day >= :a AND day <= :b"), args).scalar()
    assert figures.citizens_helped > 0
    assert (int(people[0]), int(people[1])) == (figures.citizens_helped, figures.first_visits)
    assert {k: int(v) for k, v in services.items()} == {r.key: r.count
                                                         for r in figures.by_service}
    assert int(commune) == figures.citizens_helped
    assert int(queue) == figures.queue.tickets


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
def test_bi_role_reads_views_and_no_table(hub_app: Any, hub_db_url: str,
                                          synced_demo: Any) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    synced_demo()
    url = make_url(hub_db_url)
    admin = {"host": url.host, "port": url.port, "dbname": url.database}
    login = "bi_" + uuid.uuid4().hex[:8]
    with psycopg.connect(**admin, user=url.username, autocommit=True) as conn:
        conn.execute(SQL.read_text(encoding="utf-8"))  # type: ignore[arg-type]
        conn.execute(f'CREATE ROLE "{login}" LOGIN IN ROLE hub_bi_reader')  # type: ignore[arg-type]
    try:
        with psycopg.connect(**admin, user=login, autocommit=True) as bi:
            assert bi.execute("SELECT sum(people) FROM hub_daily_help_point").fetchone()[0] > 0
            for view in ("hub_daily_commune", "hub_daily_team", "hub_daily_service",
                         "hub_daily_queue"):
                bi.execute(f"SELECT count(*) FROM {view}")  # type: ignore[arg-type]
            for table in ("assistance", "volunteer", "account", "device", "daily_count"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    bi.execute(f"SELECT * FROM {table} LIMIT 1")  # type: ignore[arg-type]
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                bi.execute("CREATE TABLE sneaky (x int)")
    finally:
        with psycopg.connect(**admin, user=url.username, autocommit=True) as conn:
            conn.execute(f'DROP ROLE "{login}"')  # type: ignore[arg-type]


def _bi_login(url: Any) -> tuple[dict[str, Any], str]:
    import psycopg

    admin = {"host": url.host, "port": url.port, "dbname": url.database}
    login = "bi_" + uuid.uuid4().hex[:8]
    with psycopg.connect(**admin, user=url.username, autocommit=True) as conn:
        conn.execute(SQL.read_text(encoding="utf-8"))  # type: ignore[arg-type]
        conn.execute(f'CREATE ROLE "{login}" LOGIN IN ROLE hub_bi_reader')  # type: ignore[arg-type]
    return admin, login


def _reads_every_view(admin: dict[str, Any], login: str) -> None:
    import psycopg

    from hub.bi import BI_VIEWS

    with psycopg.connect(**admin, user=login, autocommit=True) as bi:
        for view in BI_VIEWS:
            bi.execute(f"SELECT count(*) FROM {view}")  # type: ignore[arg-type]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            bi.execute("SELECT * FROM assistance LIMIT 1")


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
def test_bi_grants_survive_a_migration_that_recreates_the_views(hub_app: Any, hub_db_url: str,
                                                                synced_demo: Any) -> None:
    """h0006 dropped and re-created the views, and their grants went with them: the BI
    tool got "permission denied" after the upgrade. The hub now grants again itself."""
    import psycopg
    from alembic import command
    from sqlalchemy.engine import make_url

    from hub.db import alembic_config, migrate

    synced_demo()
    engine = hub_app.state.hub.engine
    admin, login = _bi_login(make_url(hub_db_url))
    try:
        _reads_every_view(admin, login)
        # An upgrade that re-creates the views (h0006 again), as a hub start-up runs it.
        cfg = alembic_config(hub_db_url)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "h0008_pair_team")
        migrate(engine)
        _reads_every_view(admin, login)
        # A hub upgraded before this fix lost them already: its next start gives them back.
        with psycopg.connect(**admin, user=make_url(hub_db_url).username,
                             autocommit=True) as conn:
            conn.execute("REVOKE SELECT ON hub_daily_help_point, hub_daily_queue "
                         "FROM hub_bi_reader")
        migrate(engine)
        _reads_every_view(admin, login)
    finally:
        with psycopg.connect(**admin, user=make_url(hub_db_url).username,
                             autocommit=True) as conn:
            conn.execute(f'DROP ROLE "{login}"')  # type: ignore[arg-type]


def test_the_bi_script_grants_exactly_the_views_the_hub_grants_again() -> None:
    import re

    from hub.bi import BI_ROLE, BI_VIEWS

    script = SQL.read_text(encoding="utf-8")
    granted = re.search(r"GRANT SELECT ON (.+?) TO " + BI_ROLE, script, re.DOTALL)
    assert granted is not None
    assert sorted(v.strip() for v in granted.group(1).split(",")) == sorted(BI_VIEWS)
