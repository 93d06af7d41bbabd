"""``help-kiosk queue services`` and ``help-kiosk queue test-ticket --out FILE.pdf``.

Staff use these to see which services the ticket screen offers and to check the ticket layout
(or a receipt printer, by printing the PDF) without taking a real number from the queue.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.commands.common import connect, say
from kiosk.config import load_config
from kiosk.errors import CliError
from kiosk.files import OutputError
from kiosk.queue import QueueError, QueueService
from kiosk.store import Store
from kiosk.tickets import WIDTHS_MM, render_ticket, sample_ticket


def register(sub: Any) -> None:
    queue = sub.add_parser("queue", help="dịch vụ xếp hàng và phiếu số")
    qsub = queue.add_subparsers(dest="queue_command", metavar="LỆNH", required=True)
    services = qsub.add_parser("services", help="liệt kê các dịch vụ của hàng chờ")
    services.set_defaults(handler=run_services)
    test = qsub.add_parser("test-ticket", help="tạo một phiếu số in thử (tệp PDF), "
                                               "không lấy số thật")
    test.add_argument("--out", required=True, type=Path, help="tệp PDF sẽ tạo")
    test.add_argument("--width", type=int, choices=WIDTHS_MM,
                      help="khổ giấy (mm); mặc định theo cài đặt")
    test.add_argument("--service", help="mã dịch vụ (mặc định: dịch vụ đầu tiên)")
    test.add_argument("--lang", choices=("vi", "en"), help="ngôn ngữ; mặc định theo cài đặt")
    test.set_defaults(handler=run_test_ticket)


def _open(args: argparse.Namespace) -> tuple[Store, QueueService, Any]:
    cfg, problem = load_config(args.data_dir)
    if problem is not None:
        sys.stderr.write(f"Cảnh báo: {problem.message}\n")
    store = connect(args.data_dir, create=True)
    try:
        return store, QueueService(store, desk_count=cfg.desk_count,
                                   priority_every=cfg.priority_every), cfg
    except QueueError as exc:
        store.close()
        raise CliError(str(exc)) from exc


def run_services(args: argparse.Namespace) -> int:
    store, queue, cfg = _open(args)
    try:
        services = queue.services(include_disabled=True)
    finally:
        store.close()
    say(f"Các dịch vụ của hàng chờ ({len(services)}), điểm có {cfg.desk_count} bàn:")
    for svc in services:
        state = "đang dùng" if svc.enabled else "TẠM NGỪNG"
        desks = ", ".join(map(str, svc.desks)) if svc.desks else "mọi bàn"
        say(f"{svc.prefix}  {svc.code:<10} {svc.name_vi} ({svc.name_en}) — {state}")
        say(f"   bàn: {desks}; khoảng {svc.avg_minutes} phút/người; "
             f"trang chính thức: {svc.official_url or '(không có)'}")
        say(f"   bài hướng dẫn: {', '.join(svc.tutorials) or '(không có)'}")
    return 0


def run_test_ticket(args: argparse.Namespace) -> int:
    store, queue, cfg = _open(args)
    try:
        services = queue.services(include_disabled=True)
        now = store.clock.now()
    finally:
        store.close()
    if args.service:
        chosen = [s for s in services if s.code == args.service]
        if not chosen:
            codes = ", ".join(s.code for s in services)
            raise CliError(f"Không có dịch vụ “{args.service}”. Các mã có: {codes}.")
        service = chosen[0]
    else:
        enabled = [s for s in services if s.enabled] or services
        service = enabled[0]
    from kiosk.bring import bring_items
    from kiosk.commands.sheet import _catalogue

    catalogue, _place = _catalogue(args.data_dir)
    try:
        path = render_ticket(sample_ticket(service, now, bring_items(service, catalogue.by_id)),
                             args.out,
                             width_mm=args.width or cfg.ticket_width_mm,
                             help_point_name=cfg.help_point_name,
                             lang=args.lang or cfg.language, test_print=True)
    except OutputError as exc:
        raise CliError(str(exc)) from exc
    say(f"Đã tạo phiếu in thử: {path}")
    return 0
