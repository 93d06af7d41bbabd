"""The PySide6 user interface: screens, theme, printing to devices, and the GUI entry point."""

from __future__ import annotations

import sys
from types import ModuleType


def _uses_pyside(module: ModuleType) -> bool:
    """Every module counts as a PySide user with no ``__feature__`` selected (PySide's
    normal API), which is what the kiosk is everywhere: it never imports ``__feature__``."""
    return True


def no_source_scan() -> None:
    """Keep PySide6 from reading the source of every module imported after it.

    PySide6 (PYSIDE-2029, for its ``from __feature__ import snake_case`` switch) reads the
    whole source text of each newly imported module with ``inspect.getsource`` to look for
    the word "PySide6", and ``linecache`` keeps every text for the life of the process: with
    SQLAlchemy, reportlab, httpx and the rest that was about 45 MB of the kiosk's resident
    memory and 7-13 ms of its start (issue #18, docs/benchmarks.md). A bundled kiosk has no
    sources, so there it found nothing to read anyway. If a PySide6 version keeps this
    elsewhere, nothing is changed.

    Called by :mod:`ui.app` (the GUI's first Qt module), not when ``ui`` is imported: the
    staff commands go through ``ui.launcher`` and must never load Qt (``tests/unit/test_cli.py``).
    """
    try:
        import shiboken6  # noqa: F401 - sets up shibokensupport and its import hook

        feature = sys.modules["shibokensupport.feature"]
    except (ImportError, KeyError):
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside

