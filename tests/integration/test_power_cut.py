"""Pulling the plug: the kiosk's real services killed with SIGKILL at random moments.

A child process (tests/integration/power_cut_child.py) issues tickets and logs assistance
records, migrates a fresh database, or makes backups, and prints each result only after it
was committed. The parent kills it at random moments (fixed seed) and checks after every
kill that:

- every ticket and record the child reported is in the database, unchanged;
- ``PRAGMA integrity_check`` is ``ok``;
- ticket numbers per day and letter are 1..n with no gap and no repeat, across restarts;
- a database killed mid-migration opens afterwards, at head (re-migrated cleanly);
- a backup folder holds only complete, valid backups under final names.

SIGKILL ends the process at any instruction, but the operating system still writes what the
process had handed to it; ``synchronous=FULL`` (db/engine.py) is what makes a committed
transaction survive a real power cut too. The short runs here go in CI; the full runs
(``-m slow``) make the figures in docs/reliability.md.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import insert

from db.engine import DB_FILE, current_revision, head_revision
from db.models import AuditEvent
from kiosk.auth import AuthService, Role
from kiosk.backup import integrity_ok, is_kiosk_database, run_daily_backup, sweep_parts
from kiosk.clock import SystemClock
from kiosk.queue import QueueService
from kiosk.store import Store
from tests.conftest import ROOT, STAFF_PIN, VOLUNTEER_PIN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

SEED = 20260310
CHILD = "tests.integration.power_cut_child"


# -- helpers ---------------------------------------------------------------------------------


def report(text: str) -> None:
    """A figure for docs/reliability.md; shown by ``pytest -rP`` (captured stdout)."""
    sys.stdout.write(text + "\n")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_STAFF_PIN"}
    env["PYTHONPATH"] = str(ROOT)
    env["KIOSK_TEST_PIN"] = VOLUNTEER_PIN
    return env


def _spawn(mode: str, data_dir: Path, stderr: Path) -> subprocess.Popen[str]:
    with stderr.open("w") as err:
        return subprocess.Popen([sys.executable, "-m", CHILD, mode, str(data_dir)], cwd=ROOT,
                                env=_env(), stdout=subprocess.PIPE, stderr=err, text=True,
                                stdin=subprocess.DEVNULL)


def _kill(proc: subprocess.Popen[str], stderr: Path) -> list[str]:
    """SIGKILL the child; return every complete line it printed that was not read yet."""
    proc.kill()
    proc.wait(timeout=30)
    assert proc.stdout is not None
    rest = proc.stdout.read()
    proc.stdout.close()
    assert proc.returncode == -9, (
        f"the child ended by itself (code {proc.returncode}) before the kill:\n"
        + stderr.read_text(encoding="utf-8", errors="replace"))
    lines = rest.split("\n")
    return lines[:-1]  # a last line without its newline was cut mid-write: not a promise


def _readline(proc: subprocess.Popen[str], stderr: Path) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.endswith("\n"):
        proc.wait(timeout=30)
        pytest.fail(f"child stopped early (code {proc.returncode}):\n"
                    + stderr.read_text(encoding="utf-8", errors="replace"))
    return line.rstrip("\n")


def _pause(proc: subprocess.Popen[str], seconds: float) -> bool:
    """Let the child run on for ``seconds`` (the random kill moment); False if it ended."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return True
    return False


def _integrity(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with a staff member, a volunteer and the default queue services."""
    d = tmp_path_factory.mktemp("power-cut-template")
    store = Store.open(d, clock=SystemClock())
    try:
        auth = AuthService(store)
        auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
        staff = auth.sign_in(STAFF_PIN)
        auth.add_member(staff, "Tình nguyện viên Hùng", Role.VOLUNTEER, VOLUNTEER_PIN)
        QueueService(store)
    finally:
        store.close()
    return d


def _copy(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest)
    return dest


# -- kills while working ---------------------------------------------------------------------


@dataclass
class WorkLedger:
    """Everything the child promised, across all of its lives."""

    tickets: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    records: set[str] = field(default_factory=set)
    kills: int = 0

    def take(self, line: str) -> None:
        parts = line.split()
        if not parts or parts[0] == "ready":
            return
        if parts[0] == "T":
            uuid, day, prefix, number = parts[1:]
            assert uuid not in self.tickets
            self.tickets[uuid] = (day, prefix, int(number))
        elif parts[0] == "A":
            self.records.add(parts[1])
        else:
            raise AssertionError(f"unexpected child output: {line!r}")


def check_work(db: Path, ledger: WorkLedger) -> None:
    assert _integrity(db) == [("ok",)]
    conn = sqlite3.connect(str(db))
    try:
        tickets = {u: (d, p, n) for u, d, p, n in
                   conn.execute("SELECT uuid, day, prefix, number FROM ticket")}
        records = {r[0] for r in conn.execute("SELECT uuid FROM assistance")}
    finally:
        conn.close()
    lost_tickets = {u: v for u, v in ledger.tickets.items() if tickets.get(u) != v}
    assert not lost_tickets, f"committed tickets lost or changed: {lost_tickets}"
    lost_records = ledger.records - records
    assert not lost_records, f"committed assistance records lost: {lost_records}"
    by_day: dict[tuple[str, str], list[int]] = defaultdict(list)
    for day, prefix, number in tickets.values():
        by_day[(day, prefix)].append(number)
    for key, numbers in by_day.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (
            f"ticket numbers for {key} repeat or skip: {sorted(numbers)}")


def kill_while_working(data_dir: Path, kills: int, seed: int) -> WorkLedger:
    rng = random.Random(seed)
    ledger = WorkLedger()
    db = data_dir / DB_FILE
    stderr = data_dir.parent / "child-stderr.txt"
    while ledger.kills < kills:
        proc = _spawn("work", data_dir, stderr)
        if rng.random() < 0.2:
            # Somewhere in start-up: imports, migration check, sign-in (its audit write).
            alive = _pause(proc, rng.uniform(0.0, 1.5))
        else:
            assert _readline(proc, stderr) == "ready"
            for _ in range(rng.randint(0, 40)):
                ledger.take(_readline(proc, stderr))
            alive = _pause(proc, rng.uniform(0.0, 0.03))
        assert alive, stderr.read_text(encoding="utf-8", errors="replace")
        for line in _kill(proc, stderr):
            ledger.take(line)
        ledger.kills += 1
        check_work(db, ledger)
    # After the last kill the kiosk opens normally and numbering simply continues.
    store = Store.open(data_dir, clock=SystemClock())
    try:
        queue = QueueService(store)
        code = queue.services()[0].code
        ticket = queue.issue(code)
    finally:
        store.close()
    # Committed but killed before it could say so is fine (the citizen never saw that number);
    # what matters is that the next number follows the highest one kept.
    conn = sqlite3.connect(str(db))
    try:
        (before,) = conn.execute(
            "SELECT count(*) FROM ticket WHERE day = ? AND prefix = ? AND uuid != ?",
            (ticket.day.isoformat(), ticket.prefix, ticket.uuid)).fetchone()
    finally:
        conn.close()
    assert ticket.number == before + 1
    check_work(db, ledger)
    report(f"power cut (work): {ledger.kills} kills survived, {len(ledger.tickets)} tickets and "
           f"{len(ledger.records)} assistance records reported committed, 0 lost")
    return ledger


def test_kills_while_working_lose_nothing(template: Path, tmp_path: Path) -> None:
    ledger = kill_while_working(_copy(template, tmp_path / "data"), kills=8, seed=SEED)
    assert ledger.kills == 8
    # The child really worked between kills.
    assert ledger.tickets
    assert ledger.records


@pytest.mark.slow
def test_kills_while_working_lose_nothing_full(template: Path, tmp_path: Path) -> None:
    ledger = kill_while_working(_copy(template, tmp_path / "data"), kills=60, seed=SEED + 1)
    assert ledger.kills == 60


# -- kills during a migration ----------------------------------------------------------------


def _migration_seconds(tmp_path: Path) -> float:
    """How long the child's migration of a fresh file takes on this machine."""
    d = tmp_path / "calibrate"
    stderr = tmp_path / "calibrate-stderr.txt"
    proc = _spawn("migrate", d, stderr)
    assert _readline(proc, stderr) == "start"
    t0 = time.monotonic()
    assert _readline(proc, stderr) == "done"
    seconds = time.monotonic() - t0
    proc.wait(timeout=30)
    assert proc.stdout is not None
    proc.stdout.close()
    return seconds


def kill_during_migration(tmp_path: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    duration = _migration_seconds(tmp_path)
    head = head_revision()
    outcomes: dict[str, int] = defaultdict(int)
    attempt = 0
    while outcomes["killed"] < kills:
        attempt += 1
        assert attempt <= kills * 10, f"the kill moments keep missing the migration: {outcomes}"
        d = tmp_path / f"m{attempt}"
        stderr = tmp_path / f"m{attempt}-stderr.txt"
        proc = _spawn("migrate", d, stderr)
        assert _readline(proc, stderr) == "start"
        if not _pause(proc, rng.uniform(0.0, duration * 1.1)):
            outcomes["finished before the kill"] += 1
            assert proc.stdout is not None
            proc.stdout.close()
            continue
        _kill(proc, stderr)
        outcomes["killed"] += 1
        db = d / DB_FILE
        if db.exists():
            assert _integrity(db) == [("ok",)]
            conn = sqlite3.connect(str(db))
            try:
                tables = {r[0] for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
                stamped = ("alembic_version" in tables and conn.execute(
                    "SELECT version_num FROM alembic_version").fetchone() is not None)
            finally:
                conn.close()
            # All or nothing: either the schema is there and stamped, or no table is.
            assert stamped or not (tables - {"alembic_version"}), tables
            outcomes["left at head" if stamped else "left empty"] += 1
        else:
            outcomes["no file yet"] += 1
        # Opening again either finds head or migrates cleanly from nothing.
        store = Store.open(d, clock=SystemClock())
        try:
            assert current_revision(store.engine) == head
            assert store.device_id
        finally:
            store.close()
        assert integrity_ok(db)
    report(f"power cut (migration): {dict(outcomes)}")
    return dict(outcomes)


def test_kill_during_migration_reopens_at_head(tmp_path: Path) -> None:
    outcomes = kill_during_migration(tmp_path, kills=4, seed=SEED)
    assert outcomes["killed"] == 4


@pytest.mark.slow
def test_kill_during_migration_reopens_at_head_full(tmp_path: Path) -> None:
    outcomes = kill_during_migration(tmp_path, kills=50, seed=SEED + 2)
    assert outcomes["killed"] == 50
    # The kill moments really spread over the migration, not only before or after it.
    assert outcomes.get("left empty", 0) + outcomes.get("no file yet", 0) > 0
    assert outcomes.get("left at head", 0) > 0


# -- kills during a backup -------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_template(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template plus 30,000 audit rows (~9 MB): one backup takes ~0.1 s, long enough to hit."""
    d = tmp_path_factory.mktemp("power-cut-big") / "data"
    shutil.copytree(template, d)
    store = Store.open(d, clock=SystemClock())
    try:
        now = store.clock.now()
        rows = [{"uuid": f"00000000-0000-4000-8000-{i:012d}", "device_id": store.device_id,
                 "at": now, "actor": "test", "action": "test.fill",
                 "detail": "x" * 80} for i in range(30_000)]
        with store.write() as s:
            s.execute(insert(AuditEvent), rows)
    finally:
        store.close()
    return d


def check_backups(folder: Path, reported: set[str], checked: set[str]) -> int:
    """Every reported backup is there; every file under a final name is whole and valid."""
    finals = sorted(folder.glob("*.sqlite3"))
    names = {f.name for f in finals}
    assert reported <= names, f"reported backups missing: {reported - names}"
    for f in finals:
        if f.name not in checked:  # a finished backup is never touched again
            assert integrity_ok(f), f"half or damaged backup: {f.name}"
            assert is_kiosk_database(f), f"backup without the kiosk tables: {f.name}"
            checked.add(f.name)
    return len(list(folder.glob("*.part")))


def kill_during_backup(data_dir: Path, kills: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    folder = data_dir / "backups"
    stderr = data_dir.parent / "backup-stderr.txt"
    reported: set[str] = set()
    checked: set[str] = set()
    for _ in range(kills):
        proc = _spawn("backup", data_dir, stderr)
        assert _readline(proc, stderr) == "ready"
        for _ in range(rng.randint(0, 2)):
            reported.add(_readline(proc, stderr).split()[1])
        assert _pause(proc, rng.uniform(0.0, 0.12)), stderr.read_text(encoding="utf-8")
        reported.update(line.split()[1] for line in _kill(proc, stderr))
        check_backups(folder, reported, checked)
        assert _integrity(data_dir / DB_FILE) == [("ok",)]
    parts_left = check_backups(folder, reported, checked)
    # Leftovers are swept, and the daily backup still works after all of that.
    sweep_parts(folder, older_than_s=0)
    assert not list(folder.glob("*.part"))
    result = run_daily_backup(data_dir / DB_FILE, data_dir, SystemClock())
    assert result.made
    assert integrity_ok(result.path)
    figures = {"kills": kills, "complete backups": len(reported),
               "killed mid-copy (.part left)": parts_left}
    report(f"power cut (backup): {figures}")
    return figures


def test_kill_during_backup_leaves_no_half_file(big_template: Path, tmp_path: Path) -> None:
    figures = kill_during_backup(_copy(big_template, tmp_path / "data"), kills=4, seed=SEED)
    assert figures["kills"] == 4


@pytest.mark.slow
def test_kill_during_backup_leaves_no_half_file_full(big_template: Path, tmp_path: Path) -> None:
    figures = kill_during_backup(_copy(big_template, tmp_path / "data"), kills=50, seed=SEED + 3)
    assert figures["killed mid-copy (.part left)"] > 0  # the kills did land inside copies
