"""The ``help-kiosk`` command line: the parser and the staff sub-commands (no Qt, no GUI).

``help-kiosk`` starts in :mod:`ui.launcher`, above both layers: it parses the command line
here (the parsers themselves live in :mod:`kiosk.cli_parser`, built only when the command line
is more than the kiosk window's usual options), runs staff sub-commands through :func:`run`
without importing Qt, and imports the GUI only to start it. ``python -m kiosk`` runs the
same staff sub-commands (for scripts and tests) but cannot start the GUI, because kiosk/
never imports ui/.

Every sub-command honours ``--data-dir`` (before or after the sub-command) and
``KIOSK_DATA_DIR``. Messages are Vietnamese first, argparse's own included; exit codes:
0 success, 1 a problem the person can fix (the message says how), 2 usage.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from kiosk import files
from kiosk.errors import CliError as CliError  # re-exported: commands raise it from here
from kiosk.errors import KioskError
from kiosk.paths import resolve_data_dir

if TYPE_CHECKING:
    import argparse

Handler = Callable[["argparse.Namespace"], int]
StartGui = Callable[["argparse.Namespace"], int]
PrinterProbe = Callable[[], list[str]]


#: The kiosk window's flags (``_add_window_options`` in :mod:`kiosk.cli_parser`), spelled out
#: whole, and the attribute each sets (``tests/unit/test_cli.py`` checks they agree).
_WINDOW_FLAGS = {"--windowed": "windowed", "--demo": "demo", "--self-test": "self_test",
                 "-v": "verbose", "--verbose": "verbose", "--exit-after-paint": "exit_after_paint"}


def _plain_window_start(argv: Sequence[str]) -> argparse.Namespace | None:
    """The namespace argparse gives for the kiosk window's usual command lines (its flags and
    ``--data-dir DIR``/``--data-dir=DIR``, each spelled out whole), read without building
    argparse's parsers (a help formatter per option, and gettext looking up the locale's
    translations, which loads ``locale``: 1 % of a bare window's start, issue #18); None for
    anything else (an abbreviation, ``-h``, ``--version``, a sub-command, a value that looks
    like an option), which the parsers read."""
    from types import SimpleNamespace

    values: dict[str, Any] = {"data_dir": None, **dict.fromkeys(_WINDOW_FLAGS.values(), False)}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _WINDOW_FLAGS:
            values[_WINDOW_FLAGS[arg]] = True
        elif arg.startswith("--data-dir="):
            values["data_dir"] = arg.split("=", 1)[1]
        elif arg == "--data-dir" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            i += 1
            values["data_dir"] = argv[i]
        else:
            return None
        i += 1
    values["command"] = None
    return cast("argparse.Namespace", SimpleNamespace(**values))


def __getattr__(name: str) -> Any:
    """The parsers' names, from :mod:`kiosk.cli_parser` (loaded on first use)."""
    if name in _PARSER_NAMES:
        from kiosk import cli_parser

        return getattr(cli_parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_PARSER_NAMES = frozenset({"command_modules", "DATA_DIR_HELP", "vietnamese", "KioskParser",
                           "build_parser", "_parse_window_start"})


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` (exits with code 2 and a Vietnamese message on a usage error)."""
    args = _plain_window_start(list(sys.argv[1:] if argv is None else argv))
    if args is None:
        from kiosk.cli_parser import _parse_window_start, build_parser

        args = _parse_window_start(argv)
    if args is None:
        args = build_parser().parse_args(argv)
    args.data_dir = resolve_data_dir(args.data_dir)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return args


def run(args: argparse.Namespace, *, start_gui: StartGui | None = None,
        printer_names: PrinterProbe | None = None) -> int:
    """Run the self-test, a staff sub-command, or (given ``start_gui``) the kiosk window.

    ``start_gui`` and ``printer_names`` come from :mod:`ui.launcher`, the layer that may
    import Qt; without them the self-test skips the printer and there is no window.
    """
    handler: Handler | None = getattr(args, "handler", None)
    # Every command and the kiosk window start here: sweep what a killed write left on a USB
    # stick or in a folder, and journal this run's outputs (kiosk.files).
    files.use_journal(args.data_dir)
    try:
        if args.self_test:
            from kiosk.selftest import run as self_test
            return self_test(args, printer_names=printer_names)
        if handler is None:
            if start_gui is None:
                raise CliError("Lệnh này không mở được cửa sổ kiosk. Hãy chạy “help-kiosk” "
                               "(không có lệnh con), hoặc xem các lệnh: help-kiosk -h")
            return start_gui(args)
        return handler(args)
    except KioskError as exc:  # CliError and every service error: one Vietnamese line
        print(f"Lỗi: {exc.user_message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def main(argv: Sequence[str] | None = None, *, start_gui: StartGui | None = None,
         printer_names: PrinterProbe | None = None) -> int:
    """Parse and run; -h, --version and usage errors exit through argparse (SystemExit)."""
    return run(parse(argv), start_gui=start_gui, printer_names=printer_names)
