"""Start-up data chores (kiosk.startup.prepare_data): one rule for the GUI's composition root."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from db.models import Place
from kiosk import startup
from kiosk.assistance import AssistanceService
from kiosk.auth import Actor
from kiosk.clock import FakeClock
from kiosk.config import defaults
from kiosk.store import Store
from tests.unit.test_assistance import add_services, with_contact


def places(store: Store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(Place)) or 0)


def test_seeds_the_places_once_and_erases_expired_contacts(
        store: Store, clock: FakeClock, volunteer: Actor, staff: Actor) -> None:
    add_services(store)
    svc = AssistanceService(store, default_commune="phường Hải Châu")
    old = svc.log(volunteer, with_contact(store))
    clock.advance(days=181)
    first = startup.prepare_data(store, defaults().replace(contact_retention_days=180))
    assert first.places is not None and first.places.seeded and first.places.communes > 0
    assert first.contacts_erased == 1 and first.failed == ()
    assert svc.get(staff, old.uuid).contact_phone is None
    n = places(store)
    again = startup.prepare_data(store, defaults())
    assert again.places is not None and not again.places.seeded  # never seeded twice
    assert again.contacts_erased == 0
    assert places(store) == n


def test_one_failing_chore_does_not_stop_the_other(store: Store,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_store: Store) -> None:
        raise OSError("places list unreadable")

    monkeypatch.setattr(startup, "seed_places", broken)
    report = startup.prepare_data(store, defaults())
    assert report.places is None
    assert report.failed == ("seed_places",)
    assert report.contacts_erased == 0  # the purge still ran (nothing to erase)
