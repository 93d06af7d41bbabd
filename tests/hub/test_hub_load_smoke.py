"""benchmarks/hub_load.py still runs end to end (tiny size): every row prints, nothing refused,
both phases (a backlog as the kiosk's outbox batches it, then day batches)."""

from __future__ import annotations

import pytest

from tests.hub.conftest import find_pg_ctl


def test_hub_load_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    if find_pg_ctl() is None:
        pytest.skip("PostgreSQL is not installed")
    from benchmarks.hub_load import main

    assert main(["--kiosks", "2", "--days", "2", "--concurrency", "2", "--daily-kiosks", "2",
                 "--daily-days", "3", "--markdown"]) == 0
    out = capsys.readouterr().out
    for row in ("Through the hub", "PostgreSQL COPY", "Hub / COPY", "p50 / p95", "peak RSS",
                "Day batch latency"):
        assert row in out
    # Two days of 40 records fit one outbox batch a kiosk; then three day batches a kiosk.
    assert "160 / 2 (0 refused or failed)" in out
    assert "240 records / 6 batches (0 refused or failed)" in out
