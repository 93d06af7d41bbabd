"""Refresh resources/translations/*.ts from the ui/ sources with pyside6-lupdate.

Source locations are left out (`-locations none`) so that two branches adding strings do not
conflict on line numbers. Existing translations are kept; new strings appear as "unfinished"
for a translator to fill in (Qt Linguist:
``pyside6-linguist resources/translations/kiosk_en.ts``). The .qm files are built by
``scripts/build_translations.py``, never committed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"en": "en_US"}


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    tool = Path(sys.executable).with_name("pyside6-lupdate")
    for lang, qt_lang in TARGETS.items():
        ts = Path("resources") / "translations" / f"kiosk_{lang}.ts"
        subprocess.run([str(tool), *sources, "-no-obsolete", "-locations", "none",
                        "-source-language", "vi_VN", "-target-language", qt_lang,
                        "-ts", str(ts)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
