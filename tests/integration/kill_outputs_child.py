"""The kiosk's output paths in a child process that ``test_kill_temp_files.py`` kills.

Run as ``python -m tests.integration.kill_outputs_child OP DATA_DIR OUT_DIR SOURCE_DIR`` from
the repository root, with ``KIOSK_TEST_PIN`` set. It starts like every command does
(``kiosk.files.use_journal(DATA_DIR)``: the journal of in-progress outputs, swept), prints
``ready`` and then repeats one operation until it is killed:

- ``export``: a records CSV with contacts and a mobile-team bundle into ``OUT_DIR`` (the USB
  stick);
- ``backup``: ``backup --to OUT_DIR``;
- ``import``: the bundle ``SOURCE_DIR/bundle.zip`` into the database;
- ``restore``: the backup ``SOURCE_DIR/good.sqlite3`` over the database.

After each finished output it prints ``F <file name>``.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from kiosk import files
from kiosk.auth import AuthService
from kiosk.backup import backup_now, restore_backup
from kiosk.bundles import BundleService
from kiosk.files import unique_path
from kiosk.reports.export import ExportRequest, run_export
from kiosk.reports.periods import Period
from kiosk.store import Store


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    op, data_dir, out, source = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    files.use_journal(data_dir)
    pin = os.environ["KIOSK_TEST_PIN"]
    if op == "restore":
        store = Store.open(data_dir)
        staff = AuthService(store).sign_in(pin)
        clock = store.clock
        store.close()
        emit("ready")
        while True:
            restore_backup(staff, data_dir, source / "good.sqlite3", clock)
            emit("F restored")
    store = Store.open(data_dir)
    staff = AuthService(store).sign_in(pin)
    today = store.clock.now().date()
    emit("ready")
    while True:
        if op == "export":
            path = unique_path(out, "ban-ghi.csv")
            run_export(staff, store, Period(date(2020, 1, 1), today), path,
                       ExportRequest("csv", "records", include_contacts=True))
            emit(f"F {path.name}")
            path = unique_path(out, "goi.hkb")
            own = BundleService(store)
            own.export_bundle(staff, date(2020, 1, 1), path, to_key=own.keys().box_public_b64())
            emit(f"F {path.name}")
        elif op == "backup":
            emit(f"F {backup_now(store, out, store.clock).path.name}")
        elif op == "import":
            BundleService(store).import_bundle(staff, source / "bundle.zip")
            emit("F imported")
        else:
            raise SystemExit(f"unknown op {op}")


if __name__ == "__main__":
    main(sys.argv[1:])
