"""The hub as a real process: a 2 GB body is refused without being read, and SIGKILL during
ingest never leaves a batch half-written or loses an acknowledged one (PostgreSQL)."""

from __future__ import annotations

import logging
import random
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from db.models import Assistance
from hub.context import open_hub
from hub.models import IngestLog
from hub.pairing import create_code
from hub.settings import HubSettings
from tests.hub.kiosks import SimKiosk
from tests.hub.server import HubProcess

log = logging.getLogger(__name__)
GIB = 1024 ** 3
MIB = 1024 ** 2


def _pair(hub_dir: Path, url: str, server: HubProcess, kiosk: SimKiosk) -> None:
    hub = open_hub(HubSettings(data_dir=hub_dir, database_url=url))
    try:
        with hub.transaction() as s:
            code = create_code(s, hub_dir, kiosk.commune_code, hub.clock.now()).code
    finally:
        hub.engine.dispose()
    r = httpx.post(server.url + "/api/v1/pair", json=kiosk.pair_body(code), timeout=30)
    assert r.status_code == 200, r.text
    kiosk.hub_box_public = r.json()["hub_box_public"]


@pytest.fixture
def hub_process(tmp_path: Path, hub_db_url: str) -> Iterator[HubProcess]:
    hub_dir = tmp_path / "hub-data"
    hub_dir.mkdir(mode=0o700)
    (tmp_path / "hub-db").mkdir(exist_ok=True)
    server = HubProcess(hub_dir, hub_db_url)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_2_gb_body_is_refused_without_being_read(hub_process: HubProcess) -> None:
    sent = 0

    def two_gigabytes() -> Iterator[bytes]:
        nonlocal sent
        chunk = b"\0" * MIB
        while sent < 2 * GIB:
            sent += len(chunk)
            yield chunk

    # A generator body goes out chunked: the hub has to count while it reads.
    try:
        r = httpx.post(hub_process.url + "/api/v1/batches", content=two_gigabytes(),
                       headers={"content-type": "application/octet-stream"}, timeout=60)
        status: int | None = r.status_code
        assert r.json()["error"] == "too_big"
    except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
        status = None  # the hub answered 413 and hung up while we were still sending
    assert status in (413, None)
    assert sent < 256 * MIB, f"the client got to send {sent // MIB} MiB"
    # The hub never held more than the limit plus its own baseline.
    assert hub_process.peak_rss_kib() < 250 * 1024

    # A declared Content-Length of 2 GB is refused before any of the body is sent.
    with socket.create_connection(("127.0.0.1", hub_process.port), timeout=30) as sock:
        sock.sendall(b"POST /api/v1/batches HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/octet-stream\r\n"
                     b"Content-Length: 2147483648\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):  # the hub hangs up after its answer
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"connection: close" in answer.lower()
    assert b'"error":"too_big"' in answer

    hub = open_hub(HubSettings(data_dir=hub_process.data_dir,
                               database_url=hub_process.database_url))
    try:
        with hub.sessions() as s:
            results = list(s.scalars(select(IngestLog.result)))
    finally:
        hub.engine.dispose()
    assert results == ["too_big", "too_big"]


def _kill_during_ingest(tmp_path: Path, pg_url: str, kills: int) -> None:
    hub_dir = tmp_path / "hub-data"
    hub_dir.mkdir(mode=0o700)
    server = HubProcess(hub_dir, pg_url)
    server.start()
    rng = random.Random(20)
    kiosks = [SimKiosk(tmp_path / f"kiosk-{i}") for i in range(2)]
    try:
        for k in kiosks:
            _pair(hub_dir, pg_url, server, k)
        now = datetime.now(UTC).replace(tzinfo=None)
        # Batches are made as they are needed, for as long as the kills go on, so every kill
        # finds the hub with work in hand (a fixed list ran out before the 30th kill).
        batches: list[tuple[set[str], bytes]] = []

        def make(n: int) -> None:
            k = kiosks[n % 2]
            start = now - timedelta(days=3, seconds=n * 90)
            recs = [k.record(start + timedelta(seconds=i)) for i in range(60)]
            batches.append(({r["uuid"] for r in recs}, k.batch(k.payload(recs), created=now)))

        acked: list[int] = []
        errors: list[str] = []
        interrupted = 0
        stop = threading.Event()
        up = threading.Event()
        up.set()

        def push() -> None:
            nonlocal interrupted
            i = 0
            with httpx.Client(timeout=30) as client:
                while not stop.is_set():
                    if i == len(batches):
                        make(i)
                    up.wait()
                    try:
                        r = client.post(server.url + "/api/v1/batches", content=batches[i][1],
                                        headers={"content-type": "application/octet-stream"})
                    except httpx.HTTPError:
                        interrupted += 1  # the hub died under us: send it again (outbox)
                        up.wait()
                        continue
                    if r.status_code != 200:
                        errors.append(f"batch {i}: {r.status_code} {r.text[:300]}")
                        return
                    acked.append(i)
                    i += 1

        pusher = threading.Thread(target=push)
        pusher.start()
        try:
            for _ in range(kills):
                # Let some batches through, then kill wherever the hub happens to be.
                stop.wait(rng.uniform(0.05, 0.6))
                up.clear()
                server.kill9()
                server.start()
                up.set()
        finally:
            stop.set()
            up.set()
            pusher.join(timeout=120)
        assert not pusher.is_alive()
        assert errors == []
    finally:
        server.stop()

    hub = open_hub(HubSettings(data_dir=hub_dir, database_url=pg_url))
    try:
        with hub.sessions() as s:
            present = set(s.scalars(select(Assistance.uuid)))
            accepted_rows = s.execute(select(IngestLog.device_id, IngestLog.seq,
                                             IngestLog.added).where(
                IngestLog.result == "accepted")).all()
    finally:
        hub.engine.dispose()
    for i, (uuids, _blob) in enumerate(batches):
        inside = len(uuids & present)
        assert inside in (0, len(uuids)), f"batch {i} half-written: {inside}/{len(uuids)}"
        if i in acked:
            assert inside == len(uuids), f"acknowledged batch {i} lost"
    whole = sum(1 for uuids, _ in batches if uuids <= present)
    # One accepted batch per batch in the database, none without it. A batch stored just
    # before a kill, whose answer never reached the kiosk, is sent again (as the outbox does)
    # and accepted again adding nothing: a second log row for the same (device, seq).
    firsts: dict[tuple[str, int], int] = {}
    for device_id, seq, added in accepted_rows:
        if (device_id, seq) in firsts:
            assert added == 0, f"batch {device_id}/{seq} added records twice"
        else:
            firsts[(device_id, seq)] = added
    assert len(firsts) == whole
    assert acked, "no batch got through"
    assert interrupted >= kills // 2, f"only {interrupted} of {kills} kills cut a request off"
    log.info("%d kills, %d batches acknowledged, %d requests cut off", kills, len(acked),
             interrupted)


def test_sigkill_during_ingest_short(tmp_path: Path, pg_url: str) -> None:
    _kill_during_ingest(tmp_path, pg_url, kills=5)


@pytest.mark.slow
def test_sigkill_during_ingest_30_times(tmp_path: Path, pg_url: str) -> None:
    _kill_during_ingest(tmp_path, pg_url, kills=30)




def test_serve_with_two_workers(tmp_path: Path, hub_db_url: str) -> None:
    hub_dir = tmp_path / "hub-data"
    hub_dir.mkdir(mode=0o700)
    (tmp_path / "hub-db").mkdir(exist_ok=True)
    server = HubProcess(hub_dir, hub_db_url, workers=2)
    server.start()
    try:
        kiosk = SimKiosk(tmp_path / "kiosk")
        _pair(hub_dir, hub_db_url, server, kiosk)
        now = datetime.now(UTC).replace(tzinfo=None)
        with httpx.Client(timeout=30) as client:
            for day in range(4):
                recs = [kiosk.record(now - timedelta(days=day + 1, minutes=i)) for i in range(5)]
                r = client.post(server.url + "/api/v1/batches",
                                content=kiosk.batch(kiosk.payload(recs), created=now),
                                headers={"content-type": "application/octet-stream"})
                assert r.json()["added"] == 5, r.text
        assert server.peak_rss_kib() > 0
    finally:
        server.stop()
