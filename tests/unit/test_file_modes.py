"""File modes follow the umask, except files holding contacts (outputs review, defect 11).

A summary a staff member copies to a shared folder must be readable by colleagues the way
every other file they make is; records with names and phone numbers stay owner-only.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from kiosk.auth import Actor
from kiosk.files import PRIVATE_MODE, atomic_output, write_atomic
from kiosk.reports.export_csv import What, export_csv
from kiosk.reports.periods import Period
from kiosk.store import Store

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664),
                                                 (0o077, 0o600)])
def test_plain_outputs_follow_the_umask(tmp_path: Path, umask: int, expected: int) -> None:
    old = os.umask(umask)
    try:
        with atomic_output(tmp_path / "a.pdf") as tmp:
            tmp.write_bytes(b"%PDF")
        write_atomic(tmp_path / "b.txt", "x")
    finally:
        os.umask(old)
    assert mode_of(tmp_path / "a.pdf") == expected
    assert mode_of(tmp_path / "b.txt") == expected


def test_replacing_a_shared_file_keeps_it_shared(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "r.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_atomic(target, "new")
    assert mode_of(target) == 0o644


def test_private_files_are_owner_only_whatever_the_umask(tmp_path: Path,
                                                         umask_022: None) -> None:
    write_atomic(tmp_path / "contacts.csv", "x", mode=PRIVATE_MODE)
    assert mode_of(tmp_path / "contacts.csv") == 0o600


def test_exports_share_unless_they_hold_contacts(store: Store, staff: Actor, tmp_path: Path,
                                                 umask_022: None) -> None:
    summary = export_csv(staff, store, MARCH, tmp_path / "s.csv", what=What.SUMMARY)
    plain = export_csv(staff, store, MARCH, tmp_path / "r.csv")
    contacts = export_csv(staff, store, MARCH, tmp_path / "c.csv", include_contacts=True)
    assert (mode_of(summary.path), mode_of(plain.path), mode_of(contacts.path)) == (
        0o644, 0o644, 0o600)
    assert (summary.owner_only, contacts.owner_only) == (False, True)
