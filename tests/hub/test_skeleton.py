"""The hub starts on both databases, migrates once, and says it is alive."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from hub.db import KIOSK_TABLES, VERSION_TABLE, current_revision, head_revisions


def test_hub_migrates_and_answers_health(hub_client: Any, hub_app: Any) -> None:
    response = hub_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"ok": True, "hub_id": hub_app.state.hub.hub_id}
    engine = hub_app.state.hub.engine
    tables = set(inspect(engine).get_table_names())
    assert set(KIOSK_TABLES) | {"device", "pairing_code", "ingest_log", "hub_meta",
                                "daily_count", VERSION_TABLE} <= tables
    assert "alembic_version" not in tables  # the kiosk's version table is not ours
    assert current_revision(engine) in head_revisions()


def test_second_start_keeps_the_hub_id(hub_settings: Any, hub_app: Any) -> None:
    from hub.app import create_app

    again = create_app(hub_settings)
    try:
        assert again.state.hub.hub_id == hub_app.state.hub.hub_id
    finally:
        again.state.hub.engine.dispose()


def test_environment_names_data_dir_and_database(tmp_path: Any,
                                                 monkeypatch: Any) -> None:
    # What the systemd unit in docs/hub.md relies on.
    from hub.settings import HubSettings

    monkeypatch.setenv("HUB_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("HUB_DATABASE_URL", "postgresql+psycopg://hub@/hub")
    settings = HubSettings()
    assert settings.data_dir == tmp_path / "d"
    assert settings.resolved_database_url() == "postgresql+psycopg://hub@/hub"
    monkeypatch.delenv("HUB_DATABASE_URL")
    assert HubSettings().resolved_database_url() == f"sqlite:///{tmp_path / 'd' / 'hub.sqlite3'}"
