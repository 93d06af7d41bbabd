"""``help-kiosk export``: records, summary or allowance to CSV, XLSX or the PDF report.

Runs the same export as the staff screen (:func:`kiosk.reports.export.run_export`: the same
format × content rules and writers). Without ``--include-contacts`` no PIN is
asked: whoever can open the data dir can already read it, and the audit log records the OS
login as the actor. Contact details need a staff PIN (``KIOSK_STAFF_PIN`` or typed without
echo) and are then audited under that staff member. Every problem the person can fix (a date
range back to front, an unknown format, a folder that cannot be written) prints one
Vietnamese line and exits 1 without leaving a file behind.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any

from kiosk.commands.common import open_store, say, sign_in_staff
from kiosk.config import load_config
from kiosk.errors import CliError
from kiosk.reports.export import ExportRequest
from kiosk.reports.export import run_export as write_export
from kiosk.reports.export_csv import cli_actor
from kiosk.reports.figures import tutorial_titles
from kiosk.reports.periods import Period, PeriodError, PeriodKind, custom, for_kind, parse_day

PERIOD_CHOICES = tuple(k.value for k in PeriodKind if k is not PeriodKind.CUSTOM)


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="xuất bản ghi, báo cáo tổng hợp hoặc kinh phí hỗ trợ",
                       description="Xuất số liệu của một kỳ ra CSV, XLSX hoặc báo cáo PDF.")
    p.add_argument("--from", dest="date_from", metavar="NGÀY",
                   help="từ ngày (01/03/2026 hoặc 2026-03-01), tính cả ngày này")
    p.add_argument("--to", dest="date_to", metavar="NGÀY", help="đến ngày, tính cả ngày này")
    p.add_argument("--period", metavar="KỲ",
                   help="thay cho --from/--to: " + ", ".join(PERIOD_CHOICES))
    p.add_argument("--format", dest="fmt", required=True, metavar="ĐỊNH_DẠNG",
                   help="csv, xlsx hoặc pdf")
    p.add_argument("--out", required=True, type=Path, metavar="TỆP", help="tệp sẽ ghi")
    p.add_argument("--what", metavar="NỘI_DUNG",
                   help="records (bản ghi), summary (tổng hợp), allowance (kinh phí) hoặc "
                        "all (cả ba, chỉ xlsx); mặc định: csv → records, xlsx → cả ba trang, "
                        "pdf → summary")
    p.add_argument("--include-contacts", action="store_true",
                   help="kèm họ tên, số điện thoại, ghi chú (cần mã PIN cán bộ)")
    p.set_defaults(handler=run_export)


def _period(args: argparse.Namespace) -> Period:
    from kiosk.clock import SystemClock

    try:
        if args.period:
            if args.date_from or args.date_to:
                raise CliError("Hãy dùng --period hoặc --from/--to, không dùng cả hai.")
            if args.period not in PERIOD_CHOICES:
                raise CliError(f"Không có kỳ “{args.period}”. Chọn một trong: "
                               + ", ".join(PERIOD_CHOICES) + ".")
            return for_kind(args.period, SystemClock())
        if not args.date_from or not args.date_to:
            raise CliError("Hãy cho biết kỳ xuất: --from NGÀY --to NGÀY (hoặc --period month).")
        return custom(parse_day(args.date_from), parse_day(args.date_to))
    except PeriodError as exc:
        raise CliError(str(exc)) from exc


def _check_out(fmt: str, out: Path) -> None:
    if out.exists() and out.is_dir():
        raise CliError(f"“{out}” là một thư mục. Hãy ghi rõ tên tệp, ví dụ {out}/bao-cao.{fmt}.")
    if not out.parent.is_dir():
        raise CliError(f"Thư mục “{out.parent}” không tồn tại. Hãy tạo thư mục hoặc chọn nơi "
                       "khác.")


def run_export(args: argparse.Namespace) -> int:
    request = ExportRequest(args.fmt or "", args.what, args.include_contacts).check()
    out: Path = args.out.expanduser()
    _check_out(request.fmt, out)
    period = _period(args)
    cfg, _problem = load_config(args.data_dir)
    with open_store(args.data_dir) as store:
        actor = (sign_in_staff(store) if args.include_contacts
                 else cli_actor(os_user()))
        result = write_export(actor, store, period, out, request,
                            help_point=cfg.help_point_name, commune=cfg.commune,
                            village=cfg.village, titles=tutorial_titles())
    say(f"Đã xuất {period.label} ({result.rows} dòng) vào “{result.path}”.")
    if result.owner_only:
        say("Tệp có họ tên và số điện thoại nên chỉ tài khoản của bạn mở được (quyền 600). "
            "Chỉ chia sẻ khi thật cần, và xóa khi xong việc.")
    if result.includes_demo:
        say("Lưu ý: số liệu có DỮ LIỆU MẪU (demo); tệp đã được đánh dấu.")
    return 0


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some services, containers)
        return "unknown"
