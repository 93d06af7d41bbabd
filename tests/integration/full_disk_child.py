"""Run ``help-kiosk`` with a disk that fills up after a byte budget (outputs review, items 1, 10).

Used by ``test_output_failures.py`` as ``python full_disk_child.py BUDGET ARGS…``. Files the
kiosk writes to a temporary ``*.part`` name (every output goes through one) get ``BUDGET`` bytes
in all, then ``OSError(ENOSPC)``, the way a full USB stick behaves. Everything else (the
database, fonts) is untouched. The interpreter's own "Exception ignored" reporting stays on, so
the parent sees exactly what a staff member would.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
from typing import Any

_real_open = io.open
_left = int(sys.argv[1])


class _FullDisk:
    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: Any) -> int:
        global _left
        if len(data) > _left:
            _left = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        _left -= len(data)
        return int(self._fh.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def __iter__(self) -> Any:
        return iter(self._fh)


def _open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    fh = _real_open(file, mode, *args, **kwargs)
    if isinstance(file, (str, os.PathLike)) and str(file).endswith(".part") and (
            "w" in mode or "a" in mode):
        return _FullDisk(fh)
    return fh


io.open = _open
builtins.open = _open

from kiosk.cli import main  # noqa: E402

sys.exit(main(sys.argv[2:]))
