"""``help-kiosk``: the one entry point, above both layers (``ui/`` → ``kiosk/`` → ``db/``).

It builds the parser from :mod:`kiosk.cli` and runs staff sub-commands and the self-test
without importing Qt (``help-kiosk export …`` on a server with no display works, and starts
fast). Only two things here reach Qt, each imported when it is needed:

* the self-test's printer probe (:func:`printer_names`, Qt's printer list), passed in to
  :func:`kiosk.selftest.run`, so kiosk/ never has to load ``ui`` by name;
* the kiosk window (:func:`start_gui` → :func:`ui.app.run`).

In kiosk mode (not ``--windowed``) the window runs under the watchdog
(:mod:`kiosk.supervisor`), which restarts it if it dies; the child is the same command with
``KIOSK_SUPERVISED`` set, so it does not supervise itself again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kiosk import cli

if TYPE_CHECKING:
    import argparse  # only the type: the window's start parses without it (kiosk.cli)

SUPERVISED_ENV = "KIOSK_SUPERVISED"


def printer_names() -> list[str]:
    """The printers Qt sees (the self-test's printer check)."""
    from ui.printing import QtPrinter

    return list(QtPrinter().printer_names())


def qt_platform_name() -> str:
    """The Qt platform plugin ``QT_QPA_PLATFORM`` names: the part before its options
    (``offscreen:configfile=screens.json`` is the ``offscreen`` platform); "" when unset."""
    return os.environ.get("QT_QPA_PLATFORM", "").partition(":")[0]


def start_gui(args: argparse.Namespace) -> int:
    """Open the kiosk window; in kiosk mode, under the watchdog (not on Qt's offscreen
    platform, whatever its options: nothing there is shown or worth restarting)."""
    if not args.windowed and not os.environ.get(SUPERVISED_ENV) and \
            qt_platform_name() != "offscreen" and \
            not getattr(args, "exit_after_paint", False):
        from kiosk.supervisor import supervise

        os.environ[SUPERVISED_ENV] = "1"
        frozen = getattr(sys, "frozen", False)
        cmd = [sys.executable] + ([] if frozen else ["-m", "ui"]) + sys.argv[1:]
        return supervise(cmd)
    from ui.app import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``help-kiosk`` console script (and ``python -m ui``)."""
    return cli.main(argv, start_gui=start_gui, printer_names=printer_names)


if __name__ == "__main__":
    sys.exit(main())
