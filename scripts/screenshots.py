"""Render every citizen and volunteer screen, and every staff tab, to PNG.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only home,step-first]
        [--sizes 1366x768,1920x1080] [--high-contrast-scenes home,step-middle] [--pseudo]

Runs offscreen (or on the current display) with the real content, demo settings, a fake
printer and a silent speaker, so it needs no printer or sound card. The scenes are the ones
the layout test walks (``ui/tour.py``); each one is grabbed only after the event loop has run
and no widget moves any more (``ui.layout_rule.Steady``), so what is saved is what the
running kiosk shows. Each PNG's layout-rule problems (if any) are printed next to its name.
The data lives in a temporary folder that is removed at the end. Look at the results.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.auth import AuthService  # noqa: E402
from kiosk.config import defaults  # noqa: E402
from kiosk.content.loader import load_catalogue  # noqa: E402
from kiosk.paths import resource_path  # noqa: E402
from kiosk.store import Store  # noqa: E402
from ui import layout_rule, tour  # noqa: E402
from ui.app import DEMO_STAFF_PIN, Kiosk, demo_config  # noqa: E402
from ui.demo_kiosk import make_kiosk  # noqa: E402
from ui.navigator import ScreenId  # noqa: E402

SIZES = ((1920, 1080), (1366, 768))


def run_loop_until_steady(k: Kiosk, timeout_ms: int = 5000) -> None:
    """Run the real event loop (timers, deferred deletes, layout requests) until nothing on
    the window moves any more, checking every 20 ms."""
    steady = layout_rule.Steady(k.window)
    loop = QEventLoop()
    tick = QTimer()
    tick.setInterval(20)
    tick.timeout.connect(lambda: loop.quit() if steady() else None)
    QTimer.singleShot(timeout_ms, loop.quit)
    tick.start()
    loop.exec()
    tick.stop()


def staff_tab_names(k: Kiosk) -> list[str]:
    """A file-name word for each staff tab (the tab page's objectName, else its number).

    The staff screen is opened first: a feature's tab is built the first time it opens
    (``StaffScreen.add_tab``), so before that only the screen's own four tabs exist."""
    from PySide6.QtWidgets import QScrollArea

    staff_tab(k, 0)
    tour.reset(k)
    tabs = k.screens[ScreenId.STAFF].tabs
    names = []
    for i in range(tabs.count()):
        page = tabs.widget(i)
        inner = page.widget() if isinstance(page, QScrollArea) else page
        names.append(inner.objectName() or f"tab{i + 1}")
    return names


def staff_tab(k: Kiosk, index: int) -> None:
    k.state.sign_in(AuthService(k.store).sign_in(DEMO_STAFF_PIN))
    k.nav.go_to(ScreenId.STAFF)
    k.screens[ScreenId.STAFF].tabs.setCurrentIndex(index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", default="", help="comma-separated scene names")
    parser.add_argument("--sizes", default=",".join(f"{w}x{h}" for w, h in SIZES))
    parser.add_argument("--text-size", type=int, default=1, choices=(0, 1, 2),
                        help="the text size level for every scene (1 = the default)")
    parser.add_argument("--high-contrast-scenes", default="home,step-middle")
    parser.add_argument("--pseudo", action="store_true",
                        help="pseudo-locale: every string about 40 %% longer (layout check)")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    only = {s for s in args.only.split(",") if s}
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",") if s]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    catalogue = load_catalogue([resource_path("tutorials")])
    if args.pseudo:
        from ui.i18n import PseudoTranslator

        app.installTranslator(PseudoTranslator(app))
    written: list[tuple[Path, list[str]]] = []
    for w, h in sizes:
        for contrast in (False, True):
            with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
                data = Path(tmp)
                store = Store.open(data)
                cfg = demo_config(defaults()).replace(high_contrast=contrast,
                                                      text_size=args.text_size)
                k = make_kiosk(store, data, size=(w, h), config=cfg, catalogue=catalogue,
                               kiosk_mode=False)
                scenes = dict(tour.scenes(k))
                for i, tab in enumerate(staff_tab_names(k)):
                    scenes[f"staff-{tab}"] = lambda k=k, i=i: staff_tab(k, i)
                for name, go in scenes.items():
                    if only and name not in only:
                        continue
                    if contrast and name not in args.high_contrast_scenes.split(","):
                        continue
                    tour.reset(k)
                    go()
                    if args.pseudo:
                        k.window.retranslate()
                        k.nav.currentWidget().retranslate()
                    run_loop_until_steady(k)
                    suffix = ("-hc" if contrast else "") + ("-pseudo" if args.pseudo else "") \
                        + {0: "-smallest-text", 2: "-largest-text"}.get(args.text_size, "")
                    path = out / f"{name}-{w}x{h}{suffix}.png"
                    k.window.grab().save(str(path))
                    # Staff forms may scroll down, never sideways (the rule's staff form).
                    found = layout_rule.sideways_scroll_bars(k.window, name) + \
                        layout_rule.problems(k.window, name, may_scroll_down=True) \
                        if name.startswith("staff") else layout_rule.problems(k.window, name)
                    written.append((path, found))
                k.shutdown()
                store.close()
    for path, problems in written:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(shown, *(f"\n  {p}" for p in problems))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
