"""The sync API the kiosks call (``/api/v1/…``): pairing, batches, content packs.

Every refusal is ``{"error": code, "message": Vietnamese}`` with a 4xx status; the kiosk
shows the message to staff as it is.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends

from hub.context import HubContext, get_hub

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1")


@router.get("/health")
def health(hub: HubContext = Depends(get_hub)) -> dict[str, Any]:  # noqa: B008
    """Liveness for a reverse proxy or monitor: the database answers."""
    with hub.sessions() as s:
        s.connection().exec_driver_sql("SELECT 1")
    return {"ok": True, "hub_id": hub.hub_id}
