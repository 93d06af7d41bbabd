"""Feature: scam check ("Kiểm tra tin nhắn lạ"), a Home tile for everyone.

``install(ctx)`` reads the list of kinds (:func:`kiosk.scam_check.load_scam_kinds`, one small
TOML file); a list that is refused leaves the feature out (no tile on Home) and logs why, so a
bad edit never shows a citizen half a verdict. ``help-kiosk content check`` names the problem.
The two screens are built on first use, like every screen but Home.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.scam_check import ScamListError, load_scam_kinds, record_check
from ui.navigator import ScreenId
from ui.ops import Op

if TYPE_CHECKING:
    from ui.app import BuildContext
    from ui.screens.scam_check import ScamCheckScreen, ScamVerdictScreen

log = logging.getLogger(__name__)


def install(ctx: BuildContext) -> None:
    try:
        kinds = load_scam_kinds()
    except ScamListError as exc:
        log.warning("scam check left out: %s", exc)
        return

    def count(kind_id: str) -> None:
        # One more check of this kind today; the tally is a nicety, never a blocker.
        # (ctx.store is opened on first use: not touched before a citizen chooses.)
        store = ctx.store
        Op(lambda: record_check(store, kind_id)).on("db").or_log("scam check tally") \
            .run(ctx.tasks)

    def choices() -> ScamCheckScreen:
        from ui.screens.scam_check import ScamCheckScreen

        return ScamCheckScreen(ctx.state, ctx.nav, ctx.speaker, kinds, count)

    def verdict() -> ScamVerdictScreen:
        from ui.screens.scam_check import ScamVerdictScreen

        return ScamVerdictScreen(ctx.state, ctx.nav, ctx.speaker, kinds, ctx.catalogue)

    ctx.screens[ScreenId.SCAM_CHECK] = choices
    ctx.screens[ScreenId.SCAM_VERDICT] = verdict
