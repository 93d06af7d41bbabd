"""Feature: the queue — take a number, the ticket, the volunteer console, desk keypads, the
now-serving display, satisfaction faces and the staff tab "Hàng đợi".

``install(ctx)`` builds the one :class:`ui.queue_desk.QueueDesk` every queue screen shares
(the rules and the keypads are described there), the screens, the staff tab
(:mod:`ui.screens.queue_staff`) and how to make the now-serving display
(:mod:`ui.now_serving`). Only this module imports both the desk and the screens, so there is
no import loop between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.queue_desk import QueueDesk


def install(ctx: BuildContext) -> None:
    desks: list[QueueDesk] = []

    def desk() -> QueueDesk:
        """The one desk every queue screen shares, made when the first of them (or a keypad,
        or "ask a volunteer") needs it: nothing of the queue is loaded before the first
        paint."""
        if not desks:
            from ui.now_serving import NowServingWindow
            from ui.queue_desk import QueueDesk

            def make_display(d: QueueDesk) -> NowServingWindow:
                return NowServingWindow(d.state, d.queue, d.events, d.tasks,
                                        d.config.help_point_name)

            desks.append(QueueDesk(ctx, make_display=make_display))
        return desks[0]

    def take_ticket() -> Any:
        from ui.screens.ticket import TakeTicketScreen

        return TakeTicketScreen(ctx.state, ctx.nav, ctx.speaker, desk())

    def ticket() -> Any:
        from ui.screens.ticket import TicketScreen

        return TicketScreen(ctx.state, ctx.nav, ctx.speaker, desk())

    def console() -> Any:
        from ui.screens.volunteer_console import VolunteerConsoleScreen

        return VolunteerConsoleScreen(ctx.state, ctx.nav, ctx.speaker, desk())

    def staff_tab() -> Any:
        from ui.screens.queue_staff import QueueStaffTab

        return QueueStaffTab(desk())

    ctx.screens[ScreenId.TAKE_TICKET] = take_ticket
    ctx.screens[ScreenId.TICKET] = ticket
    ctx.screens[ScreenId.VOLUNTEER] = console
    ctx.staff.add_tab(staff_tab, QCoreApplication.translate("QueueFeature", "Hàng đợi"))
    ctx.ask_volunteer_hooks.append(lambda tutorial_id, step: desk().ask_volunteer(
        tutorial_id, step))

    def keypads() -> None:
        from ui.queue_desk import install_keypads

        install_keypads(ctx.window, ctx.config.desk_count, desk)

    ctx.after_start(keypads)
