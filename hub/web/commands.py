"""``help-kiosk-hub account add|list`` and the demo banner of ``serve --demo``.

The password of a new account is asked twice without echo (``getpass``), or read from the
first line of standard input with ``--password-stdin`` (for scripts); it is never an
argument, so it never lands in a shell history or a process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from hub.accounts import AccountError, AccountService, HubRole
from hub.context import HubContext


def register(sub: Any, common: argparse.ArgumentParser,
             context: Callable[[argparse.Namespace], HubContext]) -> None:
    account = sub.add_parser("account", help="tài khoản cán bộ trên trang web của hub")
    asub = account.add_subparsers(dest="account_command", required=True)
    p = asub.add_parser("add", parents=[common], help="tạo tài khoản cán bộ")
    p.add_argument("username", help="tên đăng nhập: chữ thường không dấu, số, . _ -")
    p.add_argument("--role", required=True, choices=[r.value for r in HubRole],
                   help="commune = cán bộ xã/phường, city = cán bộ thành phố, admin = quản trị")
    p.add_argument("--commune", default="", help="mã xã/phường (bắt buộc với --role commune)")
    p.add_argument("--name", default="", help="tên hiển thị, ví dụ “Nguyễn Văn A”")
    p.add_argument("--password-stdin", action="store_true",
                   help="đọc mật khẩu từ dòng đầu của đầu vào chuẩn")
    p.set_defaults(func=lambda args: cmd_account_add(args, context))
    p = asub.add_parser("list", parents=[common], help="liệt kê tài khoản")
    p.set_defaults(func=lambda args: cmd_account_list(args, context))


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu (ít nhất 10 ký tự): ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise AccountError("Hai lần nhập mật khẩu không giống nhau. Hãy chạy lại lệnh.")
    return first


def cmd_account_add(args: argparse.Namespace,
                    context: Callable[[argparse.Namespace], HubContext]) -> int:
    password = _password(args)
    hub = context(args)
    try:
        officer = AccountService(hub.sessions, hub.clock).add_account(
            None, args.username, password, args.role, args.commune, args.name)
    finally:
        hub.engine.dispose()
    where = f", xã/phường {officer.commune_code}" if officer.commune_code else ""
    sys.stdout.write(f"Đã tạo tài khoản {officer.username} ({officer.role.label()}{where}).\n")
    return 0


def cmd_account_list(args: argparse.Namespace,
                     context: Callable[[argparse.Namespace], HubContext]) -> int:
    from sqlalchemy import select

    from hub.accounts import Account

    hub = context(args)
    try:
        with hub.sessions() as s:
            rows = list(s.scalars(select(Account).order_by(Account.username)))
    finally:
        hub.engine.dispose()
    for a in rows:
        state = "" if a.active else "  [đã khoá]"
        demo = "  (mẫu)" if a.is_demo else ""
        sys.stdout.write(f"{a.username:<20} {HubRole(a.role).label():<20} "
                         f"{a.commune_code or '-':<8}{demo}{state}\n")
    if not rows:
        sys.stdout.write("Chưa có tài khoản nào. Tạo: help-kiosk-hub account add TÊN "
                         "--role admin\n")
    return 0


def demo_banner(hub: HubContext, url: str) -> str:
    """Make the demo accounts (fresh passwords) and demo help points; the text to print."""
    from hub.web.demo import demo_text, seed_demo

    return demo_text(seed_demo(hub), url)
