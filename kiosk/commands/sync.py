"""``help-kiosk sync pair|unpair|now|status|clean-text``: the hub connection without a screen.

``pair`` and ``unpair`` need a staff PIN (``KIOSK_STAFF_PIN`` or asked without echo), like
the staff panel. ``now`` pushes what is waiting and fetches a newer content pack; it needs no
PIN (it sends only what the hub is owed), so a scheduled task can run it. ``status`` says
what the staff panel says. ``clean-text`` (staff PIN) removes control characters from old
stored text the hub would refuse (:mod:`kiosk.text_cleanup`).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.auth import PermissionDenied
from kiosk.clock import to_local
from kiosk.commands.common import open_store, say, sign_in_staff
from kiosk.config import load_config
from kiosk.errors import CliError, KioskError


def register(sub: Any) -> None:
    sync = sub.add_parser("sync", help="đồng bộ với hub của xã/phường")
    ssub = sync.add_subparsers(dest="sync_command", metavar="LỆNH", required=True)
    p = ssub.add_parser("pair", help="ghép nối với hub bằng mã một lần (cần PIN cán bộ)")
    p.add_argument("url", metavar="ĐỊA_CHỈ", help="địa chỉ hub, ví dụ https://hub.xa.vn")
    p.add_argument("code", metavar="MÃ", help="mã ghép nối 8 ký tự, ví dụ ABCD-EFGH")
    p.set_defaults(handler=run_pair)
    u = ssub.add_parser("unpair", help="bỏ ghép nối với hub (cần PIN cán bộ)")
    u.set_defaults(handler=run_unpair)
    n = ssub.add_parser("now", help="gửi ngay dữ liệu đang chờ và lấy nội dung mới")
    n.set_defaults(handler=run_now)
    s = ssub.add_parser("status", help="xem tình trạng đồng bộ")
    s.set_defaults(handler=run_status)
    c = ssub.add_parser("clean-text", help="xóa ký tự ẩn (như NUL) khỏi dữ liệu cũ để gửi "
                                           "được lên hub (cần PIN cán bộ)")
    c.set_defaults(handler=run_clean_text)


def run_pair(args: argparse.Namespace) -> int:
    from kiosk.sync import outbox  # httpx loads only for the sync commands

    config, _problem = load_config(args.data_dir)
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            done = outbox.pair(actor, store, config, args.data_dir, args.url, args.code)
        except (KioskError, PermissionDenied) as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã ghép nối với hub “{done.hub_name or done.hub_url}” ({done.hub_url}).")
    say("Kiosk sẽ tự gửi dữ liệu khi có mạng; chạy “help-kiosk sync now” để gửi ngay.")
    return 0


def run_unpair(args: argparse.Namespace) -> int:
    from kiosk.sync import outbox

    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            outbox.unpair(actor, store)
        except PermissionDenied as exc:
            raise CliError(str(exc)) from exc
    say("Đã bỏ ghép nối. Dữ liệu vẫn còn nguyên trên máy này.")
    return 0


def run_now(args: argparse.Namespace) -> int:
    from kiosk.sync import outbox

    config, _problem = load_config(args.data_dir)
    with open_store(args.data_dir) as store:
        try:
            report = outbox.sync_now(store, config, args.data_dir)
        except KioskError as exc:
            raise CliError(str(exc)) from exc
    say(f"Đã gửi {report.sent} mục trong {report.batches} gói; hub thêm {report.added}, "
        f"cập nhật {report.updated}, bỏ qua {report.skipped} (đã có).")
    if report.waiting:
        say(f"Còn {report.waiting} mục chờ gửi: chạy lại lệnh này.")
    if report.pack_version:
        say(f"Đã nhận nội dung mới, phiên bản {report.pack_version}: dùng từ lần mở kiosk tới.")
    if report.pack_problem:
        say(report.pack_problem)
    return 0


def run_clean_text(args: argparse.Namespace) -> int:
    from kiosk.sync import outbox

    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        try:
            cleaned = outbox.clean_text(actor, store)
        except PermissionDenied as exc:
            raise CliError(str(exc)) from exc
    if not cleaned:
        say("Không có dữ liệu nào chứa ký tự ẩn.")
        return 0
    say(f"Đã xóa ký tự ẩn ở {len(cleaned)} mục (chữ nhìn thấy được giữ nguyên):")
    for line in cleaned:
        say(f"  - {line}")
    say("Chạy “help-kiosk sync now” để gửi lên hub.")
    return 0


def _when(value: Any) -> str:
    return to_local(value).strftime("%H:%M %d/%m/%Y") if value else "chưa lần nào"


def run_status(args: argparse.Namespace) -> int:
    from kiosk.sync import outbox

    with open_store(args.data_dir) as store:
        st = outbox.status(store)
    if st.pairing is None:
        say("Chưa ghép nối với hub. Dùng: help-kiosk sync pair ĐỊA_CHỈ MÃ")
    else:
        say(f"Hub: {st.pairing.hub_name or '(không tên)'} — {st.pairing.hub_url}")
    say(f"Lần đồng bộ thành công gần nhất: {_when(st.last_ok)}")
    say(f"Mục đang chờ gửi: {st.waiting}")
    say(f"Nội dung: {st.content_version or 'đi kèm phần mềm'}")
    if st.last_error_message:
        say(f"Lỗi gần nhất ({_when(st.last_error_at)}): {st.last_error_message}")
    if st.content_problem:
        say(f"Gói nội dung bị từ chối: {st.content_problem}")
    return 1 if st.last_error_code else 0
