"""Helpers every staff sub-command shares: output, dates, opening the store, the staff PIN."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from db.engine import DatabaseUnavailable
from kiosk.auth import Actor, AuthError, AuthService, Role
from kiosk.errors import CliError
from kiosk.reports import periods
from kiosk.store import Store

ENV_STAFF_PIN = "KIOSK_STAFF_PIN"


def say(text: str) -> None:
    """One line for the person at the terminal (stdout)."""
    sys.stdout.write(text + "\n")


def parse_day(text: str) -> date:
    """A day for an option (``type=parse_day``): the one day rule the hub and the exports use
    (:func:`kiosk.reports.periods.parse_day`: 01/03/2026 as Vietnamese staff write it, or
    ISO), its refusal in argparse's form so the command line says it beside the option."""
    try:
        return periods.parse_day(text)
    except periods.PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def connect(data_dir: Path, *, create: bool = False) -> Store:
    """The data dir's configured database (``Store.open_configured``), or a CliError.

    ``create`` makes a missing data dir (commands that work on a fresh machine, like the
    kiosk's first start). The caller closes the store; prefer :func:`open_store`.
    """
    if create:
        data_dir.mkdir(parents=True, exist_ok=True)
    if not data_dir.is_dir():
        raise CliError(f"Không có thư mục dữ liệu “{data_dir}”. Hãy kiểm tra --data-dir.")
    try:
        return Store.open_configured(data_dir)
    except DatabaseUnavailable as exc:
        raise CliError(str(exc)) from exc
    except Exception as exc:  # a driver error from a configured database_url: say it plainly
        raise CliError(f"Không mở được cơ sở dữ liệu: {exc}") from exc


@contextmanager
def open_store(data_dir: Path) -> Iterator[Store]:
    """Open the data dir's configured database for one command, and close it afterwards."""
    store = connect(data_dir)
    try:
        yield store
    finally:
        store.close()


def _has_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):  # closed or detached stdin
        return False


def read_staff_pin() -> str:
    """``KIOSK_STAFF_PIN`` for scripts, else a PIN typed without echo."""
    pin = os.environ.get(ENV_STAFF_PIN, "").strip()
    if not pin and not _has_terminal():
        # getpass would fall back to reading stdin with a GetPassWarning and an "input may
        # be echoed" line: noise for a script, and a PIN shown on screen.
        raise CliError(f"Cần mã PIN cán bộ xã/phường, nhưng lệnh đang chạy không có bàn phím "
                       f"(không có terminal). Hãy đặt biến môi trường {ENV_STAFF_PIN}.")
    if not pin:
        try:
            pin = getpass.getpass("Mã PIN cán bộ xã/phường: ").strip()
        except (EOFError, OSError) as exc:
            raise CliError(f"Cần mã PIN cán bộ. Hãy nhập mã PIN, hoặc đặt biến môi trường "
                           f"{ENV_STAFF_PIN}.") from exc
    if not pin:
        raise CliError("Cần mã PIN cán bộ xã/phường để làm việc này.")
    return pin


def sign_in_staff(store: Store) -> Actor:
    """Sign a staff member in; wrong PINs count towards the pad's lockout like on screen."""
    try:
        actor = AuthService(store).sign_in(read_staff_pin())
    except AuthError as exc:
        raise CliError(str(exc)) from exc
    if actor.role is not Role.STAFF:
        raise CliError("Mã PIN này không phải của cán bộ xã/phường. Việc này cần cán bộ.")
    return actor
