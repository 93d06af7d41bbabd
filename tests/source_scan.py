"""One way for a test to scan our own source files (layer rules, Op only, English errors).

``findings("ui", check)`` runs ``check(path)`` on every ``.py`` file under the repository's
``ui/`` and returns what it found by repository-relative path, leaving out files with no
finding, so a failing test names the file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def findings(folder: str, check: Callable[[Path], list[str]],
             skip: Callable[[str], bool] = lambda _rel: False) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in sorted((ROOT / folder).rglob("*.py")):
        rel = p.relative_to(ROOT).as_posix()
        if not skip(rel) and (what := check(p)):
            found[rel] = what
    return found
