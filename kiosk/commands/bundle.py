"""``help-kiosk bundle export|import|key|trust``: carry records between machines on USB.

A bundle is signed by the sending machine and sealed to the receiving one (a commune PC or the
hub): ``bundle key`` on the receiver prints the key to seal to, ``bundle export --to-key`` (or
the paired hub) uses it; ``bundle import`` opens it with this machine's own key and accepts it
only from a sender staff trust (``bundle trust`` or ``--trust-key`` on first contact). Old
unsigned bundles import only with ``--unverified``. Export, import and trust need a staff PIN
(bundles hold personal data): taken from ``KIOSK_STAFF_PIN`` or asked for without echo, through
:class:`kiosk.auth.AuthService`, so the PIN pad's lockout and audit apply here too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.auth import PermissionDenied
from kiosk.bundles import BundleError, BundleService
from kiosk.commands.common import open_store, parse_day, say, sign_in_staff
from kiosk.errors import CliError, KioskError


def _key_arg(text: str) -> str:
    """``--to-key``: the key itself, or a file holding it (as ``bundle key --out`` writes)."""
    path = Path(text).expanduser()
    if len(text) != 44 and path.is_file():
        try:
            return path.read_text(encoding="utf-8").split()[0]
        except (OSError, UnicodeDecodeError, IndexError) as exc:
            raise argparse.ArgumentTypeError(f"không đọc được khóa trong tệp “{text}”") from exc
    return text.strip()


def register(sub: Any) -> None:
    bundle = sub.add_parser("bundle", help="xuất/nhập gói dữ liệu (đã ký và mã hóa) qua USB")
    bsub = bundle.add_subparsers(dest="bundle_command", metavar="LỆNH", required=True)
    ex = bsub.add_parser("export", help="xuất các bản ghi từ một ngày thành một tệp đã mã hóa")
    ex.add_argument("--since", required=True, type=parse_day, metavar="NGÀY",
                    help="từ ngày (10/03/2026 hoặc 2026-03-10)")
    ex.add_argument("--out", required=True, type=Path, metavar="TỆP",
                    help="tệp gói dữ liệu sẽ ghi (ví dụ E:\\goi-du-lieu-2026-03-10.hkb)")
    ex.add_argument("--to-key", type=_key_arg, metavar="KHÓA",
                    help="khóa nhận của máy nhận (in bằng “help-kiosk bundle key” trên máy đó), "
                         "hoặc tệp chứa khóa; mặc định: máy chủ đã ghép nối")
    ex.set_defaults(handler=run_export)
    im = bsub.add_parser("import", help="gộp một gói dữ liệu vào máy này")
    im.add_argument("file", type=Path, metavar="TỆP", help="tệp gói dữ liệu")
    im.add_argument("--unverified", action="store_true",
                    help="cho phép nhập gói kiểu cũ chưa ký; bản ghi được ghi “chưa xác thực”")
    im.add_argument("--trust-key", metavar="KHÓA",
                    help="khóa ký của máy gửi (lần đầu nhận từ máy đó), đã so khớp với máy gửi")
    im.set_defaults(handler=run_import)
    key = bsub.add_parser("key", help="in mã máy, khóa nhận và khóa ký của máy này")
    key.add_argument("--out", type=Path, metavar="TỆP",
                     help="cũng ghi khóa nhận vào tệp này (để chép sang máy gửi)")
    key.set_defaults(handler=run_key)
    trust = bsub.add_parser("trust", help="tin cậy gói dữ liệu từ một máy gửi")
    trust.add_argument("device_id", metavar="MÃ_MÁY")
    trust.add_argument("verify_key", metavar="KHÓA_KÝ")
    trust.set_defaults(handler=run_trust)


def run_export(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            summary = BundleService(store).export_bundle(
                actor, args.since, args.out.expanduser().resolve(), to_key=args.to_key)
        except (BundleError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã xuất {summary.records} bản ghi, {summary.activity_days} ngày hoạt động vào "
        f"“{summary.path}”.")
    say("Tệp đã được ký và mã hóa: chỉ máy nhận mở được. Vẫn nên xóa khỏi USB sau khi nhập "
        "xong.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            summary = BundleService(store).import_bundle(
                actor, args.file.expanduser(), unverified_ok=args.unverified,
                trust_key=args.trust_key)
        except (BundleError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã nhập gói dữ liệu: thêm {summary.added}, cập nhật {summary.updated}, "
        f"bỏ qua {summary.skipped} bản ghi (đã có).")
    if summary.unverified:
        say("Gói kiểu cũ chưa ký: các bản ghi được ghi “chưa xác thực” trong mọi báo cáo.")
    if summary.activity_days_added or summary.volunteers_added:
        say(f"Thêm {summary.activity_days_added} ngày hoạt động, "
            f"{summary.volunteers_added} thành viên mới (chưa có mã PIN trên máy này).")
    return 0


def run_key(args: argparse.Namespace) -> int:
    """Public keys only: safe to print, photograph or send; no PIN needed."""
    with open_store(args.data_dir) as store:
        try:
            keys = BundleService(store).keys()
            if args.out is not None:
                from kiosk.files import write_atomic

                write_atomic(args.out.expanduser(), keys.box_public_b64() + "\n")
        except KioskError as exc:
            raise CliError(str(exc)) from exc
    say(f"Mã máy: {keys.device_id}")
    say(f"Khóa nhận (máy gửi dùng để mã hóa gói cho máy này): {keys.box_public_b64()}")
    say(f"Khóa ký (máy nhận dùng để tin cậy gói từ máy này): {keys.verify_key_b64()}")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            BundleService(store).trust_device(actor, args.device_id, args.verify_key)
        except (BundleError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã tin cậy gói dữ liệu từ máy “{args.device_id}”.")
    return 0
