"""Start like a bare window (issue #18 item 1): only the home screen is built before the
first paint; the database, the content, the other screens and the features' start-up work
come after it or on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from tests.ui.conftest import MakeKiosk
from ui.app import FEATURE_MODULES, Kiosk
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


#: Loaded by the home screen's first paint, none of them: the database, the content model,
#: the speech worker, the time zones (zoneinfo reads the system's sysconfig), and since
#: session 4 the features (installed just after the paint) and what only they use.
NOT_BEFORE_PAINT = (
    "sqlalchemy", "alembic", "reportlab", "openpyxl", "xlsxwriter", "PySide6.QtMultimedia",
    "PySide6.QtPdf", "db.models", "kiosk.content.loader", "ui.screens.catalogue",
    "ui.screens.step_player", "ui.queue_desk", "kiosk.content.model", "kiosk.speech.worker",
    "kiosk.speech.engine", "kiosk.clock", "zoneinfo",
    *(feature.name for feature in FEATURE_MODULES), "kiosk.scam_check", "kiosk.disk",
    "ui.voice", "PySide6.QtSvg")


def _probe_json(probe: str, **env_extra: str) -> Any:
    """Run ``probe`` in a fresh offscreen interpreter and return the JSON of its last line."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **env_extra}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    return json.loads(out.strip().splitlines()[-1])

def _loaded_at_first_paint(data: Path, names: tuple[str, ...]) -> list[str]:
    """Start the benchmark's cold start child (built as ``help-kiosk`` builds it) on ``data``;
    which of ``names`` were imported when the home screen was first painted."""
    probe = (
        "import json, sys, os\n"
        "import benchmarks.child as c\n"
        f"names = {names!r}\n"
        "c._finish = lambda r: (print(json.dumps(sorted(m for m in names "
        "if m in sys.modules))), sys.stdout.flush(), os._exit(0))\n"
        f"c.kiosk_start(__import__('pathlib').Path({str(data)!r}))\n")
    return _probe_json(probe, BENCH_SPAWNED_AT="0")


def test_nothing_of_the_database_or_the_features_is_loaded_before_the_first_paint(
        tmp_path: Path) -> None:
    """Only a real speaker, a visit, a record or a feature's screen needs those modules. The
    icons of the first start are drawn (QtSvg) and kept; a restart reads them back."""
    from benchmarks.assemble import prepare_data_dir

    data = tmp_path / "data"
    prepare_data_dir(data)
    first = _loaded_at_first_paint(data, NOT_BEFORE_PAINT)
    assert first == ["PySide6.QtSvg"]
    assert _loaded_at_first_paint(data, NOT_BEFORE_PAINT) == []


def _real_start_at_first_paint(data: Path, names: tuple[str, ...],
                               *options: str) -> dict[str, object]:
    """Start the kiosk as ``help-kiosk --data-dir DATA`` starts it (the command line, the
    settings file, the real speaker); at the home screen's first paint, say which of
    ``names`` were imported and whether Qt's ``Qt`` namespace had been built."""
    probe = (
        "import json, os, sys\n"
        "import ui.app as app\n"
        f"names = {names!r}\n"
        "first = app.after_first_paint\n"
        "def report():\n"
        "    import PySide6.QtCore as C\n"
        "    print(json.dumps({'qt': 'Qt' in vars(C), 'loaded': sorted(\n"
        "        m for m in sys.modules if m in names or m.startswith('kiosk.commands.'))}))\n"
        "    sys.stdout.flush(); os._exit(0)\n"
        "app.after_first_paint = lambda kiosk, then: first(kiosk, report)\n"
        "from ui.launcher import main\n"
        f"main(['--data-dir', {str(data)!r}, *{list(options)!r}])\n")
    return _probe_json(probe)  # offscreen: not under the watchdog (ui.launcher)


def test_a_real_start_paints_home_without_the_database_the_commands_or_qts_namespace(
        tmp_path: Path) -> None:
    """``help-kiosk`` itself (not only ``ui.app.build``): its command line, its settings
    file and its real speaker load none of the database, the commands or the features, and
    nothing builds PySide6's ``Qt`` namespace (ui.first_paint), in kiosk mode and windowed."""
    from benchmarks.assemble import prepare_data_dir

    data = tmp_path / "data"
    prepare_data_dir(data)
    _real_start_at_first_paint(data, ())  # a restart: the icons of the first start are kept
    # The real start checks the disk first (a full disk gets its own screen); its log file
    # rotates, its watchdog's exit codes and its speech worker come after the paint, and so
    # does the one-kiosk lock (filelock, with OpenSSL through secrets/hashlib): the data dir
    # is a power cut's, with a stale PID file and the output journal's folder. Its settings
    # come from the cache the last start kept (kiosk.config.keep_parsed): no TOML parser;
    # its usual command line is read without building argparse's parsers (whose gettext
    # lookup loads locale; argparse itself comes with PySide6's signature support).
    not_before = (*(n for n in NOT_BEFORE_PAINT if n != "kiosk.disk"), "logging.handlers",
                  "kiosk.supervisor", "filelock", "secrets", "hashlib", "_hashlib", "uuid",
                  "tomllib", "datetime", "locale")
    for options in ((), ("--windowed",)):
        seen = _real_start_at_first_paint(data, not_before, *options)
        assert seen == {"qt": False, "loaded": []}, options


def test_each_feature_declares_the_screens_it_adds(make_kiosk: MakeKiosk) -> None:
    """Home shows its tiles from these declarations before any feature is imported."""
    core = set(make_kiosk(features=[], show=False).screens)
    for feature in FEATURE_MODULES:
        added = set(make_kiosk(features=[feature.install], show=False).screens) - core
        assert {sid.name for sid in added} == set(feature.screens), feature.name


def test_a_feature_screen_opens_before_the_features_were_installed(
        make_kiosk: MakeKiosk, store: Store) -> None:
    """A tile touched before the start-up work ran installs every feature first: the ticket
    screen opens from Home and the staff screen has every feature's tab."""
    kiosk = make_kiosk(store=lambda: store, catalogue=load_catalogue([SAMPLE_CONTENT]),
                       start_later=True)
    home = kiosk.screens[ScreenId.HOME]
    assert set(home.tiles) == {"ticket", "learn", "print", "scam"}
    home.tiles["ticket"].click()
    assert kiosk.nav.current_id is ScreenId.TAKE_TICKET
    assert kiosk.nav.currentWidget().isVisible()

    kiosk.finish_start()  # the features' own start-up jobs run too, once
    staff = kiosk.screens[ScreenId.STAFF]
    staff.build_pending_tabs()  # what opening it does
    names = [staff.tabs.tabText(i) for i in range(staff.tabs.count())]
    assert "Hàng đợi" in names and "Đồng bộ" in names and "Thôn/tổ dân phố" in names
    assert {ScreenId.HOME_VISITS, ScreenId.QUICK_LOG, ScreenId.VOLUNTEER} <= set(kiosk.screens)
    for sid in (ScreenId.SCAM_CHECK, ScreenId.RESUME_ENTRY, ScreenId.SHEET_PREVIEW):
        kiosk.nav.go_to(sid, **({"tutorial_id": kiosk.catalogue.tutorials[0].id}
                                if sid is ScreenId.SHEET_PREVIEW else {}))
        assert kiosk.nav.current_id is sid


def test_a_feature_that_leaves_itself_out_after_the_paint_loses_its_tile(
        make_kiosk: MakeKiosk, store: Store, monkeypatch) -> None:
    import ui.features.scam_check as feature
    from kiosk.scam_check import ScamListError

    def refuse(*_a: object, **_k: object) -> None:
        raise ScamListError("Danh sách kiểm tra tin nhắn lạ không dùng được.")

    monkeypatch.setattr(feature, "load_scam_kinds", refuse)
    kiosk = make_kiosk(store=lambda: store, catalogue=load_catalogue([SAMPLE_CONTENT]),
                       start_later=True)
    assert "scam" in kiosk.screens[ScreenId.HOME].tiles  # declared: shown at the first paint
    kiosk.finish_start()
    assert not kiosk.nav.has(ScreenId.SCAM_CHECK)
    assert "scam" not in kiosk.screens[ScreenId.HOME].tiles
    kiosk.nav.go_to(ScreenId.SCAM_CHECK)  # a stale link goes Home instead of failing
    assert kiosk.nav.current_id is ScreenId.HOME
