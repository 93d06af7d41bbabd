"""Application services for the help-point kiosk ("Điểm hỗ trợ số").

Nothing in this package imports PySide6: the CLI, the tests and the GUI share every rule here.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # ``kiosk.__version__`` is looked up when asked for, not at import: importlib.metadata
    # costs about 30 ms, a tenth of the kiosk's start-up budget (issue #18).
    if name == "__version__":
        from importlib import metadata

        try:
            version = metadata.version("help-point-kiosk")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            version = "0.0.0"
        globals()["__version__"] = version
        return version
    raise AttributeError(f"module 'kiosk' has no attribute {name!r}")
