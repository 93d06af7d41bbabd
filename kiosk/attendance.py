"""Which volunteers were active on which local days (the support-policy report counts these).

Only real work makes an active day (:data:`WORK_SOURCES`): a logged record, a served ticket,
or an outreach day staff planned. Signing in is not work: a PIN typed at the pad, or refused
by a staff-only command, must never earn the 50.000 đ daily allowance. Older versions wrote a
``"signin"`` row on every sign-in; those rows may still be in a database or arrive in a
bundle, so they are accepted (:data:`ACTIVITY_SOURCES`) but never counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import ActivityDay
from kiosk.identity import stamp
from kiosk.store import Store

WORK_SOURCES = ("record", "ticket", "outreach")
LEGACY_SOURCES = ("signin",)
ACTIVITY_SOURCES = LEGACY_SOURCES + WORK_SOURCES


def mark_active_in(session: Session, identity: Mapping[str, str], volunteer_uuid: str,
                   day: date, source: str, is_demo: bool = False) -> bool:
    """Mark a volunteer active on a local day inside the caller's transaction.

    One row per volunteer, day and source; in the caller's session so the work (a record, a
    finished ticket) and its activity day commit together. ``identity`` is the team the work
    belongs to (:func:`kiosk.identity.stamp`, or :func:`kiosk.identity.columns_of` the record
    or ticket). Returns True when a row was added.
    """
    if source not in WORK_SOURCES:
        raise ValueError(f"not a kind of work: {source!r}")
    exists = session.scalar(select(ActivityDay.id).where(
        ActivityDay.volunteer_uuid == volunteer_uuid, ActivityDay.day == day,
        ActivityDay.source == source))
    if exists is not None:
        return False
    session.add(ActivityDay(volunteer_uuid=volunteer_uuid, day=day, source=source,
                            is_demo=is_demo, **identity))
    session.flush()
    return True


def mark_active(store: Store, volunteer_uuid: str, day: date, source: str,
                is_demo: bool = False) -> None:
    """Idempotent: a volunteer active twice on one day, from one source, is one row."""
    with store.write() as s:
        mark_active_in(s, stamp(store), volunteer_uuid, day, source, is_demo)
