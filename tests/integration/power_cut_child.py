"""The kiosk's real services in a child process that the power-cut test kills with SIGKILL.

Run as ``python -m tests.integration.power_cut_child MODE DATA_DIR`` from the repository root:

- ``work``: sign in with ``KIOSK_TEST_PIN``, then issue tickets and log assistance records in
  a loop; after each commit print ``T <uuid> <day> <prefix> <number>`` or ``A <uuid>``.
- ``migrate``: print ``start``, create and migrate a fresh database (``Store.open``), print
  ``done``.
- ``backup``: print ``ready``, then make backups into ``DATA_DIR/backups`` in a loop, printing
  ``B <file name>`` after each one is complete.

Each line is written and flushed only AFTER the commit (or the rename) returned, so every line
the parent reads is a promise the data must keep after the kill.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path

from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import AuthService
from kiosk.backup import backup_now, backups_dir
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.queue import QueueService
from kiosk.store import Store


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def work(data_dir: Path) -> None:
    store = Store.open(data_dir)
    actor = AuthService(store).sign_in(os.environ["KIOSK_TEST_PIN"])
    queue = QueueService(store)
    codes = [s.code for s in queue.services()]
    assistance = AssistanceService(store)
    emit("ready")
    i = 0
    while True:
        code = codes[i % len(codes)]
        if i % 2 == 0:
            t = queue.issue(code)
            emit(f"T {t.uuid} {t.day.isoformat()} {t.prefix} {t.number}")
        else:
            now = store.clock.now()
            contact = i % 4 == 1
            rec = assistance.log(actor, AssistanceDraft(
                started_at=now - timedelta(minutes=12), ended_at=now, services=(code,),
                outcome="done", age_band="60-74", gender="nu", first_visit=True,
                note=f"Hướng dẫn lần {i}: cài ứng dụng, đăng nhập",
                contact_name="Người dân thử nghiệm" if contact else None,
                contact_phone="0905123456" if contact else None, contact_consent=contact,
                contact_consent_purpose=CONTACT_PURPOSE_VI if contact else None))
            emit(f"A {rec.uuid}")
        i += 1


def migrate(data_dir: Path) -> None:
    emit("start")
    store = Store.open(data_dir)
    store.close()
    emit("done")


def backups(data_dir: Path) -> None:
    store = Store.open(data_dir)
    emit("ready")
    while True:
        info = backup_now(store, backups_dir(data_dir), store.clock)
        emit(f"B {info.path.name}")


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    {"work": work, "migrate": migrate, "backup": backups}[mode](data_dir)


if __name__ == "__main__":
    main(sys.argv[1:])
