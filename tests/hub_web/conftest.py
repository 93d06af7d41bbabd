"""Hub web fixtures: the hub's own (SQLite and a throwaway PostgreSQL) plus signed-in clients.

The hub fixtures are imported by name (a ``pytest_plugins`` in a non-root conftest is not
allowed by pytest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hub import conftest as _hub_fixtures

# The hub's fixtures (hub_db_url on SQLite and PostgreSQL, hub_app, hub_client, …) by name.
for _name in ("hub_app", "hub_client", "hub_clock", "hub_data_dir", "hub_db_url",
              "hub_pg_server", "hub_settings", "pg_url"):
    globals()[_name] = getattr(_hub_fixtures, _name)

PASSWORD = "mat-khau-dai-du-10"
COMMUNE_A = "20194"
COMMUNE_B = "20227"


def accounts(app: Any) -> Any:
    from hub.web.routes import accounts_of

    return accounts_of(app.state.hub)


@pytest.fixture
def officers(hub_app: Any) -> dict[str, str]:
    """Three officers on the hub: commune A, city, admin (user name → role)."""
    svc = accounts(hub_app)
    svc.add_account(None, "xa.a", PASSWORD, "commune", COMMUNE_A, "Cán bộ xã A")
    svc.add_account(None, "xa.b", PASSWORD, "commune", COMMUNE_B, "Cán bộ xã B")
    svc.add_account(None, "thanhpho", PASSWORD, "city", "", "Cán bộ thành phố")
    svc.add_account(None, "quantri", PASSWORD, "admin", "", "Quản trị")
    return {"xa.a": "commune", "xa.b": "commune", "thanhpho": "city", "quantri": "admin"}


def csrf_of(html: str) -> str:
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: Any, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/sign-in")
    return client.post("/sign-in", data={"username": username, "password": password,
                                         "csrf_token": csrf_of(page.text), "next": "/"},
                       follow_redirects=False)


@pytest.fixture
def client_for(hub_app: Any, officers: dict[str, str]) -> Iterator[Any]:
    """``client_for("xa.a")``: a TestClient signed in as that officer."""
    from fastapi.testclient import TestClient

    made: list[Any] = []

    def make(username: str) -> Any:
        client = TestClient(hub_app, base_url="http://127.0.0.1")
        client.__enter__()
        made.append(client)
        response = sign_in(client, username)
        assert response.status_code == 303, response.text
        return client

    yield make
    for client in made:
        client.__exit__(None, None, None)


@pytest.fixture
def synced_demo(hub_app: Any, tmp_path: Path) -> Callable[..., tuple[Any, Any]]:
    """``synced_demo(i, on_kiosk=None)``: demo help point ``i``'s kiosk (its own demo data,
    ``hub.web.demo``) paired with the test's hub and sent in one real signed batch. Returns
    (the DemoHelpPoint, what ``on_kiosk(store)`` returned: run on the kiosk before sending,
    e.g. to add data or read the kiosk's own figures)."""
    from hub.web.demo import demo_help_points, make_demo_kiosk, sync_demo_kiosk

    hub = hub_app.state.hub

    def sync(index: int = 1, on_kiosk: Callable[[Any], Any] | None = None
             ) -> tuple[Any, Any]:
        hp = demo_help_points()[index]
        kiosk_dir = tmp_path / f"kiosk-{index}"
        store = make_demo_kiosk(hp, kiosk_dir, hub.clock)
        try:
            seen = on_kiosk(store) if on_kiosk is not None else None
            sync_demo_kiosk(hub, hp, store, kiosk_dir, hub.clock)
        finally:
            store.close()
        return hp, seen

    return sync
