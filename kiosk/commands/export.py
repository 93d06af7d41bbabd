"""``help-kiosk export``: records, summary or allowance to CSV, XLSX or the PDF report.

Runs the same export functions as the staff screen. Without ``--include-contacts`` no PIN is
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

from kiosk.auth import PermissionDenied
from kiosk.commands.common import open_store, say, sign_in_staff
from kiosk.config import load_config
from kiosk.errors import CliError
from kiosk.files import OutputError
from kiosk.reports.export_csv import ExportError, ExportResult, What, cli_actor, export_csv
from kiosk.reports.figures import tutorial_titles
from kiosk.reports.periods import Period, PeriodError, PeriodKind, custom, for_kind, parse_day

FORMATS = ("csv", "xlsx", "pdf")
PERIOD_CHOICES = tuple(k.value for k in PeriodKind if k is not PeriodKind.CUSTOM)


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="xuất bản ghi, báo cáo tổng hợp hoặc kinh phí hỗ trợ",
                       description="Xuất số liệu của một kỳ ra CSV, XLSX hoặc báo cáo PDF.")
    p.add_argument("--from", dest="date_from", metavar="NGÀY",
                   help="từ ngày (2026-03-01 hoặc 01/03/2026), tính cả ngày này")
    p.add_argument("--to", dest="date_to", metavar="NGÀY", help="đến ngày, tính cả ngày này")
    p.add_argument("--period", metavar="KỲ",
                   help="thay cho --from/--to: " + ", ".join(PERIOD_CHOICES))
    p.add_argument("--format", dest="fmt", required=True, metavar="ĐỊNH_DẠNG",
                   help="csv, xlsx hoặc pdf")
    p.add_argument("--out", required=True, type=Path, metavar="TỆP", help="tệp sẽ ghi")
    p.add_argument("--what", metavar="NỘI_DUNG",
                   help="records (bản ghi), summary (tổng hợp) hoặc allowance (kinh phí); "
                        "mặc định: csv → records, xlsx → cả ba trang, pdf → summary")
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


def _check_request(fmt: str, what: str | None, include_contacts: bool, out: Path) -> None:
    if fmt not in FORMATS:
        raise CliError(f"Không có định dạng “{fmt}”. Chọn csv, xlsx hoặc pdf.")
    if what is not None and what not in {w.value for w in What}:
        raise CliError(f"Không có loại xuất “{what}”. Chọn records (bản ghi), summary (tổng "
                       "hợp) hoặc allowance (kinh phí hỗ trợ).")
    if fmt == "pdf" and what == What.RECORDS:
        raise CliError("Báo cáo PDF không liệt kê từng bản ghi. Hãy xuất bản ghi ra csv hoặc "
                       "xlsx, hoặc chọn --what summary/allowance cho pdf.")
    if include_contacts and (fmt == "pdf" or what in (What.SUMMARY, What.ALLOWANCE)):
        raise CliError("--include-contacts chỉ dùng khi xuất bản ghi (csv hoặc xlsx); báo cáo "
                       "tổng hợp và kinh phí không có thông tin liên hệ.")
    if out.exists() and out.is_dir():
        raise CliError(f"“{out}” là một thư mục. Hãy ghi rõ tên tệp, ví dụ {out}/bao-cao.{fmt}.")
    if not out.parent.is_dir():
        raise CliError(f"Thư mục “{out.parent}” không tồn tại. Hãy tạo thư mục hoặc chọn nơi "
                       "khác.")


def run_export(args: argparse.Namespace) -> int:
    fmt = (args.fmt or "").strip().lower()
    out: Path = args.out.expanduser()
    _check_request(fmt, args.what, args.include_contacts, out)
    period = _period(args)
    cfg, _problem = load_config(args.data_dir)
    with open_store(args.data_dir) as store:
        actor = (sign_in_staff(store) if args.include_contacts
                 else cli_actor(os_user()))
        titles = tutorial_titles()
        try:
            result = _run(fmt, args.what, actor, store, period, out, args.include_contacts,
                          cfg, titles)
        except (OutputError, ExportError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã xuất {period.label} ({result.rows} dòng) vào “{result.path}”.")
    if result.includes_demo:
        say("Lưu ý: số liệu có DỮ LIỆU MẪU (demo); tệp đã được đánh dấu.")
    return 0


def _run(fmt: str, what: str | None, actor: Any, store: Any, period: Period, out: Path,
         include_contacts: bool, cfg: Any, titles: dict[str, str]) -> ExportResult:
    if fmt == "csv":
        return export_csv(actor, store, period, out, what=what or What.RECORDS,
                          include_contacts=include_contacts, titles=titles)
    # openpyxl and the PDF report load only when asked for: every other sub-command of
    # help-kiosk starts faster.
    if fmt == "xlsx":
        from kiosk.reports.export_xlsx import export_xlsx

        return export_xlsx(actor, store, period, out, what=what,
                           include_contacts=include_contacts, help_point=cfg.help_point_name,
                           commune=cfg.commune, titles=titles)
    from kiosk.reports.report_pdf import export_report_pdf

    return export_report_pdf(actor, store, period, out, what=what or What.SUMMARY,
                             help_point=cfg.help_point_name, commune=cfg.commune,
                             village=cfg.village, titles=titles)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some services, containers)
        return "unknown"
