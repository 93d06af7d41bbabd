"""Which volunteers were active on which local days (the support-policy report counts these)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import ActivityDay
from kiosk.store import Store


def mark_active(store: Store, volunteer_uuid: str, day: date, source: str,
                is_demo: bool = False) -> None:
    """Idempotent: a volunteer active twice on one day, from one source, is one row."""
    with store.write() as s:
        exists = s.scalar(select(ActivityDay.id).where(
            ActivityDay.volunteer_uuid == volunteer_uuid, ActivityDay.day == day,
            ActivityDay.source == source))
        if exists is None:
            s.add(ActivityDay(volunteer_uuid=volunteer_uuid, day=day, source=source,
                              is_demo=is_demo))
