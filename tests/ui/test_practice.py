"""Practice on a pretend phone (issue #22), touched by accessible names as a person would.

Parametrized over the shipped content: a new ``practice.toml`` is played right end to end,
has each wrong path checked for its hint, and is played by ear alone in voice mode, with no
new test. Typed pretend digits never reach the database or the log, and are gone on leaving.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from sqlalchemy import select

from db.models import TutorialEvent
from kiosk.content.loader import load_catalogue
from kiosk.content.model import PRACTICE_DONE, PhoneScreen, Practice
from kiosk.paths import resource_path
from tests.ui.conftest import MakeKiosk
from ui.app import Kiosk, setup_logging
from ui.navigator import ScreenId

LEFT = Qt.MouseButton.LeftButton
CATALOGUE = load_catalogue([resource_path("tutorials")])
SHIPPED = [t.id for t in CATALOGUE.tutorials if t.practice is not None]


def practice_of(tid: str) -> Practice:
    t = CATALOGUE.by_id(tid)
    assert t is not None and t.practice is not None
    return t.practice


def button(k: Kiosk, name: str) -> QAbstractButton:
    found = [b for b in k.window.findChildren(QAbstractButton)
             if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, f"{name!r}: {len(found)} visible buttons"
    return found[0]


def touch(qtbot, k: Kiosk, name: str) -> None:
    """One touch; in voice mode two (the first says what it is, the second acts)."""
    b = button(k, name)
    qtbot.mouseClick(b, LEFT)
    if k.state.voice_on:
        qtbot.mouseClick(b, LEFT)


def type_digits(qtbot, k: Kiosk, digits: str) -> None:
    for d in digits:
        touch(qtbot, k, f"Số tập {d}")


def real_kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    return make_kiosk(catalogue=load_catalogue([resource_path("tutorials")]))


def open_practice(qtbot, k: Kiosk, tid: str) -> None:
    """From the tutorial's step player, by its "Tập thử" button."""
    k.nav.go_to(ScreenId.STEP, tutorial_id=tid, step=0)
    touch(qtbot, k, "Tập thử")
    assert k.nav.current_id is ScreenId.PRACTICE


def right_path(screen: PhoneScreen) -> tuple[str, str]:
    """("button", label) or ("entry", digits) of the first right way on from ``screen``."""
    if screen.entry is not None and screen.entry.answer:
        return "entry", screen.entry.answer
    b = next(b for b in screen.buttons if b.right)
    return "button", b.label.get("vi")


def wrong_entry(screen: PhoneScreen) -> str:
    assert screen.entry is not None
    digits = "9" * screen.entry.length
    return digits if digits != screen.entry.answer else "8" * screen.entry.length


def events(k: Kiosk) -> list[tuple[str, int | None]]:
    with k.store.read() as s:
        rows = s.execute(select(TutorialEvent.kind, TutorialEvent.step)
                         .order_by(TutorialEvent.id)).all()
    return [(kind, step) for kind, step in rows if kind.startswith("practice")]


def play_right(qtbot, k: Kiosk, practice: Practice) -> list[str]:
    """Follow the right path from the first screen to the end; the screen ids passed."""
    page = k.screens[ScreenId.PRACTICE]
    passed: list[str] = []
    screen: PhoneScreen | None = practice.screens[0]
    while screen is not None:
        passed.append(screen.id)
        assert page.screen == screen
        how, what = right_path(screen)
        if how == "entry":
            type_digits(qtbot, k, what)
            target = screen.entry.next if screen.entry else ""
        else:
            touch(qtbot, k, what)
            target = next(b.next for b in screen.buttons if b.label.get("vi") == what)
        screen = None if target == PRACTICE_DONE else \
            practice.screens[practice.index_of(target)]
    return passed


@pytest.mark.parametrize("tid", SHIPPED)
def test_each_practice_played_right_end_to_end(qtbot, make_kiosk: MakeKiosk, tid: str) -> None:
    k = real_kiosk(make_kiosk)
    practice = practice_of(tid)
    open_practice(qtbot, k, tid)
    page = k.screens[ScreenId.PRACTICE]
    assert page.title.text() == practice.title.get("vi")
    # the first thing said: this is a pretend phone, then the first screen
    assert k.speaker.texts()[-1].startswith(practice.intro.said("vi"))
    passed = play_right(qtbot, k, practice)
    assert passed[0] == practice.screens[0].id
    assert page.finished and page.progress_label.text() == "Đã xong"
    assert page.ask.text() == practice.done.shown("vi")
    # the praise shown is for the last touch, never an earlier screen's
    last = practice.screens[practice.index_of(passed[-1])]
    assert page.feedback.text() == "✔ " + last.right.shown("vi")
    assert k.speaker.texts()[-1].endswith(practice.done.said("vi"))
    assert events(k) == [("practice_open", None), ("practice_done", len(practice.screens))]
    # "Tập lại từ đầu" starts again
    touch(qtbot, k, "Tập lại từ đầu")
    assert page.index == 0 and not page.finished


def wrong_cases() -> list[tuple[str, int, str]]:
    out = []
    for tid in SHIPPED:
        for i, s in enumerate(practice_of(tid).screens):
            out += [(tid, i, b.id) for b in s.buttons if not b.right]
            if s.entry is not None:
                out.append((tid, i, "<entry>"))
    return out


@pytest.mark.parametrize(("tid", "index", "wrong"), wrong_cases())
def test_each_wrong_path_says_its_hint_and_stays(qtbot, make_kiosk: MakeKiosk, tid: str,
                                                index: int, wrong: str) -> None:
    k = real_kiosk(make_kiosk)
    k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=index)
    page = k.screens[ScreenId.PRACTICE]
    screen = practice_of(tid).screens[index]
    if wrong == "<entry>":
        assert screen.entry is not None
        type_digits(qtbot, k, wrong_entry(screen))
        hint = screen.entry.hint
        assert page.typed == ""  # a wrong entry is cleared at once
    else:
        b = next(b for b in screen.buttons if b.id == wrong)
        assert b.hint is not None
        touch(qtbot, k, b.label.get("vi"))
        hint = b.hint
    assert page.feedback.isVisible() and page.feedback.text() == hint.shown("vi")
    assert k.speaker.texts()[-1] == hint.said("vi")
    assert page.index == index and not page.finished
    assert ("practice_wrong", index + 1) in events(k)
    # "Làm lại bước này" clears the hint and says the screen again
    touch(qtbot, k, "Làm lại bước này")
    assert not page.feedback.isVisible()
    assert screen.ask.said("vi") in k.speaker.texts()[-1]


@pytest.mark.parametrize("tid", SHIPPED)
def test_each_practice_can_be_finished_by_ear_alone(qtbot, make_kiosk: MakeKiosk,
                                                    tid: str) -> None:
    """Voice mode: every instruction is said, every phone button and keypad key says its
    name on the first touch, and the practice ends with its spoken praise."""
    k = real_kiosk(make_kiosk)
    k.state.set_voice(True)
    practice = practice_of(tid)
    open_practice(qtbot, k, tid)
    played = play_right(qtbot, k, practice)
    said = " ".join(k.speaker.texts())
    for screen in practice.screens:
        if screen.id in played:
            assert screen.ask.said("vi") in said, screen.id
            if screen.entry is not None:
                for d in screen.entry.answer:
                    assert f"Số tập {d}" in k.speaker.texts(), d
            for b in screen.buttons:
                if b.right:
                    # named in the screen's words, so a listener knows it exists
                    assert b.label.get("vi") in said
    assert practice.done.said("vi") in said
    page = k.screens[ScreenId.PRACTICE]
    assert page.finished


def test_every_hint_and_instruction_is_spoken_text() -> None:
    """The words the player says are the content's said forms (checked speakable by the
    validator); none is empty."""
    for tid in SHIPPED:
        p = practice_of(tid)
        for s in p.screens:
            assert s.spoken("vi") and s.ask.said("vi") and s.right.said("vi")
            for b in s.buttons:
                assert b.right or (b.hint is not None and b.hint.said("vi"))


def test_typed_pretend_digits_never_reach_the_database_or_the_log(
        qtbot, make_kiosk: MakeKiosk, data_dir: Path) -> None:
    setup_logging(data_dir, verbose=True)  # the kiosk's own log file, at DEBUG
    root = logging.getLogger()
    handler = root.handlers[-1]
    try:
        k = real_kiosk(make_kiosk)
        tid = next(t for t in SHIPPED
                   if any(s.entry is not None for s in practice_of(t).screens))
        index = next(i for i, s in enumerate(practice_of(tid).screens) if s.entry is not None)
        k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=index)
        screen = practice_of(tid).screens[index]
        assert screen.entry is not None
        typed = "975319753197"[:screen.entry.length]
        assert typed not in screen.entry.hint.shown("vi")
        type_digits(qtbot, k, typed)  # wrong: the hint, then cleared
        partial = typed[:-1]  # left half typed when asking for help and going Home
        type_digits(qtbot, k, partial)
        touch(qtbot, k, "Hỏi tình nguyện viên")
        k.window.home_btn.click()
        k.tasks.wait_all()
        handler.flush()
    finally:
        root.removeHandler(handler)
        handler.close()
    assert events(k)  # the events themselves were written
    stored = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert typed.encode() not in stored
    assert partial.encode() not in stored
    assert " ".join(partial).encode() not in stored
    log_text = (data_dir / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert typed not in log_text and partial not in log_text


def test_typed_digits_are_cleared_on_leaving(qtbot, make_kiosk: MakeKiosk) -> None:
    k = real_kiosk(make_kiosk)
    tid = next(t for t in SHIPPED if any(s.entry for s in practice_of(t).screens))
    index = next(i for i, s in enumerate(practice_of(tid).screens) if s.entry is not None)
    k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=index)
    page = k.screens[ScreenId.PRACTICE]
    type_digits(qtbot, k, "12")
    assert page.typed == "12" and "1 2" in page.typed_label.text()
    k.window.home_btn.click()
    # Home past the first screen: the code to come back with (tests/ui/test_resume_codes.py)
    assert k.nav.current_id is (ScreenId.RESUME_CODE if index >= 1 else ScreenId.HOME)
    assert page.typed == "" and not any(c.isdigit() for c in page.typed_label.text())
    assert ("practice_left", index + 1) in events(k)
    # Back, too
    k.nav.go_to(ScreenId.PRACTICE, tutorial_id=tid, screen=index)
    type_digits(qtbot, k, "34")
    k.nav.back()
    assert page.typed == ""


def test_tap_thu_only_for_tutorials_with_a_practice(qtbot, make_kiosk: MakeKiosk) -> None:
    k = real_kiosk(make_kiosk)
    without = next(t for t in k.catalogue.tutorials if t.practice is None)
    k.nav.go_to(ScreenId.STEP, tutorial_id=without.id, step=0)
    assert not k.screens[ScreenId.STEP].practice_btn.isVisible()
    with_practice = k.catalogue.by_id(SHIPPED[0])
    k.nav.go_to(ScreenId.CATALOGUE, category=with_practice.category)
    grid = k.screens[ScreenId.CATALOGUE]
    names = [b.objectName() for b in grid.buttons]
    assert f"practice_{with_practice.id}" in names
    card = next(b for b in grid.buttons if b.objectName() == f"practice_{with_practice.id}")
    card.click()
    assert k.nav.current_id is ScreenId.PRACTICE
    assert k.screens[ScreenId.PRACTICE].tutorial.id == with_practice.id
