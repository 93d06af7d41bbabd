"""Start like a bare window (issue #18 item 1): only the home screen is built before the
first paint; the database, the content, the other screens and the features' start-up work
come after it or on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk
from ui.navigator import ScreenId

ROOT = Path(__file__).resolve().parents[2]


def test_only_home_is_built_until_a_screen_is_opened(make_kiosk: MakeKiosk,
                                                     store: Store) -> None:
    opened: list[str] = []

    def open_store() -> Store:
        opened.append("store")
        return store

    def load() -> object:
        opened.append("content")
        return load_catalogue([SAMPLE_CONTENT])

    kiosk = make_kiosk(store=open_store, catalogue=load, start_later=True)
    _check_lazy(kiosk, opened)


def _check_lazy(kiosk: Kiosk, opened: list[str]) -> None:
    assert opened == []
    assert [sid for sid in kiosk.screens if kiosk.nav.is_built(sid)] == [ScreenId.HOME]
    assert ScreenId.CATALOGUE in kiosk.screens and ScreenId.TAKE_TICKET in kiosk.screens
    assert kiosk.nav.currentWidget() is kiosk.screens[ScreenId.HOME]

    kiosk.finish_start()  # what ui.app.run does after the first paint
    assert opened == ["store", "content"]
    kiosk.window.home_btn.click()  # Home works before the step player was ever built
    assert not kiosk.nav.is_built(ScreenId.STEP)

    kiosk.screens[ScreenId.HOME].tiles["learn"].click()
    assert kiosk.nav.current_id is ScreenId.CATALOGUE
    assert kiosk.nav.is_built(ScreenId.CATALOGUE)
    assert kiosk.nav.currentWidget().isVisible()


def test_nothing_of_the_database_is_loaded_before_the_first_paint(tmp_path: Path) -> None:
    """The benchmark's cold start child (built as ``help-kiosk`` builds it) stops at the home
    screen's first paint and says which heavy modules were loaded by then: none of the
    database, the content model, the speech worker or the time zones (zoneinfo reads the
    system's sysconfig), which only a real speaker, a visit or a record needs."""
    from benchmarks.assemble import prepare_data_dir

    data = tmp_path / "data"
    prepare_data_dir(data)
    probe = (
        "import json, sys, os, time\n"
        "import benchmarks.child as c\n"
        "c._finish = lambda r: (print(json.dumps(sorted(m for m in ('sqlalchemy', 'alembic', "
        "'reportlab', 'openpyxl', 'xlsxwriter', 'PySide6.QtMultimedia', 'PySide6.QtPdf', "
        "'db.models', "
        "'kiosk.content.loader', 'ui.screens.catalogue', 'ui.screens.step_player', "
        "'ui.queue_desk', 'kiosk.content.model', 'kiosk.speech.worker', 'kiosk.speech.engine', "
        "'kiosk.clock', 'zoneinfo') if m in sys.modules))), sys.stdout.flush(), "
        "os._exit(0))\n"
        f"c.kiosk_start(__import__('pathlib').Path({str(data)!r}))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "BENCH_SPAWNED_AT": "0"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []
