"""Audit trail: sign-ins, failures, lockouts, edits, deletions, exports, erasures.

Details are ids, counts and paths, never a citizen's name or phone number.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEvent
from kiosk.store import Store


def record(session: Session, store: Store, actor: str, action: str, **detail: Any) -> None:
    """Add an audit row inside the caller's transaction, so it commits with the change."""
    session.add(AuditEvent(device_id=store.device_id, at=store.clock.now(), actor=actor,
                           action=action, detail=json.dumps(detail, ensure_ascii=False,
                                                            default=str)))


def entries(store: Store, action: str | None = None,
            limit: int = 500) -> list[tuple[str, str, str]]:
    """Recent entries as (iso time, actor, action) for the staff screen and tests."""
    with store.read() as s:
        q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
        if action:
            q = q.where(AuditEvent.action == action)
        return [(e.at.isoformat(), e.actor, e.action) for e in s.scalars(q)]
