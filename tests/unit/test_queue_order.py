"""The ticket's "people ahead" is the order in which numbers are then really called.

A citizen told "nobody is ahead of you" while three other numbers are called first may leave
and miss the call (gui-review item 2). These tests take numbers of mixed services, read what
each ticket says, then let the desks call as volunteers do (each free desk presses "Gọi số
tiếp theo", the person is helped for the service's minutes, "Xong") and compare.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from kiosk.auth import Actor
from kiosk.clock import FakeClock
from kiosk.queue import (
    QueueError,
    QueueService,
    TicketInfo,
    call_sentence,
    calling_order,
    queue_figures,
)


@pytest.fixture
def queue(store) -> QueueService:  # the conftest fixture
    return QueueService(store, desk_count=2)


def take(queue: QueueService, clock: FakeClock, codes: list[str]) -> list[TicketInfo]:
    tickets = []
    for code in codes:
        tickets.append(queue.issue(code))
        clock.advance(seconds=30)
    return tickets


def drive_desks(queue: QueueService, volunteer: Actor, clock: FakeClock) -> list[str]:
    """Call every waiting number the way the desks do and return the labels in call order.

    Each desk, when free, calls the next number it serves; a person takes exactly their
    service's average minutes. Ties (two desks free at once) go to the lower desk number.
    """
    minutes = {s.code: s.avg_minutes for s in queue.services(include_disabled=True)}
    free_at = {d: clock.now() for d in range(1, queue.desk_count + 1)}
    serving: dict[int, TicketInfo] = {}
    idle: set[int] = set()
    called: list[str] = []
    while len(idle) < len(free_at):
        desk = min((d for d in free_at if d not in idle), key=lambda d: (free_at[d], d))
        if clock.now() < free_at[desk]:
            clock.advance(seconds=(free_at[desk] - clock.now()).total_seconds())
        if desk in serving:
            queue.finish(volunteer, serving.pop(desk))
        try:
            ticket = queue.call_next(volunteer, desk)
        except QueueError:
            idle.add(desk)  # nothing this desk serves is waiting
            continue
        called.append(ticket.label)
        serving[desk] = ticket
        free_at[desk] = clock.now() + timedelta(minutes=minutes[ticket.service_code])
    return called


def test_a_ticket_counts_the_other_services_called_before_it(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    # The review's case: A, B and C wait, then D is taken. Every desk serves every service
    # and "Gọi số tiếp theo" calls the oldest number of any service: three are ahead of D001.
    tickets = take(queue, clock, ["vneid", "dvc", "payment", "other"])
    assert [t.ahead for t in tickets] == [0, 1, 2, 3]
    assert tickets[3].wait_minutes > 0
    assert [t.label for t in queue.now_serving().next_up] == ["A001", "B001", "C001", "D001"]


def test_ahead_matches_the_call_order_with_mixed_services(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    tickets = take(queue, clock, ["other", "vneid", "dvc", "vneid", "payment", "other",
                                  "dvc", "vneid"])
    said = {t.label: queue.ticket(t).ahead for t in tickets}
    board = [t.label for t in queue.now_serving().next_up]
    called = drive_desks(queue, volunteer, clock)
    assert len(called) == len(tickets)
    assert {label: called.index(label) for label in called} == said
    assert called[:len(board)] == board


def test_ahead_matches_the_call_order_with_desks_restricted_to_services(
        queue: QueueService, staff: Actor, volunteer: Actor, clock: FakeClock) -> None:
    # Desk 1 does only VNeID, desk 2 only online public services; payments and other help
    # go to whichever desk is free first.
    by_code = {s.code: s for s in queue.services()}
    queue.save_service(staff, replace(by_code["vneid"], desks=(1,)))
    queue.save_service(staff, replace(by_code["dvc"], desks=(2,)))
    tickets = take(queue, clock, ["dvc", "dvc", "vneid", "payment", "dvc", "other", "vneid",
                                  "dvc"])
    said = {t.label: queue.ticket(t).ahead for t in tickets}
    waits = {t.label: queue.ticket(t).wait_minutes for t in tickets}
    order = [t.label for t in queue.waiting(volunteer)]
    called = drive_desks(queue, volunteer, clock)
    assert called == order
    assert {label: called.index(label) for label in called} == said
    # The first number each desk calls waits for nobody.
    assert waits["B001"] == 0 and waits["A001"] == 0


def test_ahead_follows_the_queue_after_a_call_and_a_transfer(
        queue: QueueService, volunteer: Actor, clock: FakeClock) -> None:
    a1, b1, c1, d1 = take(queue, clock, ["vneid", "dvc", "payment", "other"])
    first = queue.call_next(volunteer, 1)
    assert first.uuid == a1.uuid and queue.ticket(first).ahead == 0
    assert [queue.ticket(t).ahead for t in (b1, c1, d1)] == [0, 1, 2]
    queue.transfer(volunteer, first, "other")  # keeps its place: first in the queue again
    assert [queue.ticket(t).ahead for t in (a1, b1, c1, d1)] == [0, 1, 2, 3]


def test_calling_order_is_a_plain_function_of_the_waiting_list() -> None:
    # Desk 1 serves A only; desk 2 serves A and B and is busy for 5 more minutes.
    waiting = ["B1", "A1", "A2", "B2"]
    order = calling_order(
        waiting, desk_free_in={1: 0.0, 2: 5.0},
        serves=lambda desk, t: t.startswith("A") or desk == 2,
        minutes=lambda t: 10.0)
    assert [(p.item, p.desk, p.starts_in) for p in order] == [
        ("A1", 1, 0.0), ("B1", 2, 5.0), ("A2", 1, 10.0), ("B2", 2, 15.0)]
    assert [p.ahead for p in order] == [0, 1, 2, 3]
    # A desk that serves nothing waiting never calls; a number no desk serves is never called.
    assert calling_order(["C1"], desk_free_in={1: 0.0}, serves=lambda d, t: False,
                         minutes=lambda t: 10.0) == []


# -- priority numbers (issue #23 item 1) ------------------------------------------------------


def take_mixed(queue: QueueService, clock: FakeClock,
               kinds: list[tuple[str, bool]]) -> list[TicketInfo]:
    tickets = []
    for code, priority in kinds:
        tickets.append(queue.issue(code, priority=priority))
        clock.advance(seconds=30)
    return tickets


def test_priority_numbers_are_called_first_and_ahead_says_so(
        store, volunteer: Actor, clock: FakeClock) -> None:
    queue = QueueService(store, desk_count=2, priority_every=3)
    tickets = take_mixed(queue, clock, [("vneid", False), ("dvc", False), ("vneid", True),
                                        ("payment", False), ("other", True)])
    assert [t.marked_label() for t in tickets] == ["A001", "B001", "A002 ƯT", "C001", "D001 ƯT"]
    assert tickets[2].marked_label("en") == "A002 P"
    said = {t.label: queue.ticket(t).ahead for t in tickets}
    board = [t.label for t in queue.now_serving().next_up]
    called = drive_desks(queue, volunteer, clock)
    assert called == ["A002", "D001", "A001", "B001", "C001"] == board
    assert {label: called.index(label) for label in called} == said
    # A priority ticket taken behind four people is told that nobody is ahead.
    assert tickets[2].ahead == 0 and tickets[2].priority


def test_many_priority_numbers_still_let_regular_numbers_through_at_the_set_rate(
        store, volunteer: Actor, clock: FakeClock) -> None:
    # Misuse: ten people press "Ưu tiên", then two do not. With at most 3 priority calls in a
    # row, the regular numbers are 4th and 8th, not 11th and 12th.
    queue = QueueService(store, desk_count=1, priority_every=3)
    tickets = take_mixed(queue, clock, [("vneid", True)] * 10 + [("vneid", False)] * 2)
    regular = [t.label for t in tickets if not t.priority]
    assert regular == ["A011", "A012"]
    said = {t.label: queue.ticket(t).ahead for t in tickets}
    assert said["A011"] == 3 and said["A012"] == 7
    called = drive_desks(queue, volunteer, clock)
    assert [called.index(label) for label in regular] == [3, 7]
    assert {label: called.index(label) for label in called} == said


def test_the_rate_counts_priority_calls_already_made_today(
        store, volunteer: Actor, clock: FakeClock) -> None:
    queue = QueueService(store, desk_count=1, priority_every=2)
    first = take_mixed(queue, clock, [("vneid", True), ("vneid", True)])
    for t in first:
        called = queue.call_next(volunteer, 1)
        assert called.uuid == t.uuid
        queue.finish(volunteer, called)
    regular, urgent = take_mixed(queue, clock, [("dvc", False), ("dvc", True)])
    # Two priority numbers were just called in a row: the regular one goes next.
    assert queue.ticket(regular).ahead == 0 and queue.ticket(urgent).ahead == 1
    assert queue.call_next(volunteer, 1).uuid == regular.uuid


def test_priority_numbers_go_on_when_no_regular_number_waits() -> None:
    order = calling_order(["P1", "P2", "P3", "P4", "R1"], desk_free_in={1: 0.0},
                          serves=lambda d, t: True, minutes=lambda t: 5.0,
                          is_priority=lambda t: t.startswith("P"), priority_every=2)
    assert [p.item for p in order] == ["P1", "P2", "R1", "P3", "P4"]
    only_priority = calling_order(["P1", "P2", "P3"], desk_free_in={1: 0.0},
                                  serves=lambda d, t: True, minutes=lambda t: 5.0,
                                  is_priority=lambda t: True, priority_every=1)
    assert [p.item for p in only_priority] == ["P1", "P2", "P3"]


def test_the_rate_is_bounded(store) -> None:
    for bad in (0, 11, True):
        with pytest.raises(QueueError):
            QueueService(store, priority_every=bad)


def test_a_priority_call_says_so_and_the_reports_count_it(
        store, volunteer: Actor, clock: FakeClock) -> None:
    queue = QueueService(store, desk_count=1)
    urgent, regular = take_mixed(queue, clock, [("vneid", True), ("dvc", False)])
    called = queue.call_next(volunteer, 1)
    assert call_sentence(called, 1) == "Mời số ưu tiên A một, đến bàn số một."
    assert call_sentence(called, 1, "en") == "Priority number A one, please go to desk one."
    queue.finish(volunteer, called)
    figures = queue_figures(store, urgent.day, urgent.day, include_demo=True)
    assert (figures.tickets, figures.priority_tickets, figures.priority_served) == (2, 1, 1)
    by_code = {f.code: f for f in figures.by_service}
    assert by_code["vneid"].priority_tickets == 1 and by_code["dvc"].priority_tickets == 0
