"""City dashboard speed on the hub (issue #21 item 10), as a ratio against one SQL query.

    .venv/bin/python -m benchmarks.hub_dashboard [--help-points 500] [--days 365]
        [--per-day 40] [--database-url postgresql+psycopg://…]

Fills a fresh hub database (PostgreSQL; a throw-away server on the Debian binaries when no
URL is given, as the hub tests do) with a year of busy help points, generated inside
PostgreSQL with ``generate_series`` (the load is not what is measured), fills the dashboards'
summary rows the way ``help-kiosk-hub rebuild-summary`` does (:func:`hub.summary.rebuild`,
INSERT … SELECT inside the server; timed and reported), then times

* **dashboard**: what the city page computes: :meth:`hub.web.reports.HubReports.figures`
  (the kiosk's ``figures_from`` fed from the summary rows, plus the daily counts), the list
  of communes and the health list, median of 3; for the calendar year (whole months: the
  monthly rows) and for a period with odd days at both ends (15 Jan – 14 Dec: monthly rows
  plus a month of daily rows);
* **floor**: the dashboard's main aggregate over the records, as one SQL statement sent
  straight to the server (what ``psql -c`` would run), for the same period, median of 3.

Prints one table row per measure and the ratio. Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

FLOOR_SQL = """
SELECT outcome, channel, village, age_band, gender, satisfaction, is_demo, first_visit, count(*)
FROM assistance
WHERE deleted_at IS NULL AND started_at >= %(a)s AND started_at < %(b)s
GROUP BY outcome, channel, village, age_band, gender, satisfaction, is_demo, first_visit
"""

FILL_SQL = """
INSERT INTO assistance (uuid, device_id, created_at, updated_at, started_at, ended_at,
    volunteer_uuids, services, tutorial_id, ticket_uuid, outcome, channel, commune, village,
    age_band, gender, ethnic_group, ethnic_consent_at, first_visit, satisfaction, note,
    contact_name, contact_phone, contact_consent_at, contact_consent_purpose, deleted_at,
    is_demo, help_point_id, team_id, commune_code, unverified)
SELECT md5(hp::text || ':' || d::text || ':' || k::text)::uuid::text,
       'device-' || hp, t, t, t, t + interval '12 minutes',
       json_build_array('vol-' || hp || '-' || (k %% 5)),
       json_build_array((ARRAY['vneid','dvc','bank','other'])[1 + (k * 7 + d) %% 4]),
       NULL, NULL,
       (ARRAY['done','done','done','partial','follow_up','referred'])[1 + (k + d) %% 6],
       (ARRAY['help_point','help_point','help_point','home_visit','phone'])[1 + (k * 3 + hp) %% 5],
       '', 'Tổ ' || (1 + k %% 12),
       (ARRAY['<18','18-39','40-59','60-74','75+'])[1 + (k * 11 + d) %% 5],
       (ARRAY['nam','nu'])[1 + (k + hp) %% 2],
       NULL, NULL, (k %% 3 = 0), CASE WHEN k %% 4 = 0 THEN NULL ELSE 3 + (k %% 3) END, '',
       NULL, NULL, NULL, NULL, NULL, false,
       'hp-' || hp, 'team-' || hp, (20000 + hp %% 94)::text, false
FROM generate_series(1, %(points)s) AS hp,
     generate_series(0, %(days)s - 1) AS d,
     generate_series(1, %(per_day)s) AS k,
     LATERAL (SELECT %(start)s::timestamp + d * interval '1 day' + interval '1 hour'
                     + (k * 9) * interval '1 minute' AS t) AS s
"""

COUNTS_SQL = """
INSERT INTO daily_count (help_point_id, device_id, team_id, commune_code, day, reported_at,
    tickets_issued, tickets_served, no_shows, tutorials_opened, tutorials_finished,
    sheets_printed)
SELECT 'hp-' || hp, 'device-' || hp, 'team-' || hp, (20000 + hp %% 94)::text,
       %(first)s::date + d, now(), 30, 27, 2, 12, 8, 5
FROM generate_series(1, %(points)s) AS hp, generate_series(0, %(days)s - 1) AS d
"""


@contextmanager
def throwaway_postgresql() -> Iterator[str]:
    """A PostgreSQL server in a temp dir, as tests/hub/conftest.py starts one (as root it
    runs through runuser as an unprivileged user)."""
    from port_for import get_port
    from pytest_postgresql.executors import PostgreSQLExecutor

    from tests.hub.conftest import _unprivileged_user, find_pg_ctl

    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        raise SystemExit("PostgreSQL is not installed (bash scripts/setup.sh installs it)")
    base = Path(tempfile.mkdtemp(prefix="hub-bench-pg-"))
    executable = str(pg_ctl)
    if os.geteuid() == 0:
        user = _unprivileged_user()
        os.chown(base, user.pw_uid, user.pw_gid)
        wrapper = base.parent / f"{base.name}-pg_ctl"
        wrapper.write_text(f'#!/bin/sh\ncd / && exec runuser -u {user.pw_name} -- '
                           f'"{pg_ctl}" "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        executable = str(wrapper)
    port = get_port(None)
    executor = PostgreSQLExecutor(
        executable=executable, host="127.0.0.1", port=port, user="postgres", password=None,
        dbname="bench", options="", datadir=str(base / "data"), unixsocketdir=str(base),
        logfile=str(base / "server.log"), startparams="-w",
        postgres_options="-c fsync=off -c full_page_writes=off -c shared_buffers=256MB")
    executor.start()
    executor.wait_for_postgres()
    try:
        import psycopg

        for attempt in range(50):  # "the database system is starting up" under load
            try:
                with psycopg.connect(host="127.0.0.1", port=port, user="postgres",
                                     dbname="postgres", autocommit=True) as conn:
                    conn.execute("CREATE DATABASE hubbench")
                break
            except psycopg.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.2)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/hubbench"
    finally:
        executor.stop()
        shutil.rmtree(base, ignore_errors=True)
        if executable != str(pg_ctl):
            Path(executable).unlink(missing_ok=True)


def median_ms(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(url: str, points: int, days: int, per_day: int) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    from hub.accounts import AccountService
    from hub.app import create_app
    from hub.settings import HubSettings
    from hub.summary import rebuild
    from hub.web.reports import HubReports
    from kiosk.clock import FakeClock, local_midnight_utc
    from kiosk.reports.periods import Period

    first = date(2026, 1, 1)
    clock = FakeClock(local_midnight_utc(first + timedelta(days=days)) + timedelta(hours=3))
    data = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    app = create_app(HubSettings(data_dir=data, database_url=url), clock=clock)
    hub = app.state.hub
    u = make_url(url)
    conninfo = {"host": u.host, "port": u.port, "user": u.username, "dbname": u.database}
    t = time.perf_counter()
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(FILL_SQL, {"points": points, "days": days, "per_day": per_day,
                                "start": local_midnight_utc(first)})
        conn.execute(COUNTS_SQL, {"points": points, "days": days, "first": first})
        conn.execute("VACUUM ANALYZE")
        rows = conn.execute("SELECT count(*) FROM assistance").fetchone()[0]
    print(f"loaded {rows:,} records in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    with hub.transaction() as session:
        summary_rows = rebuild(session)
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE daily_summary")
        conn.execute("VACUUM ANALYZE monthly_summary")
    print(f"summary: {summary_rows:,} daily rows in {time.perf_counter() - t:.1f} s "
          "(rebuild-summary on the whole year)")
    accounts = AccountService(hub.sessions, clock)
    accounts.add_account(None, "thanhpho", "mat-khau-dai-du-10", "city")
    officer = accounts.sign_in("thanhpho", "mat-khau-dai-du-10").officer
    reports = HubReports(hub, accounts)
    reports._titles = {}
    scope = reports.scope(officer, "city", "")
    last = first + timedelta(days=days - 1)
    periods = [("calendar year", Period(first, last))]
    if days > 60:
        periods.append(("15 Jan - 14 Dec", Period(first + timedelta(days=14),
                                                  last - timedelta(days=17))))
    for name, period in periods:
        a, b = period.utc_bounds()
        with psycopg.connect(**conninfo) as conn:
            expected = sum(r[-1] for r in conn.execute(FLOOR_SQL, {"a": a, "b": b}))

            def dashboard(period: Period = period, expected: int = expected) -> None:
                f = reports.figures(officer, scope, period)
                assert f.citizens_helped == expected, (f.citizens_helped, expected)
                reports.places(officer, scope, period)
                reports.health(officer, scope)

            def floor(a: object = a, b: object = b, conn: object = conn) -> None:
                conn.execute(FLOOR_SQL, {"a": a, "b": b}).fetchall()  # type: ignore[attr-defined]

            floor()
            dashboard()  # warm both (the server's cache, the app's imports)
            floor_ms = median_ms(floor)
            dash_ms = median_ms(dashboard)
        print(f"| City dashboard, {name}, {points} help points x {days} days x {per_day}/day "
              f"({expected:,} records) | {dash_ms:,.0f} ms | one GROUP BY in SQL: "
              f"{floor_ms:,.0f} ms | {dash_ms / floor_ms:.2f}x | goal < 1 s: "
              f"{'met' if dash_ms < 1000 else 'not met'} |")
    app.state.hub.engine.dispose()
    shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--help-points", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (else throw-away)")
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args.help_points, args.days, args.per_day)
    else:
        with throwaway_postgresql() as url:
            run(url, args.help_points, args.days, args.per_day)
    return 0


if __name__ == "__main__":
    sys.exit(main())
