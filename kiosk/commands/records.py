"""``help-kiosk records purge|find|export|erase``: retention and data-subject requests.

``purge`` erases contact details older than ``contact_retention_days`` (from config.toml); it
needs no PIN, so it can run from a scheduled task. ``find``, ``export`` and ``erase`` answer a
person's request to see, take away or erase their data; they need a staff PIN
(``KIOSK_STAFF_PIN`` or typed) and every use is audited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.assistance import (
    CHANNEL_LABELS_VI,
    OUTCOME_LABELS_VI,
    AssistanceError,
    AssistanceService,
    purge_expired_contacts,
)
from kiosk.auth import PermissionDenied
from kiosk.clock import to_local
from kiosk.commands.common import open_store, say, sign_in_staff
from kiosk.config import load_config
from kiosk.errors import CliError
from kiosk.privacy import PhoneNumberError


def register(sub: Any) -> None:
    records = sub.add_parser("records", help="thời hạn lưu và yêu cầu của người dân về dữ liệu")
    rsub = records.add_subparsers(dest="records_command", metavar="LỆNH", required=True)
    purge = rsub.add_parser("purge", help="xóa thông tin liên hệ đã quá thời hạn lưu")
    purge.set_defaults(handler=run_purge)
    find = rsub.add_parser("find", help="tìm các bản ghi lưu một số điện thoại")
    find.add_argument("--phone", required=True, metavar="SỐ", help="số điện thoại")
    find.set_defaults(handler=run_find)
    export = rsub.add_parser("export", help="xuất dữ liệu của một người ra tệp .json hoặc .csv")
    export.add_argument("--phone", required=True, metavar="SỐ", help="số điện thoại")
    export.add_argument("--out", required=True, type=Path, metavar="TỆP",
                        help="tệp sẽ ghi, đuôi .json hoặc .csv")
    export.set_defaults(handler=run_export)
    erase = rsub.add_parser("erase", help="xóa thông tin cá nhân của một người")
    erase.add_argument("--phone", required=True, metavar="SỐ", help="số điện thoại")
    erase.add_argument("--yes", action="store_true", help="không hỏi lại để xác nhận")
    erase.set_defaults(handler=run_erase)


def run_purge(args: argparse.Namespace) -> int:
    cfg, problem = load_config(args.data_dir)
    if problem is not None:
        say(problem.message)
    days = int(cfg.contact_retention_days)
    with open_store(args.data_dir) as store:
        n = purge_expired_contacts(store, days)
    say(f"Đã xóa thông tin liên hệ của {n} bản ghi quá {days} ngày. Các bản ghi vẫn được giữ "
        "để thống kê.")
    return 0


def run_find(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            found = AssistanceService(store).find_by_phone(actor, args.phone)
        except (PhoneNumberError, AssistanceError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    if not found:
        say("Không có bản ghi nào lưu số điện thoại này.")
        return 0
    say(f"Có {len(found)} bản ghi lưu số điện thoại này:")
    for r in found:
        when = to_local(r.started_at).strftime("%d/%m/%Y %H:%M")
        say(f"- {when} · {', '.join(r.services)} · {OUTCOME_LABELS_VI.get(r.outcome, r.outcome)}"
            f" · {CHANNEL_LABELS_VI.get(r.channel, r.channel)} · {r.contact_name or '(không tên)'}"
            f" · mã {r.uuid}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    out = args.out.expanduser().resolve()
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            n = AssistanceService(store).export_person(actor, args.phone, out)
        except (PhoneNumberError, AssistanceError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã xuất {n} bản ghi vào “{out}”. Tệp có thông tin cá nhân: hãy trao tận tay "
        "người yêu cầu rồi xóa bản trên máy.")
    return 0


def run_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("Hãy thêm --yes để xác nhận xóa thông tin của người này.")
        answer = input("Xóa họ tên, số điện thoại, ghi chú và dân tộc trên mọi bản ghi của số "
                       "này? Gõ “co” để đồng ý: ")
        if answer.strip().lower() not in ("co", "có", "yes", "y"):
            say("Đã hủy, không xóa gì.")
            return 1
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            n = AssistanceService(store).erase_person(actor, args.phone)
        except (PhoneNumberError, AssistanceError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    if n == 0:
        say("Không có bản ghi nào lưu số điện thoại này; không có gì để xóa.")
    else:
        say(f"Đã xóa thông tin cá nhân trên {n} bản ghi. Số liệu thống kê không tên vẫn được "
            "giữ.")
    return 0
