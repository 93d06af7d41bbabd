"""Hub fixtures: ``hub_db_url`` on SQLite and a throwaway PostgreSQL, ``hub_app``, ``hub_client``.

PostgreSQL: one server per test session, started by pytest-postgresql's ``PostgreSQLExecutor``
on the Debian binaries (``/usr/lib/postgresql/*/bin/pg_ctl``); a fresh database per test.
PostgreSQL refuses to run as root (``pg_ctl: cannot be run as root``, pytest-postgresql issues
#341, #455), and CI runs as root on a clean clone. So as root the fixture hands pytest-postgresql
a two-line wrapper that runs ``pg_ctl`` as an unprivileged user through ``runuser`` (the
``postgres`` user the Debian package makes, or ``hubtest-pg`` made here if it is missing) and
puts the server's files in a directory that user owns. Connections use TCP on 127.0.0.1 with
``trust``, as pytest-postgresql sets up.

Without PostgreSQL installed the postgresql cases skip and say why; with
``HUB_TESTS_NEED_POSTGRESQL=1`` (``scripts/run-tests.sh`` sets it) they fail instead, so CI can
never pass by skipping them.

Other suites reuse these with ``pytest_plugins = ["tests.hub.conftest"]`` in their conftest.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

PG_USER_FALLBACK = "hubtest-pg"
#: A fixed instant for hub tests (10:00 in Đà Nẵng on a Tuesday in 2026).
HUB_NOW = datetime(2026, 3, 10, 3, 0, 0)


def find_pg_ctl() -> Path | None:
    """The newest Debian PostgreSQL ``pg_ctl``, or one named by ``HUB_TEST_PG_CTL``."""
    env = os.environ.get("HUB_TEST_PG_CTL")
    if env:
        return Path(env)

    def version(p: Path) -> int:
        m = re.search(r"/postgresql/(\d+)/", str(p))
        return int(m.group(1)) if m else 0

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=version)
    return found[-1] if found else None


def _missing(reason: str) -> None:
    if os.environ.get("HUB_TESTS_NEED_POSTGRESQL"):
        pytest.fail(f"{reason} (HUB_TESTS_NEED_POSTGRESQL is set)")
    pytest.skip(reason)


def _unprivileged_user() -> pwd.struct_passwd:
    for name in ("postgres", PG_USER_FALLBACK):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    PG_USER_FALLBACK], check=True)
    return pwd.getpwnam(PG_USER_FALLBACK)


class PgServer:
    """A running throwaway server: make a fresh database per test, drop it afterwards."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor
        self.host = executor.host
        self.port = executor.port
        self.user = executor.user

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def _admin(self, sql: str) -> None:
        import psycopg

        # Right after start the server may still say "the database system is starting up".
        for attempt in range(50):
            try:
                with psycopg.connect(host=self.host, port=self.port, user=self.user,
                                     dbname="postgres", autocommit=True) as conn:
                    conn.execute(sql)  # type: ignore[arg-type]
                return
            except psycopg.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.2)  # waiting for another process: nothing to wait on but time

    def create_database(self) -> str:
        name = "hub_" + uuid.uuid4().hex[:12]
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def throwaway_postgres(pg_ctl: Path) -> Iterator[PgServer]:
    """Start a PostgreSQL server in a temp dir for as long as the block runs (also as root).

    Used by the test session and by ``benchmarks/hub_load.py``.
    """
    from port_for import get_port
    from pytest_postgresql.executors import PostgreSQLExecutor

    base = Path(tempfile.mkdtemp(prefix="hub-pg-"))
    executable = str(pg_ctl)
    if os.geteuid() == 0:
        user = _unprivileged_user()
        os.chown(base, user.pw_uid, user.pw_gid)
        wrapper = Path(tempfile.mkdtemp(prefix="hub-pg-bin-")) / "pg_ctl"
        # cd /: the server user may not be allowed into the test's working directory.
        wrapper.write_text(f'#!/bin/sh\ncd / && exec runuser -u {user.pw_name} -- '
                           f'"{pg_ctl}" "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        executable = str(wrapper)
    port = get_port(None)
    assert port is not None
    executor = PostgreSQLExecutor(
        executable=executable, host="127.0.0.1", port=port, user="postgres", password=None,
        dbname="hubtest", options="", datadir=str(base / "data"), unixsocketdir=str(base),
        logfile=str(base / "server.log"), startparams="-w",
        # The tests kill the hub, never the server: durability to disk is not under test.
        postgres_options="-c fsync=off -c full_page_writes=off -c max_connections=200")
    try:
        executor.start()
        executor.wait_for_postgres()
    except Exception as exc:  # pragma: no cover - shows the server's own words
        log = base / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"throwaway PostgreSQL did not start: {exc}\n{detail}") from exc
    try:
        yield PgServer(executor)
    finally:
        executor.stop()
        shutil.rmtree(base, ignore_errors=True)
        if executable != str(pg_ctl):
            shutil.rmtree(Path(executable).parent, ignore_errors=True)


@pytest.fixture(scope="session")
def hub_pg_server() -> Iterator[PgServer]:
    pg_ctl = find_pg_ctl()
    if pg_ctl is None or not pg_ctl.exists():
        _missing("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl); "
                 "bash scripts/setup.sh installs it")
    assert pg_ctl is not None
    with throwaway_postgres(pg_ctl) as server:
        yield server


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the session's throwaway server."""
    server: PgServer = request.getfixturevalue("hub_pg_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The hub database URL: SQLite in a temp dir, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub-db' / 'hub.sqlite3'}"
        return
    yield request.getfixturevalue("pg_url")


@pytest.fixture
def hub_data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "hub-data"
    d.mkdir(mode=0o700)
    (tmp_path / "hub-db").mkdir(exist_ok=True)
    return d


@pytest.fixture
def hub_clock() -> Any:
    from kiosk.clock import FakeClock

    return FakeClock(HUB_NOW)


@pytest.fixture
def hub_settings(hub_data_dir: Path, hub_db_url: str) -> Any:
    from hub.settings import HubSettings

    return HubSettings(data_dir=hub_data_dir, database_url=hub_db_url)


@pytest.fixture
def hub_app(hub_settings: Any, hub_clock: Any) -> Iterator[Any]:
    """A hub on ``hub_db_url`` with a temp data dir and a fake clock (``hub_clock``)."""
    from hub.app import create_app

    app = create_app(hub_settings, clock=hub_clock)
    try:
        yield app
    finally:
        app.state.hub.engine.dispose()


@pytest.fixture
def hub_client(hub_app: Any) -> Iterator[Any]:
    """A Starlette TestClient (httpx) talking to ``hub_app`` in-process."""
    from fastapi.testclient import TestClient

    with TestClient(hub_app) as client:
        yield client


@pytest.fixture
def kiosk(tmp_path: Path, hub_app: Any, hub_client: Any) -> Any:
    """One simulated kiosk (``tests.hub.kiosks.SimKiosk``) paired with the test's hub."""
    from tests.hub.kiosks import SimKiosk, pair

    k = SimKiosk(tmp_path / "kiosk-a")
    pair(hub_client, hub_app, k)
    return k
