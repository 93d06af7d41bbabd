"""The ``help-kiosk`` parsers (argparse): the full one with every staff sub-command, and the
kiosk window's own (no sub-commands). Imported by :mod:`kiosk.cli` only when a command line
is more than the window's usual options (``kiosk.cli._plain_window_start``): building these
parsers is not on the way to the kiosk window's first paint (issue #18).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import kiosk

if TYPE_CHECKING:
    from types import ModuleType


def command_modules() -> tuple[ModuleType, ...]:
    """The modules that add sub-commands, in the order ``help-kiosk -h`` lists them: each has
    ``register(subparsers) -> None`` and sets ``handler`` on its parsers.

    Imported only when the command line is more than the kiosk window's own options
    (:func:`parse`): between them they load SQLAlchemy, the models, the reports and the
    content loader, 800 modules that the window's start must not wait for (issue #18).
    Plain import statements, so PyInstaller follows them.
    """
    from kiosk.commands import (
        backup,
        bundle,
        content,
        demo,
        export,
        identity,
        members,
        places,
        queue,
        records,
        sheet,
        sync,
        visits,
    )

    return (content, sheet, places, bundle, records, members, queue, export, demo, backup,
            sync, identity, visits)

DATA_DIR_HELP = "thư mục dữ liệu (mặc định: KIOSK_DATA_DIR hoặc thư mục dữ liệu của máy)"

# argparse's own English messages, in Vietnamese (Python 3.11-3.13 wording).
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu tham số: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số: \1"),
    (r"argument (.+?): invalid choice: (.*?) \(choose from (.*)\)",
     r"tham số \1: không có lựa chọn \2 (chọn một trong: \3)"),
    (r"argument (.+?): expected one argument", r"tham số \1: cần một giá trị"),
    (r"argument (.+?): expected at least one argument", r"tham số \1: cần ít nhất một giá trị"),
    (r"argument (.+?): ignored explicit argument (.*)", r"tham số \1: không nhận giá trị \2"),
    (r"argument (.+?): not allowed with argument (.*)",
     r"tham số \1: không dùng cùng với \2"),
    (r"argument (.+?): invalid \w+ value: (.*)", r"tham số \1: giá trị \2 không hợp lệ"),
    (r"argument (.+?): (.*)", r"tham số \1: \2"),
)
_HEADINGS = (("usage: ", "Cách dùng: "), ("\noptions:\n", "\nTùy chọn:\n"),
             ("\npositional arguments:\n", "\nTham số:\n"))


def vietnamese(message: str) -> str:
    """argparse's English error ``message`` in Vietnamese (unknown ones are left as they are)."""
    for pattern, replacement in _MESSAGES:
        if re.fullmatch(pattern, message, flags=re.DOTALL):
            return re.sub(pattern, replacement, message, flags=re.DOTALL)
    return message


class KioskParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Vietnamese and takes ``--data-dir`` on every sub-command.

    Sub-parsers are built with the parser's own class, so nested sub-commands
    (``records export``) get the same behaviour. A sub-command's ``--data-dir`` has no default,
    so it only overrides the top-level one when it is given.
    """

    def __init__(self, *args: Any, top: bool = False, **kwargs: Any) -> None:
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="xem hướng dẫn này rồi thoát")
        self.add_argument("--data-dir", metavar="THƯ_MỤC", help=DATA_DIR_HELP,
                          default=None if top else argparse.SUPPRESS)

    def format_usage(self) -> str:
        return _headings(super().format_usage())

    def format_help(self) -> str:
        return _headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {vietnamese(message)}\n")


def _headings(text: str) -> str:
    for english, vi in _HEADINGS:
        text = text.replace(english, vi)
    return text


class _VersionAction(argparse.Action):
    """``--version``: the installed version is looked up only when asked for (it costs a
    tenth of the kiosk's start-up budget, issue #18)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        # On stdout, as argparse's own version action prints it (``exit(message=)`` would
        # write it to stderr, where a script reading the version finds nothing).
        sys.stdout.write(f"help-kiosk {kiosk.__version__}\n")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = KioskParser(
        prog="help-kiosk", top=True,
        description="Điểm hỗ trợ số — kiosk cho Tổ Công nghệ số cộng đồng. "
                    "Không có lệnh con: mở kiosk.")
    _add_window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", title="Lệnh")
    for module in command_modules():
        module.register(sub)
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The top-level options besides ``-h`` and ``--data-dir``: the kiosk window's own."""
    parser.add_argument("--version", action=_VersionAction, help="xem phiên bản rồi thoát")
    parser.add_argument("--windowed", action="store_true",
                        help="mở trong cửa sổ (để phát triển), không toàn màn hình")
    parser.add_argument("--demo", action="store_true",
                        help="bỏ qua màn hình cài đặt, điền cài đặt và nội dung mẫu")
    parser.add_argument("--self-test", action="store_true",
                        help="kiểm tra phông chữ, nội dung, cơ sở dữ liệu, giọng đọc, máy in")
    parser.add_argument("-v", "--verbose", action="store_true", help="ghi nhật ký chi tiết")
    parser.add_argument("--exit-after-paint", action="store_true",
                        help="thoát (mã 0) ngay khi màn hình chính đã vẽ xong: để đo thời "
                             "gian khởi động (hyperfine, đồng hồ bấm giờ)")


class _NotTheWindow(Exception):
    """The command line is not the kiosk window's alone: parse it with every sub-command."""


class _WindowParser(argparse.ArgumentParser):
    """Only the kiosk window's options (no ``-h``, no sub-commands), so that starting the
    kiosk imports none of the commands' modules. Anything it does not know, or an error,
    sends the command line to the full parser, which says what is wrong."""

    def __init__(self) -> None:
        super().__init__(prog="help-kiosk", add_help=False)
        self.add_argument("--data-dir", default=None)
        _add_window_options(self)

    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def _parse_window_start(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The namespace the full parser would give when ``argv`` names no sub-command and no
    ``-h``; None when it does (or is wrong), for the full parser to handle."""
    try:
        args, rest = _WindowParser().parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args
