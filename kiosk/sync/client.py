"""The kiosk's HTTP client of the hub's sync API (``/api/v1``, docs in the team's HUB-SPEC).

Three calls: :meth:`HubClient.pair` (one-time code → the hub's keys), :meth:`HubClient.push_batch`
(a sealed, signed batch from :mod:`kiosk.sync.batch`) and :meth:`HubClient.latest_pack` (a
content pack signed by the hub). Every failure becomes a :class:`SyncError` with a Vietnamese
sentence saying what happened and what to do, and a short ``code`` kept in the outbox status:
the network (hub down, slow, failing) and the hub's own refusals (``{"error", "message"}``).
Responses are read bounded: a hub (or anything pretending to be one) cannot make the kiosk
hold more than it expects.

httpx, no Qt. Each call blocks up to its timeout: call it from a background lane or the CLI,
never the GUI thread.
"""

from __future__ import annotations

import base64
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

API = "/api/v1"
PACK_PATH = f"{API}/packs/latest"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_JSON_BYTES = 64 * 1024
MAX_PACK_BYTES = 200 * 1024 * 1024
MAX_HUB_MESSAGE = 200
_CODE_RE = re.compile(r"^[a-z_]{1,40}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")

#: What each refusal code of the hub means for staff, and what to do (Vietnamese first).
REFUSALS: dict[str, tuple[str, str]] = {
    "bad_code": ("Mã ghép nối không đúng. Hãy xem lại 8 ký tự trên hub rồi nhập lại.",
                 "The pairing code is wrong. Check the 8 characters on the hub and retry."),
    "expired_code": ("Mã ghép nối đã hết hạn hoặc đã được dùng. Hãy nhờ cán bộ xã tạo mã "
                     "mới trên hub.",
                     "The pairing code has expired or was used. Ask for a new code."),
    "unknown_device": ("Hub không nhận ra kiosk này. Hãy ghép nối lại bằng một mã mới.",
                       "The hub does not know this kiosk. Pair again with a new code."),
    "revoked_device": ("Hub đã thu hồi quyền gửi dữ liệu của kiosk này. Hãy liên hệ cán bộ "
                       "xã; dữ liệu vẫn được giữ trên kiosk.",
                       "The hub has revoked this kiosk. Contact the commune officer."),
    "wrong_commune": ("Hub từ chối vì mã xã/phường của kiosk khác với xã đã ghép nối. Hãy "
                      "kiểm tra xã trong Cài đặt rồi ghép nối lại.",
                      "The hub refused: this kiosk's commune differs from the paired one."),
    "clock_skew": ("Ngày giờ của máy kiosk lệch nhiều so với hub. Hãy chỉnh lại ngày giờ "
                   "của máy rồi bấm “Đồng bộ ngay”.",
                   "This PC's clock is far from the hub's. Fix the date and time."),
    "invalid_field": ("Hub từ chối vì có dữ liệu không hợp lệ. Dữ liệu vẫn được giữ trên "
                      "kiosk; hãy báo quản trị hub.",
                      "The hub refused invalid data. Tell the hub administrator."),
    "too_big": ("Hub từ chối vì gói dữ liệu quá lớn. Dữ liệu vẫn được giữ; hãy báo quản trị "
                "hub.", "The hub refused a batch that is too big."),
}
_FORMAT_CODES = ("not_sealed", "undecryptable", "bad_zip", "unknown_version", "bad_signature",
                 "tampered")
for _code in _FORMAT_CODES:
    REFUSALS[_code] = ("Hub từ chối gói dữ liệu vì chữ ký hoặc định dạng không khớp. Dữ liệu "
                       "vẫn được giữ trên kiosk. Hãy ghép nối lại; nếu vẫn lỗi, hãy báo quản "
                       "trị hub.",
                       "The hub refused the batch's signature or format. Pair again.")
KEEP = " Dữ liệu vẫn an toàn trên máy; kiosk sẽ tự thử lại."
KEEP_EN = " The data is safe on this PC; the kiosk will try again."


class SyncError(KioskError):
    """Sync did not happen. ``code`` is kept in the outbox status; the outbox keeps everything.

    ``retry``: a network fault (down, slow, 5xx) that goes away by itself; False for a refusal
    that needs a person (a wrong code, a revoked kiosk).
    """

    def __init__(self, message: str, *, code: str, retry: bool, en: str = "") -> None:
        super().__init__(message, en=en)
        self.code = code
        self.retry = retry


@dataclass(frozen=True)
class PairResult:
    hub_id: str
    hub_name: str
    hub_box_public: str
    hub_verify_key: str
    commune_code: str
    team_id: str = ""  # the team the officer's code puts this kiosk in; "" keeps its own


@dataclass(frozen=True)
class PushResult:
    seq: int
    added: int
    updated: int
    skipped: int


@dataclass(frozen=True)
class PackDownload:
    version: str
    data: bytes
    signature: str


def normalise_hub_url(text: str) -> str:
    """``https://hub.example.vn/`` → ``https://hub.example.vn``; SyncError when it is not a
    web address (typed by staff, so say how it should look)."""
    raw = (text or "").strip()
    if raw and "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.username or parts.password or parts.query or parts.fragment \
            or len(raw) > 200:
        raise SyncError("Địa chỉ hub không hợp lệ. Hãy nhập dạng https://hub.xa.danang.gov.vn "
                        "hoặc http://192.168.1.10:8800.", code="bad_url", retry=False,
                        en="The hub address is not valid, e.g. https://hub.example.vn")
    netloc = parts.hostname + (f":{port}" if port else "")
    if ":" in parts.hostname:  # IPv6 literal
        netloc = f"[{parts.hostname}]" + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def _clean(text: Any) -> str:
    """A hub's message, made safe to show: text only, one line, bounded."""
    if not isinstance(text, str):
        return ""
    return _CONTROL.sub(" ", text).strip()[:MAX_HUB_MESSAGE]


def refusal(code: str, hub_message: str = "") -> SyncError:
    """The SyncError for a refusal ``code`` from the hub, in plain Vietnamese."""
    known = REFUSALS.get(code)
    if known is not None:
        vi, en = known
        if code == "invalid_field" and hub_message:
            vi = f"{vi} (Hub: {hub_message})"
        return SyncError(vi, code=code, retry=False, en=en)
    said = f" Hub cho biết: “{hub_message}”." if hub_message else ""
    return SyncError(f"Hub từ chối yêu cầu (mã “{code}”).{said} Dữ liệu vẫn được giữ trên "
                     "kiosk; hãy báo quản trị hub.", code=code, retry=False,
                     en=f"The hub refused the request ({code}).")


def english_for(code: str, host: str = "") -> str:
    """The English sentence for a stored error ``code`` ("" when only Vietnamese is known):
    the outbox keeps the Vietnamese text, the staff panel in English shows this."""
    if code in REFUSALS:
        return REFUSALS[code][1]
    return {"hub_slow": "The hub is too slow to answer." + KEEP_EN,
            "hub_unreachable": f"Cannot reach the hub ({host}). Check the network." + KEEP_EN,
            "hub_error": "The hub has a problem." + KEEP_EN}.get(code, "")


def _network_error(exc: httpx.HTTPError, host: str) -> SyncError:
    if isinstance(exc, httpx.TimeoutException):
        return SyncError("Hub trả lời quá chậm." + KEEP, code="hub_slow", retry=True,
                         en=english_for("hub_slow"))
    return SyncError(f"Không kết nối được tới hub ({host}). Hãy kiểm tra mạng Internet và địa "
                     "chỉ hub." + KEEP, code="hub_unreachable", retry=True,
                     en=english_for("hub_unreachable", host))


def _read_bounded(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise SyncError("Hub gửi về dữ liệu quá lớn nên kiosk không nhận." + KEEP,
                        code="response_too_big", retry=True,
                        en="The hub sent back too much data, so the kiosk refused it." + KEEP_EN)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise SyncError("Hub gửi về dữ liệu quá lớn nên kiosk không nhận." + KEEP,
                            code="response_too_big", retry=True,
                            en="The hub sent back too much data, so the kiosk refused it."
                            + KEEP_EN)
    return bytes(body)


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    return data if isinstance(data, dict) else {}


def _problem(response: httpx.Response, body: bytes) -> SyncError:
    """The SyncError for a non-success answer: a refusal (4xx JSON) or a failing hub."""
    status = response.status_code
    data = _json(body)
    code = data.get("error")
    if 400 <= status < 500 and isinstance(code, str) and _CODE_RE.match(code):
        return refusal(code, _clean(data.get("message")))
    if status == 413:
        return refusal("too_big")
    if status >= 500 or status in (408, 429):
        return SyncError(f"Hub đang gặp lỗi (mã {status})." + KEEP, code="hub_error",
                         retry=True, en=f"The hub has a problem ({status})." + KEEP_EN)
    return SyncError(f"Hub trả lời không như mong đợi (mã {status}). Hãy kiểm tra địa chỉ hub "
                     "trong mục Đồng bộ.", code=f"http_{status}", retry=True,
                     en=f"Unexpected answer from the hub ({status}). Check the address.")


def _text(data: dict[str, Any], key: str, limit: int = 200) -> str:
    value = data.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise SyncError("Hub trả lời không đúng định dạng. Hãy kiểm tra địa chỉ hub (có thể "
                        "không phải hub của xã) hoặc cập nhật phần mềm.",
                        code="bad_answer", retry=True,
                        en="The hub's answer has the wrong format. Check the address.")
    return _clean(value) if key == "hub_name" else value


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key, 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def signed_headers(device_id: str, sign: Callable[[bytes], bytes], method: str, path: str,
                   now: datetime) -> dict[str, str]:
    """The headers that prove a GET comes from this paired kiosk (HUB-SPEC "Changes")."""
    date = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if now.tzinfo else \
        now.strftime("%Y-%m-%dT%H:%M:%SZ")
    message = f"{method.upper()}\n{path}\n{date}".encode()
    return {"X-Device-Id": device_id, "X-Device-Date": date,
            "X-Device-Signature": base64.b64encode(sign(message)).decode("ascii")}


class HubClient:
    """One hub at ``base_url``. ``transport`` lets tests put a fake hub in (httpx.MockTransport)."""

    def __init__(self, base_url: str, *, timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = normalise_hub_url(base_url)
        self.host = urlsplit(self.base_url).netloc
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport,
                                  follow_redirects=False,
                                  headers={"User-Agent": "help-kiosk-sync"})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, limit: int, **kwargs: Any) -> tuple[int, bytes,
                                                                              httpx.Headers]:
        try:
            with self._http.stream(method, path, **kwargs) as response:
                body = _read_bounded(response, limit if response.status_code == 200
                                     else MAX_JSON_BYTES)
                if response.status_code not in (200, 204):
                    raise _problem(response, body)
                return response.status_code, body, response.headers
        except httpx.HTTPError as exc:
            log.info("hub %s %s failed: %s", method, path, type(exc).__name__)
            raise _network_error(exc, self.host) from None

    def pair(self, *, code: str, device_id: str, verify_key: str, box_public: str,
             help_point_name: str, commune_code: str, app_version: str) -> PairResult:
        body = {"code": code.strip().upper(), "device_id": device_id, "verify_key": verify_key,
                "box_public": box_public, "help_point_name": help_point_name,
                "commune_code": commune_code, "app_version": app_version}
        _status, raw, _h = self._send("POST", f"{API}/pair", MAX_JSON_BYTES, json=body)
        data = _json(raw)
        return PairResult(_text(data, "hub_id", 64), _text(data, "hub_name"),
                          _text(data, "hub_box_public", 64),
                          _text(data, "hub_verify_key", 64),
                          data["commune_code"] if isinstance(data.get("commune_code"), str)
                          and len(data["commune_code"]) <= 8 else commune_code,
                          # an older hub sends none; a bad one is refused by join_team
                          data["team_id"] if isinstance(data.get("team_id"), str)
                          and len(data["team_id"]) <= 36 else "")

    def push_batch(self, blob: bytes) -> PushResult:
        _status, raw, _h = self._send(
            "POST", f"{API}/batches", MAX_JSON_BYTES, content=blob,
            headers={"Content-Type": "application/octet-stream"})
        data = _json(raw)
        if data.get("accepted") is not True:
            raise SyncError("Hub không xác nhận đã nhận gói dữ liệu." + KEEP,
                            code="not_accepted", retry=True,
                            en="The hub did not confirm it received the data." + KEEP_EN)
        return PushResult(_int(data, "seq"), _int(data, "added"), _int(data, "updated"),
                          _int(data, "skipped"))

    def latest_pack(self, *, device_id: str, have: str, sign: Callable[[bytes], bytes],
                    now: datetime) -> PackDownload | None:
        """The hub's newest content pack when it differs from ``have``; None when nothing newer."""
        headers = signed_headers(device_id, sign, "GET", PACK_PATH, now)
        status, raw, got = self._send("GET", PACK_PATH, MAX_PACK_BYTES,
                                      params={"device_id": device_id, "have": have},
                                      headers=headers)
        if status == 204:
            return None
        return PackDownload(got.get("x-pack-version", ""), raw,
                            got.get("x-pack-signature", ""))
