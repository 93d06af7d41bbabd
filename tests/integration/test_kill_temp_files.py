"""Issue #16 item 6: a SIGKILL mid-way leaves no personal data in the temp folder, and what
it leaves in the data dir is swept at the next start."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk import files
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import Actor, AuthService, Role
from kiosk.backup import backup_now, integrity_ok, sweep_leftovers
from kiosk.bundles import BundleService, read_bundle
from kiosk.clock import FakeClock, SystemClock
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.queue import QueueService
from kiosk.store import Store
from kiosk.sync.batch import MAGIC
from kiosk.sync.keys import DeviceKeys
from tests.conftest import STAFF_PIN

ROOT = Path(__file__).resolve().parents[2]
PHONE = "0905123456"

CHILD = """
import sys, time
from pathlib import Path
import kiosk.auth as auth
def stuck(self, pin):
    print("READY", flush=True)
    time.sleep(60)
auth.AuthService.sign_in = stuck
from kiosk.backup import staff_from_backup
staff_from_backup(Path(sys.argv[1]), "0000", data_dir=Path(sys.argv[2]))
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_kill_during_restore_sign_in_leaves_no_copy_in_the_temp_folder(
        data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    store = Store.open(data_dir, clock=clock)
    AuthService(store).add_member(None, f"Cán bộ {PHONE}", Role.STAFF, STAFF_PIN)
    backup = backup_now(store, data_dir / "backups", clock).path
    store.close()
    temp = tmp_path / "systemp"
    temp.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(backup), str(data_dir)], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)},
        stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"  # the copy exists, sign-in is running
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    leaked = [p for p in temp.rglob("*") if p.is_file() and PHONE.encode() in p.read_bytes()]
    assert leaked == []
    left = list(data_dir.glob(".restore-auth-*"))
    assert left  # the copy stayed beside the database (private), not in the temp folder
    for d in left:
        os.utime(d, (0, 0))  # as if from before this start
    sweep_leftovers(data_dir)
    assert list(data_dir.glob(".restore-auth-*")) == []


# -- issue #16 item 6: kills during import, export, backup and restore ------------------------
#
# The kill run: a child process (tests/integration/kill_outputs_child.py) repeats one of the
# four operations on a data dir holding citizens' names and phone numbers and is SIGKILLed at
# a random moment. The parent then starts "the next kiosk" (the journal sweep every command
# and the GUI run first) and checks that no file outside the data dir holds a seeded name or
# phone, except the finished outputs on the chosen folder and the inputs the staff member
# brought; that the database passes integrity_check; and that no committed record is lost.

CHILD_MODULE = "tests.integration.kill_outputs_child"
OPS = ("export", "backup", "import", "restore")
KILL_SEED = 16_06
CITIZEN = "Nguyễn Thị Kiểm"
RECORDS = 120  # seeded at the help point, plus as many in the bundle from the laptop
PHONE_RE = re.compile(rb"09(?:06|07)\D?\d{3}\D?\d{3}")  # every seeded phone, any spelling
_SIDE = ("-journal", "-wal", "-shm")


def _log_records(store: Store, actor: Actor, first_digits: str, n: int) -> list[str]:
    records = AssistanceService(store)
    code = QueueService(store).services()[0].code
    now = store.clock.now()
    uuids = []
    for i in range(n):
        rec = records.log(actor, AssistanceDraft(
            started_at=now - timedelta(minutes=20), ended_at=now - timedelta(minutes=5),
            services=(code,), outcome="done", age_band="60-74", gender="nu",
            contact_name=CITIZEN, contact_phone=f"{first_digits}{i:06d}", contact_consent=True,
            contact_consent_purpose=CONTACT_PURPOSE_VI))
        uuids.append(rec.uuid)
    return uuids


@pytest.fixture(scope="module")
def kill_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str]]:
    """A help point's data dir (records with contacts, a bundle from the laptop imported) and
    the staff member's input stick (that bundle, a good backup of the whole database)."""
    base = tmp_path_factory.mktemp("kill-outputs")
    source = base / "input-stick"
    source.mkdir()
    data = base / "data"
    point = Store.open(data, clock=SystemClock())
    laptop = Store.open(base / "laptop", clock=SystemClock())
    staff = _staff(laptop)
    committed = set(_log_records(laptop, staff, "0907", RECORDS))
    sender = BundleService(laptop)
    sender.export_bundle(staff, date(2020, 1, 1), source / "bundle.zip",
                         to_key=BundleService(point).keys().box_public_b64())
    laptop.close()
    staff = _staff(point)
    committed |= set(_log_records(point, staff, "0906", RECORDS))
    BundleService(point).import_bundle(staff, source / "bundle.zip",
                                       trust_key=sender.keys().verify_key_b64())
    backup_now(point, source, point.clock)
    point.close()
    (good,) = source.glob("manual-*.sqlite3")
    good.rename(source / "good.sqlite3")
    return data, source, committed


def _staff(store: Store) -> Actor:
    auth = AuthService(store)
    auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
    QueueService(store)
    return auth.sign_in(STAFF_PIN)


def _personal(path: Path) -> bool:
    """True if the file holds a seeded name or phone, also inside a readable zip."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if CITIZEN.encode() in data or PHONE_RE.search(data):
        return True
    with contextlib.suppress(zipfile.BadZipFile, OSError, ValueError, EOFError), \
            zipfile.ZipFile(path) as z:
        return any(_personal_bytes(z.read(n)) for n in z.namelist())
    return False


def _personal_bytes(data: bytes) -> bool:
    return CITIZEN.encode() in data or bool(PHONE_RE.search(data))


def _final_ok(path: Path, keys: DeviceKeys) -> bool:
    """A finished output is whole: a bundle that reads, a backup that checks, a CSV."""
    if path.suffix == ".hkb":  # sealed to this data dir: opens (MAC checks) only if whole
        keys.unseal(path.read_bytes()[len(MAGIC):])
        return True
    if path.suffix == ".zip":
        read_bundle(path)
        return True
    if path.suffix == ".sqlite3":
        return integrity_ok(path)
    return path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's BOM, written first


def _kill_run(base: Path, template: tuple[Path, Path, set[str]], kills: int,
              seed: int) -> dict[str, int]:
    data_src, source_src, committed = template
    data, source = base / "data", base / "input-stick"
    shutil.copytree(data_src, data)
    shutil.copytree(source_src, source)
    keys = DeviceKeys.load_or_create(data)
    out, temp = base / "usb", base / "systemp"
    out.mkdir()
    temp.mkdir()
    inputs = {p: p.stat().st_mtime for p in source.iterdir()}
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_STAFF_PIN"}
    env.update(PYTHONPATH=str(ROOT), KIOSK_TEST_PIN=STAFF_PIN, TMPDIR=str(temp))
    rng = random.Random(seed)
    figures = {"kills": 0, "swept": 0, "finished": 0}
    for k in range(kills):
        op = OPS[k % len(OPS)]
        err = base / "child.err"
        with err.open("w") as fh:
            child = subprocess.Popen(
                [sys.executable, "-m", CHILD_MODULE, op, str(data), str(out), str(source)],
                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=fh, text=True,
                stdin=subprocess.DEVNULL)
        assert child.stdout is not None
        if child.stdout.readline().strip() != "ready":
            child.wait(timeout=30)
            pytest.fail(f"{op} child stopped early:\n{err.read_text(errors='replace')}")
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=rng.uniform(0.0, 0.6))  # the random kill moment
        child.kill()
        child.wait(timeout=30)
        rest = child.stdout.read()
        child.stdout.close()
        assert child.returncode == -signal.SIGKILL, err.read_text(errors="replace")
        finished = {ln[2:] for ln in rest.split("\n")[:-1] if ln.startswith("F ")}
        figures["kills"] += 1
        figures["finished"] += len(finished)

        # The next start (every command and the GUI begin with this) sweeps the journal.
        try:
            figures["swept"] += len(files.use_journal(data))
        finally:
            files.use_journal(None)

        for name in finished - {"restored", "imported"}:
            assert _final_ok(out / name, keys), name  # every reported output is there and whole
        leftovers = [p for p in out.iterdir()
                     if files.is_partial(p) or p.name.endswith(_SIDE)]
        assert leftovers == [], f"kill {k} ({op}) left {leftovers}"
        for p in out.iterdir():  # what is left under a final name is whole
            assert _final_ok(p, keys), f"kill {k} ({op}): {p.name} is not whole"
        leaked = [p for p in base.rglob("*") if p.is_file() and not p.is_relative_to(data)
                  and p.parent != out and p not in inputs and _personal(p)]
        assert leaked == [], f"kill {k} ({op}): personal data in {leaked}"
        assert {p: p.stat().st_mtime for p in source.iterdir()} == inputs  # inputs untouched

        assert _integrity(data / "kiosk.sqlite3") == [("ok",)], f"kill {k} ({op})"
        conn = sqlite3.connect(str(data / "kiosk.sqlite3"))
        try:
            present = {r[0] for r in conn.execute(
                "SELECT uuid FROM assistance WHERE contact_phone IS NOT NULL")}
        finally:
            conn.close()
        assert committed <= present, f"kill {k} ({op}): {len(committed - present)} lost"
    assert figures["finished"] > 0  # the ops really ran between kills
    return figures


def _integrity(db: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_kills_during_import_export_backup_restore_leave_no_personal_data_outside(
        kill_template: tuple[Path, Path, set[str]], tmp_path: Path) -> None:
    figures = _kill_run(tmp_path, kill_template, kills=8, seed=KILL_SEED)
    assert figures["kills"] == 8


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_kills_during_import_export_backup_restore_full(
        kill_template: tuple[Path, Path, set[str]], tmp_path: Path) -> None:
    figures = _kill_run(tmp_path, kill_template, kills=100, seed=KILL_SEED + 1)
    sys.stdout.write(f"kill run: {figures}\n")
    assert figures["kills"] == 100
