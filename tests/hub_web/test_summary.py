"""The hub's daily summary rows give exactly the kiosk's figures, also after edits.

A help point's kiosk (the kiosk's own demo generator, non-demo rows so they travel) syncs to
the hub the real way; the hub page's figures come from ``daily_summary``/``monthly_summary``
(hub.summary) fed into the kiosk's ``figures_from``, the kiosk's own from its tables. They
must be equal, field for field, for a period of whole months and one with odd days at both
ends; then again after a later batch carries an edited record (moved to another day, other
services) and a soft delete; and after ``rebuild``. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from markupsafe import escape
from sqlalchemy import func, select

from db.models import Assistance
from hub import summary
from hub.accounts import AccountService
from hub.ingest import ingest_batch
from hub.web.demo import demo_help_points, make_demo_kiosk, sync_demo_kiosk
from hub.web.reports import HubReports
from kiosk.reports.figures import Figures, figures_from, tutorial_titles
from kiosk.reports.periods import Period
from kiosk.reports.waits import quantile_range
from kiosk.scam_check import record_check
from kiosk.sync.batch import build_batch, collect_payload
from kiosk.sync.keys import DeviceKeys
from tests.hub_web.conftest import PASSWORD

RECORD_FIELDS = ("citizens_helped", "first_visits", "by_service", "by_outcome", "by_channel",
                 "by_village", "by_age_gender", "by_volunteer", "daily", "satisfaction",
                 "demo_records", "unverified_records", "includes_demo")


def _same(on_hub: Figures, kiosk: Figures) -> None:
    for name in RECORD_FIELDS:
        assert getattr(on_hub, name) == getattr(kiosk, name), name
    assert on_hub.printed_sheets == kiosk.printed_sheets
    for name in ("tickets", "served", "no_shows", "cancelled", "not_finished",
                 "priority_tickets", "priority_served"):
        assert getattr(on_hub.queue, name) == getattr(kiosk.queue, name), name
    # Tutorials per tutorial, with where unfinished runs stop; scam checks per kind.
    assert on_hub.tutorials == kiosk.tutorials
    assert on_hub.scam_checks == kiosk.scam_checks
    # Practices (issue #22): started, finished, the screen wrong most, as the kiosk counts.
    assert on_hub.practices == kiosk.practices
    # Waits: the hub's range holds the kiosk's exact median and 90th percentile.
    for q, exact in ((0.5, kiosk.queue.median_wait_minutes),
                     (0.9, kiosk.queue.p90_wait_minutes)):
        got = quantile_range(on_hub.wait_histogram, q)
        assert (got is None) == (exact is None)
        if got is not None and exact is not None:
            assert got[0] <= exact and (got[1] is None or exact <= got[1])


def test_pieces_split_a_period_into_whole_months_and_odd_days() -> None:
    months, edges = summary._pieces(Period(date(2026, 1, 15), date(2026, 4, 3)))
    assert months == [date(2026, 2, 1), date(2026, 3, 1)]
    assert edges == [(date(2026, 1, 15), date(2026, 1, 31)), (date(2026, 4, 1),
                                                               date(2026, 4, 3))]
    assert summary._pieces(Period(date(2026, 2, 1), date(2026, 2, 28))) == (
        [date(2026, 2, 1)], [])
    assert summary._pieces(Period(date(2026, 2, 2), date(2026, 2, 27))) == (
        [], [(date(2026, 2, 2), date(2026, 2, 27))])


def test_hub_page_figures_equal_the_kiosks_after_edits_and_deletes(
        hub_app: Any, tmp_path: Path) -> None:
    hub = hub_app.state.hub
    clock = hub.clock
    hp = demo_help_points()[1]
    kiosk_dir = tmp_path / "kiosk"
    store = make_demo_kiosk(hp, kiosk_dir, clock)
    accounts = AccountService(hub.sessions, clock)
    accounts.add_account(None, "xa.a", PASSWORD, "commune", hp.commune_code)
    officer = accounts.sign_in("xa.a", PASSWORD).officer
    reports = HubReports(hub, accounts)
    reports._titles = {"vi": {}}  # no titles (per language): both sides show the ids
    today = clock.now().date()
    first_of_month = today.replace(day=1)
    periods = [Period(first_of_month - timedelta(days=20), today),   # odd days + a month
               Period((first_of_month - timedelta(days=1)).replace(day=1),
                      first_of_month - timedelta(days=1)),           # one whole month
               Period(today - timedelta(days=59), today)]

    def check() -> None:
        # The help point's own rows, and its commune's (which holds only this help point).
        scopes = [reports.scope(officer, "help_point", hp.help_point_id),
                  reports.scope(officer, "commune", hp.commune_code)]
        for period in periods:
            with store.read() as s:
                kiosk = figures_from(s, period, {})
            assert kiosk.citizens_helped > 0
            for scope in scopes:
                _same(reports.figures(officer, scope, period), kiosk)

    try:
        for kind in ("sms-link", "sms-link", "otp-request"):  # today's scam checks
            record_check(store, kind)
        with store.read() as s:
            kiosk = figures_from(s, periods[0], {})
        # The seeded help point has what the new counts carry (else the test proves little).
        assert kiosk.queue.median_wait_minutes is not None and kiosk.queue.no_shows
        assert any(t.stop_step is not None for t in kiosk.tutorials)
        assert dict((r.key, r.count) for r in kiosk.scam_checks)["sms-link"] >= 2
        assert any(p.most_wrong_screen is not None for p in kiosk.practices)
        assert sync_demo_kiosk(hub, hp, store, kiosk_dir, clock) > 0
        check()

        # A later batch: one record moved a week back with other services, one deleted.
        since = clock.now()
        clock.advance(hours=1)
        with store.write() as s:
            # On different days, so the moved record's old day is touched by nothing else.
            moved = s.scalars(select(Assistance).where(
                Assistance.deleted_at.is_(None), Assistance.started_at >= since - timedelta(
                    days=3)).order_by(Assistance.started_at).limit(1)).one()
            deleted = s.scalars(select(Assistance).where(
                Assistance.deleted_at.is_(None), Assistance.started_at < since - timedelta(
                    days=20)).order_by(Assistance.started_at.desc()).limit(1)).one()
            moved.started_at -= timedelta(days=7)
            moved.ended_at = moved.started_at + timedelta(minutes=10)
            moved.services = ["dvc", "dvc", "vneid"]
            moved.satisfaction = 1
            moved.updated_at = clock.now()
            deleted.deleted_at = clock.now()
            deleted.updated_at = clock.now()
        keys = DeviceKeys.load_or_create(kiosk_dir, store.device_id)
        with store.read() as s:
            payload = collect_payload(s, hp, since, contacts=False)
        assert len(payload["records"]) == 2
        result = ingest_batch(hub, build_batch(payload, hp, keys, 2, hub.keys().box_public_b64(),
                                               contacts=False,
                                               created=clock.now().replace(tzinfo=UTC)))
        assert result.updated == 2
        check()

        # The rebuild command's code gives the same rows as the ingest's refreshes.
        with hub.sessions() as s:
            before = sorted(s.execute(select(summary.DAILY)).tuples().all())
            months = sorted(s.execute(select(summary.MONTHLY)).tuples().all())
        with hub.transaction() as s:
            assert summary.rebuild(s) == len(before)
        with hub.sessions() as s:
            assert sorted(s.execute(select(summary.DAILY)).tuples().all()) == before
            assert sorted(s.execute(select(summary.MONTHLY)).tuples().all()) == months
            # Only counts: one row per help point, day, dimension and key.
            assert s.scalar(select(func.count()).select_from(summary.DAILY)) == len(before)
        check()
    finally:
        store.close()


def test_places_read_the_summary(hub_app: Any, synced_demo: Any) -> None:
    hub = hub_app.state.hub
    period = Period(date(2026, 1, 1), hub.clock.now().date())

    def people_on_the_kiosk(store: Any) -> int:
        with store.read() as s:
            return figures_from(s, period, {}).citizens_helped

    hp, people = synced_demo(0, people_on_the_kiosk)
    with hub.sessions() as s:  # the help point's rows are written by the ingest itself
        assert summary.people_per_place(s, period, "help_point_id",
                                        commune_code=hp.commune_code) == {
            hp.help_point_id: people}
    with hub.transaction() as s:  # the commune's when a page (or this) settles them
        assert summary.settle(s) > 0
        assert summary.settle(s) == 0
    with hub.sessions() as s:
        assert summary.people_per_place(s, period, "commune_code") == {hp.commune_code: people}
        assert summary.people_per_place(s, period, "help_point_id",
                                        commune_code=hp.commune_code) == {
            hp.help_point_id: people}


def test_started_at_is_local_day() -> None:
    """A record started at 23:30 local (16:30 UTC) counts on that local day, as on a kiosk."""
    assert summary._offset(date(2026, 3, 1)) == timedelta(hours=7)
    assert summary._runs([date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 5)]) == [
        (date(2026, 3, 1), date(2026, 3, 2)), (date(2026, 3, 5), date(2026, 3, 5))]
    assert datetime(2026, 3, 1, 16, 30) + summary._offset(date(2026, 3, 1)) == datetime(
        2026, 3, 1, 23, 30)


def test_rebuild_summary_command_counts_existing_data_again(
        tmp_path: Path, capsys: Any) -> None:
    from sqlalchemy import delete

    from hub.app import create_app
    from hub.cli import main
    from hub.settings import HubSettings

    data = tmp_path / "hub"
    app = create_app(HubSettings(data_dir=data, demo=True))  # the demo's two help points
    hub = app.state.hub
    try:
        from hub.web.demo import seed_demo_help_points

        assert seed_demo_help_points(hub)
        with hub.sessions() as s:
            rows = sorted(s.execute(select(summary.DAILY)).tuples().all())
        assert rows and any(r[4] == summary.DEMO for r in rows)  # the demo is marked
        with hub.transaction() as s:  # data from before the summary existed
            s.execute(delete(summary.DAILY))
            s.execute(delete(summary.MONTHLY))
    finally:
        hub.engine.dispose()
    assert main(["rebuild-summary", "--data-dir", str(data)]) == 0
    assert f"{len(rows)} dòng" in capsys.readouterr().out
    app = create_app(HubSettings(data_dir=data))
    try:
        with app.state.hub.sessions() as s:
            assert sorted(s.execute(select(summary.DAILY)).tuples().all()) == rows
    finally:
        app.state.hub.engine.dispose()


def test_a_kiosks_queue_tutorial_and_scam_counts_appear_on_the_hub_pages(
        hub_app: Any, synced_demo: Any, client_for: Any) -> None:
    """Counts made on a kiosk travel in a real signed batch and show on the help point's,
    the commune's and the city's page; another commune's officer still gets 403."""

    hub = hub_app.state.hub
    today = hub.clock.now().date()
    period = Period(today - timedelta(days=59), today)

    def checks_then_figures(store: Any) -> Any:
        for kind in ("sms-link", "sms-link", "otp-request"):
            record_check(store, kind)
        with store.read() as s:
            return figures_from(s, period, tutorial_titles())

    hp, kiosk = synced_demo(1, checks_then_figures)
    AccountService(hub.sessions, hub.clock).add_account(None, "xa.demo1", PASSWORD, "commune",
                                                        hp.commune_code)
    query = f"?period=custom&from={period.start.isoformat()}&to={period.end.isoformat()}"
    tutorial = next(t for t in kiosk.tutorials if t.stop_step is not None)
    client = client_for("xa.demo1")
    for path in (f"/help-point/{hp.help_point_id}", f"/commune/{hp.commune_code}"):
        page = client.get(path + query)
        assert page.status_code == 200, path
        html = page.text
        assert f'id="priority-tickets">{kiosk.queue.priority_tickets}<' in html
        assert "Kiểm tra tin nhắn lạ theo loại" in html and "Tin nhắn có đường link" in html
        # The tutorial's row: opened, finished, stopped runs and the step most stop at.
        assert (f'<th scope="row">{escape(tutorial.title)}</th>'
                f'<td class="num" data-label="Mở">{tutorial.opened}</td>'
                f'<td class="num" data-label="Xong">{tutorial.finished}</td>') in html
        assert (f'<td class="num" data-label="Chưa xong">{tutorial.stopped_runs}</td>'
                f'<td class="words" data-label="Hay dừng ở">bước {tutorial.stop_step}'
                ) in html
        # Practices: each one's started and finished runs, as on the kiosk's dashboard.
        assert "Tập thử trên điện thoại tập" in html
        practice = kiosk.practices[0]
        assert (f'<th scope="row">{escape(practice.title)}</th>'
                f'<td class="num" data-label="Bắt đầu">{practice.started}</td>'
                f'<td class="num" data-label="Tập xong">{practice.finished}</td>') in html
        # The median wait as a range of minutes that holds the kiosk's exact median.
        shown = re.search(r'id="kpi-wait">(\d+)–(\d+)<', html)
        assert shown is not None
        median = kiosk.queue.median_wait_minutes
        assert median is not None and int(shown[1]) <= median <= int(shown[2])
    other = client_for("xa.b")
    assert other.get(f"/help-point/{hp.help_point_id}{query}").status_code == 403
    assert other.get(f"/commune/{hp.commune_code}{query}").status_code == 403
    city = client_for("thanhpho").get("/city" + query)
    assert city.status_code == 200 and 'id="kpi-wait">' in city.text
    english = client_for("thanhpho")
    english.cookies.set("hk_lang", "en")
    page = english.get(f"/help-point/{hp.help_point_id}{query}").text
    assert "Scam checks by kind" in page and "Priority numbers issued" in page
