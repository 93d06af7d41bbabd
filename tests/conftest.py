"""Shared test fixtures: a fresh data dir and database per test, a fake clock, sample content.

The per-test database is a copy of one migrated once per session (``_migrated_template``):
running every Alembic migration costs about 0.3 s a test, a file copy about 20 ms. The
template has no ids yet, so each test's store still makes its own device, help point and
team ids.

The offscreen Qt platform is chosen here, before anything can create a QApplication.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk import files
from kiosk.auth import Actor, AuthService, Role
from kiosk.clock import FakeClock
from kiosk.content.loader import load_catalogue
from kiosk.content.model import Catalogue
from kiosk.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_CONTENT = FIXTURES / "content"
STAFF_PIN = "2468"
VOLUNTEER_PIN = "1357"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test ever touches the real data dir (nor another test's output journal)."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data-env"))
    yield
    files.use_journal(None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def clock() -> FakeClock:
    # 10:00 local time (UTC+7) on a Tuesday in 2026.
    return FakeClock(datetime(2026, 3, 10, 3, 0, 0))


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from db.engine import open_database

    folder = tmp_path_factory.mktemp("migrated-template")
    engine, _sessions = open_database(None, folder)
    engine.dispose()
    return folder


@pytest.fixture
def store(data_dir: Path, clock: FakeClock, _migrated_template: Path) -> Iterator[Store]:
    for f in _migrated_template.iterdir():  # the database and its "created here" marker
        if f.is_file():
            shutil.copy2(f, data_dir / f.name)
    s = Store.open(data_dir, clock=clock)
    yield s
    s.close()


@pytest.fixture
def auth(store: Store) -> AuthService:
    return AuthService(store)


@pytest.fixture
def staff(auth: AuthService) -> Actor:
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    return auth.sign_in(STAFF_PIN)


@pytest.fixture
def volunteer(auth: AuthService, staff: Actor) -> Actor:
    auth.add_member(staff, "Tình nguyện viên Hùng", Role.VOLUNTEER, VOLUNTEER_PIN)
    return auth.sign_in(VOLUNTEER_PIN)


@pytest.fixture
def sample_catalogue() -> Catalogue:
    cat = load_catalogue([SAMPLE_CONTENT])
    assert not cat.problems, cat.problems
    return cat
