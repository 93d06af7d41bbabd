"""Queue tickets: numbering, desks calling, bad input, wait estimates, spoken text, figures."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import AuditEvent, Service, Ticket
from kiosk import audit
from kiosk.auth import CITIZEN, Actor, PermissionDenied
from kiosk.clock import FakeClock
from kiosk.queue import (
    QueueError,
    QueueService,
    ServiceInfo,
    TicketStatus,
    call_sentence,
    load_service_list,
    percentile,
    queue_figures,
)
from kiosk.store import Store

# 10:00 local on 2026-03-10 is 03:00 UTC (the conftest clock).
T0 = datetime(2026, 3, 10, 3, 0, 0)
DAY = date(2026, 3, 10)


@pytest.fixture
def queue(store: Store) -> QueueService:
    return QueueService(store, desk_count=2)


def snapshot(store: Store) -> tuple[Any, ...]:
    """Everything a queue request could change."""
    with store.read() as s:
        tickets = sorted((t.uuid, t.day, t.prefix, t.number, t.service_code, t.status, t.desk,
                          t.recalls, t.called_at, t.finished_at, t.satisfaction)
                         for t in s.scalars(select(Ticket)))
        services = sorted((v.code, v.prefix, v.enabled, tuple(v.desks), v.avg_minutes)
                          for v in s.scalars(select(Service)))
        audits = s.scalar(select(func.count()).select_from(AuditEvent))
    return tuple(tickets), tuple(services), audits


# -- services ---------------------------------------------------------------------------------


def test_default_services_are_seeded_once(store: Store, queue: QueueService,
                                          staff: Actor) -> None:
    services = queue.services()
    assert [(s.prefix, s.code) for s in services] == [
        ("A", "vneid"), ("B", "dvc"), ("C", "payment"), ("D", "other")]
    vneid, dvc, payment, other = services
    assert vneid.name_vi == "Tài khoản định danh VNeID"
    assert vneid.name("en") == "VNeID e-ID account"
    assert vneid.tutorials == ("vneid-install", "vneid-activate", "vneid-level2",
                               "vneid-forgot", "vneid-documents")
    assert vneid.official_url == "https://vneid.gov.vn/"
    assert dvc.tutorials == ("dvc-login", "dvc-submit-pay", "dvc-track",
                             "birth-registration-child")
    assert dvc.official_url == "https://dichvucong.gov.vn/"
    assert payment.tutorials == ("bank-qr-payment-safe",)
    assert other.name_vi == "Hỗ trợ khác"
    # A staff edit survives a restart: the defaults are not seeded over it.
    queue.set_service_enabled(staff, "other", False)
    again = QueueService(store, desk_count=2)
    assert [s.code for s in again.services()] == ["vneid", "dvc", "payment"]
    assert len(again.services(include_disabled=True)) == 4


def test_a_broken_service_file_names_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "services.toml"
    bad.write_text('''
[[service]]
code = "vneid"
prefix = "A"
name = { vi = "VNeID" }
official_url = "http://vneid.gov.vn/"

[[service]]
code = "dvc"
prefix = "A"
name = { vi = "DVC" }
desks = [0]
''', encoding="utf-8")
    with pytest.raises(QueueError) as err:
        load_service_list(bad)
    message = str(err.value)
    assert "https://" in message
    assert "Chữ đầu số “A” bị dùng cho hai dịch vụ" in message
    assert "Số bàn “0” không hợp lệ" in message


def test_only_staff_edit_services_and_it_is_audited(store: Store, queue: QueueService,
                                                    volunteer: Actor, staff: Actor) -> None:
    new = ServiceInfo(code="bhxh", prefix="E", name_vi="Bảo hiểm xã hội VssID",
                      name_en="VssID social insurance", icon="health", desks=(2,),
                      avg_minutes=8, sort=50)
    for who in (CITIZEN, volunteer):
        with pytest.raises(PermissionDenied):
            queue.save_service(who, new)
        with pytest.raises(PermissionDenied):
            queue.set_service_enabled(who, "vneid", False)
    saved = queue.save_service(staff, new)
    assert saved == new
    edited = queue.save_service(staff, replace(new, avg_minutes=9))
    assert edited.avg_minutes == 9
    assert [s.code for s in queue.services()][-1] == "bhxh"
    actions = [a for _, _, a in audit.entries(store) if a.startswith("service.")]
    assert actions[:2] == ["service.edit", "service.add"]


def test_service_edits_are_checked(queue: QueueService, staff: Actor, store: Store) -> None:
    before = snapshot(store)
    clash = ServiceInfo(code="bhxh", prefix="A", name_vi="Bảo hiểm")
    with pytest.raises(QueueError, match="Chữ “A” đã dùng cho dịch vụ “Tài khoản định danh"):
        queue.save_service(staff, clash)
    with pytest.raises(QueueError, match="Không có bàn số 3: điểm này có 2 bàn"):
        queue.save_service(staff, ServiceInfo(code="x", prefix="X", name_vi="X", desks=(3,)))
    with pytest.raises(QueueError, match="MỘT chữ cái"):
        queue.save_service(staff, ServiceInfo(code="x", prefix="Ă", name_vi="X"))
    with pytest.raises(QueueError, match="Không có dịch vụ"):
        queue.set_service_enabled(staff, "khong-co", False)
    assert snapshot(store) == before


# -- numbering ------------------------------------------------------------------------------


def test_numbers_count_per_prefix_and_restart_each_local_day(queue: QueueService,
                                                             clock: FakeClock) -> None:
    labels = [queue.issue(code).label for code in ("vneid", "vneid", "dvc", "vneid")]
    assert labels == ["A001", "A002", "B001", "A003"]
    clock.set(datetime(2026, 3, 10, 16, 59, 59))  # 23:59:59 local: still the same day
    late = queue.issue("vneid")
    assert (late.label, late.day) == ("A004", DAY)
    clock.set(datetime(2026, 3, 10, 17, 0, 0))  # local midnight, same UTC date
    first = queue.issue("vneid")
    assert (first.label, first.day) == ("A001", date(2026, 3, 11))
    assert first.issued_at.strftime("%H:%M %d/%m/%Y") == "00:00 11/03/2026"
    assert queue.issue("dvc").label == "B001"


def test_clock_moving_backwards_never_repeats_a_number(store: Store, queue: QueueService,
                                                       clock: FakeClock) -> None:
    assert queue.issue("vneid").label == "A001"
    clock.advance(minutes=30)
    assert queue.issue("vneid").label == "A002"
    clock.set(T0 - timedelta(hours=1))  # 09:00 local, earlier than both tickets
    assert queue.issue("vneid").label == "A003"
    clock.set(T0 - timedelta(hours=1, seconds=1))
    assert queue.issue("vneid").label == "A004"
    with store.read() as s:
        keys = [(t.day, t.prefix, t.number) for t in s.scalars(select(Ticket))]
    assert len(keys) == len(set(keys)) == 4


def test_a_restart_continues_the_days_numbering(data_dir: Path, clock: FakeClock) -> None:
    first = Store.open(data_dir, clock=clock)
    q1 = QueueService(first, desk_count=2)
    q1.issue("vneid")
    q1.issue("vneid")
    first.close()
    second = Store.open(data_dir, clock=clock)
    try:
        q2 = QueueService(second, desk_count=2)
        assert q2.issue("vneid").label == "A003"
        assert q2.issue("payment").label == "C001"
    finally:
        second.close()


def test_two_desks_calling_at_once_never_get_the_same_ticket(
        store: Store, data_dir: Path, clock: FakeClock, volunteer: Actor) -> None:
    other = Store.open(data_dir, clock=clock)
    desks = {1: QueueService(store, desk_count=2), 2: QueueService(other, desk_count=2)}
    barrier = threading.Barrier(2)

    def call(desk: int) -> str:
        barrier.wait()
        try:
            return desks[desk].call_next(volunteer, desk).uuid
        except QueueError as exc:
            return str(exc)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(50):
                issued = desks[1].issue("vneid")
                results = dict(zip((1, 2), pool.map(call, (1, 2)), strict=True))
                winners = [d for d, got in results.items() if got == issued.uuid]
                assert len(winners) == 1, results
                loser = 3 - winners[0]
                assert results[loser].startswith(f"Hiện không có ai chờ ở bàn số {loser}")
                desks[winners[0]].finish(volunteer, issued.uuid)
    finally:
        other.close()
    with store.read() as s:
        statuses = list(s.scalars(select(Ticket.status)))
    assert statuses == ["done"] * 50


def test_two_stores_draining_one_queue_call_every_ticket_exactly_once(
        store: Store, data_dir: Path, clock: FakeClock, volunteer: Actor) -> None:
    other = Store.open(data_dir, clock=clock)
    desks = {1: QueueService(store, desk_count=2), 2: QueueService(other, desk_count=2)}
    issued = {desks[1].issue(code).uuid for code in ("vneid", "dvc", "payment", "other") * 10}
    barrier = threading.Barrier(2)

    def drain(desk: int) -> list[str]:
        barrier.wait()
        called = []
        while True:
            try:
                ticket = desks[desk].call_next(volunteer, desk)
            except QueueError:
                return called
            called.append(ticket.uuid)
            desks[desk].finish(volunteer, ticket)

    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            one, two = pool.map(drain, (1, 2))
    finally:
        other.close()
    assert len(one) + len(two) == len(issued) == 40
    assert set(one) | set(two) == issued
    assert not set(one) & set(two)


# -- calling --------------------------------------------------------------------------------


def test_call_next_takes_the_oldest_ticket_this_desk_serves(
        queue: QueueService, staff: Actor, volunteer: Actor, clock: FakeClock) -> None:
    dvc = next(s for s in queue.services() if s.code == "dvc")
    queue.save_service(staff, replace(dvc, desks=(2,)))
    b1 = queue.issue("dvc")
    clock.advance(minutes=1)
    a1 = queue.issue("vneid")
    clock.advance(minutes=1)
    c1 = queue.issue("payment")
    called = queue.call_next(volunteer, 1)
    assert (called.label, called.desk, called.status) == ("A001", 1, TicketStatus.CALLED)
    assert called.uuid == a1.uuid
    at_two = queue.call_next(volunteer, 2)
    assert at_two.uuid == b1.uuid  # oldest of all, and desk 2 serves B
    queue.finish(volunteer, called)
    assert queue.call_next(volunteer, 1).uuid == c1.uuid


def test_a_desk_finishes_its_number_before_calling_the_next(queue: QueueService,
                                                            volunteer: Actor) -> None:
    queue.issue("vneid")
    queue.issue("vneid")
    first = queue.call_next(volunteer, 1)
    with pytest.raises(QueueError, match="Bàn số 1 đang phục vụ số A001"):
        queue.call_next(volunteer, 1)
    queue.finish(volunteer, first, satisfaction=5)
    assert queue.call_next(volunteer, 1).label == "A002"


def test_recall_then_mark_absent_after_two_recalls(store: Store, queue: QueueService,
                                                   volunteer: Actor) -> None:
    queue.issue("vneid")
    queue.issue("vneid")
    called = queue.call_next(volunteer, 1)
    with pytest.raises(QueueError, match="Hãy gọi lại số A001 thêm 2 lần nữa"):
        queue.skip(volunteer, called)
    assert queue.recall(volunteer, called).recalls == 1
    assert queue.recall(volunteer, called).recalls == 2
    with pytest.raises(QueueError, match="Đã gọi lại số A001 2 lần"):
        queue.recall(volunteer, called)
    absent = queue.no_show(volunteer, called)
    assert absent.status is TicketStatus.NO_SHOW
    assert absent.status.label() == "Vắng mặt"
    assert queue.call_next(volunteer, 1).label == "A002"
    actions = [a for _, _, a in audit.entries(store) if a.startswith("ticket.")]
    assert actions == ["ticket.call", "ticket.no_show", "ticket.recall", "ticket.recall",
                       "ticket.call"]


def test_recall_limit_is_configurable(store: Store, volunteer: Actor) -> None:
    q = QueueService(store, desk_count=1, max_recalls=0)
    q.issue("vneid")
    called = q.call_next(volunteer, 1)
    assert q.skip(volunteer, called).status is TicketStatus.NO_SHOW


def test_transfer_keeps_the_number_and_the_place(queue: QueueService, volunteer: Actor,
                                                 clock: FakeClock) -> None:
    a1 = queue.issue("vneid")
    clock.advance(minutes=2)
    b1 = queue.issue("dvc")
    called = queue.call_next(volunteer, 1)
    assert called.uuid == a1.uuid
    moved = queue.transfer(volunteer, called, "dvc")
    assert (moved.label, moved.service_code, moved.status, moved.desk) == (
        "A001", "dvc", TicketStatus.WAITING, None)
    assert moved.service_name_vi == "Dịch vụ công trực tuyến"
    assert queue.ticket(b1).ahead == 1  # A001 took the number earlier
    assert queue.call_next(volunteer, 1).uuid == a1.uuid  # desk 1 is free again
    with pytest.raises(QueueError, match="đã thuộc dịch vụ"):
        queue.transfer(volunteer, b1, "dvc")


def test_walk_in_gets_the_next_number_and_is_at_the_desk(queue: QueueService,
                                                         volunteer: Actor) -> None:
    queue.issue("vneid")
    walk_in = queue.serve_walk_in(volunteer, 2, "vneid")
    assert (walk_in.label, walk_in.desk, walk_in.status) == ("A002", 2, TicketStatus.CALLED)
    board = queue.now_serving()
    assert board.desks[1].ticket is not None
    assert board.desks[1].ticket.label == "A002"
    assert queue.finish(volunteer, walk_in).status is TicketStatus.DONE


def test_citizen_cancels_and_rates(queue: QueueService, volunteer: Actor) -> None:
    mistaken = queue.issue("dvc")
    cancelled = queue.cancel(mistaken.uuid)
    assert cancelled.status is TicketStatus.CANCELLED
    with pytest.raises(QueueError, match="Hiện không có ai chờ"):
        queue.call_next(volunteer, 1)
    ticket = queue.issue("vneid")
    queue.call_next(volunteer, 1)
    with pytest.raises(QueueError, match="không hủy được nữa"):
        queue.cancel(ticket.uuid)
    with pytest.raises(QueueError, match="sau khi đã được hỗ trợ xong"):
        queue.rate(ticket, 5)
    queue.finish(volunteer, ticket)
    assert queue.rate(ticket, 4).status is TicketStatus.DONE


def test_citizens_cannot_call_or_see_the_waiting_list(queue: QueueService) -> None:
    queue.issue("vneid")
    for attempt in (lambda: queue.call_next(CITIZEN, 1), lambda: queue.waiting(CITIZEN),
                    lambda: queue.serve_walk_in(CITIZEN, 1, "vneid")):
        with pytest.raises(PermissionDenied, match="thành viên tổ"):
            attempt()


def _bad_requests(queue: QueueService, volunteer: Actor,
                  waiting_uuid: str) -> list[tuple[Callable[[], object], str]]:
    return [
        (lambda: queue.issue("khong-co"), "Không có dịch vụ “khong-co”"),
        (lambda: queue.issue("other"), "Dịch vụ “Hỗ trợ khác” đang tạm ngừng"),
        (lambda: queue.call_next(volunteer, 0), "Không có bàn số 0. Điểm này có 2 bàn"),
        (lambda: queue.call_next(volunteer, 3), "Không có bàn số 3"),
        (lambda: queue.call_next(volunteer, True), "Không có bàn số True"),  # type: ignore[arg-type]
        (lambda: queue.serve_walk_in(volunteer, 5, "vneid"), "Không có bàn số 5"),
        (lambda: queue.serve_walk_in(volunteer, 1, "other"), "đang tạm ngừng"),
        (lambda: queue.finish(volunteer, waiting_uuid), "không đang ở bàn nào"),
        (lambda: queue.recall(volunteer, "khong-co-phieu"), "Không tìm thấy phiếu số này"),
        (lambda: queue.transfer(volunteer, waiting_uuid, "zzz"), "Không có dịch vụ “zzz”"),
        (lambda: queue.rate(waiting_uuid, 6), "từ 1 đến 5 sao"),
        (lambda: queue.issue("vneid", tutorial_id="../etc"), "Mã bài hướng dẫn"),
    ]


def test_bad_requests_say_why_in_vietnamese_and_change_nothing(
        store: Store, queue: QueueService, volunteer: Actor, staff: Actor) -> None:
    queue.set_service_enabled(staff, "other", False)
    waiting = queue.issue("dvc")
    before = snapshot(store)
    for attempt, message in _bad_requests(queue, volunteer, waiting.uuid):
        with pytest.raises(QueueError) as err:
            attempt()
        assert message in str(err.value)
        assert snapshot(store) == before, message


def test_calling_an_empty_queue_changes_nothing(store: Store, queue: QueueService,
                                                volunteer: Actor) -> None:
    before = snapshot(store)
    with pytest.raises(QueueError, match="Hiện không có ai chờ ở bàn số 2"):
        queue.call_next(volunteer, 2)
    assert snapshot(store) == before


def test_yesterdays_waiting_tickets_are_not_called_today(queue: QueueService,
                                                         volunteer: Actor,
                                                         clock: FakeClock) -> None:
    queue.issue("vneid")
    clock.advance(days=1)
    with pytest.raises(QueueError, match="Hiện không có ai chờ"):
        queue.call_next(volunteer, 1)


def test_desk_count_must_be_positive(store: Store) -> None:
    with pytest.raises(QueueError, match="Số bàn hỗ trợ phải từ 1"):
        QueueService(store, desk_count=0)


# -- wait estimate and board ----------------------------------------------------------------


def test_wait_estimate_uses_avg_minutes_until_today_has_service_times(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    # avg 12 min, 2 free desks: the first two are called at once, the third when one is free.
    tickets = [queue.issue("vneid") for _ in range(5)]
    assert [(t.ahead, t.wait_minutes) for t in tickets[:3]] == [(0, 0), (1, 0), (2, 12)]
    for minutes in (4, 20, 6):
        called = queue.call_next(volunteer, 1)
        clock.advance(minutes=minutes)
        queue.finish(volunteer, called)
    # Median of today's service times (4, 20, 6) is 6 minutes.
    sixth = queue.issue("vneid")
    assert (sixth.ahead, sixth.wait_minutes) == (2, 6)  # A004, A005 at the two desks first
    # Another service has no times today: its own average (15 min). Oldest first across
    # services: A004 d1 0-6, A005 d2 0-6, A006 d1 6-12, B001 d2 6-21, B002 d1 12-27, B003 d2.
    b = [queue.issue("dvc") for _ in range(3)]
    assert (b[2].ahead, b[2].wait_minutes) == (5, 21)


def test_wait_estimate_counts_only_desks_that_serve_the_service(
        queue: QueueService, staff: Actor) -> None:
    payment = next(s for s in queue.services() if s.code == "payment")
    queue.save_service(staff, replace(payment, desks=(2,), avg_minutes=7))
    tickets = [queue.issue("payment") for _ in range(3)]
    assert [t.wait_minutes for t in tickets] == [0, 7, 14]
    queue.save_service(staff, replace(payment, desks=(), avg_minutes=7))
    assert [queue.ticket(t).wait_minutes for t in tickets] == [0, 0, 7]


def test_wait_counts_the_time_left_at_a_busy_desk(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    first, second = queue.issue("vneid"), queue.issue("vneid")  # avg 12 min
    queue.call_next(volunteer, 1)
    queue.call_next(volunteer, 2)
    clock.advance(minutes=5)
    waiting = queue.issue("vneid")
    assert (waiting.ahead, waiting.wait_minutes) == (0, 7)  # a desk is free in 12 - 5 minutes
    assert [first.label, second.label] == ["A001", "A002"]


def test_now_serving_shows_desks_recent_calls_and_next_numbers(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    for code in ("vneid", "dvc", "vneid", "payment", "vneid", "dvc", "other", "vneid"):
        queue.issue(code)
        clock.advance(seconds=10)
    first = queue.call_next(volunteer, 1)
    queue.finish(volunteer, first)
    clock.advance(seconds=10)
    queue.call_next(volunteer, 1)
    clock.advance(seconds=10)
    queue.call_next(volunteer, 2)
    board = queue.now_serving()
    assert [(d.desk, d.ticket.label if d.ticket else None) for d in board.desks] == [
        (1, "B001"), (2, "A002")]
    assert [t.label for t in board.recent] == ["A002", "B001", "A001"]
    assert [t.label for t in board.next_up] == ["C001", "A003", "B002", "D001", "A004"]
    assert board.waiting_count == 5
    assert [t.label for t in queue.waiting(volunteer)] == ["C001", "A003", "B002", "D001",
                                                           "A004"]


# -- spoken text ----------------------------------------------------------------------------


def test_call_sentence_says_numbers_as_words(queue: QueueService, volunteer: Actor) -> None:
    for _ in range(4):
        queue.issue("vneid")
    fifth = queue.issue("vneid")
    assert call_sentence(fifth, 1) == "Mời số A năm, đến bàn số một."
    assert call_sentence(fifth, 1, "en") == "Number A five, please go to desk one."
    for _ in range(10):
        queue.issue("dvc")
    b11 = queue.issue("dvc")
    assert call_sentence(b11, 2) == "Mời số B mười một, đến bàn số hai."
    called = queue.call_next(volunteer, 2)
    assert call_sentence(called) == "Mời số A một, đến bàn số hai."
    with pytest.raises(QueueError, match="chưa được gọi"):
        call_sentence(fifth)


# -- figures --------------------------------------------------------------------------------


def _add(store: Store, day: date, prefix: str, number: int, service: str, status: str,
         issued: int, called: int | None = None, finished: int | None = None,
         satisfaction: int | None = None, is_demo: bool = False) -> None:
    """A ticket whose times are minutes after 10:00 local on ``day``."""
    base = datetime(day.year, day.month, day.day, 3, 0, 0)

    def at(m: int | None) -> datetime | None:
        return None if m is None else base + timedelta(minutes=m)

    with store.write() as s:
        s.add(Ticket(device_id=store.device_id, day=day, prefix=prefix, number=number,
                     service_code=service, status=status, issued_at=at(issued),
                     called_at=at(called), finished_at=at(finished), desk=1 if called else None,
                     recalls=0, satisfaction=satisfaction, is_demo=is_demo))


def test_queue_figures_match_hand_computed_values(store: Store, queue: QueueService) -> None:
    d11, d12 = date(2026, 3, 11), date(2026, 3, 12)
    #            day  prefix n  service    status      issued called finished sat
    _add(store, DAY, "A", 1, "vneid", "done", 0, 2, 12, 5)  # wait 2, service 10
    _add(store, DAY, "A", 2, "vneid", "done", 1, 5, 11, 4)  # wait 4, service 6
    _add(store, DAY, "A", 3, "vneid", "no_show", 2, 12, 15)  # wait 10
    _add(store, DAY, "B", 1, "dvc", "done", 3, 9, 29, 4)  # wait 6, service 20
    _add(store, DAY, "B", 2, "dvc", "cancelled", 4, None, 5)
    _add(store, DAY, "A", 4, "vneid", "waiting", 5)
    _add(store, d11, "A", 1, "vneid", "done", 0, 8, 12, 2)  # wait 8, service 4
    _add(store, d12, "A", 1, "vneid", "done", 0, 50, 90, 1)  # outside the period
    _add(store, DAY, "D", 1, "other", "done", 0, 40, 80, 1, is_demo=True)  # demo: left out

    f = queue_figures(store, DAY, d11)
    assert (f.tickets, f.served, f.no_shows, f.cancelled, f.not_finished) == (7, 4, 1, 1, 1)
    # Waits 2, 4, 6, 8, 10: median 6; p90 at rank 3.6 → 8 + 0.6 × 2.
    assert f.median_wait_minutes == 6
    assert f.p90_wait_minutes == pytest.approx(9.2)
    assert f.median_service_minutes == 8  # service times 4, 6, 10, 20
    assert f.satisfaction_counts == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert f.satisfaction_average == pytest.approx(3.75)
    assert [(b.code, b.tickets, b.served, b.no_shows, b.cancelled, b.median_wait_minutes)
            for b in f.by_service] == [("vneid", 5, 3, 1, 0, 6), ("dvc", 2, 1, 0, 1, 6)]

    one_day = queue_figures(store, DAY, DAY)
    assert one_day.tickets == 6
    assert one_day.median_wait_minutes == 5  # 2, 4, 6, 10
    with_demo = queue_figures(store, DAY, DAY, include_demo=True)
    assert with_demo.tickets == 7
    assert with_demo.by_service[-1].code == "other"


def test_queue_figures_for_an_empty_period(store: Store, queue: QueueService) -> None:
    f = queue_figures(store, DAY, DAY)
    assert (f.tickets, f.by_service, f.median_wait_minutes, f.p90_wait_minutes,
            f.satisfaction_average) == (0, (), None, None, None)
    with pytest.raises(QueueError, match="Ngày kết thúc"):
        queue_figures(store, DAY, DAY - timedelta(days=1))


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([], 0.9) is None
    assert percentile([7.0], 0.9) == 7.0
    assert percentile([10.0, 20.0], 0.9) == pytest.approx(19.0)
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == pytest.approx(2.5)
