"""Hub load on loopback: simulated kiosks push a year of records; floor = PostgreSQL ``COPY``.

    .venv/bin/python benchmarks/hub_load.py --quick      # 20 kiosks x 90 days, then day batches
    .venv/bin/python benchmarks/hub_load.py              # 500 kiosks x 365 days x 40 a day
    .venv/bin/python benchmarks/hub_load.py --kiosks 100 --days 365 --markdown
    .venv/bin/python benchmarks/hub_load.py --quick --batch-days 1   # the year in day batches

What runs (issue #20 item 7):

* a throwaway PostgreSQL from the Debian binaries (the test suite's own starter, also as
  root), or ``--database-url`` for an existing empty database;
* a real hub process (``python -m hub serve``) on that database (``--workers``);
* ``--kiosks`` simulated kiosks, each with its own Ed25519/X25519 keys, paired with the hub
  through one-time codes, each with ``--days`` days of a busy help point (``--per-day``
  records a day, a few volunteers and their activity days, the day's queue, tutorial and
  scam-check counts with their detail). Throughput phase: each pushes its year the way the
  kiosk's outbox sends a backlog (:func:`outbox_payloads`: the limits are
  ``kiosk.sync.outbox``'s own, up to ``BATCH_LIMIT`` records a batch, the counts of up to
  ``MAX_COUNT_DAYS_PER_BATCH`` days), or ``--batch-days N`` days a batch; its batches in
  order, ``--concurrency`` kiosks at a time (each a thread with its own HTTP connection);
* then the day-batch phase: ``--daily-kiosks`` other kiosks, online every day, send
  ``--daily-days`` days a batch a day each (a day's records and activity days, the counts
  of the last ``COUNT_DAYS`` days), ``--concurrency`` at a time, into the database the first
  phase filled: the latency a kiosk syncing every day sees;
* batches are real: signed, sealed, and opened, validated and merged by the hub in one
  transaction each (with the daily summary the city pages read);
* the floor: ``COPY … FROM STDIN`` of exactly the rows the hub stored into an empty copy of
  the ``assistance`` table with the same indexes (``LIKE … INCLUDING ALL``), in the same run.

Reported: records/s of the throughput phase against the ``COPY`` floor (goal: at least
30 %), p50/p95 latency of a batch in each phase (goal for a day's batch: p95 under 500 ms),
the hub's peak resident memory (``VmHWM``), the CPU seconds the hub, the PostgreSQL server
and the load generator each used in each timed phase, and the load average.

Every batch is built (signed and sealed: the kiosks' work, not the hub's) BEFORE the clock
starts, in memory up to about 100 MB of batches and in a temp dir beyond (a full run is about
1.8 GB), by one process per core; the timed phases only send them (stdlib ``http.client``,
one keep-alive connection per simulated kiosk slot) and wait for the hub's answers.
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
from datetime import UTC, date, datetime, timedelta
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
    batch_days: int  # 0: as the kiosk's outbox batches a backlog; N: N days a batch
    concurrency: int
    workers: int = 1
    daily_kiosks: int = 0  # then kiosks online every day: day batches, for their latency
    daily_days: int = 0


FULL = Size(kiosks=500, days=365, per_day=40, batch_days=0, concurrency=20,
            daily_kiosks=100, daily_days=30)
QUICK = Size(kiosks=20, days=90, per_day=40, batch_days=0, concurrency=20,
             daily_kiosks=20, daily_days=10)


@dataclass
class Phase:
    """One timed phase: its kiosks' batches sent ``concurrency`` kiosks at a time."""

    records: int = 0
    batches: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def records_per_s(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0

    def latency(self) -> str:
        if not self.latencies_ms:
            return "–"
        return f"{self.p(0.5):.0f} / {self.p(0.95):.0f} / {max(self.latencies_ms):.0f} ms"

    def cpu_line(self) -> str:
        return (f"{self.cpu.get('hub', 0):.1f} / {self.cpu.get('postgres', 0):.1f} / "
                f"{self.cpu.get('client', 0):.1f} s (of {self.seconds:.1f} s × 2 cores)")


@dataclass
class Result:
    size: Size
    backlog: Phase
    daily: Phase
    copy_seconds: float
    copied: int
    hub_peak_rss_mb: float
    load: tuple[float, float, float]
    build_seconds: float = 0.0

    @property
    def copy_records_per_s(self) -> float:
        return self.copied / self.copy_seconds

    def lines(self) -> list[str]:
        s = self.size
        ratio = 100 * self.backlog.records_per_s / self.copy_records_per_s
        how = ("as the kiosk's outbox sends a backlog (up to "
               f"{_outbox_limits()[0]:,} records a batch)" if s.batch_days == 0
               else f"{s.batch_days}-day batches")
        b, d = self.backlog, self.daily
        out = [
            f"| Size | {s.kiosks} kiosks × {s.days} days × {s.per_day} records, {how}, "
            f"{s.concurrency} kiosks at a time, {s.workers} hub "
            f"process{'es' if s.workers > 1 else ''} |",
            f"| Records / batches | {b.records:,} / {b.batches:,} "
            f"({b.errors} refused or failed) |",
            f"| Through the hub | {b.records_per_s:,.0f} records/s ({b.seconds:.1f} s) |",
            f"| Floor: PostgreSQL COPY of the same rows | {self.copy_records_per_s:,.0f} "
            f"records/s ({self.copy_seconds:.2f} s for {self.copied:,}) |",
            f"| Hub / COPY | {ratio:.1f} % (goal ≥ 30 %: {'met' if ratio >= 30 else 'NOT met'}) |",
            f"| Batch latency p50 / p95 / max | {b.latency()} |",
            f"| CPU hub / PostgreSQL / load generator | {b.cpu_line()} |",
        ]
        if d.batches:
            met = "met" if d.p(0.95) < 500 else "NOT met"
            out += [
                f"| Day batches: {s.daily_kiosks} kiosks online daily × {s.daily_days} days, "
                f"{s.concurrency} at a time | {d.records:,} records / {d.batches:,} batches "
                f"({d.errors} refused or failed), {d.records_per_s:,.0f} records/s |",
                f"| Day batch latency p50 / p95 / max | {d.latency()} "
                f"(goal p95 < 500 ms: {met}) |",
                f"| Day batches: CPU hub / PostgreSQL / load generator | {d.cpu_line()} |",
            ]
        out += [
            f"| Hub peak RSS | {self.hub_peak_rss_mb:.0f} MB |",
            f"| Building the batches (before the clock; kiosks' work) | "
            f"{self.build_seconds:.0f} s |",
            f"| Load average at the end (1/5/15 min) | "
            f"{self.load[0]:.1f} / {self.load[1]:.1f} / {self.load[2]:.1f} |",
        ]
        return out


def _outbox_limits() -> tuple[int, int, int]:
    from kiosk.sync.outbox import BATCH_LIMIT, COUNT_DAYS, MAX_COUNT_DAYS_PER_BATCH

    return BATCH_LIMIT, MAX_COUNT_DAYS_PER_BATCH, COUNT_DAYS


# -- what a kiosk sends ------------------------------------------------------------------------
#
# A help point's year as its kiosk keeps it, and the batches its outbox makes of it
# (kiosk.sync.outbox.next_batch): records by updated_at, at most BATCH_LIMIT items a batch,
# activity days in the room the records leave, the daily counts of at most
# MAX_COUNT_DAYS_PER_BATCH days a batch, and always the last COUNT_DAYS days again.

SERVICES = ("vneid", "dvc", "payment", "other")
OUTCOMES = ("done", "done", "done", "partial", "referred", "follow_up")
AGE_BANDS = ("18-39", "40-59", "60-74", "60-74", "75+")
GENDERS = ("nam", "nu", "nu", "")
TUTORIALS = ("vneid-install", "vneid-level2", "dvc-login", "dvc-submit-pay",
             "scam-fake-police", "bank-qr-payment-safe", "health-card-electronic")
NOTES = ("", "", "", "Hướng dẫn cài VNeID, hẹn quay lại lần sau",
         "Cần mang theo căn cước khi đến lần sau", "Đã nộp hồ sơ trực tuyến")


@dataclass
class KioskYear:
    """One help point's days: records, activity days and daily counts per local day."""

    days: list[date]
    records: dict[date, list[dict[str, Any]]]
    activity: dict[date, list[dict[str, Any]]]
    counts: dict[date, dict[str, Any]]
    volunteers: list[str]


def kiosk_year(kiosk: Any, index: int, days: int, per_day: int, today: date) -> KioskYear:
    """``days`` local days up to yesterday of ``per_day`` records each, as a busy help point
    has them: a few volunteers, varied services, villages, outcomes and notes, an activity
    day per volunteer who worked, and the day's queue, tutorial and scam-check counts."""
    import random
    import uuid

    rng = random.Random(index)
    volunteers = [kiosk.volunteer, *(str(uuid.UUID(int=rng.getrandbits(128), version=4))
                                     for _ in range(2))]
    year = KioskYear([], {}, {}, {}, volunteers)
    for n in range(days, 0, -1):
        day = today - timedelta(days=n)
        year.days.append(day)
        opening = datetime.combine(day, datetime.min.time()) + timedelta(hours=1)  # 08:00 local
        records, worked = [], set()
        for i in range(per_day):
            helpers = rng.sample(volunteers, 2 if rng.random() < 0.1 else 1)
            worked.update(helpers)
            services = rng.sample(SERVICES, 2 if rng.random() < 0.2 else 1)
            records.append(kiosk.record(
                opening + timedelta(minutes=10 * i + rng.randrange(8)),
                uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                volunteer_uuids=helpers, services=services, outcome=rng.choice(OUTCOMES),
                channel="help_point" if rng.random() < 0.9 else "phone",
                village=f"Tổ {rng.randrange(1, 25)}", age_band=rng.choice(AGE_BANDS),
                gender=rng.choice(GENDERS), first_visit=rng.random() < 0.4,
                satisfaction=rng.choice((None, 3, 4, 5, 5)), note=rng.choice(NOTES),
                tutorial_id=rng.choice((None, *TUTORIALS))))
        year.records[day] = records
        year.activity[day] = [kiosk.day(day.isoformat()) | {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "volunteer_uuid": v}
            for v in sorted(worked)]
        year.counts[day] = _day_counts(day, per_day, rng)
    return year


def _day_counts(day: date, per_day: int, rng: Any) -> dict[str, Any]:
    from kiosk.reports.waits import BINS

    tickets = per_day + rng.randrange(10)
    hist = [0] * BINS
    for _ in range(tickets - 3):
        hist[min(BINS - 1, int(rng.expovariate(0.4)))] += 1
    tutorials = {}
    for tid in rng.sample(TUTORIALS, 4):
        opened = rng.randrange(1, 8)
        finished = rng.randrange(opened + 1)
        tutorials[tid] = {"opened": opened, "finished": finished, "stopped": opened - finished,
                          "asks": rng.randrange(3),
                          "stops": {str(rng.randrange(1, 9)): opened - finished}
                          if opened > finished else {}}
    return {"day": day.isoformat(), "tickets_issued": tickets, "tickets_served": tickets - 3,
            "no_shows": 2, "tutorials_opened": sum(t["opened"] for t in tutorials.values()),
            "tutorials_finished": sum(t["finished"] for t in tutorials.values()),
            "sheets_printed": rng.randrange(20), "cancelled": 1, "not_finished": 0,
            "priority_tickets": rng.randrange(6), "priority_served": 0,
            "wait_histogram": hist, "tutorials": tutorials,
            "scam_checks": {"sms-link": rng.randrange(4), "otp-request": rng.randrange(2)}}


def _payload(kiosk: Any, year: KioskYear, records: list[dict[str, Any]],
             activity: list[dict[str, Any]], first: date, last: date,
             waiting: int) -> dict[str, Any]:
    named = sorted({v for r in records for v in r["volunteer_uuids"]}
                   | {d["volunteer_uuid"] for d in activity})
    empty = {"day": "", **dict.fromkeys(("tickets_issued", "tickets_served", "no_shows",
                                         "tutorials_opened", "tutorials_finished",
                                         "sheets_printed"), 0)}
    counts = []
    day = first
    while day <= last:  # every day in the window, zeros too (kiosk.sync.batch.daily_counts)
        counts.append(year.counts.get(day) or {**empty, "day": day.isoformat()})
        day += timedelta(days=1)
    return {"records": records, "activity_days": activity,
            "volunteers": [{"uuid": v, "display_name": f"Tình nguyện viên {i + 1}",
                            "role": "volunteer"} for i, v in enumerate(named)],
            "daily_counts": counts,
            "status": {"app_version": "0.1.0", "content_version": "1", "printer_ok": True,
                       "voice_ok": True, "outbox_waiting": waiting}}


def outbox_payloads(kiosk: Any, year: KioskYear, today: date) -> list[dict[str, Any]]:
    """The year as the kiosk's outbox sends it after being offline all along (catch-up
    batches: :func:`kiosk.sync.outbox.next_batch`, run after run until nothing waits)."""
    from kiosk.sync.outbox import BATCH_LIMIT, COUNT_DAYS, MAX_COUNT_DAYS_PER_BATCH

    records = [r for day in year.days for r in year.records[day]]
    records.sort(key=lambda r: (r["updated_at"], r["uuid"]))
    activity = [d for day in year.days for d in year.activity[day]]
    recent = today - timedelta(days=COUNT_DAYS - 1)
    counts_from = year.days[0] if year.days else recent
    out = []
    at_r = at_d = 0
    while True:
        rows = records[at_r:at_r + BATCH_LIMIT]
        days = activity[at_d:at_d + max(0, BATCH_LIMIT - len(rows))]
        first = min(counts_from, recent)
        last = min(today, first + timedelta(days=MAX_COUNT_DAYS_PER_BATCH - 1))
        at_r, at_d = at_r + len(rows), at_d + len(days)
        waiting = len(records) - at_r + len(activity) - at_d
        out.append(_payload(kiosk, year, rows, days, first, last, waiting))
        counts_from = last + timedelta(days=1) if last < today else recent
        if at_r == len(records) and at_d == len(activity) and last >= today:
            return out


def daily_payloads(kiosk: Any, year: KioskYear, batch_days: int = 1) -> list[dict[str, Any]]:
    """The year as a kiosk online every day sends it: each day's records and activity days
    (``batch_days`` days a batch) with the counts of the last COUNT_DAYS days."""
    from kiosk.sync.outbox import COUNT_DAYS

    out = []
    for start in range(0, len(year.days), batch_days):
        days = year.days[start:start + batch_days]
        out.append(_payload(kiosk, year, [r for d in days for r in year.records[d]],
                            [a for d in days for a in year.activity[d]],
                            days[0] - timedelta(days=COUNT_DAYS - 1), days[-1], 0))
    return out


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


def _batches(kiosk: Any, index: int, size: Size, now: datetime, daily: bool
             ) -> list[tuple[int, bytes]]:
    """One kiosk's batches, signed and sealed: its year as its outbox sends a backlog (or
    ``batch_days`` days a batch), or, for a kiosk online every day, a batch a day."""
    today = now.date()
    if daily:
        year = kiosk_year(kiosk, index, size.daily_days, size.per_day, today)
        payloads = daily_payloads(kiosk, year)
    else:
        year = kiosk_year(kiosk, index, size.days, size.per_day, today)
        payloads = (outbox_payloads(kiosk, year, today) if size.batch_days == 0
                    else daily_payloads(kiosk, year, size.batch_days))
    created = now.replace(tzinfo=UTC)
    return [(len(p["records"]), kiosk.batch(p, created=created)) for p in payloads]


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
    kiosks, size, now, spool, n = (_BUILD[k] for k in ("kiosks", "size", "now", "spool",
                                                       "backlog_kiosks"))
    batches = _batches(kiosks[i], i, size, now, daily=i >= n)
    if spool is None:
        return i, batches
    with (spool / f"k{i}.bin").open("wb") as fh:
        for records, blob in batches:
            fh.write(struct.pack("<II", records, len(blob)))
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
    """Sign and seal every batch of every kiosk, one process per core (the kiosks' work):
    the first ``size.kiosks`` send their backlog, the others a batch a day."""
    _BUILD.update(kiosks=kiosks, size=size, now=now, spool=spool, backlog_kiosks=size.kiosks)
    built: dict[int, list[tuple[int, bytes]]] = {}
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for i, batches in pool.imap_unordered(_build_one, range(len(kiosks)), chunksize=1):
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


def _send(phase: Phase, which: list[int], concurrency: int, prebuilt: dict[int, Any],
          spool: Path | None, url: str, server: Any, postmaster: int | None) -> None:
    """Send the batches of the kiosks ``which``, each kiosk's in order, ``concurrency``
    kiosks at a time (a thread and keep-alive connection each); timed, with CPU seconds."""
    todo: deque[int] = deque(which)  # popleft is atomic
    lock = threading.Lock()
    host, port = url.removeprefix("http://").split(":")

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=300)
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
                        phase.latencies_ms.append(ms)
                        phase.batches += 1
                        if r.status == 200:
                            phase.records += n
                        else:
                            phase.errors += 1
        finally:
            conn.close()

    cpu0 = {"hub": _tree_cpu(server.pid), "client": time.process_time(),
            "postgres": _tree_cpu(postmaster) if postmaster else 0.0}
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.seconds = time.perf_counter() - t0
    phase.cpu = {"hub": _tree_cpu(server.pid) - cpu0["hub"],
                 "client": time.process_time() - cpu0["client"],
                 "postgres": (_tree_cpu(postmaster) if postmaster else 0.0) - cpu0["postgres"]}


def _run_on(size: Size, url: str, work: Path, sim: Any, process: Any) -> Result:
    hub_dir = work / "hub"
    hub_dir.mkdir(mode=0o700)
    server = process(hub_dir, url, log_path=work / "hub.log", workers=size.workers)
    server.start()
    backlog, daily = Phase(), Phase()
    try:
        communes = ("20194", "20197", "20200", "20203", "20206")
        total = size.kiosks + size.daily_kiosks
        kiosks = [sim(work / f"k{i}", commune_code=communes[i % len(communes)],
                      name=f"Điểm hỗ trợ số {i}") for i in range(total)]
        box = _pair_all(hub_dir, url, kiosks)
        for k in kiosks:
            k.hub_box_public = box
        now = datetime.now(UTC).replace(tzinfo=None)
        spool = None
        records = size.per_day * (size.kiosks * size.days + size.daily_kiosks * size.daily_days)
        if records > IN_MEMORY_RECORDS:
            spool = work / "batches"
            spool.mkdir()
        t_build = time.perf_counter()
        prebuilt = _build_all(kiosks, size, now, spool)
        build_seconds = time.perf_counter() - t_build
        postmaster = _postmaster_pid(url)
        _send(backlog, list(range(size.kiosks)), size.concurrency, prebuilt, spool,
              server.url, server, postmaster)
        _send(daily, list(range(size.kiosks, total)), size.concurrency, prebuilt, spool,
              server.url, server, postmaster)
        peak = server.peak_rss_kib() / 1024
    finally:
        server.stop()
    copied, copy_seconds = _copy_floor(url)
    if copied != backlog.records + daily.records:
        raise SystemExit(f"hub holds {copied} records, "
                         f"{backlog.records + daily.records} were acknowledged")
    return Result(size, backlog, daily, copy_seconds, copied, peak, os.getloadavg(),
                  build_seconds)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true",
                   help=f"{QUICK.kiosks} kiosks x {QUICK.days} days, then "
                        f"{QUICK.daily_kiosks} x {QUICK.daily_days} day batches")
    p.add_argument("--kiosks", type=int, help="kiosks sending their backlog")
    p.add_argument("--days", type=int, help="days of records each of them has")
    p.add_argument("--per-day", type=int)
    p.add_argument("--batch-days", type=int,
                   help="0 (default): as the kiosk's outbox batches a backlog; N: N days a "
                        "batch (1 = a day's batch)")
    p.add_argument("--daily-kiosks", type=int, help="then: kiosks online every day")
    p.add_argument("--daily-days", type=int, help="days each of them sends, a batch a day")
    p.add_argument("--concurrency", type=int)
    p.add_argument("--workers", type=int, default=1, help="hub processes (serve --workers)")
    p.add_argument("--database-url", help="an existing EMPTY PostgreSQL database")
    p.add_argument("--markdown", action="store_true", help="print the table only")
    args = p.parse_args(argv)
    base = QUICK if args.quick else FULL

    def pick(value: int | None, default: int) -> int:
        return default if value is None else value

    size = Size(pick(args.kiosks, base.kiosks), pick(args.days, base.days),
                pick(args.per_day, base.per_day), pick(args.batch_days, base.batch_days),
                pick(args.concurrency, base.concurrency), max(1, args.workers),
                pick(args.daily_kiosks, base.daily_kiosks),
                pick(args.daily_days, base.daily_days))
    if size.concurrency < 1 or size.kiosks < 1 or size.days < 1 or size.batch_days < 0:
        p.error("--kiosks, --days and --concurrency must be at least 1, --batch-days 0 or more")
    if (size.daily_kiosks == 0) != (size.daily_days == 0):
        p.error("--daily-kiosks and --daily-days: both 0, or both at least 1")
    with tempfile.TemporaryDirectory(prefix="hub-load-") as tmp:
        result = run(size, args.database_url, Path(tmp))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if not args.markdown:
        print(f"hub load, {stamp}")
    print("| Measure | Value |\n|---|---|")
    print("\n".join(result.lines()))
    if not args.markdown and result.backlog.latencies_ms:
        print(f"median batch {statistics.median(result.backlog.latencies_ms):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
