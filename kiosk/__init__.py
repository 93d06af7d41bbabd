"""Application services for the help-point kiosk ("Điểm hỗ trợ số").

Nothing in this package imports PySide6: the CLI, the tests and the GUI share every rule here.
"""

from importlib import metadata

try:
    __version__ = metadata.version("help-point-kiosk")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
