"""``help-kiosk backup`` and ``help-kiosk restore FILE``: copies of the database, and going back.

``backup`` makes a checked copy now (staff PIN: the copy holds personal data), into the data
dir's ``backups/`` or ``--to DIR`` (e.g. a USB drive). ``backup --daily`` is the automatic
daily backup with rotation; it needs no PIN so a scheduled task can run it, and writes only
into the data dir and the configured second folder. ``backup --list`` shows the backups.

``restore FILE`` needs a staff PIN and the kiosk closed. It checks FILE first (a damaged file
is refused), keeps the current database as ``pre-restore-….sqlite3``, asks before going on
(unless ``--yes``), and says where everything went. When the current database is too damaged
to open, the PIN is checked against the staff list inside FILE instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from db.engine import DatabaseUnavailable
from kiosk import audit
from kiosk.auth import Actor, AuthError, PermissionDenied
from kiosk.backup import (
    BackupError,
    backup_now,
    backups_dir,
    check_restorable,
    integrity_ok,
    list_backups,
    restore_backup,
    run_daily_backup,
    staff_from_backup,
)
from kiosk.clock import SystemClock
from kiosk.commands.common import open_store, read_staff_pin, say, sign_in_staff
from kiosk.config import load_config
from kiosk.errors import CliError

CONFIRM_WORDS = ("co", "có", "yes", "y")


def register(sub: Any) -> None:
    bk = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu (cần mã PIN cán bộ)")
    mode = bk.add_mutually_exclusive_group()
    mode.add_argument("--to", type=Path, metavar="THƯ_MỤC",
                      help="thư mục sẽ ghi bản sao lưu (mặc định: thư mục backups trong "
                           "thư mục dữ liệu), ví dụ USB")
    mode.add_argument("--daily", action="store_true",
                      help="sao lưu hằng ngày có xoay vòng (không cần mã PIN; dùng cho "
                           "lịch chạy tự động)")
    mode.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    bk.set_defaults(handler=run_backup)
    rs = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một bản sao lưu "
                                        "(cần mã PIN cán bộ, kiosk phải đóng)")
    rs.add_argument("file", type=Path, metavar="TỆP", help="tệp sao lưu (.sqlite3)")
    rs.add_argument("--yes", action="store_true", help="không hỏi lại để xác nhận")
    rs.set_defaults(handler=run_restore)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def run_backup(args: argparse.Namespace) -> int:
    if args.list:
        return _list(args.data_dir)
    if args.daily:
        return _daily(args.data_dir)
    clock = SystemClock()
    with open_store(args.data_dir) as store:
        actor = sign_in_staff(store)
        dest = args.to.expanduser().resolve() if args.to else backups_dir(args.data_dir)
        if args.to and not dest.is_dir():
            raise CliError(f"Không có thư mục “{dest}”. Hãy cắm USB hoặc chọn thư mục khác.")
        try:
            info = backup_now(store, dest, clock)
        except BackupError as exc:
            raise CliError(str(exc)) from exc
        with store.write() as s:
            audit.record(s, store, actor.audit_name, "backup.manual", path=str(info.path))
    say(f"Đã sao lưu ({_mb(info.size)}) vào “{info.path}”.")
    say("Bản sao lưu có thông tin cá nhân: hãy giữ cẩn thận, không đưa cho người ngoài.")
    return 0


def _daily(data_dir: Path) -> int:
    cfg, problem = load_config(data_dir)
    if problem is not None:
        sys.stderr.write(f"Cảnh báo: {problem.message}\n")
    with open_store(data_dir) as store:
        try:
            result = run_daily_backup(store, data_dir, store.clock, cfg.backup_dir or None)
        except BackupError as exc:
            raise CliError(str(exc)) from exc
    if result.made:
        say(f"Đã sao lưu hôm nay vào “{result.path}”.")
    else:
        say(f"Hôm nay đã có bản sao lưu “{result.path}”; không làm lại.")
    if result.second_path is not None:
        say(f"Bản sao thứ hai: “{result.second_path}”.")
    if result.second_problem:
        say(f"Lưu ý: {result.second_problem}")
    if result.removed:
        say(f"Đã xóa {len(result.removed)} bản sao lưu cũ (giữ 14 ngày gần nhất và "
            "1 bản mỗi tháng trong 12 tháng).")
    return 0


def _list(data_dir: Path) -> int:
    cfg, _problem = load_config(data_dir)
    extra = [Path(cfg.backup_dir)] if cfg.backup_dir else []
    backups = list_backups(data_dir, extra)
    if not backups:
        say("Chưa có bản sao lưu nào. Hãy chạy: help-kiosk backup")
        return 0
    for info in backups:
        state = "tốt" if integrity_ok(info.path, full=False) else "HỎNG"
        say(f"{info.label}  {_mb(info.size):>9}  {state:4}  {info.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    # Imported here so that every other sub-command works even where the lock library is
    # missing from an old install.
    from kiosk.instance import acquire, running_pid

    data_dir: Path = args.data_dir
    source = args.file.expanduser().resolve()
    if not data_dir.is_dir():
        raise CliError(f"Không có thư mục dữ liệu “{data_dir}”. Hãy kiểm tra --data-dir.")
    handle = acquire(data_dir)
    if handle is None:
        pid = running_pid(data_dir)
        who = f" (mã tiến trình {pid})" if pid else ""
        raise CliError(f"Kiosk đang chạy{who}. Hãy thoát kiosk (màn hình cán bộ → Thoát) rồi "
                       "chạy lại lệnh khôi phục.")
    try:
        try:
            info = check_restorable(source)
        except BackupError as exc:
            raise CliError(str(exc)) from exc
        actor = _sign_in_for_restore(data_dir, source)
        say(f"Sẽ khôi phục từ “{source}” (lưu lúc {info.label}, {_mb(info.size)}).")
        say("Dữ liệu hiện tại sẽ được giữ lại trong thư mục backups trước khi thay.")
        if not args.yes and not _confirm():
            say("Đã hủy, không thay đổi gì.")
            return 1
        cfg, _problem = load_config(data_dir)
        try:
            result = restore_backup(actor, data_dir, source, SystemClock(),
                                    retention_days=int(cfg.contact_retention_days))
        except (BackupError, PermissionDenied, DatabaseUnavailable) as exc:
            raise CliError(str(exc)) from exc
    finally:
        handle.release()
    if result.previous_saved_as is not None:
        say(f"Dữ liệu cũ đã được giữ tại “{result.previous_saved_as}”.")
    say(f"Đã khôi phục cơ sở dữ liệu từ “{result.restored_from}”. Có thể mở lại kiosk.")
    return 0


def _sign_in_for_restore(data_dir: Path, source: Path) -> Actor:
    try:
        with open_store(data_dir) as store:
            return sign_in_staff(store)
    except CliError as exc:
        if not isinstance(exc.__cause__, DatabaseUnavailable):
            raise
    say("Cơ sở dữ liệu hiện tại bị hỏng, không mở được. Hãy nhập mã PIN cán bộ có trong bản "
        "sao lưu sẽ khôi phục.")
    pin = read_staff_pin()
    try:
        return staff_from_backup(source, pin, data_dir=data_dir)
    except (AuthError, PermissionDenied, BackupError, DatabaseUnavailable) as exc:
        raise CliError(str(exc)) from exc




def _confirm() -> bool:
    sys.stdout.write("Gõ “co” rồi Enter để khôi phục (Enter để hủy): ")
    sys.stdout.flush()
    try:
        answer = input()
    except (EOFError, OSError) as exc:
        raise CliError("Không hỏi được để xác nhận. Hãy chạy lại với --yes nếu chắc chắn.") \
            from exc
    return answer.strip().casefold() in CONFIRM_WORDS

