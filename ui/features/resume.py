"""Feature: resume by code ("Tiếp tục bài đang học", issue #22 item 4).

Two screens, built on first use: :class:`~ui.screens.resume.ResumeCodeScreen` (a citizen who
left midway sees the code in large digits, hears it digit by digit, may print it on a slip)
and :class:`~ui.screens.resume.ResumeEntryScreen` (a big keypad: type the code, go back to the
same step). The rules live in :mod:`kiosk.resume`; the slip in :mod:`kiosk.resume_slip`.

``install(ctx)`` puts a :class:`ResumeCodes` on ``ctx.resume``. The step player offers a code
through it when the citizen presses Home midway (``ui/app.py``). The practice player
("Tập thử") takes part from here, without a line in its screen: its kind is registered when
the kiosk has practices, and Home pressed on it midway offers a code for its current screen
(:func:`_practice_joins`). Another player may join the same way::

    ctx.resume.add_kind("practice", positions=lambda pid: n_screens or None,
                        title=lambda pid, lang: "…", open=lambda where: nav.go_to(...))
    ctx.resume.offer("practice", practice_id, screen_index, keep=code_it_was_opened_with)

``open`` receives a :class:`kiosk.resume.Where`; pass ``where.code`` on to the player (as
``resume_code``) so that leaving again renews the same code instead of making a second one.
Nothing of the database or the content is touched in ``install``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId
from ui.ops import Op

if TYPE_CHECKING:
    from kiosk.resume import IssuedCode, PositionCount, ResumeService, Where
    from ui.app import BuildContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResumeKind:
    """How one kind of content takes part: how many positions it has now (kiosk side), its
    title in a language, and how to open it at a :class:`~kiosk.resume.Where`."""

    positions: PositionCount
    title: Callable[[str, str], str]
    open: Callable[[Where], None]


class ResumeCodes:
    """The kiosk's one way to offer, print and open resume codes (GUI thread)."""

    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.kinds: dict[str, ResumeKind] = {}
        self._service: ResumeService | None = None
        self.slips_dir = Path(ctx.data_dir) / "cache" / "slips"
        #: The code a player was just opened with, by kind (None: opened without a code), so
        #: a player that does not take ``resume_code`` (the practice) still renews its code.
        self.opened_with: dict[str, str | None] = {}
        self._opening: Where | None = None

    @property
    def service(self) -> ResumeService:
        """Made on first use (the database is opened after the first paint)."""
        if self._service is None:
            from kiosk.resume import ResumeService

            self._service = ResumeService(
                self.ctx.store, {k: v.positions for k, v in self.kinds.items()})
        return self._service

    def add_kind(self, kind: str, *, positions: PositionCount,
                 title: Callable[[str, str], str], open: Callable[[Where], None]) -> None:
        self.kinds[kind] = ResumeKind(positions, title, open)
        if self._service is not None:
            self._service.add_kind(kind, positions)

    # -- what the players call -------------------------------------------------------------------
    def offer(self, kind: str, content_id: str, position: int, *, finished: bool = False,
              keep: str | None = None) -> bool:
        """Show the code screen for leaving ``content_id`` at ``position`` (0-based), if it is
        worth a code (:func:`kiosk.resume.worth_a_code`); True if it was shown."""
        from kiosk.resume import worth_a_code

        total = self.total(kind, content_id)
        if kind not in self.kinds or not worth_a_code(position, total, finished):
            return False
        self.ctx.nav.go_to(ScreenId.RESUME_CODE, kind=kind, content_id=content_id,
                           position=position, keep=keep)
        return True

    def title(self, kind: str, content_id: str, lang: str) -> str:
        k = self.kinds.get(kind)
        return k.title(content_id, lang) if k is not None else ""

    def total(self, kind: str, content_id: str) -> int:
        k = self.kinds.get(kind)
        return (k.positions(content_id) or 0) if k is not None else 0

    def open(self, where: Where) -> None:
        self._opening = where
        try:
            self.kinds[where.kind].open(where)
        finally:
            self._opening = None

    def entered(self, kind: str) -> None:
        """A player of ``kind`` was entered: through :meth:`open` (remember its code) or any
        other way (a new visit: forget the code of an earlier citizen)."""
        opening = self._opening
        self.opened_with[kind] = opening.code or None \
            if opening is not None and opening.kind == kind else None

    # -- the slip --------------------------------------------------------------------------------
    def print_slip(self, code: IssuedCode, lang: str, on_printed: Callable[[], None],
                   on_refused: Callable[[str], None]) -> None:
        """Print ``code`` on a slip if today's print quota allows one more; ``on_refused``
        gets the Vietnamese or English words to show when it does not or printing fails."""
        from kiosk import printing_quota
        from ui.printing import print_and_count

        ctx = self.ctx
        store, config = ctx.store, ctx.config
        title = self.title(code.kind, code.content_id, lang)
        total = self.total(code.kind, code.content_id) or code.position + 1
        path = self.slips_dir / f"resume-{code.code}.pdf"

        def render(pdf: Path) -> None:
            from kiosk.resume_slip import render_slip  # reportlab: not at start-up

            render_slip(code, title, total, pdf, width_mm=config.ticket_width_mm,
                        help_point_name=config.help_point_name, lang=lang)

        def failed(exc: BaseException) -> None:
            log.warning("resume slip not printed: %s", type(exc).__name__)
            on_refused(QCoreApplication.translate(
                "ResumeCodes", "Máy in đang gặp sự cố. Bạn hãy chép lại 4 số của mã, "
                               "hoặc nhờ tình nguyện viên ghi giúp."))

        def checked(status: Any) -> None:
            if not status.allows(1):
                on_refused(QCoreApplication.translate(
                    "ResumeCodes", "Hôm nay máy đã in hết số giấy cho phép. Bạn hãy chép lại "
                                   "4 số của mã, hoặc nhờ tình nguyện viên ghi giúp."))
                return
            print_and_count(ctx.tasks, store, ctx.printer, path,
                            kind=printing_quota.RESUME_SLIP, tutorial_id=None, pages=1,
                            on_printed=lambda _n: on_printed(), on_failed=failed,
                            render=render, temporary=True)

        quota = config.daily_print_quota
        Op(lambda: printing_quota.quota_status(store, quota)).on("db").success(checked) \
            .failure(failed).run(ctx.tasks)


def install(ctx: BuildContext) -> None:
    codes = ResumeCodes(ctx)
    ctx.resume = codes

    def tutorial_steps(content_id: str) -> int | None:
        t = ctx.catalogue.by_id(content_id)  # the content in force now (a pack may change it)
        return len(t.steps) if t is not None and t.steps else None

    def tutorial_title(content_id: str, lang: str) -> str:
        t = ctx.catalogue.by_id(content_id)
        return t.title.get(lang) if t is not None else ""

    def open_tutorial(where: Where) -> None:
        # shortened: a newer pack made the tutorial shorter, the code lands on its last step
        # and the player says so (kiosk.resume.shortened_notice).
        ctx.nav.go_to(ScreenId.STEP, tutorial_id=where.content_id, step=where.position,
                      resume_code=where.code, shortened=where.clamped)

    codes.add_kind("tutorial", positions=tutorial_steps, title=tutorial_title,
                   open=open_tutorial)

    def code_screen() -> Any:
        from ui.screens.resume import ResumeCodeScreen

        return ResumeCodeScreen(ctx.state, ctx.nav, ctx.speaker, codes, ctx.tasks,
                                ctx.phrases)

    def entry_screen() -> Any:
        from ui.screens.resume import ResumeEntryScreen

        return ResumeEntryScreen(ctx.state, ctx.nav, ctx.speaker, codes, ctx.tasks)

    ctx.screens[ScreenId.RESUME_CODE] = code_screen
    ctx.screens[ScreenId.RESUME_ENTRY] = entry_screen
    _practice_joins(ctx, codes)


def _practice_joins(ctx: BuildContext, codes: ResumeCodes) -> None:
    """Practices ("Tập thử") get codes too: a code opens the practice at the same screen of
    the pretend phone. Home pressed on the practice midway (a screen past the first, not
    finished) offers one; the idle reset never does."""
    if not ctx.nav.has(ScreenId.PRACTICE):
        return

    def practice_of(content_id: str) -> Any:
        t = ctx.catalogue.by_id(content_id)
        return t.practice if t is not None else None

    def screens_of(content_id: str) -> int | None:
        p = practice_of(content_id)
        return len(p.screens) if p is not None and p.screens else None

    def practice_title(content_id: str, lang: str) -> str:
        p = practice_of(content_id)
        return QCoreApplication.translate("ResumeCodes", "Tập thử: {title}").replace(
            "{title}", p.title.get(lang)) if p is not None else ""

    def open_practice(where: Where) -> None:
        ctx.nav.go_to(ScreenId.PRACTICE, tutorial_id=where.content_id, screen=where.position,
                      resume_code=where.code, shortened=where.clamped)

    codes.add_kind("practice", positions=screens_of, title=practice_title, open=open_practice)
    seen: list[Any] = [None, None]

    def screen_changed(sid: Any) -> None:
        seen[0], seen[1] = seen[1], sid
        if sid == ScreenId.PRACTICE:
            codes.entered("practice")

    def home_pressed() -> None:
        # The bar's Home: the navigator is already Home, the practice screen was just left.
        if seen[0] != ScreenId.PRACTICE or ctx.nav.current_id != ScreenId.HOME:
            return
        page = ctx.screens.if_built(ScreenId.PRACTICE)
        tutorial = getattr(page, "tutorial", None)
        if page is None or tutorial is None:
            return
        codes.offer("practice", tutorial.id, int(page.index), finished=bool(page.finished),
                    keep=codes.opened_with.get("practice"))

    ctx.nav.screen_changed.connect(screen_changed)
    ctx.window.home_btn.clicked.connect(home_pressed)
