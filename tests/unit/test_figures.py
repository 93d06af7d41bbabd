"""Report periods and report figures, each checked against a small hand-counted fixture."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from db.models import Assistance, PrintEvent, Ticket, TutorialEvent, Volunteer
from kiosk.auth import Actor, PermissionDenied
from kiosk.clock import FakeClock
from kiosk.queue import seed_default_services
from kiosk.reports import periods
from kiosk.reports.figures import compute_figures, tutorial_figures
from kiosk.reports.periods import Period, PeriodError, PeriodKind
from kiosk.store import Store

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
UTC_OFFSET = timedelta(hours=7)


def utc(local: datetime) -> datetime:
    return local - UTC_OFFSET


def add_member(store: Store, name: str, role: str = "volunteer") -> str:
    with store.write() as s:
        v = Volunteer(display_name=name, role=role, pin_hash="!test", active=True,
                      created_at=store.clock.now())
        s.add(v)
        s.flush()
        return v.uuid


def add_record(store: Store, local_start: datetime, *, services: tuple[str, ...] = ("vneid",),
               volunteers: tuple[str, ...] = (), outcome: str = "done",
               channel: str = "help_point", village: str = "", age_band: str = "",
               gender: str = "", satisfaction: int | None = None, is_demo: bool = False,
               deleted: bool = False) -> str:
    start = utc(local_start)
    with store.write() as s:
        a = Assistance(device_id=store.device_id, created_at=start, updated_at=start,
                       started_at=start, ended_at=start + timedelta(minutes=15),
                       volunteer_uuids=list(volunteers), services=list(services),
                       outcome=outcome, channel=channel, village=village, age_band=age_band,
                       gender=gender, satisfaction=satisfaction, is_demo=is_demo,
                       deleted_at=start + timedelta(hours=1) if deleted else None)
        s.add(a)
        s.flush()
        return a.uuid


def add_events(store: Store, tutorial_id: str, run_id: str, local_at: datetime,
               kinds: list[tuple[str, int | None]], is_demo: bool = False) -> None:
    with store.write() as s:
        for i, (kind, step) in enumerate(kinds):
            s.add(TutorialEvent(device_id=store.device_id, at=utc(local_at) + timedelta(
                seconds=i), run_id=run_id, tutorial_id=tutorial_id, kind=kind, step=step,
                is_demo=is_demo))


# -- periods ---------------------------------------------------------------------------------

def test_periods_follow_the_local_calendar(clock: FakeClock) -> None:
    # The fixture clock is Tuesday 10 March 2026, 10:00 local.
    assert periods.today(clock) == Period(date(2026, 3, 10), date(2026, 3, 10), PeriodKind.TODAY)
    week = periods.this_week(clock)
    assert (week.start, week.end) == (date(2026, 3, 9), date(2026, 3, 15))
    assert week.start.weekday() == 0
    assert week.end.weekday() == 6
    assert (periods.this_month(clock).start, periods.this_month(clock).end) == (
        date(2026, 3, 1), date(2026, 3, 31))
    assert (periods.last_month(clock).start, periods.last_month(clock).end) == (
        date(2026, 2, 1), date(2026, 2, 28))
    assert (periods.this_year(clock).start, periods.this_year(clock).end) == (
        date(2026, 1, 1), date(2026, 12, 31))


def test_just_after_local_midnight_is_already_the_next_month(clock: FakeClock) -> None:
    clock.set(datetime(2026, 3, 31, 17, 30))  # 00:30 on 1 April in Da Nang
    assert periods.today(clock).start == date(2026, 4, 1)
    assert periods.last_month(clock).label == "Tháng 3/2026"
    clock.set(datetime(2026, 1, 5, 3, 0))  # January: last month is December of last year
    assert periods.last_month(clock) == Period(date(2025, 12, 1), date(2025, 12, 31),
                                               PeriodKind.LAST_MONTH)


def test_custom_period_is_inclusive_and_refuses_a_reversed_range() -> None:
    p = periods.custom(date(2026, 3, 1), date(2026, 3, 15))
    assert p.days == 15
    assert p.label == "01/03/2026 – 15/03/2026"
    assert p.utc_bounds() == (datetime(2026, 2, 28, 17, 0), datetime(2026, 3, 15, 17, 0))
    with pytest.raises(PeriodError, match="sau ngày kết thúc"):
        periods.custom(date(2026, 3, 15), date(2026, 3, 1))
    assert periods.parse_day("01/03/2026") == periods.parse_day("2026-03-01") == date(2026, 3, 1)
    with pytest.raises(PeriodError, match="Không hiểu ngày"):
        periods.parse_day("3/5/2026x")


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-31", "03/25/2026", "31-04-2026"])
def test_a_day_not_on_the_calendar_is_named_as_such(text: str) -> None:
    """"31/02/2026" is written day/month/year: the refusal told the officer to write it
    day/month/year. It now says the day is not on the calendar and to check day and month
    (a month above 12 is often a month/day habit)."""
    with pytest.raises(PeriodError) as refused:
        periods.parse_day(text)
    assert refused.value.message("vi") == (
        f"Ngày “{text}” không có trên lịch. Hãy kiểm tra lại ngày và tháng (viết theo "
        "ngày/tháng/năm, ví dụ 01/03/2026).")
    assert refused.value.message("en") == (
        f"The date “{text}” is not on the calendar. Check the day and the month (written "
        "day/month/year, e.g. 01/03/2026).")


def test_period_labels() -> None:
    assert MARCH.label == "Tháng 3/2026"
    assert Period(date(2026, 1, 1), date(2026, 12, 31)).label == "Năm 2026"
    assert Period(date(2026, 3, 4), date(2026, 3, 4)).label == "Ngày 04/03/2026"


# -- figures ---------------------------------------------------------------------------------

def test_an_empty_period_gives_zeros_and_empty_tables(store: Store, staff: Actor) -> None:
    f = compute_figures(staff, store, MARCH)
    assert f.citizens_helped == 0
    assert f.by_service == f.by_outcome == f.by_channel == f.by_village == ()
    assert f.by_age_gender == ()
    assert f.by_volunteer == ()
    assert f.tutorials == ()
    assert [d.count for d in f.daily] == [0] * 31
    assert f.daily[0].day == date(2026, 3, 1)
    assert f.daily[-1].day == date(2026, 3, 31)
    assert f.queue.tickets == 0
    assert f.printed_sheets == 0
    assert f.satisfaction.answered == 0
    assert f.satisfaction.average is None
    assert f.includes_demo is False


def test_figures_match_a_hand_counted_month(store: Store, staff: Actor) -> None:
    seed_default_services(store)
    hung = add_member(store, "Tình nguyện viên Hùng")
    lan = add_member(store, "Tình nguyện viên Lan")
    add_record(store, datetime(2026, 3, 1, 0, 30), services=("vneid",), volunteers=(hung,),
               village="Tà Lang", age_band="60-74", gender="nu", satisfaction=5)
    add_record(store, datetime(2026, 3, 1, 9, 0), services=("vneid", "dvc"),
               volunteers=(hung, lan), outcome="partial", village="Tà Lang",
               age_band="60-74", gender="nam", satisfaction=3)
    add_record(store, datetime(2026, 3, 2, 10, 0), services=("dvc",), volunteers=(lan,),
               channel="home_visit", village="Giàn Bí", age_band="75+", gender="nu")
    add_record(store, datetime(2026, 3, 31, 23, 30), services=("dvc",), volunteers=(lan,),
               outcome="follow_up", channel="phone", satisfaction=4)
    # Not in March, or deleted: never counted.
    add_record(store, datetime(2026, 3, 5, 9, 0), deleted=True)
    add_record(store, datetime(2026, 2, 28, 23, 59))
    add_record(store, datetime(2026, 4, 1, 0, 10))

    f = compute_figures(staff, store, MARCH)

    assert f.citizens_helped == 4
    assert [(r.key, r.label, r.count) for r in f.by_service] == [
        ("dvc", "Dịch vụ công trực tuyến", 3), ("vneid", "Tài khoản định danh VNeID", 2)]
    assert {r.key: r.count for r in f.by_outcome} == {"done": 2, "partial": 1, "follow_up": 1}
    assert {r.label: r.count for r in f.by_outcome}["Xong một phần"] == 1
    assert {r.key: r.count for r in f.by_channel} == {"help_point": 2, "home_visit": 1,
                                                       "phone": 1}
    assert [(r.label, r.count) for r in f.by_village] == [("Tà Lang", 2), ("Giàn Bí", 1),
                                                          ("Không rõ", 1)]
    assert {(r.age_band, r.gender): r.count for r in f.by_age_gender} == {
        ("60-74", "nam"): 1, ("60-74", "nu"): 1, ("75+", "nu"): 1, ("", ""): 1}
    assert f.age_gender_count("60-74", "nu") == 1
    assert [label for _k, label in f.genders][:2] == ["Nam", "Nữ"]
    assert [(r.label, r.count) for r in f.by_volunteer] == [("Tình nguyện viên Lan", 3),
                                                            ("Tình nguyện viên Hùng", 2)]
    per_day = {d.day: d.count for d in f.daily}
    assert per_day[date(2026, 3, 1)] == 2
    assert per_day[date(2026, 3, 2)] == 1
    assert per_day[date(2026, 3, 31)] == 1
    assert sum(per_day.values()) == 4
    assert f.satisfaction.answered == 3
    assert f.satisfaction.average == pytest.approx(4.0)
    assert [(r.key, r.count) for r in f.satisfaction.distribution] == [("3", 1), ("4", 1),
                                                                      ("5", 1)]
    assert f.includes_demo is False
    assert f.demo_records == 0


def test_demo_records_are_counted_and_flagged(store: Store, staff: Actor) -> None:
    add_record(store, datetime(2026, 3, 3, 9, 0))
    add_record(store, datetime(2026, 3, 3, 10, 0), is_demo=True)
    f = compute_figures(staff, store, MARCH)
    assert f.citizens_helped == 2
    assert f.demo_records == 1
    assert f.includes_demo is True


def test_demo_tutorial_events_alone_flag_the_figures(store: Store, staff: Actor) -> None:
    add_events(store, "vneid-install", "r1", datetime(2026, 3, 3, 9, 0), [("opened", None)],
               is_demo=True)
    assert compute_figures(staff, store, MARCH).includes_demo is True


def test_tutorial_runs_opened_finished_and_where_they_stop(store: Store, staff: Actor) -> None:
    at = datetime(2026, 3, 10, 9, 0)
    tid = "vneid-install"
    add_events(store, tid, "r1", at, [("opened", None), ("step", 1), ("step", 2),
                                      ("finished", 2)])
    add_events(store, tid, "r2", at, [("opened", None), ("step", 1), ("step", 2), ("step", 3),
                                      ("abandoned", 3)])
    add_events(store, tid, "r3", at, [("opened", None), ("step", 1), ("step", 2), ("step", 3)])
    add_events(store, tid, "r4", at, [("opened", None), ("step", 1), ("abandoned", 1)])
    add_events(store, tid, "r5", at, [("opened", None), ("step", 1), ("step", 2), ("ask", 2),
                                      ("abandoned", 2)])
    add_events(store, tid, "r6", datetime(2026, 4, 1, 9, 0), [("opened", None)])  # April

    f = compute_figures(staff, store, MARCH, titles={tid: "Cài đặt VNeID an toàn"})

    (t,) = f.tutorials
    assert t.tutorial_id == tid
    assert t.title == "Cài đặt VNeID an toàn"
    assert (t.opened, t.finished) == (5, 1)
    assert t.completion_rate == pytest.approx(0.2)
    assert t.stop_step == 3  # r2 and r3 stop at 3, r4 at 1, r5 at 2
    assert t.stopped_runs == 4
    assert t.asks == 1


def test_a_tie_between_stop_steps_goes_to_the_earlier_step() -> None:
    class E:
        def __init__(self, run: str, kind: str, step: int | None) -> None:
            self.run_id, self.tutorial_id, self.kind, self.step = run, "dvc-login", kind, step

    events = [E("a", "opened", None), E("a", "step", 4), E("b", "opened", None),
              E("b", "step", 2), E("c", "opened", None), E("c", "finished", 5)]
    (t,) = tutorial_figures(events, {})
    assert t.stop_step == 2
    assert t.title == "dvc-login"
    assert t.completion_rate == pytest.approx(1 / 3)


def test_queue_and_printed_sheets_come_from_their_tables(store: Store, staff: Actor) -> None:
    seed_default_services(store)
    with store.write() as s:
        for n, status, demo in ((1, "done", False), (2, "done", False), (3, "no_show", False),
                                (4, "waiting", True)):
            issued = utc(datetime(2026, 3, 3, 9, n))
            s.add(Ticket(device_id=store.device_id, day=date(2026, 3, 3), prefix="A", number=n,
                         service_code="vneid", status=status, issued_at=issued,
                         called_at=issued + timedelta(minutes=4) if status != "waiting"
                         else None, is_demo=demo))
        for day, kind, tutorial, sheets, ok in (
                (date(2026, 3, 3), "sheet", "vneid-install", 2, True),
                (date(2026, 3, 4), "sheet", "vneid-install", 1, True),
                (date(2026, 3, 4), "sheet", "vneid-install", 5, False),
                (date(2026, 3, 4), "ticket", None, 1, True),
                (date(2026, 4, 1), "sheet", "vneid-install", 3, True)):
            s.add(PrintEvent(device_id=store.device_id, at=utc(datetime(2026, 3, 4, 9, 0)),
                             day=day, kind=kind, tutorial_id=tutorial, sheets=sheets, ok=ok))
    f = compute_figures(staff, store, MARCH)
    assert (f.queue.tickets, f.queue.served, f.queue.no_shows) == (4, 2, 1)
    assert f.queue.median_wait_minutes == pytest.approx(4.0)
    assert f.printed_sheets == 3
    assert [(r.key, r.count) for r in f.printed_by_tutorial] == [("vneid-install", 3)]
    assert f.includes_demo is True  # the demo ticket


def test_figures_need_staff(store: Store, volunteer: Actor) -> None:
    with pytest.raises(PermissionDenied):
        compute_figures(volunteer, store, MARCH)


def test_a_tutorial_run_across_midnight_counts_once_on_the_day_it_started(
        store: Store, staff: Actor, clock: FakeClock) -> None:
    """Opened at 23:58 and finished at 00:02: one run, opened and finished on the day it
    started (like a record, counted on the day it started), nothing on the next day; not a
    run "stopped" on the first day plus a run "finished" without opening on the second. The
    hub's daily counts say the same."""
    from kiosk.sync.batch import daily_counts
    from kiosk.usage import UsageRecorder

    usage = UsageRecorder(store)
    clock.set(utc(datetime(2026, 3, 10, 23, 58)))
    run = usage.new_run("vneid-install")
    usage.record(run, "opened")
    usage.record(run, "step", 1)
    clock.advance(minutes=1)
    usage.record(run, "step", 2)
    clock.advance(minutes=2)  # 00:01 on 11 March
    usage.record(run, "step", 3)
    usage.record(run, "finished")
    # Another citizen on the 11th, stopped at step 2.
    other = usage.new_run("vneid-install")
    usage.record(other, "opened")
    usage.record(other, "step", 2)
    usage.record(other, "abandoned", 2)

    def table(day: date) -> list[tuple[str, int, int, int]]:
        f = compute_figures(staff, store, Period(day, day))
        return [(t.tutorial_id, t.opened, t.finished, t.stopped_runs) for t in f.tutorials]

    assert table(date(2026, 3, 10)) == [("vneid-install", 1, 1, 0)]
    assert table(date(2026, 3, 11)) == [("vneid-install", 1, 0, 1)]
    march = compute_figures(staff, store, MARCH).tutorials
    assert [(t.opened, t.finished, t.stopped_runs) for t in march] == [(2, 1, 1)]
    with store.read() as s:
        days = {d["day"]: d for d in daily_counts(s, date(2026, 3, 10), date(2026, 3, 11))}
    assert (days["2026-03-10"]["tutorials_opened"], days["2026-03-10"]["tutorials_finished"]) \
        == (1, 1)
    assert (days["2026-03-11"]["tutorials_opened"], days["2026-03-11"]["tutorials_finished"]) \
        == (1, 0)
    assert days["2026-03-10"]["tutorials"]["vneid-install"]["stopped"] == 0
    assert days["2026-03-11"]["tutorials"]["vneid-install"]["stops"] == {"2": 1}


@pytest.mark.parametrize(("start", "end", "vi", "en"), [
    (date(2026, 12, 1), date(2026, 12, 31), "Tháng 12/2026", "December 2026"),
    (date(2026, 3, 1), date(2026, 3, 31), "Tháng 3/2026", "March 2026"),
    (date(2026, 1, 1), date(2026, 12, 31), "Năm 2026", "Year 2026"),
    (date(2026, 3, 5), date(2026, 3, 5), "Ngày 05/03/2026", "Day 05/03/2026"),
])
def test_a_period_is_named_as_each_language_names_it(start: date, end: date, vi: str,
                                                     en: str) -> None:
    """English names a month ("December 2026"): "Month 12/2026" was Vietnamese word order in
    English words (seen on the hub's dashboard heading). Month names are fixed, not the
    machine's locale."""
    period = Period(start, end)
    assert period.label_in("vi") == period.label == vi
    assert period.label_in("en") == en
