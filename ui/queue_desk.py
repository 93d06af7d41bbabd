"""The queue desk: what every queue screen shares (:class:`QueueDesk`), its events and keypads.

:func:`ui.features.queue.install` builds one :class:`kiosk.queue.QueueService` and one
:class:`QueueDesk` that every queue screen shares. Screens ask the desk to do things; the
desk runs the service on the "db" lane (rendering and printing the ticket on the "print"
lane) and tells everyone what changed through :class:`QueueEvents` signals, so the console,
the ticket screen and the now-serving display refresh themselves and never call each other.

Desk keypads ("caller keys"): a cheap USB numeric keypad at each desk (see
:data:`KEYPAD_KEYS`) calls numbers while the kiosk keeps showing the citizen screens.
Decision (now the setting ``desk_keypads``, off by default,
:func:`kiosk.config.desk_keypads_active`): when on, the keys act WITHOUT anyone signing in
on the kiosk — the screen belongs to the citizen in front of it, and a PIN pad would take it
away — but every keypad action is audited as ``desk:N`` (:class:`kiosk.auth.KeypadActor`),
so the audit trail and reports tell keypad calls from console calls. The keypad is the
desk's whole tool, so:

- "call next" at a desk still serving a number first finishes that number (the volunteer
  pressed "next" because they are done with this person), then calls the next one;
- "recall" calls the current number again; once the recalls allowed are used up, pressing it
  again marks the number absent ("Vắng mặt") so "call next" works.

A small banner over the window says what happened ("Mời số A005 đến bàn 1") for a few seconds.
Keys typed into a focused text field stay in the field: Qt lets text widgets override
shortcuts for printable keys, so a "+" typed in a phone number never calls anyone.

Thread: GUI thread only; background functions here never touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QWidget

from kiosk import printing_quota
from kiosk.auth import Actor, Role, keypad_actor
from kiosk.clock import to_local
from kiosk.config import desk_keypads_active
from kiosk.errors import user_message
from kiosk.queue import (
    DeskOutcome,
    DeskResult,
    NowServing,
    QueueService,
    ServiceInfo,
    TicketInfo,
    call_sentence,
    desk_next,
    desk_recall,
    service_for_tutorial,
)
from ui.navigator import ScreenId
from ui.ops import Op
from ui.phrases import ASK_VOLUNTEER
from ui.printing import print_and_count
from ui.state import BusyReason

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.now_serving import NowServingWindow

log = logging.getLogger(__name__)

#: Desk → (key that calls the next number, key that calls the same number again). Keys of a
#: USB numeric keypad; every keypad types into the same kiosk, so each desk has its own pair.
KEYPAD_KEYS: dict[int, tuple[str, str]] = {1: ("+", "-"), 2: ("*", "/")}
BANNER_MS = 5000

ProblemFn = Callable[[str], None]


def install_keypads(window: QWidget, desk_count: int, desk: Callable[[], QueueDesk],
                    keys: dict[int, tuple[str, str]] | None = None) -> list[QShortcut]:
    """The desk keypads' keys on ``window`` (each desk up to ``desk_count`` gets its pair).
    ``desk()`` is asked for the shared desk when a key is pressed, not now: made at start-up
    only for its keys, the desk (its service, printer and banner) was a third of the
    window's pause after the first paint."""
    made: list[QShortcut] = []
    for n, (next_key, recall_key) in (keys or KEYPAD_KEYS).items():
        if not 1 <= n <= desk_count:
            continue
        for key, what in ((next_key, "Next"), (recall_key, "Recall")):
            sc = QShortcut(QKeySequence(key), window)
            sc.setObjectName(f"queueKeypad{n}{what}")
            sc.setContext(Qt.ShortcutContext.ApplicationShortcut)
            if what == "Next":
                sc.activated.connect(lambda n=n: desk().keypad_next(n))
            else:
                sc.activated.connect(lambda n=n: desk().keypad_recall(n))
            made.append(sc)
    return made


class QueueEvents(QObject):
    """What happened in the queue, for every screen and window that shows it."""

    changed = Signal()  # anything in today's queue changed: refresh what you show
    ticket_called = Signal(object, int)  # (TicketInfo, desk): a call or a recall
    ticket_printed = Signal(str)  # ticket uuid
    ticket_print_failed = Signal(str, str)  # (ticket uuid, message for the citizen)


@dataclass(frozen=True)
class ConsoleView:
    """One refresh of the volunteer console: the waiting list, the board, and local now."""

    waiting: tuple[TicketInfo, ...]
    board: NowServing
    now: datetime


def _called_text(info: TicketInfo, desk: int) -> str:
    return (QCoreApplication.translate("QueueFeature", "Mời số {label} đến bàn {desk}")
            .replace("{label}", info.label).replace("{desk}", str(desk)))


class DeskBanner(QLabel):
    """A short line over the kiosk window ("Mời số A005 đến bàn 1"), gone after a few seconds."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("queueBanner")
        self.setProperty("role", "banner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_text(self, text: str, ms: int = BANNER_MS) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.ensurePolished()
        parent = self.parentWidget()
        if parent is not None:
            margins = self.contentsMargins()
            one_line = self.fontMetrics().horizontalAdvance(text) + margins.left() + \
                margins.right() + 8
            width = max(200, min(parent.width() * 3 // 4, max(one_line, 400)))
            self.resize(width, self.heightForWidth(width))
            self.move((parent.width() - width) // 2, max(10, parent.height() // 8))
        self.show()
        self.raise_()
        self._timer.start(ms)


class QueueDesk:
    """The queue's screens share this: the service, the lanes, the printer and the events."""

    def __init__(self, ctx: BuildContext, queue: QueueService | None = None,
                 make_display: Callable[[QueueDesk], NowServingWindow] | None = None) -> None:
        self.ctx = ctx
        self.state = ctx.state
        self.nav = ctx.nav
        self.speaker = ctx.speaker
        self.tasks = ctx.tasks
        self.store = ctx.store
        self.config = ctx.config
        self.printer = ctx.printer
        self.catalogue = ctx.catalogue
        self.queue = queue or ctx.queue or QueueService(
            ctx.store, desk_count=ctx.config.desk_count,
            priority_every=ctx.config.priority_every)
        self.events = QueueEvents()
        self.desk_count = self.queue.desk_count
        self.desk: int | None = 1 if self.desk_count == 1 else None
        self.display: NowServingWindow | None = None
        self._make_display = make_display
        self.banner = DeskBanner(ctx.window)
        self._printing = 0
        self.tickets_dir = Path(ctx.data_dir) / "cache" / "tickets"
        self.state.actor_changed.connect(self._on_state_actor_changed)

    # -- plumbing ----------------------------------------------------------------------------
    def run_db(self, fn: Callable[[], Any], on_ok: Callable[[Any], None] | None,
            on_problem: ProblemFn | None) -> None:
        """Run ``fn`` on the database lane (:class:`ui.ops.Op`); a KioskError (QueueError,
        PermissionDenied, ...) goes to ``on_problem`` as its message in the kiosk's language,
        anything else to the error funnel."""
        op = Op(fn).on("db")
        if on_ok is not None:
            op.success(on_ok)
        if on_problem is not None:
            op.problem(lambda exc: on_problem(user_message(exc, self.state.language)))
        op.run(self.tasks)

    def _on_state_actor_changed(self, actor: Actor) -> None:
        if actor.role is Role.CITIZEN and self.desk_count > 1:
            self.desk = None  # the desk is remembered for one volunteer session only

    def tutorial_title(self, tutorial_id: str | None) -> str:
        if not tutorial_id:
            return ""
        t = self.catalogue.by_id(tutorial_id)
        return t.title.get(self.state.language) if t is not None else tutorial_id

    # -- citizens ------------------------------------------------------------------------------
    def load_services(self, on_ok: Callable[[list[ServiceInfo]], None],
                      include_disabled: bool = False) -> None:
        self.run_db(lambda: self.queue.services(include_disabled), on_ok, None)

    def take_ticket(self, service_code: str, on_problem: ProblemFn | None = None,
                    tutorial_id: str | None = None, step: int | None = None,
                    priority: bool = False) -> None:
        """Issue a number (a priority one if asked), show it on the ticket screen, print it."""
        self.run_db(lambda: self.with_bring(self.queue.issue(service_code, tutorial_id, step,
                                                             priority)),
                    self._on_issued, on_problem or self._tell)

    def with_bring(self, info: TicketInfo) -> TicketInfo:
        """``info`` with what to have ready (:func:`kiosk.bring.bring_items`) from the
        service's tutorials. Runs on the db lane (reads the services; the content is loaded
        by then). No content or an unknown service: the ticket simply has no list."""
        from kiosk.bring import bring_items

        service = next((s for s in self.queue.services(include_disabled=True)
                        if s.code == info.service_code), None)
        if service is None:
            return info
        try:
            catalogue = self.catalogue
        except Exception:  # no content must never stop a ticket
            log.warning("no content for the ticket's bring-list", exc_info=True)
            return info
        return replace(info, bring=bring_items(service, catalogue.by_id, info.tutorial_id))

    def _resume_point(self, tutorial_id: str, step: int) -> tuple[str, int, str | None] | None:
        """Where a code on the ticket would bring the citizen back to: (kind, 0-based
        position, the code the player was opened with), when the citizen asks midway through
        a tutorial or a practice and the point is worth a code
        (:func:`kiosk.resume.worth_a_code`); None from the finish screen or without the
        resume feature."""
        codes = self.ctx.resume
        current = self.nav.current_id
        kind = "tutorial" if current is ScreenId.STEP else \
            "practice" if current is ScreenId.PRACTICE else None
        if codes is None or kind is None or kind not in codes.kinds:
            return None
        from kiosk.resume import worth_a_code

        position = step - 1
        page = self.ctx.screens.if_built(current)
        if worth_a_code(position, codes.total(kind, tutorial_id),
                        bool(getattr(page, "finished", False))):
            keep = getattr(page, "resume_code", None) if kind == "tutorial" \
                else codes.opened_with.get(kind)
            return kind, position, keep
        return None

    def ask_volunteer(self, tutorial_id: str, step: int) -> None:
        """The "Hỏi tình nguyện viên" hook: a number tagged with where the citizen got stuck,
        carrying a resume code when asked midway (:meth:`_resume_point`)."""
        queue = self.queue
        point = self._resume_point(tutorial_id, step)
        resume = self.ctx.resume.service if point is not None and self.ctx.resume else None

        def work() -> TicketInfo | None:
            svc = service_for_tutorial(queue.services(), tutorial_id)
            if svc is None:
                return None
            info = queue.issue(svc.code, tutorial_id, step)
            if point is not None and resume is not None:
                kind, position, keep = point
                code = resume.issue(kind, tutorial_id, position, keep=keep)
                info = replace(info, resume_code=code.code)
            return self.with_bring(info)

        def done(info: TicketInfo | None) -> None:
            if info is not None and info.resume_code and point is not None:
                self._remember_code(point[0], info.resume_code)
            if info is None:
                text = QCoreApplication.translate(
                    "QueueFeature", "Vui lòng giơ tay hoặc đến bàn hỗ trợ, tình nguyện viên "
                                    "sẽ giúp bạn ngay.")
                self._tell(text)
                if self.ctx.phrases is not None:
                    self.ctx.phrases.say(text, first=ASK_VOLUNTEER)
                return
            self._on_issued(info)

        self.run_db(work, done, self._tell)

    def _remember_code(self, kind: str, code: str) -> None:
        """The player now holds the ticket's code: leaving midway later renews that code
        instead of handing the citizen a second one."""
        codes = self.ctx.resume
        if kind == "tutorial":
            page = self.ctx.screens.if_built(ScreenId.STEP)
            if page is not None:
                page.resume_code = code
        elif codes is not None:
            codes.opened_with[kind] = code

    def _tell(self, message: str) -> None:
        self.ctx.window.show_message(message)

    def _on_issued(self, info: TicketInfo) -> None:
        self.events.changed.emit()
        self.nav.go_to(ScreenId.TICKET, ticket=info)
        self.print_ticket(info)

    def print_ticket(self, info: TicketInfo) -> None:
        """Render and print on the print lane; the ticket screen hears how it went."""
        lang = self.state.language
        width, name = self.config.ticket_width_mm, self.config.help_point_name
        printer = self.printer
        path = self.tickets_dir / f"ticket-{info.label}-{info.uuid[:8]}.pdf"
        self._printing += 1
        self.state.busy_reasons.add(BusyReason.TICKET_PRINTING)

        def render(pdf: Path) -> None:
            from kiosk.tickets import render_ticket  # reportlab: not at start-up

            render_ticket(info, pdf, width_mm=width, help_point_name=name, lang=lang)

        def ok(_pages: int) -> None:
            self._printed()
            self.events.ticket_printed.emit(info.uuid)

        def failed(exc: BaseException) -> None:
            # Any failure (PrintError, a driver crash, no paper) leaves the queue as it is.
            log.warning("ticket %s not printed: %s: %s", info.label, type(exc).__name__, exc)
            self._printed()
            self.events.ticket_print_failed.emit(info.uuid, QCoreApplication.translate(
                "QueueFeature", "Máy in đang gặp sự cố, vui lòng nhớ số của bạn"))

        print_and_count(self.tasks, self.store, printer, path, kind=printing_quota.TICKET,
                        tutorial_id=info.tutorial_id, pages=1, on_printed=ok,
                        on_failed=failed, render=render, temporary=True)

    def _printed(self) -> None:
        self._printing = max(0, self._printing - 1)
        if not self._printing:
            self.state.busy_reasons.discard(BusyReason.TICKET_PRINTING)

    def cancel(self, ticket: TicketInfo, on_ok: Callable[[TicketInfo], None],
               on_problem: ProblemFn) -> None:
        def done(info: TicketInfo) -> None:
            self.events.changed.emit()
            on_ok(info)

        self.run_db(lambda: self.queue.cancel(ticket.uuid), done, on_problem)

    def rate(self, ticket_uuid: str, score: int, on_ok: Callable[[TicketInfo], None],
             on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.rate(ticket_uuid, score), on_ok, on_problem)

    # -- volunteers ------------------------------------------------------------------------------
    def snapshot(self, actor: Actor, on_ok: Callable[[ConsoleView], None],
                 on_problem: ProblemFn) -> None:
        queue, clock = self.queue, self.store.clock

        def work() -> ConsoleView:
            return ConsoleView(tuple(queue.waiting(actor)), queue.now_serving(),
                               to_local(clock.now()))

        self.run_db(work, on_ok, on_problem)

    def announce_call(self, info: TicketInfo, desk: int) -> None:
        """Say the call (the Speaker plays the chime first) and tell the display."""
        self.speaker.announce(call_sentence(info, desk, self.state.language))
        self.events.ticket_called.emit(info, desk)
        self.events.changed.emit()

    def _after(self, on_ok: Callable[[TicketInfo], None], call_desk: bool = False
               ) -> Callable[[TicketInfo], None]:
        def done(info: TicketInfo) -> None:
            if call_desk and info.desk is not None:
                self.announce_call(info, info.desk)
            else:
                self.events.changed.emit()
            on_ok(info)

        return done

    def call_next(self, actor: Actor, desk: int, on_ok: Callable[[TicketInfo], None],
                  on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.call_next(actor, desk), self._after(on_ok, True),
                 on_problem)

    def recall(self, actor: Actor, ticket: TicketInfo, on_ok: Callable[[TicketInfo], None],
               on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.recall(actor, ticket.uuid), self._after(on_ok, True),
                 on_problem)

    def skip(self, actor: Actor, ticket: TicketInfo, on_ok: Callable[[TicketInfo], None],
             on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.skip(actor, ticket.uuid), self._after(on_ok), on_problem)

    def transfer(self, actor: Actor, ticket: TicketInfo, service_code: str,
                 on_ok: Callable[[TicketInfo], None], on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.transfer(actor, ticket.uuid, service_code),
                 self._after(on_ok), on_problem)

    def walk_in(self, actor: Actor, desk: int, service_code: str,
                on_ok: Callable[[TicketInfo], None], on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.serve_walk_in(actor, desk, service_code),
                 self._after(on_ok), on_problem)

    def finish(self, actor: Actor, ticket: TicketInfo, on_ok: Callable[[TicketInfo], None],
               on_problem: ProblemFn) -> None:
        self.run_db(lambda: self.queue.finish(actor, ticket.uuid), self._after(on_ok),
                 on_problem)

    # -- desk keypads ------------------------------------------------------------------------
    def keypads_active(self) -> bool:
        return desk_keypads_active(self.config, self.state.is_helper)

    def _keypad(self, desk: int, action: Callable[..., Any], done: Callable[[Any], None]
                ) -> None:
        """A desk keypad key: ``action(queue, actor, desk)`` on the db lane as ``desk:N``,
        only while keypads are active; a refusal goes to the desk's banner."""
        if not self.keypads_active():
            log.info("desk %d keypad ignored: desk_keypads is off and no one is signed in", desk)
            return
        actor, queue = keypad_actor(desk), self.queue

        def problem(message: str) -> None:
            self.events.changed.emit()  # a finish before the refusal may have gone through
            self.banner.show_text(message)

        self.run_db(lambda: action(queue, actor, desk), done, problem)

    def keypad_next(self, desk: int) -> None:
        """Finish what this desk is serving (if anything), then call the next number."""

        def done(info: TicketInfo) -> None:
            self.announce_call(info, desk)
            self.banner.show_text(_called_text(info, desk))

        self._keypad(desk, desk_next, done)

    def keypad_recall(self, desk: int) -> None:
        """Call this desk's number again; after the last recall, mark it absent."""

        def done(result: DeskResult) -> None:
            info = result.ticket
            if result.outcome is DeskOutcome.NOTHING or info is None:
                self.banner.show_text(QCoreApplication.translate(
                    "QueueFeature", "Bàn {desk} chưa gọi số nào. Bấm phím gọi số tiếp theo.")
                    .replace("{desk}", str(desk)))
            elif result.outcome is DeskOutcome.ABSENT:
                self.events.changed.emit()
                self.banner.show_text(QCoreApplication.translate(
                    "QueueFeature", "Số {label} vắng mặt. Bàn {desk} có thể gọi số tiếp theo.")
                    .replace("{label}", info.label).replace("{desk}", str(desk)))
            else:
                self.announce_call(info, desk)
                self.banner.show_text(_called_text(info, desk))

        self._keypad(desk, desk_recall, done)

    # -- now-serving display -----------------------------------------------------------------
    def open_display(self) -> NowServingWindow:
        """Open (or bring back) the now-serving display, on a second screen if there is one.

        The window is made by the ``make_display`` that :func:`ui.features.queue.install`
        hands in, so this module never imports the display (no import loop).
        """
        if self.display is None:
            if self._make_display is None:
                raise RuntimeError("no now-serving display was given to this QueueDesk")
            self.display = self._make_display(self)
        self.display.show_on_best_screen()
        return self.display

    def close_display(self) -> None:
        if self.display is not None:
            self.display.close()


#: The old name, for code written before the rename (``QueueFeature`` was a presenter, not a
#: feature).
QueueFeature = QueueDesk
