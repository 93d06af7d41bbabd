"""``python -m ui``: the same as ``help-kiosk`` (see :mod:`ui.launcher`)."""

from __future__ import annotations

import sys

from ui.launcher import main

sys.exit(main())
