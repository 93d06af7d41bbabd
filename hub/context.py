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
from kiosk.clock import Clock, SystemClock

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

    def hub_name(self) -> str:
        with self.sessions() as s:
            value = s.scalar(select(HubMeta.value).where(HubMeta.key == "hub_name"))
        return value or self.settings.hub_name


def get_hub(request: Request) -> HubContext:
    """FastAPI dependency: the hub context of the app serving this request."""
    return request.app.state.hub  # type: ignore[no-any-return]
