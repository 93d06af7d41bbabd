"""The sync API the kiosks call (``/api/v1/…``): pairing, batches, content packs.

Every refusal is ``{"error": code, "message": Vietnamese}`` with a 4xx status; the kiosk's
sync panel shows the message to staff as it is. Request bodies are bounded before they are
parsed; nothing from a request body is ever logged.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, field_validator

from hub import pairing
from hub.context import HubContext, get_hub
from hub.errors import HubRefused
from kiosk.plain_text import has_control
from kiosk.sync.errors import BatchRefused

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1")
Hub = Annotated[HubContext, Depends(get_hub)]

_DEVICE_ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")


def _key32(value: str) -> str:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64") from exc
    if len(raw) != 32:
        raise ValueError("not a 32-byte key")
    return value


class PairBody(BaseModel):
    """What a kiosk sends to pair; every field bounded, nothing else accepted."""

    model_config = ConfigDict(extra="forbid", strict=True)
    code: str = Field(max_length=20)
    device_id: str = Field(max_length=36)
    verify_key: str = Field(max_length=64)
    box_public: str = Field(max_length=64)
    help_point_name: str = Field(min_length=1, max_length=120)
    commune_code: str = Field(max_length=8)
    app_version: str = Field(default="", max_length=32)

    @field_validator("device_id")
    @classmethod
    def _device_id(cls, v: str) -> str:
        if not _DEVICE_ID.match(v):
            raise ValueError("device_id")
        return v

    @field_validator("verify_key", "box_public")
    @classmethod
    def _keys(cls, v: str) -> str:
        return _key32(v)

    @field_validator("help_point_name")
    @classmethod
    def _name(cls, v: str) -> str:
        v = v.strip()
        if not v or has_control(v):
            raise ValueError("help_point_name")
        return v

    @field_validator("code", "commune_code", "app_version")
    @classmethod
    def _plain(cls, v: str) -> str:
        # kiosk.plain_text: PostgreSQL cannot store a NUL (a 500 before this check).
        if has_control(v):
            raise ValueError("control character")
        return v


def client_address(request: Request) -> str:
    # Behind the reverse proxy uvicorn's proxy_headers already put the real client here
    # (only for addresses in --forwarded-allow-ips, so a client cannot forge it).
    return request.client.host if request.client else "?"


@router.get("/health")
def health(hub: Hub) -> dict[str, Any]:
    """Liveness for a reverse proxy or monitor: the database answers."""
    with hub.sessions() as s:
        s.connection().exec_driver_sql("SELECT 1")
    return {"ok": True, "hub_id": hub.hub_id}


@router.post("/pair")
def pair(body: PairBody, request: Request, hub: Hub) -> dict[str, Any]:
    """Redeem a one-time code: store the device's public keys, return the hub's."""
    wait = hub.pair_throttle.check(client_address(request))
    if wait:
        raise HubRefused("too_many_attempts", "Đã thử mã ghép nối quá nhiều lần. Hãy đợi "
                         f"{int(wait // 60) + 1} phút rồi thử lại.", 429)
    keys = hub.keys()
    req = pairing.PairRequest(code=body.code, device_id=body.device_id,
                              verify_key=body.verify_key, box_public=body.box_public,
                              help_point_name=body.help_point_name,
                              commune_code=body.commune_code, app_version=body.app_version)
    with hub.transaction() as s:
        done = pairing.redeem(s, hub.settings.data_dir, req, hub.clock.now())
        commune = done.device.commune_code
    return {"hub_id": hub.hub_id, "hub_name": hub.hub_name(),
            "hub_box_public": keys.box_public_b64(), "hub_verify_key": keys.verify_key_b64(),
            "commune_code": commune, "team_id": done.team_id}


def _too_big(limit: int) -> BatchRefused:
    return BatchRefused(f"Gói dữ liệu quá lớn (trên {limit // (1024 * 1024)} MB). Không có gì "
                        "được ghi. Kiosk sẽ tự chia nhỏ gói; nếu lỗi lặp lại, hãy cập nhật "
                        "phần mềm kiosk.", "too_big")


def _ingest_slots(request: Request, hub: Any) -> anyio.CapacityLimiter:
    """At most ``settings.ingest_slots`` batches of this process in the database at once;
    the others wait here, in the event loop, for a slot (made on first use, in the loop)."""
    limiter: anyio.CapacityLimiter | None = getattr(request.app.state, "ingest_slots", None)
    if limiter is None:
        limiter = anyio.CapacityLimiter(max(1, hub.settings.ingest_slots))
        request.app.state.ingest_slots = limiter
    return limiter


@router.post("/batches")
async def batches(request: Request, hub: Hub) -> dict[str, Any]:
    """Ingest one sealed batch (``application/octet-stream``, at most 16 MB).

    The size is enforced while reading: a declared ``Content-Length`` over the limit is refused
    before any of the body is read, and a chunked body is read only until it passes the
    limit. Either way the client gets 413 and the connection is closed, so a 2 GB upload costs
    the hub at most the limit in memory.
    """
    from hub.ingest import STATUS_FOR, ingest_batch, log_refusal

    limit = hub.settings.max_batch_bytes
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        refused = _too_big(limit)
        await run_in_threadpool(log_refusal, hub, refused,
                                size=int(declared) if declared.isdigit() else 0)
        raise HubRefused(refused.code, str(refused), 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            refused = _too_big(limit)
            await run_in_threadpool(log_refusal, hub, refused, size=len(body))
            raise HubRefused(refused.code, str(refused), 413)
    try:
        result = await anyio.to_thread.run_sync(ingest_batch, hub, bytes(body),
                                                limiter=_ingest_slots(request, hub))
    except BatchRefused as refused:
        raise HubRefused(refused.code, str(refused), STATUS_FOR.get(refused.code, 400)
                         ) from refused
    return result.as_json()
