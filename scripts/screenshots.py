"""Render every screen to PNG at 1920×1080 and 1366×768, normal and high contrast.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only home,step]

Runs offscreen (or on the current display) with the real content, demo settings, a fake
printer and a silent speaker, so it needs no printer or sound card. Look at the results.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.auth import AuthService  # noqa: E402
from kiosk.config import defaults  # noqa: E402
from kiosk.content.loader import load_catalogue  # noqa: E402
from kiosk.paths import resource_path  # noqa: E402
from kiosk.store import Store  # noqa: E402
from ui.app import (  # noqa: E402
    DEMO_STAFF_PIN,
    DEMO_VOLUNTEER_PIN,
    Kiosk,
    build,
    demo_config,
    ensure_demo_members,
)
from ui.navigator import ScreenId  # noqa: E402
from ui.printing import FakePrinter  # noqa: E402
from ui.speech import FakeSpeaker  # noqa: E402
from ui.tasks import SyncTaskRunner  # noqa: E402

SIZES = ((1920, 1080), (1366, 768))


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def sign_in(k: Kiosk, pin: str) -> None:
    k.state.sign_in(AuthService(k.store).sign_in(pin))


def scenes(k: Kiosk) -> dict[str, Callable[[], None]]:
    first = k.catalogue.tutorials[0].id if k.catalogue.tutorials else ""
    activate = "vneid-activate" if k.catalogue.by_id("vneid-activate") else first
    out: dict[str, Callable[[], None]] = {
        "home": lambda: k.nav.home(),
        "catalogue": lambda: k.nav.go_to(ScreenId.CATALOGUE),
        "tutorials": lambda: k.nav.go_to(ScreenId.CATALOGUE, category="vneid"),
        "step": lambda: k.nav.go_to(ScreenId.STEP, tutorial_id=activate, step=3),
        "step-warning": lambda: k.nav.go_to(ScreenId.STEP, tutorial_id="scam-fake-police",
                                            step=3),
        "step-pc": lambda: k.nav.go_to(ScreenId.STEP, tutorial_id="dvc-login", step=1),
        "finish": lambda: k.nav.go_to(ScreenId.FINISH, tutorial_id=activate),
        "pin": lambda: k.nav.go_to(ScreenId.PIN),
        "idle-warning": lambda: (k.nav.go_to(ScreenId.CATALOGUE),
                                 k.idle.overlay.show_seconds(7)),
    }

    def staff() -> None:
        sign_in(k, DEMO_STAFF_PIN)
        k.nav.go_to(ScreenId.STAFF)

    def volunteer(screen: ScreenId) -> Callable[[], None]:
        def go() -> None:
            sign_in(k, DEMO_VOLUNTEER_PIN)
            k.nav.go_to(screen)
        return go

    out["staff"] = staff
    for name, sid in (("take-ticket", ScreenId.TAKE_TICKET), ("sheet-preview",
                                                              ScreenId.SHEET_PREVIEW)):
        if k.nav.has(sid):
            out[name] = (lambda sid=sid: k.nav.go_to(sid, tutorial_id=activate))
    for name, sid in (("console", ScreenId.VOLUNTEER), ("quick-log", ScreenId.QUICK_LOG)):
        if k.nav.has(sid):
            out[name] = volunteer(sid)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", default="", help="comma-separated scene names")
    parser.add_argument("--high-contrast-scenes", default="home,step")
    parser.add_argument("--pseudo", action="store_true",
                        help="pseudo-locale: every string about 40 %% longer (layout check)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    only = {s for s in args.only.split(",") if s}
    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalogue = load_catalogue([resource_path("tutorials")])
    if args.pseudo:
        from ui.i18n import PseudoTranslator

        pseudo = PseudoTranslator(app)
        app.installTranslator(pseudo)
    written = []
    for w, h in SIZES:
        for contrast in (False, True):
            tmp = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
            store = Store.open(tmp)
            ensure_demo_members(AuthService(store))
            cfg = demo_config(defaults()).replace(high_contrast=contrast)
            k = build(store=store, config=cfg, data_dir=tmp, catalogue=catalogue,
                      speaker=FakeSpeaker(), tasks=SyncTaskRunner(), kiosk_mode=False,
                      screen_size=(w, h), printer=FakePrinter())
            k.window.resize(w, h)
            k.window.show()
            for name, go in scenes(k).items():
                if only and name not in only:
                    continue
                if contrast and name not in args.high_contrast_scenes.split(","):
                    continue
                k.state.sign_out()
                k.idle.overlay.hide()
                go()
                settle(app)
                if args.pseudo:
                    k.window.retranslate()
                    k.nav.currentWidget().retranslate()
                    settle(app)
                suffix = ("-hc" if contrast else "") + ("-pseudo" if args.pseudo else "")
                path = args.out / f"{name}-{w}x{h}{suffix}.png"
                k.window.grab().save(str(path))
                written.append(path)
            k.window.allow_close = True
            k.window.close()
            k.shutdown()
            store.close()
    print("\n".join(str(p.relative_to(ROOT)) for p in written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
