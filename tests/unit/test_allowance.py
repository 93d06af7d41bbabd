"""Support allowance: rules as data, one count per active day, caps per month/year.

Every expected amount below is worked out by hand in the comments next to it.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.models import ActivityDay, PolicyRule, Volunteer
from kiosk import audit
from kiosk.auth import Actor, PermissionDenied
from kiosk.reports.allowance import (
    CapPeriod,
    PolicyError,
    add_rule,
    compute_allowance,
    list_rules,
    vnd,
)
from kiosk.reports.periods import Period
from kiosk.store import Store


def member(store: Store, name: str, role: str = "volunteer", uuid: str | None = None) -> str:
    with store.write() as s:
        v = Volunteer(display_name=name, role=role, pin_hash="!test", active=True,
                      created_at=store.clock.now())
        if uuid:
            v.uuid = uuid
        s.add(v)
        s.flush()
        return v.uuid


def active(store: Store, who: str, *days: date, source: str = "record",
           is_demo: bool = False) -> None:
    with store.write() as s:
        for d in days:
            s.add(ActivityDay(volunteer_uuid=who, day=d, source=source, is_demo=is_demo))


def days(start: date, n: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


# -- rules -----------------------------------------------------------------------------------

def test_rules_are_seeded_once_from_the_policy_file(store: Store) -> None:
    rules = list_rules(store)
    assert [(r.name, r.valid_from, r.valid_to, r.daily_rate_vnd, r.cap_vnd, r.cap_period)
            for r in rules] == [
        ("Nghị quyết 36/2024/NQ-HĐND", date(2024, 8, 10), date(2025, 12, 31), 50_000,
         3_000_000, CapPeriod.YEAR),
        ("Nghị quyết 26/2025 của HĐND TP Đà Nẵng", date(2026, 1, 1), date(2027, 12, 31),
         50_000, 300_000, CapPeriod.MONTH),
    ]
    assert "[U]" in rules[1].source
    assert "toàn văn" in rules[1].source
    list_rules(store)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(PolicyRule)) == 2
    assert rules[1].summary == "50.000 đ/người/ngày, tối đa 300.000 đ/tổ/tháng"


def test_staff_can_add_a_rule_and_it_is_audited(store: Store, staff: Actor) -> None:
    rule = add_rule(staff, store, name="Quy định 2028", valid_from=date(2028, 1, 1),
                    valid_to=None, daily_rate_vnd=60_000, cap_vnd=400_000, cap_period="month",
                    source="ví dụ")
    assert rule.in_force(date(2030, 5, 1))
    assert not rule.in_force(date(2027, 12, 31))
    assert [r.name for r in list_rules(store)][-1] == "Quy định 2028"
    assert ("policy.add_rule" in [a for _t, _who, a in audit.entries(store)])
    assert audit.entries(store, "policy.add_rule")[0][1] == staff.audit_name


@pytest.mark.parametrize(("changes", "message"), [
    ({"valid_from": date(2027, 6, 1), "valid_to": date(2028, 6, 30)}, "trùng"),
    ({"valid_from": date(2029, 1, 1), "valid_to": date(2028, 1, 1)}, "sau ngày hết hiệu lực"),
    ({"daily_rate_vnd": 0}, "số tiền dương"),
    ({"cap_vnd": -5}, "số tiền dương"),
    ({"cap_period": "week"}, "year"),
    ({"name": "  "}, "Tên quy định"),
])
def test_bad_rules_are_refused_with_what_to_fix(store: Store, staff: Actor,
                                                changes: dict[str, object],
                                                message: str) -> None:
    args: dict[str, object] = dict(name="Quy định mới", valid_from=date(2028, 1, 1),
                                   valid_to=date(2028, 12, 31), daily_rate_vnd=50_000,
                                   cap_vnd=300_000, cap_period="month")
    args.update(changes)
    with pytest.raises(PolicyError, match=message):
        add_rule(staff, store, **args)  # type: ignore[arg-type]
    assert len(list_rules(store)) == 2


def test_only_staff_add_rules(store: Store, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        add_rule(volunteer, store, name="x", valid_from=date(2028, 1, 1), valid_to=None,
                 daily_rate_vnd=1, cap_vnd=1, cap_period="year")


# -- amounts ---------------------------------------------------------------------------------

def test_a_member_active_twice_on_one_day_counts_once(store: Store, staff: Actor) -> None:
    hung = member(store, "Hùng")
    active(store, hung, date(2026, 3, 2), source="ticket")
    active(store, hung, date(2026, 3, 2), source="record")
    active(store, hung, date(2026, 3, 2), source="outreach")
    a = compute_allowance(staff, store, Period(date(2026, 3, 1), date(2026, 3, 31)))
    (v,) = a.teams[0].volunteers
    assert (v.name, v.active_days, v.due_vnd, v.paid_vnd) == ("Hùng", 1, 50_000, 50_000)
    assert a.paid_total_vnd == 50_000
    assert a.teams[0].current is not None
    assert a.teams[0].current.remaining_vnd == 250_000


def test_month_cap_reached_in_the_middle_of_the_period_and_of_a_day(
        store: Store, staff: Actor) -> None:
    an, binh, chi, dung = (member(store, n) for n in ("An", "Bình", "Chi", "Dũng"))
    active(store, an, date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4))
    active(store, binh, date(2026, 3, 2), date(2026, 3, 3))
    active(store, chi, date(2026, 3, 2), date(2026, 3, 3))
    active(store, dung, date(2026, 3, 3))
    # 2/3: An, Bình, Chi        → 150.000 (used 150.000)
    # 3/3: An, Bình, Chi, Dũng  → 150.000 left: An, Bình, Chi 50.000 each, Dũng 0 (by name)
    # 4/3: An                   → 0 (cap of 300.000 reached)
    a = compute_allowance(staff, store, Period(date(2026, 3, 1), date(2026, 3, 31)))
    got = {v.name: (v.active_days, v.due_vnd, v.paid_vnd) for v in a.teams[0].volunteers}
    assert got == {"An": (3, 150_000, 100_000), "Bình": (2, 100_000, 100_000),
                   "Chi": (2, 100_000, 100_000), "Dũng": (1, 50_000, 0)}
    assert [v.name for v in a.teams[0].volunteers] == ["An", "Bình", "Chi", "Dũng"]
    assert [(d.day.day, d.members, d.due_vnd, d.paid_vnd) for d in a.teams[0].days] == [
        (2, 3, 150_000, 150_000), (3, 4, 200_000, 150_000), (4, 1, 50_000, 0)]
    assert a.teams[0].capped_days == (date(2026, 3, 3), date(2026, 3, 4))
    assert (a.due_total_vnd, a.paid_total_vnd) == (400_000, 300_000)
    cur = a.teams[0].current
    assert cur is not None
    assert (cur.label, cur.used_vnd, cur.remaining_vnd) == ("Tháng 3/2026", 300_000, 0)


def test_days_before_the_period_in_the_same_cap_period_count_first(
        store: Store, staff: Actor) -> None:
    an, binh, chi = (member(store, n) for n in ("An", "Bình", "Chi"))
    for who in (an, binh, chi):
        active(store, who, date(2026, 3, 2), date(2026, 3, 3))
    # 2/3 (before the period) used 150.000 of March's 300.000; 3/3 gets the other 150.000.
    a = compute_allowance(staff, store, Period(date(2026, 3, 3), date(2026, 3, 10)))
    assert a.paid_total_vnd == 150_000
    (use,) = a.teams[0].cap_uses
    assert (use.used_before_vnd, use.used_in_period_vnd, use.remaining_vnd) == (
        150_000, 150_000, 0)
    # A new month starts afresh.
    active(store, an, date(2026, 4, 1))
    april = compute_allowance(staff, store, Period(date(2026, 4, 1), date(2026, 4, 30)))
    assert april.paid_total_vnd == 50_000


def test_a_period_spanning_the_rule_change_on_1_january_2026(store: Store, staff: Actor) -> None:
    an, binh = member(store, "An"), member(store, "Bình")
    # 2025 (NQ 36, 3.000.000 per year): An active 59 days in Oct–Nov → 2.950.000 used.
    active(store, an, *days(date(2025, 10, 1), 59))
    # 29/12/2025: An and Bình → 50.000 left this year: An 50.000, Bình 0.
    # 30/12/2025: Bình → 0.
    # 2/1/2026 (NQ 26, 300.000 per month): An and Bình → 100.000.
    active(store, an, date(2025, 12, 29), date(2026, 1, 2))
    active(store, binh, date(2025, 12, 29), date(2025, 12, 30), date(2026, 1, 2))
    a = compute_allowance(staff, store, Period(date(2025, 12, 29), date(2026, 1, 4)))
    assert [r.name for r in a.rules] == ["Nghị quyết 36/2024/NQ-HĐND",
                                         "Nghị quyết 26/2025 của HĐND TP Đà Nẵng"]
    assert {v.name: (v.active_days, v.paid_vnd) for v in a.teams[0].volunteers} == {
        "An": (2, 100_000), "Bình": (3, 50_000)}
    assert [(d.day, d.rule_name is not None and d.rule_name[:16], d.paid_vnd)
            for d in a.teams[0].days] == [
        (date(2025, 12, 29), "Nghị quyết 36/20", 50_000),
        (date(2025, 12, 30), "Nghị quyết 36/20", 0),
        (date(2026, 1, 2), "Nghị quyết 26/20", 100_000)]
    year, january = a.teams[0].cap_uses
    assert (year.label, year.cap_vnd, year.used_before_vnd, year.used_in_period_vnd,
            year.remaining_vnd) == ("Năm 2025", 3_000_000, 2_950_000, 50_000, 0)
    assert (january.label, january.cap_vnd, january.used_vnd, january.remaining_vnd) == (
        "Tháng 1/2026", 300_000, 100_000, 200_000)
    assert a.teams[0].current == january
    assert a.paid_total_vnd == 150_000


def test_within_a_day_the_order_is_name_then_uuid_and_amounts_may_be_partial(
        store: Store, staff: Actor) -> None:
    add_rule(staff, store, name="Thử 2028", valid_from=date(2028, 1, 1), valid_to=None,
             daily_rate_vnd=50_000, cap_vnd=170_000, cap_period="year")
    duc = member(store, "Đức")
    dung = member(store, "dũng")
    twin_b = member(store, "Anh", uuid="bbbbbbbb-0000-4000-8000-000000000000")
    twin_a = member(store, "Anh", uuid="aaaaaaaa-0000-4000-8000-000000000000")
    for who in (duc, dung, twin_b, twin_a):
        active(store, who, date(2028, 2, 1))
    # Vietnamese order: Anh, Anh (by uuid), dũng, then Đức (đ comes after d).
    # 170.000 cap: 50.000, 50.000, 50.000, then 20.000 for Đức.
    a = compute_allowance(staff, store, Period(date(2028, 2, 1), date(2028, 2, 1)))
    assert [(ln.volunteer_uuid, ln.paid_vnd) for ln in a.lines] == [
        (twin_a, 50_000), (twin_b, 50_000), (dung, 50_000), (duc, 20_000)]


def test_days_without_a_rule_pay_nothing_and_are_listed(store: Store, staff: Actor) -> None:
    an = member(store, "An")
    active(store, an, date(2024, 8, 5), date(2024, 8, 12))  # NQ 36 starts 10/8/2024
    a = compute_allowance(staff, store, Period(date(2024, 8, 1), date(2024, 8, 31)))
    assert a.teams[0].days_without_rule == (date(2024, 8, 5),)
    (v,) = a.teams[0].volunteers
    assert (v.active_days, v.days_without_rule, v.paid_vnd) == (2, 1, 50_000)
    active(store, an, date(2028, 1, 3))  # after NQ 26 ends on 31/12/2027
    later = compute_allowance(staff, store, Period(date(2028, 1, 1), date(2028, 1, 31)))
    assert later.teams[0].days_without_rule == (date(2028, 1, 3),)
    assert later.paid_total_vnd == 0
    assert later.teams[0].current is None
    assert later.rules == ()


def test_staff_work_is_not_team_days_and_unknown_members_are_kept(
        store: Store, staff: Actor) -> None:
    # A commune officer who logs a record is active that day, but is not a team member.
    active(store, staff.uuid, date(2026, 3, 10))
    active(store, "feedface-0000-4000-8000-000000000000", date(2026, 3, 10))
    a = compute_allowance(staff, store, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert [v.name for v in a.teams[0].volunteers] == ["Thành viên không rõ (feedface)"]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ActivityDay)
                        .where(ActivityDay.volunteer_uuid == staff.uuid)) == 1


def test_demo_days_are_counted_and_flagged(store: Store, staff: Actor) -> None:
    an = member(store, "An")
    active(store, an, date(2026, 3, 2), is_demo=True)
    a = compute_allowance(staff, store, Period(date(2026, 3, 1), date(2026, 3, 31)))
    assert a.includes_demo is True
    assert a.paid_total_vnd == 50_000


def test_allowance_needs_staff(store: Store, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        compute_allowance(volunteer, store, Period(date(2026, 3, 1), date(2026, 3, 31)))


def test_money_is_written_the_vietnamese_way() -> None:
    assert vnd(3_000_000) == "3.000.000 đ"
    assert vnd(0) == "0 đ"


def test_what_remains_is_for_the_cap_period_containing_today(store: Store, staff: Actor) -> None:
    an = member(store, "An")
    active(store, an, date(2026, 2, 10), date(2026, 3, 2), date(2026, 3, 9))
    # The fixture clock says 10/3/2026: for "this year" the current cap period is March.
    year = compute_allowance(staff, store, Period(date(2026, 1, 1), date(2026, 12, 31)))
    assert len(year.teams[0].cap_uses) == 12
    cur = year.teams[0].current
    assert cur is not None
    assert (cur.label, cur.remaining_vnd) == ("Tháng 3/2026", 200_000)
    # A past period: the cap period of its last day.
    february = compute_allowance(staff, store, Period(date(2026, 2, 1), date(2026, 2, 28)))
    cur = february.teams[0].current
    assert cur is not None
    assert (cur.label, cur.remaining_vnd) == ("Tháng 2/2026", 250_000)
