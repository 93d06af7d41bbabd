"""Issue #16 item 4: in kiosk mode the kiosk window is the only window ever shown. First run,
a broken config and database recovery are screens inside it, never a window of their own
before it (the old setup dialog opened over the bare desktop, where anyone renamed the help
point without a PIN)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from kiosk.auth import AuthService, Role
from kiosk.config import defaults, load_config
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT, STAFF_PIN
from ui.app import Opened, open_kiosk
from ui.navigator import ScreenId
from ui.printing import FakePrinter
from ui.shell import KioskWindow
from ui.speech import FakeSpeaker
from ui.tasks import SyncTaskRunner


def _windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def _only_the_kiosk_window(window: QWidget) -> None:
    """One window: the kiosk's. A calm message box may sit on it (a child of the window,
    shown over it), never another window of its own."""
    visible = _windows()
    assert window in visible and isinstance(window, KioskWindow)
    others = [w for w in visible if w is not window]
    assert all(isinstance(w, QMessageBox) and w.parentWidget() is window for w in others), \
        [type(w).__name__ for w in others]


@pytest.fixture
def opened(qtbot) -> Iterator[list[Opened]]:
    made: list[Opened] = []
    yield made
    for o in made:
        o.window.allow_close = True
        if o.kiosk is not None:
            o.kiosk.shutdown()
            o.kiosk.tasks.wait_all()
            o.kiosk.store.close()
        for w in _windows():
            w.close()
        if shiboken6.isValid(o.window):
            o.window.deleteLater()


def _open(qtbot, made: list[Opened], data_dir: Path, **kw: Any) -> Opened:
    config, problem = load_config(data_dir)
    o = open_kiosk(QApplication.instance(), data_dir, config, problem, windowed=False,
                   speaker=FakeSpeaker(), tasks=SyncTaskRunner(), printer=FakePrinter(),
                   catalogue=load_catalogue([SAMPLE_CONTENT]), **kw)
    made.append(o)
    qtbot.waitExposed(o.window)
    return o


def test_first_run_is_a_screen_of_the_kiosk_window(qtbot, tmp_path: Path,
                                                   opened: list[Opened]) -> None:
    o = _open(qtbot, opened, tmp_path / "data")
    kiosk = o.kiosk
    assert kiosk is not None
    _only_the_kiosk_window(kiosk.window)
    assert kiosk.nav.current_id == ScreenId.SETUP
    kiosk.nav.home()  # Home, Back, the idle reset: all lead back to the setup screen
    kiosk.idle.timed_out.emit()
    assert kiosk.nav.current_id == ScreenId.SETUP
    _only_the_kiosk_window(kiosk.window)

    screen = kiosk.nav.screen(ScreenId.SETUP)
    screen.ok.click()  # nothing typed: told what to do, nothing saved
    message = screen.findChild(QLabel, "setupMessage")
    assert message.text() == "Hãy nhập tên điểm hỗ trợ và xã/phường."
    kiosk.state.set_language("en")  # the top bar's English button reaches this screen too
    assert screen.findChild(QLabel, "setupTitle").text() == "First-time setup"
    assert message.text().startswith("Enter the help point")
    kiosk.state.set_language("vi")
    assert kiosk.nav.current_id == ScreenId.SETUP
    for name, text in (("setupName", "Điểm hỗ trợ số thôn Tà Lang"), ("setupCommune", "Hòa Bắc"),
                       ("setupStaffName", "Cán bộ Lan"), ("setupPin", STAFF_PIN),
                       ("setupPin2", STAFF_PIN)):
        screen.findChild(QLineEdit, name).setText(text)
    screen.ok.click()
    assert kiosk.nav.current_id == ScreenId.HOME
    assert kiosk.window.name_label.full_text() == "Điểm hỗ trợ số thôn Tà Lang"
    assert AuthService(kiosk.store).has_staff()
    _only_the_kiosk_window(kiosk.window)


def test_a_broken_config_on_a_kiosk_with_staff_is_not_a_first_run(
        qtbot, tmp_path: Path, opened: list[Opened]) -> None:
    data = tmp_path / "data"
    store = Store.open(data)
    AuthService(store).add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    store.close()
    (data / "config.toml").write_text("help_point_name = [[[ hỏng", encoding="utf-8")
    o = _open(qtbot, opened, data)
    kiosk = o.kiosk
    assert kiosk is not None
    assert kiosk.nav.current_id == ScreenId.HOME  # no wizard: renaming needs a staff PIN
    assert not kiosk.nav.has(ScreenId.SETUP)
    assert kiosk.window.name_label.full_text() == defaults().help_point_name
    _only_the_kiosk_window(kiosk.window)  # the config message sits on the window
    assert any(isinstance(w, QMessageBox) for w in _windows())


def test_database_recovery_is_a_screen_of_the_kiosk_window(
        qtbot, tmp_path: Path, opened: list[Opened]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.sqlite3").write_bytes(b"not a database " * 500)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(str(data / "kiosk.sqlite3")).execute("PRAGMA schema_version")
    o = _open(qtbot, opened, data)
    assert o.kiosk is None
    _only_the_kiosk_window(o.window)
    assert o.window.nav.current_id == ScreenId.RECOVERY
    assert "help-kiosk restore" in o.window.nav.currentWidget().findChild(
        QWidget, "recoveryText").text()
    QApplication.sendEvent(o.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4,
                                               Qt.KeyboardModifier.AltModifier))
    assert o.window.close() is False and o.window.isVisible()
    o.window.nav.home()
    assert o.window.nav.current_id == ScreenId.RECOVERY


def test_a_windowed_kiosk_on_a_big_screen_is_laid_out_for_its_window(
        qtbot, tmp_path: Path, opened: list[Opened], monkeypatch: pytest.MonkeyPatch) -> None:
    """``help-kiosk --windowed`` on a 1920×1080 display (a trainer's PC, Xvfb): the window is
    1366×768, and so must be the layout; laid out for the screen, Home's tiles at the
    largest text ran 29 px off the window and overlapped."""
    import ui.app
    from ui import layout_rule

    monkeypatch.setattr(ui.app, "_screen_size", lambda _app: (1920, 1080))
    data_dir = tmp_path / "data"
    store = Store.open(data_dir)
    AuthService(store).add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    store.close()
    config, problem = load_config(data_dir)
    config = config.replace(setup_done=True, text_size=2, language="en")
    o = open_kiosk(QApplication.instance(), data_dir, config, problem, windowed=True,
                   speaker=FakeSpeaker(), tasks=SyncTaskRunner(), printer=FakePrinter(),
                   catalogue=load_catalogue([SAMPLE_CONTENT]))
    opened.append(o)
    qtbot.waitExposed(o.window)
    assert o.kiosk is not None and o.kiosk.nav.current_id == ScreenId.HOME
    qtbot.waitUntil(layout_rule.Steady(o.window), timeout=5000)
    assert o.window.size().toTuple() == (1366, 768)
    assert layout_rule.problems(o.window, "home windowed") == []


def _slow_store(monkeypatch: pytest.MonkeyPatch, gate: threading.Event,
                threads: list[str]) -> None:
    """The database takes as long as the test holds ``gate`` to open (at most 10 s)."""
    real = Store.open_configured.__func__  # type: ignore[attr-defined]

    def held(cls: type[Store], *args: Any, **kwargs: Any) -> Store:
        threads.append(threading.current_thread().name)
        gate.wait(10)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open_configured", classmethod(held))


def _open_lazily(qtbot, made: list[Opened], data_dir: Path) -> Opened:
    from ui.app import demo_config
    from ui.tasks import TaskRunner

    o = open_kiosk(QApplication.instance(), data_dir, demo_config(defaults()), None,
                   windowed=True, demo=True, lazy=True, speaker=FakeSpeaker(),
                   tasks=TaskRunner(), printer=FakePrinter(),
                   catalogue=load_catalogue([SAMPLE_CONTENT]))
    made.append(o)
    qtbot.waitExposed(o.window)
    return o


def test_the_window_keeps_turning_while_the_database_opens_after_the_first_paint(
        qtbot, tmp_path: Path, opened: list[Opened], monkeypatch: pytest.MonkeyPatch) -> None:
    """help-kiosk's lazy start (``open_kiosk(lazy=True)``, as ``ui.app.run`` does): the
    store (SQLAlchemy, the engine, the migration check) opens on the db lane, not on the
    GUI thread, which answered nothing for about half a second after the first paint."""
    gate, threads = threading.Event(), []
    _slow_store(monkeypatch, gate, threads)
    try:
        o = _open_lazily(qtbot, opened, tmp_path / "data")
        kiosk = o.kiosk
        assert kiosk is not None
        started: list[bool] = []
        o.after_start.append(lambda: started.append(True))
        ticks: list[int] = []
        timer = QTimer(o.window)
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        qtbot.waitUntil(lambda: bool(threads), timeout=10000)  # painted; the open has begun
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5000)  # and the loop turns
        assert not kiosk.stores.ready and not started
        assert threads[0] != threading.main_thread().name
        assert kiosk.nav.current_id == ScreenId.HOME  # Home answers meanwhile
    finally:
        gate.set()
    qtbot.waitUntil(lambda: bool(started), timeout=20000)
    timer.stop()
    assert kiosk.stores.ready and AuthService(kiosk.store).has_staff()  # the demo accounts
    assert kiosk.nav.current_id == ScreenId.HOME


def test_a_database_that_fails_to_open_after_the_paint_shows_the_recovery_screen(
        qtbot, tmp_path: Path, opened: list[Opened]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.sqlite3").write_bytes(b"not a database " * 500)
    o = _open_lazily(qtbot, opened, data)
    assert o.kiosk is not None  # Home is painted first
    qtbot.waitUntil(lambda: o.kiosk is None, timeout=20000)
    _only_the_kiosk_window(o.window)
    assert o.window.nav.current_id == ScreenId.RECOVERY
