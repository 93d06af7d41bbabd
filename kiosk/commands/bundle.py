"""``help-kiosk bundle export|import``: carry mobile-team records between machines.

Both need a staff PIN (bundles hold personal data): taken from ``KIOSK_STAFF_PIN`` or asked
for without echo. The sign-in goes through :class:`kiosk.auth.AuthService`, so the PIN pad's
lockout and audit apply to the command line too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.auth import PermissionDenied
from kiosk.bundles import BundleError, BundleService
from kiosk.commands.common import open_store, parse_day, say, sign_in_staff
from kiosk.errors import CliError


def register(sub: Any) -> None:
    bundle = sub.add_parser("bundle", help="xuất/nhập gói dữ liệu của tổ lưu động")
    bsub = bundle.add_subparsers(dest="bundle_command", metavar="LỆNH", required=True)
    ex = bsub.add_parser("export", help="xuất các bản ghi từ một ngày thành một tệp")
    ex.add_argument("--since", required=True, type=parse_day, metavar="NGÀY",
                    help="từ ngày (2026-03-10 hoặc 10/03/2026)")
    ex.add_argument("--out", required=True, type=Path, metavar="TỆP",
                    help="tệp gói dữ liệu sẽ ghi (ví dụ E:\\goi-du-lieu-2026-03-10.zip)")
    ex.set_defaults(handler=run_export)
    im = bsub.add_parser("import", help="gộp một gói dữ liệu vào máy này")
    im.add_argument("file", type=Path, metavar="TỆP", help="tệp gói dữ liệu")
    im.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            summary = BundleService(store).export_bundle(actor, args.since,
                                                         args.out.expanduser().resolve())
        except (BundleError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã xuất {summary.records} bản ghi, {summary.activity_days} ngày hoạt động vào "
        f"“{summary.path}”.")
    say("Tệp này có thông tin cá nhân: hãy giữ cẩn thận và xóa khỏi USB sau khi nhập xong.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            summary = BundleService(store).import_bundle(actor, args.file.expanduser())
        except (BundleError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã nhập gói dữ liệu: thêm {summary.added}, cập nhật {summary.updated}, "
        f"bỏ qua {summary.skipped} bản ghi (đã có).")
    if summary.activity_days_added or summary.volunteers_added:
        say(f"Thêm {summary.activity_days_added} ngày hoạt động, "
            f"{summary.volunteers_added} thành viên mới (chưa có mã PIN trên máy này).")
    return 0
