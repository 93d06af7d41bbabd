"""A hub process ingests at most ``ingest_slots`` batches at once; the others wait their turn.

Twenty kiosks pushing at once on a two-core hub made twenty database transactions fight over
locks, buffers and the GIL (about a fifth more CPU a record, benchmarks/hub_load.py). The
batches past the limit wait in the event loop and are all taken, in the order they came.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

import hub.ingest
from hub.app import create_app
from hub.ingest import IngestResult
from hub.settings import ENV_INGEST_SLOTS, HubSettings, default_ingest_slots


def test_at_most_ingest_slots_batches_are_in_the_database_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(HubSettings(data_dir=tmp_path / "hub", ingest_slots=2))
    inside = most = 0
    lock = threading.Lock()
    pairs = threading.Barrier(2, timeout=30)  # two are let in together, never a third

    def ingest(_hub: Any, blob: bytes) -> IngestResult:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        try:
            pairs.wait()
        finally:
            with lock:
                inside -= 1
        return IngestResult(len(blob), 1, 0, 0, "device")

    monkeypatch.setattr(hub.ingest, "ingest_batch", ingest)
    answers: list[httpx.Response] = []

    async def push(client: httpx.AsyncClient, n: int) -> None:
        answers.append(await client.post("/api/v1/batches", content=b"x" * n))

    async def six_kiosks() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://hub") as client, \
                anyio.create_task_group() as tasks:
            for n in range(1, 7):
                tasks.start_soon(push, client, n)

    try:
        anyio.run(six_kiosks)
    finally:
        app.state.hub.engine.dispose()
    assert most == 2
    assert sorted(a.json()["seq"] for a in answers) == [1, 2, 3, 4, 5, 6]  # all taken


def test_ingest_slots_default_to_three_a_core_or_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_INGEST_SLOTS, raising=False)
    assert default_ingest_slots() >= 2
    monkeypatch.setenv(ENV_INGEST_SLOTS, "5")
    assert HubSettings().ingest_slots == 5
    monkeypatch.setenv(ENV_INGEST_SLOTS, "nonsense")
    assert default_ingest_slots() >= 2
