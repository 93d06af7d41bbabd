"""One help point's figures on the hub agree exactly with its kiosk's own dashboard.

The kiosk's demo data goes to the hub the real way (pairing code, signed and sealed batch,
ingest); then the kiosk computes its figures from its own tables and the hub from its copy
(records) and the daily counts (queue, tutorials, prints). On SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from hub.accounts import AccountService
from hub.web.reports import HubReports
from kiosk.reports.figures import figures_from
from kiosk.reports.periods import Period
from tests.hub_web.conftest import PASSWORD


def test_one_help_points_figures_agree_with_its_kiosk(hub_app: Any, synced_demo: Any) -> None:
    hub = hub_app.state.hub
    today = hub.clock.now().date()
    period = Period(today.replace(day=1), today)

    def kiosks_own(store: Any) -> Any:
        with store.read() as s:
            return figures_from(s, period, {})

    hp, kiosk = synced_demo(1, on_kiosk=kiosks_own)
    accounts = AccountService(hub.sessions, hub.clock)
    accounts.add_account(None, "xa.a", PASSWORD, "commune", hp.commune_code)
    officer = accounts.sign_in("xa.a", PASSWORD).officer
    reports = HubReports(hub, accounts)
    reports._titles = {}
    on_hub = reports.figures(officer, reports.scope(officer, "help_point", hp.help_point_id),
                             period)
    assert kiosk.citizens_helped > 0
    for field in ("citizens_helped", "first_visits", "by_service", "by_outcome", "by_channel",
                  "by_village", "by_age_gender", "by_volunteer", "daily", "satisfaction",
                  "printed_sheets"):
        assert getattr(on_hub, field) == getattr(kiosk, field), field
    for field in ("tickets", "served", "no_shows"):
        assert getattr(on_hub.queue, field) == getattr(kiosk.queue, field), field
    assert sum(t.opened for t in on_hub.tutorials) == sum(t.opened for t in kiosk.tutorials)
    assert sum(t.finished for t in on_hub.tutorials) == sum(
        t.finished for t in kiosk.tutorials)
    # The commune holds only this help point: the commune page shows the same people.
    commune = reports.figures(officer, reports.scope(officer, "commune", hp.commune_code),
                              period)
    assert commune.citizens_helped == kiosk.citizens_helped
