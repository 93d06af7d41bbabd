"""Issue #16 item 6: a SIGKILL mid-way leaves no personal data in the temp folder, and what
it leaves in the data dir is swept at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.auth import AuthService, Role
from kiosk.backup import backup_now, sweep_leftovers
from kiosk.clock import FakeClock
from kiosk.store import Store
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
