"""Feature: the queue — take a number, the ticket, the volunteer console, desk keypads, the
now-serving display, satisfaction faces and the staff tab "Hàng đợi".

``install(ctx)`` builds the one :class:`ui.queue_desk.QueueDesk` every queue screen shares
(the rules and the keypads are described there), the screens, the staff tab
(:mod:`ui.screens.queue_staff`) and how to make the now-serving display
(:mod:`ui.now_serving`). Only this module imports both the desk and the screens, so there is
no import loop between them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ui.navigator import ScreenId
from ui.now_serving import NowServingWindow
from ui.queue_desk import QueueDesk
from ui.screens.queue_staff import QueueStaffTab
from ui.screens.ticket import TakeTicketScreen, TicketScreen
from ui.screens.volunteer_console import VolunteerConsoleScreen

if TYPE_CHECKING:
    from ui.app import BuildContext


def install(ctx: BuildContext) -> None:
    def make_display(desk: QueueDesk) -> NowServingWindow:
        return NowServingWindow(desk.state, desk.queue, desk.events, desk.tasks,
                                desk.config.help_point_name)

    feature = QueueDesk(ctx, make_display=make_display)
    ctx.screens[ScreenId.TAKE_TICKET] = TakeTicketScreen(ctx.state, ctx.nav, ctx.speaker,
                                                         feature)
    ctx.screens[ScreenId.TICKET] = TicketScreen(ctx.state, ctx.nav, ctx.speaker, feature)
    ctx.screens[ScreenId.VOLUNTEER] = VolunteerConsoleScreen(ctx.state, ctx.nav, ctx.speaker,
                                                             feature)
    ctx.staff.add_tab(lambda: QueueStaffTab(feature),
                      QCoreApplication.translate("QueueFeature", "Hàng đợi"))
    ctx.ask_volunteer_hooks.append(feature.ask_volunteer)
    feature.install_keypads()
