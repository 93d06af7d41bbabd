"""``help-kiosk-hub``: start the hub and run its commune officer's commands.

    help-kiosk-hub serve [--demo] [--database-url URL] [--host H] [--port P] [--data-dir DIR]
    help-kiosk-hub pair-code --commune 20194
    help-kiosk-hub revoke DEVICE_ID
    help-kiosk-hub devices

Every command takes ``--data-dir`` and ``--database-url`` (or ``HUB_DATA_DIR`` /
``HUB_DATABASE_URL``). Messages are Vietnamese; exit 0 on success, 1 on a refusal, 2 on
usage errors.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC
from pathlib import Path

from sqlalchemy import select

from hub.context import HubContext, open_hub
from hub.settings import (
    ENV_DATA_DIR,
    ENV_DATABASE_URL,
    ENV_INGEST_SLOTS,
    HubSettings,
    default_data_dir,
)
from kiosk.clock import LOCAL_TZ, SystemClock
from kiosk.errors import KioskError

log = logging.getLogger(__name__)


def _settings(args: argparse.Namespace) -> HubSettings:
    data_dir = Path(args.data_dir).expanduser().resolve() if args.data_dir else default_data_dir()
    return HubSettings(data_dir=data_dir, database_url=args.database_url or None,
                       demo=bool(getattr(args, "demo", False)),
                       host=getattr(args, "host", None) or "127.0.0.1",
                       port=getattr(args, "port", None) or 8800,
                       **({"ingest_slots": args.ingest_slots}
                          if getattr(args, "ingest_slots", None) else {}))


def _context(settings: HubSettings) -> HubContext:
    return open_hub(settings, SystemClock())


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hub.app import create_app

    settings = _settings(args)
    app = create_app(settings)
    if settings.demo:
        from hub.web.commands import demo_banner

        print(demo_banner(app.state.hub, f"http://{settings.host}:{settings.port}"))
    where = settings.resolved_database_url().split("://", 1)[0]
    print(f"Hub đang chạy tại http://{settings.host}:{settings.port} (cơ sở dữ liệu: {where}, "
          f"thư mục dữ liệu: {settings.data_dir}). Dừng: Ctrl+C.")
    workers = max(1, int(getattr(args, "workers", 1) or 1))
    if workers == 1:
        from hub.app import tune_gc

        tune_gc()
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="info",
                    proxy_headers=True, server_header=False)
        return 0
    # Several processes (one per core: one Python process uses one core at most). This one
    # has migrated, seeded and made the keys already, so the workers only open them; they
    # find the settings in the environment (hub.app.app_from_env).
    app.state.hub.keys()
    app.state.hub.engine.dispose()
    os.environ[ENV_DATA_DIR] = str(settings.data_dir)
    os.environ[ENV_DATABASE_URL] = settings.resolved_database_url()
    os.environ[ENV_INGEST_SLOTS] = str(settings.ingest_slots)
    uvicorn.run("hub.app:app_from_env", factory=True, workers=workers, host=settings.host,
                port=settings.port, log_level="info", proxy_headers=True, server_header=False)
    return 0


def cmd_pair_code(args: argparse.Namespace) -> int:
    from hub.pairing import create_code

    hub = _context(_settings(args))
    try:
        with hub.transaction() as s:
            new = create_code(s, hub.settings.data_dir, args.commune, hub.clock.now(),
                              hours=hub.settings.pair_code_hours,
                              same_team_as=args.same_team_as or "")
    finally:
        hub.engine.dispose()
    local = new.expires_at.replace(tzinfo=UTC).astimezone(LOCAL_TZ)
    print(f"Mã ghép nối cho xã/phường {new.commune_code}: {new.code}")
    if new.team_of:
        print(f"Máy dùng mã này vào cùng tổ với “{new.team_of}” (một mức hỗ trợ cho cả tổ).")
    print(f"Dùng một lần, hết hạn lúc {local:%H:%M %d/%m/%Y}. Nhập mã này trong Quản lý > "
          "Đồng bộ trên kiosk. Mã không được lưu trên hub: nếu mất, hãy tạo mã mới.")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from hub.pairing import revoke

    hub = _context(_settings(args))
    try:
        with hub.transaction() as s:
            found = revoke(s, args.device_id, hub.clock.now())
    finally:
        hub.engine.dispose()
    if not found:
        print(f"Không có thiết bị {args.device_id} trên hub này "
              "(xem danh sách: help-kiosk-hub devices).", file=sys.stderr)
        return 1
    print(f"Đã thu hồi thiết bị {args.device_id}: hub từ chối mọi dữ liệu từ thiết bị này.")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from hub.models import Device

    hub = _context(_settings(args))
    try:
        with hub.sessions() as s:
            devices = list(s.scalars(select(Device).order_by(Device.commune_code,
                                                              Device.help_point_name)))
    finally:
        hub.engine.dispose()
    if not devices:
        print("Chưa có thiết bị nào được ghép nối.")
        return 0
    for d in devices:
        state = "ĐÃ THU HỒI" if d.revoked_at else "đang hoạt động"
        seen = f"{d.last_seen_at:%Y-%m-%d %H:%M} UTC" if d.last_seen_at else "chưa đồng bộ"
        print(f"{d.device_id}  {d.commune_code}  {d.help_point_name}  [{state}]  "
              f"lần cuối: {seen}  lô số {d.last_seq}")
    return 0


def cmd_rebuild_summary(args: argparse.Namespace) -> int:
    """Count the dashboards' daily summary rows again from every record (hub.summary)."""
    from hub.summary import rebuild

    hub = _context(_settings(args))
    try:
        with hub.transaction() as s:
            rows = rebuild(s)
    finally:
        hub.engine.dispose()
    print(f"Đã tính lại bảng tổng hợp theo ngày: {rows} dòng. / "
          f"Daily summary rebuilt: {rows} rows.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from hub.exports import commune_label, export_scope, scope_for
    from hub.pairing import check_commune_code
    from kiosk.reports.export import ExportRequest
    from kiosk.reports.figures import tutorial_titles
    from kiosk.reports.periods import PeriodError, custom, parse_day

    request = ExportRequest(args.fmt or "", args.what).check()
    out: Path = args.out.expanduser()
    if out.is_dir() or not out.parent.is_dir():
        print(f"Không ghi được “{out}”: hãy ghi rõ tên tệp trong một thư mục đã có.",
              file=sys.stderr)
        return 1
    try:
        period = custom(parse_day(args.date_from), parse_day(args.date_to))
    except PeriodError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    communes = [check_commune_code(c) for c in args.commune or ()]
    hub = _context(_settings(args))
    try:
        result = export_scope(hub, period, out, request,
                              scope=scope_for(communes, args.help_point),
                              actor_name=f"hub-cli:{_os_user()}",
                              commune_label=commune_label(communes),
                              titles=tutorial_titles())
    finally:
        hub.engine.dispose()
    where = commune_label(communes) if communes else "cả thành phố"
    print(f"Đã xuất {period.label} của {where} ({result.rows} dòng) vào “{result.path}”.")
    if result.includes_demo:
        print("Lưu ý: số liệu có DỮ LIỆU MẪU (demo); tệp đã được đánh dấu.")
    return 0


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="thư mục dữ liệu của hub (khoá, SQLite mặc định)")
    common.add_argument("--database-url",
                        help="URL SQLAlchemy, ví dụ postgresql+psycopg://hub@/hub")
    parser = argparse.ArgumentParser(prog="help-kiosk-hub",
                                     description="Hub xã của Điểm hỗ trợ số")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", parents=[common], help="chạy hub (API đồng bộ và trang web)")
    p.add_argument("--demo", action="store_true", help="tài khoản và dữ liệu mẫu để dùng thử")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8800)
    p.add_argument("--workers", type=int, default=1,
                   help="số tiến trình (mặc định 1; máy chủ thật: bằng số lõi CPU)")
    p.add_argument("--ingest-slots", type=int, metavar="N",
                   help="số gói dữ liệu mỗi tiến trình ghi vào cơ sở dữ liệu cùng lúc "
                        "(mặc định: 3 × số lõi CPU; các gói khác chờ đến lượt)")
    p.set_defaults(func=cmd_serve)
    p = sub.add_parser("pair-code", parents=[common], help="tạo mã ghép nối dùng một lần")
    p.add_argument("--commune", required=True, help="mã số xã/phường, ví dụ 20194")
    p.add_argument("--same-team-as", metavar="DEVICE_ID",
                   help="máy mới làm việc cho cùng tổ với thiết bị đã ghép nối này (ví dụ "
                        "máy tính xách tay của tổ lưu động): một mức hỗ trợ cho cả tổ")
    p.set_defaults(func=cmd_pair_code)
    p = sub.add_parser("revoke", parents=[common], help="thu hồi một thiết bị")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke)
    p = sub.add_parser("devices", parents=[common], help="liệt kê thiết bị đã ghép nối")
    p.set_defaults(func=cmd_devices)
    p = sub.add_parser("rebuild-summary", parents=[common],
                       help="tính lại bảng tổng hợp theo ngày của trang tổng quan")
    p.set_defaults(func=cmd_rebuild_summary)
    p = sub.add_parser("export", parents=[common],
                       help="xuất bản ghi, tổng hợp hoặc kinh phí của một xã hoặc cả thành phố",
                       description="Xuất số liệu bằng chính mã xuất của kiosk (không có thông "
                                   "tin liên hệ).")
    p.add_argument("--commune", action="append", metavar="MÃ_XÃ",
                   help="mã số xã/phường (lặp lại cho nhiều xã); bỏ trống = cả thành phố")
    p.add_argument("--help-point", action="append", metavar="ID", dest="help_point",
                   help="chỉ điểm hỗ trợ này (help_point_id; lặp lại được)")
    p.add_argument("--from", dest="date_from", required=True, metavar="NGÀY",
                   help="từ ngày (01/03/2026 hoặc 2026-03-01), tính cả ngày này")
    p.add_argument("--to", dest="date_to", required=True, metavar="NGÀY",
                   help="đến ngày, tính cả ngày này")
    p.add_argument("--format", dest="fmt", required=True, metavar="ĐỊNH_DẠNG",
                   help="csv, xlsx hoặc pdf")
    p.add_argument("--what", metavar="NỘI_DUNG",
                   help="records, summary, allowance hoặc all (chỉ xlsx); mặc định như kiosk")
    p.add_argument("--out", required=True, type=Path, metavar="TỆP", help="tệp sẽ ghi")
    p.set_defaults(func=cmd_export)
    from hub.web.commands import register

    register(sub, common, lambda args: _context(_settings(args)))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # The server logs its requests; a one-shot command prints its result and only warnings.
    level = logging.INFO if args.command == "serve" else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KioskError as exc:
        print(str(exc), file=sys.stderr)
        return 1
