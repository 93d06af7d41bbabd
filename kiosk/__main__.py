"""``python -m kiosk``: the staff sub-commands only (no window: kiosk/ never imports ui/).

``help-kiosk`` (:mod:`ui.launcher`) is the full command, including the kiosk window.
"""

from __future__ import annotations

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())
