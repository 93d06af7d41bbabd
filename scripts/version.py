"""Print the project's version from pyproject.toml: the one source of the version.

The Windows installer build passes it to Inno Setup (``iscc /DAppVersion=...``); the
PyInstaller spec reads the same field for the bundle's metadata.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def project_version(pyproject: Path = PYPROJECT) -> str:
    with pyproject.open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def main() -> int:
    try:
        print(project_version())
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        print(f"Không đọc được phiên bản từ {PYPROJECT}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
