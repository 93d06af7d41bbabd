"""Measured, not eyeballed: contrast of every colour pair, touch-target sizes on every screen
at 1920×1080 and 1366×768, and a pseudo-locale (longer strings) that must not clip text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.auth import AuthService
from kiosk.config import defaults
from kiosk.content.loader import load_catalogue
from kiosk.store import Store
from tests.conftest import SAMPLE_CONTENT
from ui import demo_kiosk, theme
from ui.app import DEMO_STAFF_PIN, Kiosk, demo_config
from ui.i18n import PseudoTranslator
from ui.navigator import ScreenId
from ui.widgets.big_button import BigButton


@pytest.mark.parametrize("pal", [theme.NORMAL, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_pair_meets_its_contrast_ratio(pal: theme.Palette) -> None:
    low = {f"{fg}/{bg}": round(theme.contrast_ratio(getattr(pal, fg), getattr(pal, bg)), 2)
           for fg, bg in theme.TEXT_PAIRS
           if theme.contrast_ratio(getattr(pal, fg), getattr(pal, bg)) < pal.min_ratio}
    assert low == {}


def test_contrast_formula_matches_wcag_examples() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def make_kiosk(qtbot, tmp_path: Path, size: tuple[int, int], **cfg: object) -> Iterator[Kiosk]:
    store = Store.open(tmp_path / f"d{size[0]}")
    k = demo_kiosk.make_kiosk(store, tmp_path, size=size, kiosk_mode=False,
                              config=demo_config(defaults()).replace(**cfg),
                              catalogue=load_catalogue([SAMPLE_CONTENT]))
    qtbot.waitExposed(k.window)
    yield k
    k.shutdown()
    store.close()


def visit_all(k: Kiosk) -> Iterator[ScreenId]:
    k.state.sign_in(AuthService(k.store).sign_in(DEMO_STAFF_PIN))
    for sid in k.screens:
        context = {"tutorial_id": "sample-basic", "step": 1}
        k.nav.go_to(sid, **context)
        QApplication.processEvents()
        yield sid


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920", "1366"])
def test_touch_targets_are_big_enough_on_every_screen(qtbot, tmp_path: Path,
                                                      size: tuple[int, int]) -> None:
    minimum = theme.target_px(theme.scale_for(*size))
    for k in make_kiosk(qtbot, tmp_path, size):
        small = []
        for sid in visit_all(k):
            for b in k.window.findChildren(BigButton):
                if b.isVisible() and (b.width() < minimum or b.height() < minimum):
                    small.append((sid.name, b.objectName(), b.width(), b.height()))
        assert small == [], f"minimum {minimum}px"


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920", "1366"])
def test_pseudo_locale_clips_no_text(qtbot, tmp_path: Path, size: tuple[int, int]) -> None:
    app = QApplication.instance()
    pseudo = PseudoTranslator()
    app.installTranslator(pseudo)
    try:
        for k in make_kiosk(qtbot, tmp_path, size):
            k.window.retranslate()
            clipped = []
            for sid in visit_all(k):
                k.nav.currentWidget().retranslate()
                QApplication.processEvents()
                for label in k.window.findChildren(QLabel):
                    if not label.isVisible() or not label.text() or label.pixmap() and \
                            not label.pixmap().isNull():
                        continue
                    if label.wordWrap():
                        needed = label.heightForWidth(label.width())
                        if needed > label.height() + 2:
                            clipped.append((sid.name, label.objectName(), label.text()[:30]))
                    elif label.sizeHint().width() > label.width() + 2:
                        clipped.append((sid.name, label.objectName(), label.text()[:30]))
            assert clipped == [], "\n".join(map(str, clipped))
    finally:
        app.removeTranslator(pseudo)
