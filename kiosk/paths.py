"""Where the kiosk keeps its data and finds its bundled resources.

The data dir is per machine (all Windows accounts share it under ProgramData) so a volunteer
and the kiosk account see the same database. It can be overridden by ``--data-dir`` or the
``KIOSK_DATA_DIR`` environment variable, which every sub-command honours.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "HelpPointKiosk"
APP_AUTHOR = "ToCNSCD"
ENV_DATA_DIR = "KIOSK_DATA_DIR"
ENV_RESOURCES = "KIOSK_RESOURCES"


def default_data_dir() -> Path:
    """Machine-wide data directory (ProgramData on Windows, /var/lib-like site dir elsewhere).

    On Linux the site data dir is usually not writable for a normal user, so we fall back to
    the user data dir there; on Windows ProgramData is writable by the installer-created ACL.
    """
    import platformdirs  # only when no data dir was given (a tenth of a start-up budget)

    if sys.platform == "win32":
        return Path(platformdirs.site_data_dir(APP_NAME, APP_AUTHOR))
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data dir in force: the CLI option wins, then the environment, then the default."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def resource_root() -> Path:
    """The ``resources/`` folder, from a source tree or a PyInstaller one-folder build."""
    env = os.environ.get(ENV_RESOURCES)
    if env:
        return Path(env)
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A bundled file, e.g. ``resource_path("fonts", "NotoSans-Regular.ttf")``."""
    return resource_root().joinpath(*parts)
