"""``help-kiosk members add|list``: team members and their PINs, for headless setups.

On a fresh data dir ``members add --staff --name "…"`` creates the *first* staff PIN without
signing in (the same rule as the setup wizard: only while no staff member exists), so a
kiosk can be set up over SSH or by a script. After that, adding anyone needs a staff PIN.
The new member's PIN comes from ``KIOSK_NEW_PIN`` (scripts) or is typed twice without echo;
it is stored only as a hash.
"""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from kiosk.auth import AuthService, Role
from kiosk.commands.common import connect, say, sign_in_staff
from kiosk.errors import CliError

ENV_NEW_PIN = "KIOSK_NEW_PIN"


def register(sub: Any) -> None:
    members = sub.add_parser("members", help="thành viên tổ và mã PIN (cài đặt không màn hình)")
    msub = members.add_subparsers(dest="members_command", metavar="LỆNH", required=True)
    add = msub.add_parser("add", help="thêm thành viên; trên máy mới: tạo mã PIN cán bộ đầu "
                                      "tiên (--staff)")
    add.add_argument("--name", required=True, metavar="TÊN", help="tên hiển thị (1–80 ký tự)")
    add.add_argument("--staff", action="store_true",
                     help="cán bộ xã/phường (mặc định: tình nguyện viên)")
    add.set_defaults(handler=run_add)
    lst = msub.add_parser("list", help="xem danh sách thành viên (cần mã PIN cán bộ)")
    lst.set_defaults(handler=run_list)


def read_new_pin() -> str:
    """``KIOSK_NEW_PIN`` for scripts, else typed twice without echo."""
    pin = os.environ.get(ENV_NEW_PIN, "").strip()
    if pin:
        return pin
    try:
        pin = getpass.getpass("Mã PIN mới (4–8 chữ số): ").strip()
        again = getpass.getpass("Nhập lại mã PIN mới: ").strip()
    except (EOFError, OSError) as exc:
        raise CliError(f"Cần mã PIN mới. Hãy nhập mã PIN, hoặc đặt biến môi trường "
                       f"{ENV_NEW_PIN}.") from exc
    if pin != again:
        raise CliError("Hai lần nhập mã PIN không giống nhau. Hãy thử lại.")
    return pin


def run_add(args: argparse.Namespace) -> int:
    role = Role.STAFF if args.staff else Role.VOLUNTEER
    store = connect(args.data_dir, create=True)
    try:
        auth = AuthService(store)
        first = role is Role.STAFF and not auth.has_staff()
        actor = None if first else sign_in_staff(store)
        info = auth.add_member(actor, args.name, role, read_new_pin())
    finally:
        store.close()
    kind = "cán bộ xã/phường" if role is Role.STAFF else "tình nguyện viên"
    say(f"Đã thêm {kind} “{info.name}”." + (" Đây là mã PIN cán bộ đầu tiên của máy này."
                                            if first else ""))
    return 0


def run_list(args: argparse.Namespace) -> int:
    store = connect(args.data_dir)
    try:
        people = AuthService(store).list_members(sign_in_staff(store))
    finally:
        store.close()
    for m in people:
        kind = "cán bộ" if m.role is Role.STAFF else "tình nguyện viên"
        say(f"{m.name} — {kind}{'' if m.active else ' (đã tắt)'}")
    return 0
