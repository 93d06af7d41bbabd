"""A small hub on a real loopback socket, for the kiosk's sync client tests.

It speaks the HUB-SPEC API (``/api/v1/pair``, ``/api/v1/batches``, ``/api/v1/packs/latest``)
over real HTTP and opens batches with the real :func:`kiosk.sync.batch.open_batch` and merges
them with the real :func:`kiosk.sync.merge.merge_payload` into its own database, one
transaction per batch, so a test sees exactly what a hub would have stored. Faults are
scripted per request: ``hub.next_faults.append("500")`` etc.:

* ``"500"``: answer 500 without reading the batch;
* ``"500-after-commit"``: store the batch, then answer 500 (the acknowledgement is lost);
* ``"slow"``: hold the request until the test's ``release`` event (or 10 s);
* ``"refuse:<code>"``: answer 403 ``{"error": code, "message": ...}``.

The end-to-end test against the real FastAPI hub is ``tests/hub/test_two_kiosks_sync.py``.
"""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from sqlalchemy import func, select

from db.models import Assistance, Service
from kiosk.store import Store
from kiosk.sync.batch import open_batch
from kiosk.sync.errors import BatchRefused
from kiosk.sync.keys import DeviceKeys
from kiosk.sync.merge import merge_payload, validate_payload

GOOD_CODE = "ABCD-EFGH"


@dataclass
class Pack:
    version: str
    data: bytes
    signature: str


@dataclass
class FakeHub:
    data_dir: Path
    commune_code: str = ""
    next_faults: list[str] = field(default_factory=list)
    devices: dict[str, str] = field(default_factory=dict)   # device_id -> verify key b64
    batches: list[dict[str, Any]] = field(default_factory=list)  # manifests accepted
    payloads: list[dict[str, Any]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    pack: Pack | None = None
    release: threading.Event = field(default_factory=threading.Event)
    clock: Any = None   # a kiosk.clock.Clock; the real time when None

    def __post_init__(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.keys = DeviceKeys.load_or_create(self.data_dir, "hub")
        self.store = Store.open(self.data_dir)
        with self.store.write() as s:  # the services the kiosks' records name
            s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
            s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))
        self._lock = threading.Lock()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                hub._handle(self, "POST")

            def do_GET(self) -> None:
                hub._handle(self, "GET")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
        self.store.close()

    # -- what the hub holds -------------------------------------------------------------------
    def record_count(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.count()).select_from(Assistance)) or 0

    def record_uuids(self) -> set[str]:
        with self.store.read() as s:
            return set(s.scalars(select(Assistance.uuid)))

    def sign_pack(self, version: str, data: bytes) -> None:
        sig = base64.b64encode(self.keys._signing.sign(data).signature).decode()
        self.pack = Pack(version, data, sig)

    # -- HTTP ---------------------------------------------------------------------------------
    def _reply(self, h: BaseHTTPRequestHandler, status: int, body: Any = None,
               headers: dict[str, str] | None = None, raw: bytes | None = None) -> None:
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Type", "application/json" if raw is None else
                      "application/zip")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    def _handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        path = h.path.split("?")[0]
        self.requests.append(f"{method} {path}")
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        fault = self.next_faults.pop(0) if self.next_faults else ""
        if fault == "slow":
            self.release.wait(10)
        if fault == "500":
            return self._reply(h, 500, {"detail": "boom"})
        if fault.startswith("refuse:"):
            code = fault.split(":", 1)[1]
            return self._reply(h, 403, {"error": code, "message": "Hub từ chối (thử)."})
        if method == "POST" and path == "/api/v1/pair":
            return self._pair(h, json.loads(body))
        if method == "POST" and path == "/api/v1/batches":
            status, answer = self._batch(body)
            if fault == "500-after-commit" and status == 200:
                return self._reply(h, 500, {"detail": "lost"})
            return self._reply(h, status, answer)
        if method == "GET" and path == "/api/v1/packs/latest":
            return self._pack(h)
        return self._reply(h, 404, {"error": "not_found", "message": "?"})

    def _pair(self, h: BaseHTTPRequestHandler, req: dict[str, Any]) -> None:
        if req.get("code") != GOOD_CODE:
            return self._reply(h, 400, {"error": "bad_code", "message": "Mã sai."})
        self.devices[req["device_id"]] = req["verify_key"]
        return self._reply(h, 200, {"hub_id": "hub-1", "hub_name": "Hub phường Hải Châu",
                                    "hub_box_public": self.keys.box_public_b64(),
                                    "hub_verify_key": self.keys.verify_key_b64(),
                                    "commune_code": req.get("commune_code", "")})

    def _batch(self, blob: bytes) -> tuple[int, dict[str, Any]]:
        now = self.clock.now() if self.clock else datetime.now(UTC).replace(tzinfo=None)
        with self._lock:
            try:
                opened = open_batch(blob, self.keys, self.devices.get, now)
                with self.store.write() as s:
                    valid = validate_payload(s, opened.payload, now)
                    summary = merge_payload(s, valid, unverified=False, now=now)
            except BatchRefused as exc:
                return 403, {"error": exc.code, "message": str(exc)}
            self.batches.append(opened.manifest)
            self.payloads.append(opened.payload)
            return 200, {"accepted": True, "seq": opened.manifest["seq"],
                         "added": summary.added, "updated": summary.updated,
                         "skipped": summary.skipped}

    def _pack(self, h: BaseHTTPRequestHandler) -> None:
        device = h.headers.get("X-Device-Id", "")
        date = h.headers.get("X-Device-Date", "")
        sig = h.headers.get("X-Device-Signature", "")
        key = self.devices.get(device)
        try:
            if key is None:
                raise BadSignatureError("unknown")
            VerifyKey(base64.b64decode(key)).verify(
                f"GET\n/api/v1/packs/latest\n{date}".encode(), base64.b64decode(sig))
        except (BadSignatureError, ValueError):
            return self._reply(h, 403, {"error": "bad_signature", "message": "Chữ ký sai."})
        have = h.path.partition("have=")[2].split("&")[0]
        if self.pack is None or self.pack.version == have:
            h.send_response(204)
            h.end_headers()
            return None
        return self._reply(h, 200, raw=self.pack.data,
                           headers={"X-Pack-Version": self.pack.version,
                                    "X-Pack-Signature": self.pack.signature})
