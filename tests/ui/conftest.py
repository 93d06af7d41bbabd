"""A whole kiosk per test, with fakes at the edges: speaker, synchronous tasks, fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.auth import AuthService
from kiosk.config import defaults
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from ui.app import Kiosk, build, demo_config, ensure_demo_members
from ui.speech import FakeSpeaker
from ui.tasks import SyncTaskRunner


@pytest.fixture
def kiosk(qtbot, store: Store, data_dir: Path) -> Iterator[Kiosk]:
    ensure_demo_members(AuthService(store))
    k = build(store=store, config=demo_config(defaults()), data_dir=data_dir,
              catalogue=load_catalogue([SAMPLE_CONTENT]), speaker=FakeSpeaker(),
              tasks=SyncTaskRunner(), kiosk_mode=True, screen_size=(1920, 1080))
    k.window.resize(1920, 1080)
    k.window.show()
    qtbot.waitExposed(k.window)
    yield k
    k.window.allow_close = True
    k.shutdown()
