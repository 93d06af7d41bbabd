"""The desk keypad's rules, in kiosk/ where the CLI and tests can reach them: "next" finishes
then calls; "again" recalls until the limit, then marks the number absent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import AuditEvent
from kiosk.auth import keypad_actor
from kiosk.queue import (
    DeskOutcome,
    QueueError,
    QueueService,
    ServiceInfo,
    TicketStatus,
    desk_next,
    desk_recall,
    service_for_tutorial,
)
from kiosk.store import Store


@pytest.fixture
def queue(store: Store) -> QueueService:
    return QueueService(store, desk_count=2, max_recalls=2)


def test_next_finishes_the_current_number_then_calls_the_next(
        store: Store, queue: QueueService) -> None:
    first, second = queue.issue("vneid"), queue.issue("vneid")
    desk1 = keypad_actor(1)
    assert desk_next(queue, desk1, 1).uuid == first.uuid
    called = desk_next(queue, desk1, 1)
    assert called.uuid == second.uuid
    assert called.status == TicketStatus.CALLED.value
    assert queue.now_serving().desks[0].ticket.uuid == second.uuid  # type: ignore[union-attr]
    with store.read() as s:
        actors = {e.actor for e in s.scalars(select(AuditEvent))
                  if e.action in ("ticket.call", "ticket.finish")}
    assert actors == {"desk:1"}


def test_next_with_nobody_waiting_still_finishes_and_says_so(queue: QueueService) -> None:
    only = queue.issue("vneid")
    desk_next(queue, keypad_actor(1), 1)
    with pytest.raises(QueueError):
        desk_next(queue, keypad_actor(1), 1)
    assert queue.now_serving().desks[0].ticket is None
    assert only.uuid not in {t.uuid for t in queue.waiting(keypad_actor(1))}


def test_again_recalls_up_to_the_limit_then_marks_absent(queue: QueueService) -> None:
    desk2 = keypad_actor(2)
    assert desk_recall(queue, desk2, 2).outcome is DeskOutcome.NOTHING
    ticket = queue.issue("vneid")
    desk_next(queue, desk2, 2)
    outcomes = [desk_recall(queue, desk2, 2) for _ in range(3)]
    assert [r.outcome for r in outcomes] == [DeskOutcome.RECALLED, DeskOutcome.RECALLED,
                                             DeskOutcome.ABSENT]
    assert outcomes[-1].ticket is not None and outcomes[-1].ticket.uuid == ticket.uuid
    assert outcomes[-1].ticket.status == TicketStatus.NO_SHOW.value
    assert queue.now_serving().desks[1].ticket is None


def svc(code: str, prefix: str, tutorials: tuple[str, ...] = ()) -> ServiceInfo:
    return ServiceInfo(code=code, prefix=prefix, name_vi=code, name_en=code,
                       tutorials=tutorials)


def test_a_stuck_citizen_queues_for_the_tutorials_service_else_other_help() -> None:
    services = [svc("vneid", "A", ("vneid-install",)), svc("other", "D"), svc("bank", "B")]
    assert service_for_tutorial(services, "vneid-install").code == "vneid"  # type: ignore[union-attr]
    assert service_for_tutorial(services, "unknown").code == "other"  # type: ignore[union-attr]
    no_other = [s for s in services if s.prefix != "D"]
    assert service_for_tutorial(no_other, "unknown").code == "bank"  # type: ignore[union-attr]
    assert service_for_tutorial([], "unknown") is None
