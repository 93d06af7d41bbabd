"""Qt's ``Qt`` namespace waits for the first paint (ui.first_paint, issue #18 item 1): what
is set by name takes effect, what waits runs once, and the kiosk window is still frameless,
on top and full screen, with ``windowFlags()`` saying so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.conftest import MakeKiosk
from ui import first_paint
from ui.app import kiosk_window_flags


def test_enum_properties_are_set_by_their_qt_names(qapp) -> None:
    label = QLabel()
    first_paint.set_enum(label, "alignment", "AlignRight|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    first_paint.set_enum(label, "focusPolicy", "StrongFocus")
    assert label.focusPolicy() == Qt.FocusPolicy.StrongFocus
    label.deleteLater()


def test_a_misspelt_property_or_value_fails_at_once(qapp) -> None:
    label = QLabel()
    with pytest.raises(ValueError, match="alignment"):
        first_paint.set_enum(label, "alignment", "AlignMiddle")
    with pytest.raises(ValueError, match="alignmnet"):
        first_paint.set_enum(label, "alignmnet", "AlignCenter")
    label.deleteLater()


def test_held_jobs_run_once_at_the_release_and_never_for_a_deleted_widget(
        qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_paint, "qt_namespace_built", lambda: False)
    kept, gone = QWidget(), QWidget()
    ran: list[str] = []
    first_paint.after_paint(kept, lambda: ran.append("kept"))
    first_paint.after_paint(gone, lambda: ran.append("gone"))
    import shiboken6

    shiboken6.delete(gone)
    assert ran == []
    first_paint.release()
    first_paint.release()
    assert ran == ["kept"]
    kept.deleteLater()


def test_with_the_namespace_built_a_job_runs_at_once(qapp) -> None:
    w = QWidget()
    ran: list[int] = []
    first_paint.after_paint(w, lambda: ran.append(1))
    assert ran == [1]
    w.deleteLater()


def test_the_kiosk_window_is_frameless_on_top_and_says_so_after_the_release(
        make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flags go to the native window before it is shown; the widget learns them just
    after the first paint (here: the release), without being hidden or re-created."""
    monkeypatch.setattr(first_paint, "qt_namespace_built", lambda: False)
    kiosk = make_kiosk(show=False)
    window = kiosk.window
    kiosk_window_flags(window)
    wanted = Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
    assert window.windowHandle().flags() & wanted == wanted
    window.showFullScreen()
    first_paint.release()
    assert window.windowFlags() & wanted == wanted
    assert window.windowFlags() == window.windowHandle().flags()
    assert window.isVisible() and window.isFullScreen()


def test_what_waited_for_the_paint_runs_before_the_database_opens(
        make_kiosk: MakeKiosk, store, monkeypatch: pytest.MonkeyPatch) -> None:
    """help-kiosk opens the database after the paint, on a lane, which may take half a
    second: the cursor and the buttons' mouse handling must not wait for it."""
    monkeypatch.setattr(first_paint, "qt_namespace_built", lambda: False)
    events: list[str] = []

    def open_store() -> object:
        events.append("store")
        return store

    kiosk = make_kiosk(store=open_store, start_later=True, show=False)
    first_paint.after_paint(kiosk.window, lambda: events.append("released"))
    kiosk.open_then_start(lambda: events.append("started"), lambda exc: events.append("failed"))
    kiosk.tasks.wait_all()
    assert events[:2] == ["released", "store"] and "started" in events
