"""Build the real kiosk for a benchmark: offscreen, real content, every feature, fake speaker.

The kiosk is assembled exactly as ``help-kiosk`` does it (``ui.app.build``) except for the
speaker (FakeSpeaker, unless a benchmark measures speech). Features: the ones the composition
root lists in ``ui.app.FEATURE_MODULES`` (installed as ``help-kiosk`` installs them: after the
first paint when the kiosk starts later), so the figures describe the whole kiosk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.config import Config, defaults, keep_parsed, load_config, save_config

from .bare import SCREEN_H, SCREEN_W


def feature_modules() -> list[str]:
    from ui import app

    return [feature.name for feature in app.FEATURE_MODULES]


def kiosk_config() -> Config:
    """The demo help point; ``BENCH_EXTRA_CONTENT`` adds a content folder (growth runs)."""
    import os

    from ui.app import demo_config

    cfg = demo_config(defaults())
    extra = os.environ.get("BENCH_EXTRA_CONTENT")
    return cfg.replace(extra_content_dirs=[extra]) if extra else cfg


def prepare_data_dir(data_dir: Path) -> None:
    """A data dir as a help point has it when it starts again after a power cut: settings,
    database, demo accounts, the output journal's folder (``kiosk.files``: made by the
    first file a kiosk writes, its PID file), a PID file naming a process that has ended (a
    kiosk that lost power never removes it) and the settings its window parsed
    (``kiosk.config.keep_parsed``, written just after the paint). Since session 6 the start
    reads all three before its first paint; a data dir without them would time a start no
    help point has.
    """
    import subprocess
    import sys

    from kiosk.auth import AuthService
    from kiosk.files import JOURNAL_DIR
    from kiosk.instance import PID_FILE
    from kiosk.store import Store
    from ui.app import ensure_demo_members

    data_dir.mkdir(parents=True, exist_ok=True)
    save_config(data_dir, kiosk_config())
    store = Store.open(data_dir)
    try:
        ensure_demo_members(AuthService(store))
    finally:
        store.close()
    load_config(data_dir, use_cache=True)  # what the window did at its last start
    keep_parsed(data_dir)
    (data_dir / JOURNAL_DIR).mkdir(exist_ok=True)
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True).stdout
    (data_dir / PID_FILE).write_text(ended, encoding="ascii")


def build_kiosk(data_dir: Path, *, speaker: Any = None, tasks: Any = None,
                start_later: bool = False) -> Any:
    """The kiosk (ui.app.Kiosk) built offscreen at 1920×1080, not shown; a QApplication
    must exist. The one recipe (ui.demo_kiosk.make_kiosk) with what a help point really
    runs: the real task lanes and printer unless given, the shipped tutorials.

    ``start_later`` (the cold start and memory children): built as ``help-kiosk`` starts,
    the database and the content opened on first use, so neither is touched before the
    first paint; call ``kiosk.finish_start()`` after it, as ``ui.app.run`` does.
    """
    from ui.speech import FakeSpeaker

    speaker = speaker if speaker is not None else FakeSpeaker()
    from ui.demo_kiosk import make_kiosk

    if not start_later:
        from kiosk.store import Store

        return make_kiosk(Store.open(data_dir), data_dir, size=(SCREEN_W, SCREEN_H),
                          show=False, config=kiosk_config(), tasks=tasks,
                          printer=None, speaker=speaker)
    from ui.app import content_roots

    config = kiosk_config()

    def open_store() -> Any:
        from kiosk.store import Store

        return Store.open(data_dir)

    def load_content() -> Any:
        from kiosk.content.packs import load_content  # as ui.app.open_kiosk reads it

        return load_content(data_dir, content_roots(config))

    return make_kiosk(open_store, data_dir, size=(SCREEN_W, SCREEN_H), show=False,
                      config=config, tasks=tasks, printer=None,
                      speaker=speaker, catalogue=load_content, start_later=True)


def show_full_screen(kiosk: Any) -> None:
    from ui.app import show

    show(kiosk, windowed=False)


def sign_in_staff(kiosk: Any) -> None:
    """Sign the demo staff member in, so helper-only screens open instead of the PIN pad."""
    from kiosk.auth import AuthService
    from ui.app import DEMO_STAFF_PIN

    kiosk.state.sign_in(AuthService(kiosk.store).sign_in(DEMO_STAFF_PIN))


def screen_visits(kiosk: Any) -> list[tuple[Any, dict[str, Any]]]:
    """Every registered screen with the context it needs to show real content."""
    from ui.navigator import ScreenId

    first = kiosk.catalogue.tutorials[0].id
    needs = {ScreenId.STEP: {"tutorial_id": first, "step": 1},
             ScreenId.FINISH: {"tutorial_id": first},
             ScreenId.SHEET_PREVIEW: {"tutorial_id": first},
             ScreenId.PIN: {"next": ScreenId.HOME}}
    skip = {ScreenId.SETUP, ScreenId.RECOVERY}
    return [(sid, needs.get(sid, {})) for sid in kiosk.screens if sid not in skip]
