"""Hub load on loopback: simulated kiosks push a year of records; floor = PostgreSQL ``COPY``.

    .venv/bin/python benchmarks/hub_load.py --quick      # 20 kiosks x 30 days (~1-2 min)
    .venv/bin/python benchmarks/hub_load.py              # 500 kiosks x 365 days x 40 a day
    .venv/bin/python benchmarks/hub_load.py --kiosks 100 --days 60 --concurrency 20 --markdown

What runs (issue #20 item 7):

* a throwaway PostgreSQL from the Debian binaries (the test suite's own starter, also as
  root), or ``--database-url`` for an existing empty database;
* a real hub process (``python -m hub serve``) on that database, one uvicorn worker;
* ``--kiosks`` simulated kiosks, each with its own Ed25519/X25519 keys, paired with the hub
  through one-time codes, each pushing ``--days`` days of ``--per-day`` records in batches of
  ``--batch-days`` days (default 1: "a day's batch"), its batches in order, ``--concurrency``
  kiosks at a time (each a thread with its own HTTP connection). Batches are real: signed,
  sealed, and opened, validated and merged by the hub in one transaction each;
* the floor: ``COPY … FROM STDIN`` of exactly the rows the hub stored into an empty copy of
  the ``assistance`` table with the same indexes (``LIKE … INCLUDING ALL``), in the same run.

Reported: records/s through the hub against the ``COPY`` floor (goal: at least 30 %), p50/p95
latency of a batch (goal for a day's batch: p95 under 500 ms), the hub's peak resident memory
(``VmHWM``), the CPU seconds the hub, the PostgreSQL server and the load generator each used
in the timed phase, and the load average.

Every batch is built (signed and sealed: the kiosks' work, not the hub's) BEFORE the clock
starts, in memory up to about 100 MB of batches and in a temp dir beyond (a full run is about
1.8 GB), by one process per core; the timed phase only sends them (stdlib ``http.client``,
one keep-alive connection per simulated kiosk slot) and waits for the hub's answers.
"""

from __future__ import annotations

import argparse
import http.client
import io
import multiprocessing
import os
import statistics
import struct
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if sys.path[0] == str(Path(__file__).resolve().parent):
    sys.path[0] = str(ROOT)  # run as a script: import the project, not benchmarks/queue.py
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Size:
    kiosks: int
    days: int
    per_day: int
    batch_days: int
    concurrency: int
    workers: int = 1


FULL = Size(kiosks=500, days=365, per_day=40, batch_days=1, concurrency=20)
QUICK = Size(kiosks=20, days=30, per_day=40, batch_days=1, concurrency=20)


@dataclass
class Result:
    size: Size
    records: int
    batches: int
    seconds: float
    latencies_ms: list[float]
    copy_seconds: float
    hub_peak_rss_mb: float
    load: tuple[float, float, float]
    errors: int
    cpu: dict[str, float] = field(default_factory=dict)
    build_seconds: float = 0.0

    @property
    def records_per_s(self) -> float:
        return self.records / self.seconds

    @property
    def copy_records_per_s(self) -> float:
        return self.records / self.copy_seconds

    def p(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    def lines(self) -> list[str]:
        s = self.size
        ratio = 100 * self.records_per_s / self.copy_records_per_s
        return [
            f"| Size | {s.kiosks} kiosks × {s.days} days × {s.per_day} records, "
            f"{s.batch_days}-day batches, {s.concurrency} at a time, "
            f"{s.workers} hub process{'es' if s.workers > 1 else ''} |",
            f"| Records / batches | {self.records:,} / {self.batches:,} "
            f"({self.errors} refused or failed) |",
            f"| Through the hub | {self.records_per_s:,.0f} records/s ({self.seconds:.1f} s) |",
            f"| Floor: PostgreSQL COPY of the same rows | {self.copy_records_per_s:,.0f} "
            f"records/s ({self.copy_seconds:.2f} s) |",
            f"| Hub / COPY | {ratio:.1f} % (goal ≥ 30 %: {'met' if ratio >= 30 else 'NOT met'}) |",
            f"| Batch latency p50 / p95 / max | {self.p(0.5):.0f} / {self.p(0.95):.0f} / "
            f"{max(self.latencies_ms):.0f} ms (goal p95 < 500 ms for a day's batch: "
            f"{'met' if self.p(0.95) < 500 else 'NOT met'}) |",
            f"| Hub peak RSS | {self.hub_peak_rss_mb:.0f} MB |",
            f"| CPU in the timed phase: hub / PostgreSQL / load generator | "
            f"{self.cpu.get('hub', 0):.1f} / {self.cpu.get('postgres', 0):.1f} / "
            f"{self.cpu.get('client', 0):.1f} s (of {self.seconds:.1f} s × 2 cores) |",
            f"| Building the batches (before the clock; kiosks' work) | "
            f"{self.build_seconds:.0f} s |",
            f"| Load average at the end (1/5/15 min) | "
            f"{self.load[0]:.1f} / {self.load[1]:.1f} / {self.load[2]:.1f} |",
        ]


def _pair_all(hub_dir: Path, url: str, kiosks: list[Any]) -> str:
    """Pair every kiosk in-process (HTTP pairing is throttled per address, by design)."""
    from hub.context import open_hub
    from hub.pairing import PairRequest, create_code, redeem
    from hub.settings import HubSettings

    hub = open_hub(HubSettings(data_dir=hub_dir, database_url=url))
    try:
        with hub.transaction() as s:
            for k in kiosks:
                code = create_code(s, hub_dir, k.commune_code, hub.clock.now()).code
                redeem(s, hub_dir, PairRequest(code, k.device_id, k.keys.verify_key_b64(),
                                               k.keys.box_public_b64(), k.name,
                                               k.commune_code, "bench"), hub.clock.now())
        return hub.keys().box_public_b64()
    finally:
        hub.engine.dispose()


def _batches(kiosk: Any, size: Size, now: datetime) -> list[tuple[int, bytes]]:
    out = []
    first_day = now - timedelta(days=size.days)
    for start in range(0, size.days, size.batch_days):
        records = []
        for d in range(start, min(size.days, start + size.batch_days)):
            day0 = first_day + timedelta(days=d, hours=1)
            records += [kiosk.record(day0 + timedelta(minutes=10 * i))
                        for i in range(size.per_day)]
        out.append((len(records), kiosk.batch(kiosk.payload(records),
                                              created=now.replace(tzinfo=UTC))))
    return out


def _copy_floor(url: str) -> tuple[int, float]:
    """COPY the stored assistance rows into an empty same-shaped table; (rows, seconds)."""
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy_floor")
        conn.execute("CREATE TABLE bench_copy_floor (LIKE assistance INCLUDING ALL)")
        buf = io.BytesIO()
        with conn.cursor().copy("COPY assistance TO STDOUT") as cp:
            for chunk in cp:
                buf.write(chunk)
        data = buf.getvalue()
        rows = data.count(b"\n")
        t0 = time.perf_counter()
        with conn.transaction(), conn.cursor().copy("COPY bench_copy_floor FROM STDIN") as cp:
            view = memoryview(data)
            for i in range(0, len(data), 1 << 20):
                cp.write(view[i:i + (1 << 20)])
        seconds = time.perf_counter() - t0
        conn.execute("DROP TABLE bench_copy_floor")
    return rows, seconds


def run(size: Size, url: str | None, work: Path) -> Result:
    from tests.hub.conftest import find_pg_ctl, throwaway_postgres
    from tests.hub.kiosks import SimKiosk
    from tests.hub.server import HubProcess

    if url is not None:
        return _run_on(size, url, work, SimKiosk, HubProcess)
    pg_ctl = find_pg_ctl()
    if pg_ctl is None:
        raise SystemExit("PostgreSQL is not installed: bash scripts/setup.sh, or --database-url")
    with throwaway_postgres(pg_ctl) as pg:
        return _run_on(size, pg.url(pg.create_database()), work, SimKiosk, HubProcess)


#: Batches of a run below this many records stay in memory (about 100 MB); more are spooled.
IN_MEMORY_RECORDS = 400_000
_BUILD: dict[str, Any] = {}  # what the forked builder processes read (set before the fork)


def _build_one(i: int) -> tuple[int, list[tuple[int, bytes]] | None]:
    kiosks, size, now, spool = (_BUILD[k] for k in ("kiosks", "size", "now", "spool"))
    batches = _batches(kiosks[i], size, now)
    if spool is None:
        return i, batches
    with (spool / f"k{i}.bin").open("wb") as fh:
        for n, blob in batches:
            fh.write(struct.pack("<II", n, len(blob)))
            fh.write(blob)
    return i, None


def _spooled(path: Path) -> list[tuple[int, bytes]]:
    data = path.read_bytes()
    out, at = [], 0
    while at < len(data):
        n, length = struct.unpack_from("<II", data, at)
        at += 8
        out.append((n, data[at:at + length]))
        at += length
    return out


def _build_all(kiosks: list[Any], size: Size, now: datetime,
               spool: Path | None) -> dict[int, list[tuple[int, bytes]]]:
    """Sign and seal every batch of every kiosk, one process per core (the kiosks' work)."""
    _BUILD.update(kiosks=kiosks, size=size, now=now, spool=spool)
    built: dict[int, list[tuple[int, bytes]]] = {}
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for i, batches in pool.imap_unordered(_build_one, range(len(kiosks)), chunksize=4):
            if batches is not None:
                built[i] = batches
    return built


def _ticks(pid: int, *, reaped: bool = False) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if reaped:
        ticks += int(fields[13]) + int(fields[14])  # children that exited
    return ticks


def _tree_cpu(pid: int) -> float:
    """CPU seconds used so far by ``pid`` (and children it reaped) and its live children."""
    ticks = _ticks(pid, reaped=True)
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        try:
            ticks += _ticks(int(child))
        except (FileNotFoundError, ProcessLookupError):  # a backend that just exited
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def _postmaster_pid(url: str) -> int | None:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT pg_backend_pid()").fetchone()
    assert row is not None
    try:
        stat = Path(f"/proc/{row[0]}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:  # a server on another machine: not measured
        return None
    return int(stat[1])


def _run_on(size: Size, url: str, work: Path, sim: Any, process: Any) -> Result:
    hub_dir = work / "hub"
    hub_dir.mkdir(mode=0o700)
    server = process(hub_dir, url, log_path=work / "hub.log", workers=size.workers)
    server.start()
    try:
        communes = ("20194", "20197", "20200", "20203", "20206")
        kiosks = [sim(work / f"k{i}", commune_code=communes[i % len(communes)],
                      name=f"Điểm hỗ trợ số {i}") for i in range(size.kiosks)]
        box = _pair_all(hub_dir, url, kiosks)
        for k in kiosks:
            k.hub_box_public = box
        now = datetime.now(UTC).replace(tzinfo=None)
        spool = None
        if size.kiosks * size.days * size.per_day > IN_MEMORY_RECORDS:
            spool = work / "batches"
            spool.mkdir()
        t_build = time.perf_counter()
        prebuilt = _build_all(kiosks, size, now, spool)
        build_seconds = time.perf_counter() - t_build
        todo: deque[int] = deque(range(size.kiosks))  # popleft is atomic
        latencies: list[float] = []
        counts = {"records": 0, "batches": 0, "errors": 0}
        lock = threading.Lock()
        host, port = server.url.removeprefix("http://").split(":")

        def worker() -> None:
            conn = http.client.HTTPConnection(host, int(port), timeout=120)
            try:
                while True:
                    try:
                        i = todo.popleft()
                    except IndexError:
                        return
                    batches = prebuilt.pop(i, None)
                    if batches is None:
                        assert spool is not None
                        batches = _spooled(spool / f"k{i}.bin")
                    for n, blob in batches:
                        t0 = time.perf_counter()
                        conn.request("POST", "/api/v1/batches", body=blob, headers={
                            "content-type": "application/octet-stream"})
                        r = conn.getresponse()
                        r.read()
                        ms = 1000 * (time.perf_counter() - t0)
                        with lock:
                            latencies.append(ms)
                            counts["batches"] += 1
                            if r.status == 200:
                                counts["records"] += n
                            else:
                                counts["errors"] += 1
            finally:
                conn.close()

        postmaster = _postmaster_pid(url)
        cpu0 = {"hub": _tree_cpu(server.pid), "client": time.process_time(),
                "postgres": _tree_cpu(postmaster) if postmaster else 0.0}
        t0 = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(size.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - t0
        cpu = {"hub": _tree_cpu(server.pid) - cpu0["hub"],
               "client": time.process_time() - cpu0["client"],
               "postgres": (_tree_cpu(postmaster) if postmaster else 0.0) - cpu0["postgres"]}
        peak = server.peak_rss_kib() / 1024
    finally:
        server.stop()
    copied, copy_seconds = _copy_floor(url)
    if copied != counts["records"]:
        raise SystemExit(f"hub holds {copied} records, {counts['records']} were acknowledged")
    return Result(size, counts["records"], counts["batches"], seconds, latencies, copy_seconds,
                  peak, os.getloadavg(), counts["errors"], cpu, build_seconds)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="20 kiosks x 30 days")
    p.add_argument("--kiosks", type=int)
    p.add_argument("--days", type=int)
    p.add_argument("--per-day", type=int)
    p.add_argument("--batch-days", type=int)
    p.add_argument("--concurrency", type=int)
    p.add_argument("--workers", type=int, default=1, help="hub processes (serve --workers)")
    p.add_argument("--database-url", help="an existing EMPTY PostgreSQL database")
    p.add_argument("--markdown", action="store_true", help="print the table only")
    args = p.parse_args(argv)
    base = QUICK if args.quick else FULL
    size = Size(args.kiosks or base.kiosks, args.days or base.days,
                args.per_day or base.per_day, args.batch_days or base.batch_days,
                args.concurrency or base.concurrency, max(1, args.workers))
    if size.concurrency < 1 or size.kiosks < 1:
        p.error("--kiosks and --concurrency must be at least 1")
    with tempfile.TemporaryDirectory(prefix="hub-load-") as tmp:
        result = run(size, args.database_url, Path(tmp))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if not args.markdown:
        print(f"hub load, {stamp}")
    print("| Measure | Value |\n|---|---|")
    print("\n".join(result.lines()))
    if not args.markdown:
        print(f"median batch {statistics.median(result.latencies_ms):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
