"""Composition root: makes every service and screen once and wires them together.

``run(args)`` is what ``help-kiosk`` (no sub-command) calls. ``build(...)`` assembles the same
kiosk for tests and screenshots with fakes at the edges (speaker, task runner, clock).
Only the window and the home screen are built before the first paint; every other screen,
the database, the content and the start-up work come on first use or just after the first
paint (issue #18, docs/benchmarks.md).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar

from PySide6.QtCore import QCoreApplication

import ui
from kiosk.config import Config, ConfigProblem, keep_parsed, load_config, save_config
from kiosk.paths import resource_path
from ui.phrases import ASK_VOLUNTEER, GREETING, PhraseVoice

if TYPE_CHECKING:
    import argparse  # only the type: the window's start parses without it (kiosk.cli)

    # Not imported at start-up: SQLAlchemy, the models and the content loader are loaded
    # after the home screen's first paint (issue #18: cold start like a bare window).
    from kiosk.auth import AuthService
    from kiosk.content.model import Catalogue
    from kiosk.queue import QueueService
    from kiosk.store import Store

log = logging.getLogger(__name__)
ui.no_source_scan()  # before the heavy libraries load (on first use, after the first paint)

NO_DISPLAY = ("Không tìm thấy màn hình (DISPLAY). Chạy trong Xvfb: "
              "xvfb-run -a -s \"-screen 0 1920x1080x24\" help-kiosk --windowed "
              "— hoặc đặt QT_QPA_PLATFORM=offscreen để chụp ảnh màn hình.")


def display_available() -> bool:
    """False on Linux with no X/Wayland display and no explicit Qt platform (Qt would abort)."""
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(data_dir: Path, verbose: bool = False) -> None:
    """A rotating log file in the data dir. Services never log personal data."""
    start_logging(data_dir, verbose)
    rotate_logging(data_dir)


def start_logging(data_dir: Path, verbose: bool = False, *, hold: bool = False) -> None:
    """The kiosk's log file, appended to by logging's plain FileHandler: the start's first
    lines are kept without loading ``logging.handlers`` (socket, pickle, queue: 28 M
    instructions) before the first paint; :func:`rotate_logging` hands the same file to the
    rotating handler just after it (``run``).

    ``hold``: the one-kiosk lock is not held yet (``run`` takes it after the paint), so the
    file may be another running kiosk's: the lines are kept in memory and written by
    :func:`rotate_logging` once the lock is held, or dropped by :func:`drop_held_logging`
    when this start hands over to the running kiosk, whose log it never opens."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if hold:
        root.addHandler(_HeldRecords())
        return
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(logs / "kiosk.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)


class _HeldRecords(logging.Handler):
    """Log records kept in memory until the log file may be opened (a bounded number: the
    start before the first paint logs a handful)."""

    LIMIT = 1000

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def _take_held() -> list[logging.LogRecord]:
    root = logging.getLogger()
    records: list[logging.LogRecord] = []
    for held in [h for h in root.handlers if isinstance(h, _HeldRecords)]:
        root.removeHandler(held)
        records += held.records
    return records


def drop_held_logging() -> None:
    """This start hands over to the running kiosk: its held lines are not written."""
    _take_held()


def rotate_logging(data_dir: Path) -> None:
    """From now on the log file rotates (2 MB, five old files kept). Lines held since the
    start (``start_logging(hold=True)``) are written first, in order."""
    import logging.handlers

    path = data_dir / "logs" / "kiosk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for record in _take_held():
        handler.handle(record)
    root.addHandler(handler)
    for plain in [h for h in root.handlers if type(h) is logging.FileHandler
                  and Path(h.baseFilename) == path.resolve()]:
        root.removeHandler(plain)
        plain.close()


def content_roots(cfg: Config) -> list[Path]:
    return [resource_path("tutorials"), *(Path(p) for p in cfg.extra_content_dirs)]


def demo_config(cfg: Config) -> Config:
    return cfg.replace(help_point_name="Điểm hỗ trợ số thôn Tà Lang",
                       commune="Hòa Bắc (cũ)", village="Tà Lang",
                       hotline="0236 3 123 456", setup_done=True)


DEMO_STAFF_PIN = "2468"
DEMO_VOLUNTEER_PIN = "1357"


def ensure_demo_members(auth: AuthService) -> None:
    """Demo PINs (documented in the README) so a trainer can try every role at once."""
    from kiosk.actors import Role

    if auth.has_staff():
        return
    auth.add_member(None, "Cán bộ xã (mẫu)", Role.STAFF, DEMO_STAFF_PIN)
    staff = auth.sign_in(DEMO_STAFF_PIN)
    auth.add_member(staff, "Tình nguyện viên Hùng (mẫu)", Role.VOLUNTEER, DEMO_VOLUNTEER_PIN)


T = TypeVar("T")


class Once(Generic[T]):
    """A value made the first time it is asked for, from any thread, exactly once.

    The store and the content are handed to :func:`build` either made or as a function that
    makes them: the running kiosk opens the database and reads the tutorials after the home
    screen's first paint, tests hand in ready ones.
    """

    def __init__(self, source: T | Callable[[], T]) -> None:
        self._lock = threading.Lock()
        self._made = not callable(source)
        self._value: Any = None if callable(source) else source
        self._make: Callable[[], T] | None = source if callable(source) else None  # type: ignore[assignment]

    @property
    def ready(self) -> bool:
        return self._made

    def get(self) -> T:
        if not self._made:
            with self._lock:
                if not self._made:
                    assert self._make is not None
                    self._value = self._make()
                    self._made = True
                    self._make = None
        return self._value  # type: ignore[no-any-return]


class OpensLater:
    """The store and the content as their users read them, opened on first use (``Once``):
    what the features' context and the running kiosk share."""

    stores: Once[Store]
    catalogues: Once[Catalogue]

    @property
    def store(self) -> Store:
        return self.stores.get()

    @property
    def catalogue(self) -> Catalogue:
        return self.catalogues.get()


class StaffTabs:
    """Staff tabs the features add before the staff screen exists; it takes them when it is
    built (the first time staff open it), in the order they were added."""

    def __init__(self) -> None:
        self.pending: list[tuple[Any, str]] = []
        self.screen: Any = None

    def add_tab(self, widget: Any, label: str) -> None:
        if self.screen is not None:
            self.screen.add_tab(widget, label)
        else:
            self.pending.append((widget, label))

    def attach(self, screen: Any) -> None:
        self.screen = screen
        for widget, label in self.pending:
            screen.add_tab(widget, label)
        self.pending.clear()


@dataclass(eq=False, repr=False)  # never compared or printed: cheaper to define
class BuildContext(OpensLater):
    """What a feature's ``install(ctx)`` may use to add its screens and staff tabs.

    ``store``, ``catalogue``, ``auth``, ``queue`` and ``printer`` are made on first use: read
    them inside the factories of screens and tabs, or in work given to ``after_start``, never
    in ``install`` itself, so that nothing of the database or the content is loaded before
    the home screen is painted. Screens go into ``screens`` as factories
    (``screens[sid] = lambda: ...``) to be built on first visit; a built widget is accepted.
    """

    app: Any
    window: Any
    nav: Any
    state: Any
    speaker: Any
    tasks: Any
    config: Config
    data_dir: Path
    screens: Any
    staff: Any
    printers: Once[Any]
    stores: Once[Store]
    catalogues: Once[Catalogue]
    queues: Once[QueueService]
    ask_volunteer_hooks: list[Callable[[str, int], None]] = field(default_factory=list)
    phrases: PhraseVoice | None = None  # the recorded phrase set chosen in config, if any
    started_jobs: list[Callable[[], None]] = field(default_factory=list)
    #: Resume codes (``ui.features.resume.ResumeCodes``) once that feature is installed:
    #: a player that a citizen may leave midway offers a code through it.
    resume: Any = None
    # ``ui.content.ContentSwap``: new content (a hub pack) goes in through its ``offer``.
    content: Any = None

    @property
    def printer(self) -> Any:
        return self.printers.get()

    @property
    def queue(self) -> QueueService:
        """The one queue service every feature shares."""
        return self.queues.get()

    @property
    def auth(self) -> AuthService:
        from kiosk.auth import AuthService

        return AuthService(self.store)

    def after_start(self, job: Callable[[], None]) -> None:
        """Run ``job`` once the kiosk has started: after the first paint in the running
        kiosk, at the end of :func:`build` when nothing is deferred (tests)."""
        self.started_jobs.append(job)


Feature = Callable[[BuildContext], None]


class FeatureModule(NamedTuple):
    """A feature as the composition root knows it before its module is imported: the
    module (with ``install(ctx)``) and the screens that ``install`` adds, by ``ScreenId``
    name, so that Home can offer their tiles at the first paint."""

    name: str
    screens: tuple[str, ...] = ()

    @property
    def install(self) -> Feature:
        return _feature_modules()[self.name].install  # type: ignore[no-any-return]


def _feature_modules() -> dict[str, Any]:
    """Every feature's module, by plain import statements: PyInstaller follows them (nothing
    of ours is loaded by name, see help-kiosk.spec). Called once the features are installed,
    after the first paint."""
    from ui.features import (
        assistance,
        disk_watch,
        home_visits,
        places,
        queue,
        reports,
        resume,
        scam_check,
        sheets,
        sync,
    )

    return {m.__name__: m for m in (assistance, disk_watch, home_visits, places, queue,
                                    reports, resume, scam_check, sheets, sync)}


# Features that add screens and staff tabs, in order. The running kiosk imports and installs
# them just after the first paint (``LaterFeatures``); ``tests/ui/test_lazy_start.py`` checks
# each ``screens`` list against what its ``install`` really adds.
FEATURE_MODULES: tuple[FeatureModule, ...] = (
    FeatureModule("ui.features.sheets", ("SHEET_PREVIEW",)),
    FeatureModule("ui.features.assistance", ("QUICK_LOG", "CONSENT")),
    FeatureModule("ui.features.reports"),
    FeatureModule("ui.features.queue", ("TAKE_TICKET", "TICKET", "VOLUNTEER")),
    FeatureModule("ui.features.places"),
    FeatureModule("ui.features.sync"),
    FeatureModule("ui.features.scam_check", ("SCAM_CHECK", "SCAM_VERDICT")),
    FeatureModule("ui.features.resume", ("RESUME_CODE", "RESUME_ENTRY")),
    FeatureModule("ui.features.disk_watch"),
    FeatureModule("ui.features.home_visits", ("HOME_VISITS",)),
)


def default_features() -> list[Feature]:
    return [feature.install for feature in FEATURE_MODULES]


class LaterFeatures:
    """The features installed after the first paint (issue #18: about forty modules fewer
    before it), or as soon as any screen but Home is about to be built, whichever is first.

    Until then each screen a feature declares is registered with a stand-in, so Home shows
    its tile and ``ScreenId.X in kiosk.screens`` holds; installing replaces the stand-ins
    with the real factories. A feature that leaves itself out (a refused scam-check list)
    leaves its stand-ins behind: they are forgotten and Home drops the tile.
    """

    def __init__(self, ctx: BuildContext, features: tuple[FeatureModule, ...],
                 home_changed: Callable[[], None]) -> None:
        from ui.navigator import ScreenId

        self._ctx = ctx
        self._pending = list(features)
        self._home_changed = home_changed
        self._stand_ins: dict[Any, Callable[[], Any]] = {}
        for feature in features:
            for name in feature.screens:
                sid = ScreenId[name]
                self._stand_ins[sid] = stand_in = self._stand_in(sid)
                ctx.screens[sid] = stand_in
        ctx.nav.before_build.append(self._before_build)

    @staticmethod
    def _stand_in(sid: Any) -> Callable[[], Any]:
        def never_built() -> Any:  # the features are always installed before a build
            raise LookupError(f"{sid} was not installed before it was built")

        return never_built

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def _before_build(self, sid: Any) -> None:
        if sid.name != "HOME":
            self.install()

    def install(self) -> None:
        """Import and install every feature not installed yet (GUI thread)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        for feature in pending:
            feature.install(self._ctx)
        left_out = [sid for sid, stand_in in self._stand_ins.items()
                    if self._ctx.nav.unregister(sid, stand_in)]
        self._stand_ins.clear()
        if left_out:
            log.info("features left out: %s", ", ".join(sid.name for sid in left_out))
            self._home_changed()


@dataclass(eq=False, repr=False)  # never compared or printed: cheaper to define
class Kiosk(OpensLater):
    """Everything the running kiosk is made of (handed to tests and the screenshot script)."""

    app: Any
    window: Any
    nav: Any
    state: Any
    speaker: Any
    tasks: Any
    stores: Once[Store]
    config: Config
    catalogues: Once[Catalogue]
    idle: Any
    funnel: Any
    screens: Any = None
    guide: Any = None
    translations: Any = None
    restyle: Callable[[], None] = lambda: None
    started_jobs: list[Callable[[], None]] = field(default_factory=list)
    # Reads the content off the GUI thread and swaps new content in (``ui.content``).
    content: Any = None

    def finish_start(self) -> None:
        """What waits for the first paint: the database, the content and the start-up work
        (each job once, in the order it was asked for, including the jobs that installing
        the features adds). The content is read on a task lane and swapped in when ready:
        the window never waits for it."""
        from kiosk.memory import return_big_blocks_to_the_system
        from ui import first_paint

        # What waited for Qt's namespace (a cursor, the window's flags as the widget records
        # them) first: every later job may use it.
        first_paint.release()
        # Before any page image or PDF buffer: those must go back to the system when freed.
        return_big_blocks_to_the_system()
        self.stores.get()
        while self.started_jobs:
            self.started_jobs.pop(0)()
        # Last: the read shares the interpreter with this thread, so the jobs above would
        # take longer with it running.
        if self.content is not None:
            self.content.start()

    def open_then_start(self, then: Callable[[], Any],
                        failed: Callable[[BaseException], Any]) -> None:
        """What ``help-kiosk`` does after the first paint: the database is opened on the db
        lane (SQLAlchemy's import, the engine, the migration check and the demo accounts
        held the window still for about half a second on the GUI thread), then
        :meth:`finish_start` and ``then`` run on the GUI thread; ``failed(exc)`` instead if
        it cannot be opened. A screen that needs the store meanwhile waits for it
        (``Once``)."""
        from ui import first_paint
        from ui.ops import Op

        # What waited for the paint (the cursor, the buttons' mouse handling, the window's
        # recorded flags) does not wait for the database too.
        first_paint.release()
        def opened(_store: Any) -> None:
            self.finish_start()
            then()

        Op(self.stores.get).on("db").success(opened).failure(failed).run(self.tasks)

    def shutdown(self) -> None:
        """Stop timers, threads and filters first; delete the window last."""
        from ui import first_paint

        first_paint.release()  # nothing held for widgets of this kiosk outlives it
        self.idle.stop()
        if self.guide is not None:
            self.app.removeEventFilter(self.guide)
        self.app.removeEventFilter(self.idle)
        self.tasks.wait_all()
        self.speaker.shutdown()
        self.funnel.uninstall()
        if self.translations is not None:
            self.translations.switch("vi")  # remove our translators from the application
        from ui import icons

        icons.use_disk_cache(None)  # this kiosk's data dir may go; the icons stay in memory
        self.window.allow_close = True
        self.window.close()
        self.window.deleteLater()
        # deleteLater posted outside a running event loop is never processed; without this
        # every later kiosk in the same process restyles the dead windows too.
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def build(*, store: Store | Callable[[], Store], config: Config, data_dir: Path,
          catalogue: Catalogue | Callable[[], Catalogue],
          speaker: Any = None, tasks: Any = None, kiosk_mode: bool = True,
          screen_size: tuple[int, int] | None = None, printer: Any = None,
          features: list[Feature] | None = None, start_later: bool = False) -> Kiosk:
    """Assemble the kiosk. A QApplication must already exist.

    Only the window and the home screen are built here; every other screen is registered
    with the navigator and built the first time it is opened. ``store`` and ``catalogue``
    may be functions that open/load them on first use. With ``start_later`` the start-up
    work (data chores, keypads, app-wide event filters) waits for :meth:`Kiosk.finish_start`
    (``run`` calls it after the first paint); without it, it runs before this returns.
    """
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from ui import icons, theme
    from ui.errors import ErrorFunnel
    from ui.i18n import Translations
    from ui.idle import IdleWarning, IdleWatcher
    from ui.navigator import Navigator, ScreenId, Screens
    from ui.screens.home import HomeScreen
    from ui.shell import KioskWindow
    from ui.speech import Speaker
    from ui.state import KioskState
    from ui.tasks import TaskRunner
    from ui.widgets.big_button import BigButton

    app = QApplication.instance()
    assert app is not None, "create a QApplication first"
    for font in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource_path("fonts", font)))
    scale = apply_theme(app, config, screen_size)
    # Icons drawn at an earlier start come back as PNG files: no QtSvg before the first paint.
    icons.use_disk_cache(data_dir / "cache" / "icons")

    stores: Once[Store] = Once(store)
    # Content given as a function is read on a task lane after the first paint; until it
    # is swapped in, every screen holds an empty catalogue that says it is loading.
    read: Callable[[], Catalogue] | None = catalogue if callable(catalogue) else None

    def pending() -> Catalogue:
        from kiosk.content.model import Catalogue

        return Catalogue.pending()

    catalogues: Once[Catalogue] = Once(pending if read is not None else catalogue)
    if speaker is None:
        def pronouncer() -> Any:
            from kiosk.speech.pronounce import FollowingPronouncer

            # Follows the catalogue: the content (and a hub pack) may arrive after the
            # first sentence is said.
            return FollowingPronouncer(lambda: catalogues.get().pronunciation)

        def worker() -> Any:
            # Made (its engine, wave and queue modules loaded) the first time the speaker
            # needs it: when it starts after the first paint, or a text said before then,
            # which waits in the worker's queue.
            from kiosk.speech.engine import create_default_engine
            from kiosk.speech.worker import SpeechWorker

            return SpeechWorker(create_default_engine, data_dir / "cache" / "speech",
                                pronouncer, rate=config.speech_rate, voice=config.voice)

        speaker = Speaker(worker, config.language)
    tasks = tasks or TaskRunner()
    state = KioskState(config.language, config.text_size, config.high_contrast, kiosk_mode)
    nav = Navigator()
    window = KioskWindow(state, nav, config.help_point_name)
    from ui.content import ContentSwap

    content = ContentSwap(catalogues, read, nav, state, tasks)
    translations = Translations(app, data_dir / "cache" / "i18n")
    screens = Screens(nav)
    staff_tabs = StaffTabs()

    def auth() -> AuthService:
        from kiosk.auth import AuthService

        return AuthService(stores.get())

    def phrase_set() -> Any:
        from kiosk.speech.phrases import load_phrase_sets

        return load_phrase_sets(resource_path("phrases"))[0].get(config.phrase_language)

    hooks: list[Callable[[str, int], None]] = []
    # Cơ Tu (or another recorded set) chosen in config.toml: its phrases play around the
    # Vietnamese voice (speakers are bilingual; the number stays in Vietnamese). Read the
    # first time voice mode says something.
    phrases = PhraseVoice(state, speaker, phrase_set if config.phrase_language else None)

    def ask_volunteer(tutorial_id: str, step: int) -> None:
        if hooks:  # the queue feature issues a ticket tagged with the tutorial and step
            hooks[-1](tutorial_id, step)
            return
        text = QCoreApplication.translate(
            "KioskWindow", "Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên "
                           "sẽ giúp bạn ngay.")
        window.show_message(text)
        phrases.say(text, first=ASK_VOLUNTEER)

    # Each screen but Home is built (and its module imported) the first time it is opened.
    def catalogue_screen() -> Any:
        from ui.screens.catalogue import CatalogueScreen

        return CatalogueScreen(state, nav, speaker, catalogues.get())

    def step_screen() -> Any:
        from kiosk.usage import UsageRecorder
        from ui.screens.step_player import StepPlayerScreen

        def left_midway(tutorial_id: str, index: int, code: str | None) -> None:
            if ctx.resume is not None:  # the resume feature offers a code to come back with
                ctx.resume.offer("tutorial", tutorial_id, index, keep=code)

        return StepPlayerScreen(state, nav, speaker, catalogues.get(),
                                UsageRecorder(stores.get()), tasks, ask_volunteer,
                                on_left_midway=left_midway)

    def practice_screen() -> Any:
        from kiosk.usage import UsageRecorder
        from ui.screens.practice import PracticeScreen

        return PracticeScreen(state, nav, speaker, catalogues.get(),
                              UsageRecorder(stores.get()), tasks, ask_volunteer)

    def finish_screen() -> Any:
        from ui.screens.finish import FinishScreen

        return FinishScreen(state, nav, speaker, catalogues.get(), ask_volunteer)

    def pin_screen() -> Any:
        from ui.screens.pin_pad import PinPadScreen

        return PinPadScreen(state, nav, speaker, auth(), tasks)

    def staff_screen() -> Any:
        from ui.screens.staff import StaffScreen

        staff = StaffScreen(state, nav, speaker, auth(), tasks, data_dir, config,
                            catalogues.get())
        staff_tabs.attach(staff)
        return staff

    # Home is built once the features have said which screens exist (its tiles follow them);
    # registered first, it stays the first page of the stack.
    screens[ScreenId.HOME] = lambda: HomeScreen(state, nav, speaker)
    screens[ScreenId.CATALOGUE] = catalogue_screen
    screens[ScreenId.STEP] = step_screen
    screens[ScreenId.FINISH] = finish_screen
    screens[ScreenId.PRACTICE] = practice_screen
    screens[ScreenId.PIN] = pin_screen
    screens[ScreenId.STAFF] = staff_screen

    def qt_printer() -> Any:  # QtPrintSupport is loaded with the first print
        from ui.printing import QtPrinter

        return QtPrinter(config.printer)

    def queue_service() -> QueueService:
        from kiosk.queue import QueueService

        return QueueService(stores.get(), desk_count=config.desk_count,
                            priority_every=config.priority_every)

    ctx = BuildContext(app=app, window=window, nav=nav, state=state, speaker=speaker,
                       tasks=tasks, config=config, data_dir=data_dir, screens=screens,
                       staff=staff_tabs, printers=Once(printer or qt_printer), stores=stores,
                       catalogues=catalogues, queues=Once(queue_service),
                       ask_volunteer_hooks=hooks, phrases=phrases, content=content)

    def data_chores() -> None:
        # Once, on the db lane before any screen reads: places seeded, expired contacts
        # erased (kiosk.startup; whichever features this help point uses).
        from ui.ops import Op

        def chores() -> None:
            from kiosk.startup import prepare_data  # imported on the lane too

            prepare_data(stores.get(), config)

        Op(chores).on("db").or_log("start-up data chores").run(tasks)

    ctx.after_start(data_chores)
    later: LaterFeatures | None = None
    if features is None and start_later:
        # Imported and installed just after the first paint (or when a screen is first
        # built); their screens are known now, so Home's tiles are the same.
        later = LaterFeatures(ctx, FEATURE_MODULES,
                              home_changed=lambda: screens[ScreenId.HOME].rebuild())
        ctx.after_start(later.install)
    else:
        for install in (default_features() if features is None else features):
            install(ctx)
    screens[ScreenId.HOME]  # built now: its tiles are for every screen the features added

    overlay = IdleWarning(window)
    idle = IdleWatcher(state, overlay, config.idle_timeout_s,
                       is_at_rest=lambda: nav.current_id == ScreenId.HOME and not state.is_helper
                       and state.voice_on == bool(config.voice_mode),
                       warn_sound=lambda: speaker.announce(
                           overlay.label.text().replace("\n", " "), chime=True))
    # Application-wide event filters start with the kiosk (after the first paint when it
    # starts later): a Python filter on every object makes shiboken wrap every Qt class it
    # meets, about 170 Python enums and a third of the time to the first paint; nobody can
    # touch the screen before it is painted anyway.
    ctx.after_start(lambda: app.installEventFilter(idle))

    def reset_everything() -> None:
        # First shut every dialog (a staff file choice left open over Home, a question):
        # nothing that opens a dialog survives the idle reset.
        from ui.file_choice import close_dialogs

        close_dialogs()
        speaker.stop_narration()
        step = screens.if_built(ScreenId.STEP)
        if step is not None:
            step.leave_tutorial()
        for w in screens.built():  # a screen never built has nothing to forget
            w.reset()
        state.sign_out()
        # The next visitor meets the help point as staff set it up (config.toml, kept current
        # by the settings tab), not as the last visitor left it.
        state.set_voice(bool(config.voice_mode))
        state.set_language(config.language)
        if (state.text_size, state.high_contrast) != (config.text_size, config.high_contrast):
            state.text_size = max(0, min(2, config.text_size))
            state.set_high_contrast(config.high_contrast)
        nav.home()

    def start_voice_guide() -> None:
        # Touch once to hear, again to choose: an application-wide filter, so it starts
        # with the kiosk, after the first paint (as the idle watcher does).
        from ui.voice import VoiceGuide

        guide = VoiceGuide(state, say=lambda text: speaker.say(text),
                           at_idle_home=lambda: nav.current_id == ScreenId.HOME
                           and not state.is_helper, exempt=(window.speaker_btn,))
        kiosk.guide = guide
        app.installEventFilter(guide)
        idle.timed_out.connect(guide.new_visitor)

    ctx.after_start(start_voice_guide)
    idle.timed_out.connect(reset_everything)
    funnel = ErrorFunnel(go_home=nav.home)
    funnel.error.connect(lambda msg: window.show_message(msg))
    if kiosk_mode:
        funnel.install()

    # The screen before the current one: Home pressed on the step player (not on a ticket
    # taken from it) is "leaving a tutorial midway", which earns a code to come back with.
    seen: list[Any] = [None, None]

    def track(sid: Any) -> None:
        seen[0], seen[1] = seen[1], sid

    nav.screen_changed.connect(track)

    def go_home_cleanly() -> None:
        step = screens.if_built(ScreenId.STEP)
        if step is not None:
            step.leave_tutorial(offer_code=seen[0] == ScreenId.STEP
                                and nav.current_id == ScreenId.HOME)

    window.home_btn.clicked.connect(go_home_cleanly)
    window.staff_gesture.connect(lambda: nav.go_to(ScreenId.PIN, next=ScreenId.HOME))
    ctx.after_start(window.add_staff_shortcut)

    def restyle() -> None:
        p = theme.palette(state.high_contrast)
        theme.set_current(p, scale)
        sheet = theme.style_sheet(p, state.text_size, scale)
        if sheet != app.styleSheet():  # unchanged: no need to re-polish every widget
            app.setStyleSheet(sheet)
        for b in window.findChildren(BigButton):
            b.apply_palette(p)

    def retranslate(lang: str) -> None:
        translations.switch(lang)
        speaker.lang = lang
        window.retranslate()
        overlay.retranslate()
        current = nav.currentWidget()
        if current is not None:  # the others retranslate when they are entered or built
            current.retranslate()
        restyle()

    def announce_screen(_sid: Any) -> None:
        w = nav.currentWidget()
        # The step player and the practice read their own words (the step, the instruction);
        # screens that speak when their words are ready (the resume code) speak themselves.
        if state.voice_on and _sid not in (ScreenId.STEP, ScreenId.PRACTICE) \
                and not getattr(w, "speaks_itself", False):
            text = w.announcement() if hasattr(w, "announcement") else ""
            first, after = (GREETING, None) if _sid == ScreenId.HOME else \
                phrases.for_ticket(w.ticket) if _sid == ScreenId.TICKET else (None, None)
            phrases.say(text, first=first, after=after)

    def voice_changed(on: bool) -> None:
        window.speaker_btn.apply_palette(theme.current())
        if on:
            speaker.say(QCoreApplication.translate(
                "KioskWindow", "Đã bật đọc to. Chạm một lần để nghe, chạm lần nữa để chọn."))
            announce_screen(nav.current_id)
        else:
            speaker.stop_narration()

    told_no_voice = [False]

    def speech_failed(reason: str) -> None:
        # No sound on this PC (or no voice): tell the citizen once per voice-on, never block.
        if state.voice_on and reason and not told_no_voice[0]:
            told_no_voice[0] = True
            window.show_message(reason)

    def voice_toggled(on: bool) -> None:
        if not on:
            told_no_voice[0] = False

    speaker.failed.connect(speech_failed)
    state.voice_changed.connect(voice_toggled)
    nav.screen_changed.connect(announce_screen)

    def content_changed() -> None:
        # Only the screen on show: the others fill from the catalogue when entered.
        current = nav.currentWidget()
        if current is not None and hasattr(current, "content_changed"):
            current.content_changed()

    content.changed.connect(content_changed)
    state.look_changed.connect(restyle)
    state.language_changed.connect(retranslate)
    state.voice_changed.connect(voice_changed)
    if state.language != "vi":
        # Widgets were built (and set their texts) before this translator existed.
        retranslate(state.language)
    # No restyle() here: the look was set before the first widget (apply_theme) and every
    # button took its colours when it was made; restyle() is for changes of look.
    nav.home()
    if config.voice_mode:
        state.set_voice(True)
    kiosk = Kiosk(app=app, window=window, nav=nav, state=state, speaker=speaker, tasks=tasks,
                  stores=stores, config=config, catalogues=catalogues, idle=idle,
                  funnel=funnel, screens=screens, translations=translations, restyle=restyle,
                  started_jobs=ctx.started_jobs, content=content)
    if not start_later:
        kiosk.finish_start()
    return kiosk


def run(args: argparse.Namespace) -> int:
    """Start the kiosk window (what ``help-kiosk`` with no sub-command does)."""
    if not display_available():
        sys.stderr.write(NO_DISPLAY + "\n")
        return 2
    data_dir: Path = args.data_dir
    from kiosk import instance
    from kiosk.disk import probe_data_dir

    disk_problem = probe_data_dir(data_dir)  # before the lock file, the log, the database
    if disk_problem is not None:
        # A full or read-only disk: a calm full-screen message that checks again and goes on
        # by itself, instead of six crashes and the desktop (issue #16 item 4).
        from PySide6.QtWidgets import QApplication

        from ui.screens.disk_problem import wait_for_disk

        qapp = QApplication.instance() or QApplication(sys.argv[:1])
        if not wait_for_disk(qapp, disk_problem, windowed=args.windowed):  # type: ignore[arg-type]
            return 1 if args.windowed else _supervisor_code("EXIT_RECOVERY")

    # The one-kiosk lock (``filelock``: an eighth of a bare window's start) is taken just
    # after the home screen's first paint, before anything touches the database, the log
    # file, the PID file or the wake file. Only when the PID file names a live process is
    # another kiosk (very likely) running: then the lock is tried now, as before, so a second
    # start leaves without showing a window (kiosk.instance.may_be_running).
    verbose = getattr(args, "verbose", False)
    handle = None
    if instance.may_be_running(data_dir):
        handle = instance.acquire(data_dir, write_pid=False)  # named just after the paint
        if handle is None:
            return _already_running(data_dir)
        start_logging(data_dir, verbose)
    else:
        start_logging(data_dir, verbose, hold=True)  # the file may be the running kiosk's
    config, problem = load_config(data_dir, use_cache=True)  # parsed: cache/config.json
    save_demo = args.demo and not config.setup_done
    if save_demo:
        config = demo_config(config)

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Điểm hỗ trợ số")
    handed_over = False

    def claim() -> bool:
        """Just after the first paint: hold the lock (or hand over), then the log rotates
        and the PID file names this kiosk, whether the database opens or not."""
        nonlocal handle, handed_over
        if handle is None:
            handle = instance.acquire(data_dir, write_pid=False)
            if handle is None:  # two starts raced, or the other one has not painted yet
                handed_over = True
                drop_held_logging()
                app.exit(_already_running(data_dir))
                return False
        rotate_logging(data_dir)
        _name_instance(handle)
        if save_demo:
            save_config(data_dir, config)
        keep_parsed(data_dir)  # the next start reads config.toml's values from the cache
        return True

    # The home screen is painted first; the database is opened, the content read and the
    # rest started just after it (issue #18: start like a bare window).
    opened = open_kiosk(app, data_dir, config, problem, windowed=args.windowed, demo=args.demo,
                        lazy=True, claim=claim)
    kiosk = opened.kiosk
    if kiosk is None:  # the recovery screen: until the process ends
        code = app.exec()
        if handle is not None:
            handle.release()
        return code if args.windowed else _supervisor_code("EXIT_RECOVERY")
    opened.after_start.append(lambda: _schedule_housekeeping(kiosk, data_dir, handle))
    opened.after_start.append(kiosk.speaker.start)  # speech and multimedia: not before
    if getattr(args, "exit_after_paint", False):
        # exit(0), not quit(): Qt 6's quit() first asks every window to close, and the kiosk
        # mode window refuses, so the process waited for ever.
        opened.after_start.append(lambda: kiosk.app.exit(0))
    code = app.exec()
    if handed_over:  # the database was never opened: nothing of it to close
        kiosk.shutdown()
        return code
    if opened.kiosk is None:  # the database failed to open after the first paint
        if handle is not None:
            handle.release()
        return code if args.windowed else _supervisor_code("EXIT_RECOVERY")
    kiosk.shutdown()
    kiosk.store.close()
    if handle is not None:
        handle.release()
    return code


def _already_running(data_dir: Path) -> int:
    """One kiosk per data dir: ask the running one to come to the front; the exit code."""
    from kiosk import instance

    instance.request_front(data_dir, lock_taken=True)
    sys.stderr.write("Kiosk đang chạy rồi; đã đưa cửa sổ đó lên trước.\n")
    return _supervisor_code("EXIT_ALREADY_RUNNING")


def _name_instance(handle: Any) -> None:
    from kiosk.files import OutputError

    try:
        handle.write_pid()
    except OutputError as exc:  # a full disk: the lock still holds; only the name is missing
        log.warning("could not write the kiosk's PID file: %s", exc)


def _supervisor_code(name: Literal["EXIT_RECOVERY", "EXIT_ALREADY_RUNNING"]) -> int:
    """An exit code the watchdog acts on (kiosk.supervisor), looked up as the kiosk leaves:
    the watchdog's own module (subprocess, signals) has no place in the start."""
    from kiosk import supervisor

    return int(getattr(supervisor, name))


@dataclass(eq=False, repr=False)  # never compared or printed: cheaper to define
class Opened:
    """What :func:`open_kiosk` put on screen: the kiosk, or (``kiosk`` None) the kiosk
    window holding only the recovery screen. ``after_start``: what to do once a lazily
    opened kiosk has opened its database (after the first paint)."""

    window: Any
    kiosk: Kiosk | None
    after_start: list[Callable[[], Any]] = field(default_factory=list)


def open_kiosk(app: Any, data_dir: Path, config: Config, problem: ConfigProblem | None = None,
               *, windowed: bool, demo: bool = False, lazy: bool = False,
               claim: Callable[[], bool] | None = None, **build_kwargs: Any) -> Opened:
    """Open the database and show the one kiosk window: the kiosk, with the first-run screen
    pinned in it for a new help point, or the recovery screen when the database cannot be
    opened. Never a second window (issue #16 item 4). ``build_kwargs`` go to :func:`build`
    (tests pass fakes).

    ``lazy`` (``run``): the window and its home screen are shown and painted first; the
    database is opened, the content read, the first-run screen pinned and ``after_start``
    run just after the first paint. A database that cannot be opened then swaps the kiosk
    for the recovery screen (``kiosk`` becomes None). ``claim`` (``run``: the one-kiosk
    lock) is asked first, just after the paint; when it says no, nothing is opened.
    """

    def open_store() -> Store:
        from kiosk.store import Store

        store = Store.open_configured(data_dir, config)
        if demo:
            from kiosk.auth import AuthService

            ensure_demo_members(AuthService(store))
        return store

    def load_content() -> Catalogue:
        from kiosk.content.packs import load_content  # the hub's content pack, if active

        return load_content(data_dir, content_roots(config))

    def recovery(exc: BaseException) -> Any:
        from ui.screens.recovery import recovery_window

        log.error("database unavailable: %s", exc)
        apply_theme(app, config, _layout_size(app, windowed))
        window = recovery_window(data_dir, str(exc), config, windowed=windowed)
        show_window(app, window, windowed)
        return window

    catalogue = build_kwargs.pop("catalogue", None) or load_content
    if lazy:
        kiosk = build(store=open_store, config=config, data_dir=data_dir, catalogue=catalogue,
                      kiosk_mode=not windowed, screen_size=_layout_size(app, windowed),
                      start_later=True, **build_kwargs)
    else:
        try:
            store = open_store()
        except Exception as exc:  # the database is never overwritten: show recovery instead
            return Opened(recovery(exc), None)
        kiosk = build(store=store, config=config, data_dir=data_dir, catalogue=catalogue,
                      kiosk_mode=not windowed, screen_size=_layout_size(app, windowed),
                      **build_kwargs)
    opened = Opened(kiosk.window, kiosk)

    def finish() -> None:
        from ui.screens.setup_wizard import install_setup

        install_setup(kiosk, data_dir)  # a screen of this window, pinned until done
        if problem is not None:
            _tell_staff_about_config(kiosk, problem)

    if not lazy:
        finish()
        show(kiosk, windowed=windowed)
        return opened

    def store_failed(exc: BaseException) -> None:
        # The database is never overwritten: show recovery instead.
        kiosk.shutdown()
        opened.window, opened.kiosk = recovery(exc), None

    def store_opened() -> None:
        finish()
        for then in opened.after_start:
            then()

    def started() -> None:
        if claim is not None and not claim():
            return
        kiosk.open_then_start(store_opened, store_failed)

    show(kiosk, windowed=windowed)
    after_first_paint(kiosk, started)
    return opened


WINDOWED_SIZE = (1366, 768)


def _layout_size(app: Any, windowed: bool) -> tuple[int, int]:
    """What the kiosk lays itself out for: the screen in kiosk mode (full screen); with
    ``--windowed`` the window (1366×768, no bigger than the screen). Laid out for a
    1920×1080 screen, a 1366×768 window cut Home's tiles and a hundred more words."""
    width, height = _screen_size(app)
    return (min(width, WINDOWED_SIZE[0]), min(height, WINDOWED_SIZE[1])) if windowed \
        else (width, height)


def _screen_size(app: Any) -> tuple[int, int]:
    screen = app.primaryScreen()
    geo = screen.geometry() if screen is not None else None
    return (geo.width(), geo.height()) if geo is not None else (1920, 1080)


def apply_theme(app: Any, config: Config, screen_size: tuple[int, int] | None) -> float:
    """The help point's look, set before any widget exists (set afterwards, Qt re-polishes
    every widget already built, which was a fifth of the time to the first paint)."""
    from ui import theme

    scale = theme.scale_for(*(screen_size or (1920, 1080)))
    theme.set_current(theme.palette(config.high_contrast), scale)
    app.setStyleSheet(theme.style_sheet(theme.current(), config.text_size, scale))
    return scale


def after_first_paint(kiosk: Kiosk, then: Callable[[], Any]) -> None:
    """Call ``then`` once the screen first shown has been painted: speech and multimedia
    start there, and ``--exit-after-paint`` leaves the event loop there (exit 0), so cold
    start can be timed from outside like any program."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    target = kiosk.nav.currentWidget() or kiosk.window

    class _FirstPaint(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                target.removeEventFilter(self)
                # Queued: runs once this paint (and the rest of the window's) is done.
                QTimer.singleShot(0, then)
            return False

    watcher = _FirstPaint(kiosk.window)
    target.installEventFilter(watcher)


def _schedule_housekeeping(kiosk: Kiosk, data_dir: Path, handle: Any) -> None:
    """Daily backup now and every hour after (it runs once per local day), and bring the
    window to the front when a second start asks for it."""
    from PySide6.QtCore import QTimer

    from kiosk.backup import run_daily_backup, secure_data_dir, sweep_leftovers
    from ui.ops import Op

    secure_data_dir(data_dir)
    sweep_leftovers(data_dir)

    def backup() -> None:
        second = Path(kiosk.config.backup_dir) if kiosk.config.backup_dir else None

        def done(result: Any) -> None:
            if getattr(result, "second_problem", None):
                log.warning("second backup folder: %s", result.second_problem)

        Op(lambda: run_daily_backup(kiosk.store, data_dir, kiosk.store.clock, second)) \
            .on("db").success(done) \
            .failure(lambda exc: log.error("daily backup failed: %s", exc)).run(kiosk.tasks)

    backup()
    timer = QTimer(kiosk.window)
    timer.setInterval(60 * 60 * 1000)
    timer.timeout.connect(backup)
    timer.start()

    def wake() -> None:
        if handle.wake_requested():
            kiosk.window.raise_()
            kiosk.window.activateWindow()

    waker = QTimer(kiosk.window)
    waker.setInterval(2000)
    waker.timeout.connect(wake)
    waker.start()


def show(kiosk: Kiosk, windowed: bool) -> None:
    show_window(kiosk.app, kiosk.window, windowed)


def show_window(app: Any, window: Any, windowed: bool) -> None:
    """The kiosk window: 1366×768 when windowed, else frameless full screen on top."""
    if windowed:
        window.resize(*WINDOWED_SIZE)
        window.show()
        return
    screen = app.primaryScreen()
    if screen is not None:
        # Xvfb and some kiosks have no window manager: size the window to the screen first.
        window.setGeometry(screen.geometry())
    kiosk_window_flags(window)
    window.showFullScreen()


KIOSK_FLAGS = "Window|FramelessWindowHint|WindowStaysOnTopHint"


def kiosk_window_flags(window: Any) -> None:
    """Frameless and always on top, set before the window is shown.

    ``setWindowFlags`` takes only ``Qt.WindowType``, whose namespace costs a fifth of a bare
    window's start (ui.first_paint). The native window's ``flags`` property is set by name
    instead: it is what the platform reads when the window is shown (xcb: no decorations,
    _NET_WM_STATE_ABOVE; Windows: WS_POPUP, HWND_TOPMOST), the same flags ``setWindowFlags``
    would hand it. ``windowFlags()`` is told afterwards (``overrideWindowFlags`` changes
    nothing on screen), just after the first paint.
    """
    from ui.first_paint import after_paint, set_enum

    window.winId()  # the native window, with the widget's own flags so far
    handle = window.windowHandle()
    set_enum(handle, "flags", KIOSK_FLAGS)
    after_paint(window, lambda: window.overrideWindowFlags(handle.flags()))


def _tell_staff_about_config(kiosk: Kiosk, problem: ConfigProblem) -> None:
    kiosk.window.show_message(problem.message,
                              QCoreApplication.translate("KioskWindow", "Cài đặt có vấn đề"))
