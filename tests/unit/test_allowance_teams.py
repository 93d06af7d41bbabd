"""Two teams' bundles merged on one PC: each team is owed its own cap (issue #20 item 0).

Before identity, a commune PC that imported two teams' bundles paid one 300.000 đ cap for
both: each team's 7 active member-days (7 × 50.000 = 350.000 đ due) came to 300.000 đ in
total instead of 300.000 đ each.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.assistance import AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.bundles import BundleService
from kiosk.clock import FakeClock
from kiosk.config import defaults
from kiosk.queue import seed_default_services
from kiosk.reports.allowance import compute_allowance
from kiosk.reports.export_csv import export_csv
from kiosk.reports.periods import Period
from kiosk.store import Store

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@dataclass
class Team:
    store: Store
    staff: Actor
    name: str


def _team(tmp: Path, folder: str, team_name: str, member_name: str, clock: FakeClock) -> Team:
    d = tmp / folder
    d.mkdir()
    store = Store.open(d, clock=clock, config=defaults().replace(team_name=team_name))
    auth = AuthService(store)
    auth.add_member(None, f"Cán bộ {folder}", Role.STAFF, "2468")
    staff = auth.sign_in("2468")
    member = auth.add_member(staff, member_name, Role.VOLUNTEER, "1357")
    records = AssistanceService(store)
    # Seven days of outreach in March: 7 × 50.000 đ = 350.000 đ due, over the 300.000 đ cap.
    for day in range(2, 9):
        records.add_outreach_day(staff, member.uuid, date(2026, 3, day))
    return Team(store, staff, team_name)


@pytest.fixture
def merged(tmp_path: Path) -> tuple[Store, Actor, Team, Team]:
    clock = FakeClock(datetime(2026, 3, 10, 3, 0, 0))
    a = _team(tmp_path, "to-a", "Tổ CNSCĐ thôn Phú Sơn", "Đoàn viên Nam", clock)
    b = _team(tmp_path, "to-b", "Tổ CNSCĐ thôn Tà Lang", "Hội viên Lan", clock)
    hub_dir = tmp_path / "xa"
    hub_dir.mkdir()
    hub = Store.open(hub_dir, clock=clock)
    auth = AuthService(hub)
    auth.add_member(None, "Cán bộ xã", Role.STAFF, "2468")
    staff = auth.sign_in("2468")
    seed_default_services(hub)
    into = BundleService(hub)
    for team in (a, b):  # signed bundles sealed to the commune PC, senders trusted
        path = tmp_path / f"{team.store.team_id}.hkb"
        out = BundleService(team.store)
        out.export_bundle(team.staff, date(2026, 3, 1), path,
                          to_key=into.keys().box_public_b64())
        into.import_bundle(staff, path, trust_key=out.keys().verify_key_b64())
    yield hub, staff, a, b
    for s in (hub, a.store, b.store):
        s.close()


def test_each_team_is_paid_its_own_cap_after_a_merge(
        merged: tuple[Store, Actor, Team, Team]) -> None:
    hub, staff, a, b = merged
    allowance = compute_allowance(staff, hub, MARCH)
    assert allowance.due_total_vnd == 700_000
    # 300.000 đ for each team, not 300.000 đ between them.
    assert allowance.paid_total_vnd == 600_000
    teams = {t.team_id: t for t in allowance.teams}
    assert set(teams) == {a.store.team_id, b.store.team_id}
    for team in (a, b):
        t = teams[team.store.team_id]
        assert t.team_name == team.name
        assert (t.due_total_vnd, t.paid_total_vnd) == (350_000, 300_000)
        assert [c.used_in_period_vnd for c in t.cap_uses] == [300_000]
        assert len(t.volunteers) == 1 and t.volunteers[0].active_days == 7


def test_the_allowance_csv_has_rows_per_team(merged: tuple[Store, Actor, Team, Team],
                                             tmp_path: Path) -> None:
    hub, staff, a, b = merged
    out = tmp_path / "kinh-phi.csv"
    export_csv(staff, hub, MARCH, out, what="allowance")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 14
    paid: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        paid[(row["team_id"], row["team_name"])] += int(row["paid_vnd"])
    assert dict(paid) == {(a.store.team_id, a.name): 300_000,
                          (b.store.team_id, b.name): 300_000}


def test_one_team_alone_is_still_capped(store: Store, staff: Actor) -> None:
    """The local team's own 7 days: one cap, as before identity."""
    auth = AuthService(store)
    member = auth.add_member(staff, "Đoàn viên Hà", Role.VOLUNTEER, "1357")
    records = AssistanceService(store)
    for day in range(2, 9):
        records.add_outreach_day(staff, member.uuid, date(2026, 3, day))
    allowance = compute_allowance(staff, store, MARCH)
    assert allowance.paid_total_vnd == 300_000
    assert [t.team_id for t in allowance.teams] == [store.team_id]
    assert allowance.teams[0].team_name == "Tổ CNSCĐ"
    assert allowance.teams[0].days[-1].day == date(2026, 3, 8) - timedelta(days=0)
