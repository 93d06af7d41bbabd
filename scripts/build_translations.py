"""Compile resources/translations/*.ts into .qm files beside them (setup, CI, frozen build)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.i18n import compile_ts  # noqa: E402


def main() -> int:
    failed = []
    for ts in sorted((ROOT / "resources" / "translations").glob("kiosk_*.ts")):
        if not compile_ts(ts, ts.with_suffix(".qm")):
            failed.append(ts.name)
    if failed:
        print("Không biên dịch được bản dịch: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
