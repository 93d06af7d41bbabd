"""The ``help-kiosk`` command: no sub-command starts the kiosk; sub-commands do staff tasks.

Every sub-command honours ``--data-dir`` and ``KIOSK_DATA_DIR``. Messages are Vietnamese
first; exit codes: 0 success, 1 a problem the person can fix (message says how), 2 usage.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.errors import KioskError
from kiosk.paths import resolve_data_dir

Handler = Callable[[argparse.Namespace], int]

# Modules that add sub-commands: each has ``register(subparsers) -> None`` and sets
# ``handler`` on its parsers. Listed explicitly so the command table is easy to read.
COMMAND_MODULES = (
    "kiosk.commands.content",
    "kiosk.commands.sheet",
    "kiosk.commands.places",
    "kiosk.commands.bundle",
    "kiosk.commands.records",
    "kiosk.commands.queue",
    "kiosk.commands.export",
    "kiosk.commands.demo",
    "kiosk.commands.backup",
)


class CliError(KioskError):
    """A problem to print as one Vietnamese line, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="help-kiosk",
        description="Điểm hỗ trợ số — kiosk cho Tổ Công nghệ số cộng đồng. "
                    "Không có lệnh con: mở kiosk.")
    parser.add_argument("--version", action="version", version=f"help-kiosk {__version__}")
    parser.add_argument("--data-dir", help="thư mục dữ liệu (mặc định: KIOSK_DATA_DIR hoặc "
                                           "thư mục dữ liệu của máy)")
    parser.add_argument("--windowed", action="store_true",
                        help="mở trong cửa sổ (để phát triển), không toàn màn hình")
    parser.add_argument("--demo", action="store_true",
                        help="bỏ qua màn hình cài đặt, điền cài đặt và nội dung mẫu")
    parser.add_argument("--exit-after-paint", action="store_true",
                        help="thoát (mã 0) ngay khi màn hình chính đã vẽ xong: để đo thời "
                             "gian khởi động (hyperfine, đồng hồ bấm giờ)")
    parser.add_argument("--self-test", action="store_true",
                        help="kiểm tra phông chữ, nội dung, cơ sở dữ liệu, giọng đọc, máy in")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = resolve_data_dir(args.data_dir)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if args.self_test:
            from kiosk.selftest import run as self_test
            return self_test(args)
        if handler is None:
            return _start_gui(args)
        return handler(args)
    except KioskError as exc:  # CliError and every service error: one Vietnamese line
        print(f"Lỗi: {exc.user_message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


SUPERVISED_ENV = "KIOSK_SUPERVISED"


def _start_gui(args: argparse.Namespace) -> int:
    # In kiosk mode the GUI runs under the watchdog, which restarts it if it dies; the child
    # is the same command with KIOSK_SUPERVISED set so it does not supervise itself again.
    if not args.windowed and not os.environ.get(SUPERVISED_ENV) and \
            os.environ.get("QT_QPA_PLATFORM") != "offscreen" and \
            not getattr(args, "exit_after_paint", False):
        from kiosk.supervisor import supervise

        os.environ[SUPERVISED_ENV] = "1"
        frozen = getattr(sys, "frozen", False)
        cmd = [sys.executable] + ([] if frozen else ["-m", "kiosk"]) + sys.argv[1:]
        return supervise(cmd)
    # The GUI's composition root lives in ui/ (the top layer). This late import is the one
    # deliberate hand-off from the command line to the GUI; kiosk/ never imports Qt itself.
    app = importlib.import_module("ui.app")
    result: int = app.run(args)
    return result


def data_dir_of(args: argparse.Namespace) -> Path:
    path: Path = args.data_dir
    return path
