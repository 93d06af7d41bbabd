"""What every hub request needs, built once by :func:`hub.app.create_app`.

Routes reach it through :func:`get_hub` (``request.app.state.hub``); there is no module-level
global, so two apps (two tests) never share a database.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Request
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from hub.models import HubMeta
from hub.settings import HubSettings
from hub.throttle import AttemptThrottle
from kiosk.clock import Clock, SystemClock
from kiosk.store import Store

if TYPE_CHECKING:
    from kiosk.sync.keys import DeviceKeys

log = logging.getLogger(__name__)


@dataclass
class HubContext:
    settings: HubSettings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock = field(default_factory=SystemClock)
    hub_id: str = ""
    _keys: Any = None
    _store: Store | None = None
    pair_throttle: AttemptThrottle = field(init=False)

    def __post_init__(self) -> None:
        self.pair_throttle = AttemptThrottle(self.clock, self.settings.pair_attempts_per_window,
                                             self.settings.pair_window_seconds)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session, one transaction: committed on success, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def keys(self) -> DeviceKeys:
        """The hub's own key pairs (in its data dir, mode 0600), made on first use."""
        if self._keys is None:
            from kiosk.sync.keys import DeviceKeys

            self._keys = DeviceKeys.load_or_create(self.settings.data_dir)
        return self._keys  # type: ignore[no-any-return]

    def ensure_meta(self) -> None:
        """Give the hub its id (made once, kept in hub_meta) and record its name."""
        with self.transaction() as s:
            row = s.get(HubMeta, "hub_id")
            if row is None:
                row = HubMeta(key="hub_id", value=str(uuid.uuid4()))
                s.add(row)
            self.hub_id = row.value
            name = s.get(HubMeta, "hub_name")
            if name is None:
                s.add(HubMeta(key="hub_name", value=self.settings.hub_name))

    @property
    def store(self) -> Store:
        """The kiosk's :class:`Store` over the hub's database, for the kiosk's own services
        (seeding lists, figures, exports) to run here unchanged."""
        if self._store is None:
            self._store = Store(self.engine, self.sessions, self.clock)
        return self._store

    def seed_lists(self) -> None:
        """The kiosk's default services and policy rules, into empty tables (as on a kiosk):
        records name service codes, and the allowance needs the rules."""
        from kiosk.queue import seed_default_services
        from kiosk.reports.allowance import ensure_rules

        seed_default_services(self.store)
        ensure_rules(self.store)

    def hub_name(self) -> str:
        with self.sessions() as s:
            value = s.scalar(select(HubMeta.value).where(HubMeta.key == "hub_name"))
        return value or self.settings.hub_name


def get_hub(request: Request) -> HubContext:
    """FastAPI dependency: the hub context of the app serving this request."""
    return request.app.state.hub  # type: ignore[no-any-return]


def open_hub(settings: HubSettings, clock: Clock | None = None) -> HubContext:
    """Open (create, migrate, seed) the hub's database: the app and every CLI command."""
    from hub.db import open_hub_database

    engine, sessions = open_hub_database(settings.resolved_database_url(), settings.data_dir)
    hub = HubContext(settings=settings, engine=engine, sessions=sessions,
                     clock=clock or SystemClock())
    try:
        hub.ensure_meta()
        hub.seed_lists()
    except Exception:
        engine.dispose()
        raise
    return hub
