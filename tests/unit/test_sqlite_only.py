"""The kiosk is SQLite-only (issue #20 item 9): a PostgreSQL URL in the settings is refused with
a Vietnamese message naming the field, every other setting is kept, and the kiosk opens its
own SQLite database in the data dir."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from db.engine import DB_FILE
from kiosk.clock import FakeClock
from kiosk.config import check_value, load_config
from kiosk.store import Store

PG_URL = "postgresql+psycopg://kiosk:mat-khau-bi-mat@10.0.0.5/xa_hoa_vang"


def test_a_postgresql_url_is_refused_and_the_kiosk_opens_its_sqlite(
        data_dir: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture) -> None:
    (data_dir / "config.toml").write_text(
        f'help_point_name = "Điểm hỗ trợ số thôn Tà Lang"\ndatabase_url = "{PG_URL}"\n',
        encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        config, problem = load_config(data_dir)
    assert problem is not None and problem.kept_as is None  # the file stays for staff to fix
    assert "“database_url”" in problem.message
    assert "chỉ nhận tệp SQLite" in problem.message and "PostgreSQL" in problem.message
    assert "mat-khau-bi-mat" not in problem.message and "mat-khau-bi-mat" not in caplog.text
    assert config.help_point_name == "Điểm hỗ trợ số thôn Tà Lang"  # every other setting kept
    assert config.database_url == ""
    store = Store.open_configured(data_dir, config, clock)
    try:
        assert (data_dir / DB_FILE).is_file()
        assert store.engine.dialect.name == "sqlite"
        assert str(store.engine.url).endswith(DB_FILE)
    finally:
        store.close()


@pytest.mark.parametrize(("value", "ok"), [
    ("", True), ("sqlite:////srv/kiosk/other.sqlite3", True), ("sqlite+pysqlite:///x.db", True),
    (PG_URL, False), ("postgresql://h/db", False), ("sqlite://", False), ("kiosk.sqlite3", False),
])
def test_which_database_urls_the_settings_take(value: str, ok: bool) -> None:
    assert (check_value("database_url", value) is None) is ok
