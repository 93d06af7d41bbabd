"""Loading a large content library: the real tutorials copied ×7 under new ids (105 packs).

The floor reads and TOML-parses the same ``tutorial.toml`` files and stats their pictures,
without any checking: what is left is the price of validation and building the model.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

from .common import Row, median, time_ms

ID_LINE = re.compile(r'^id\s*=\s*"([^"]+)"', re.M)


def make_library(target: Path, copies: int, limit: int | None = None) -> int:
    """Copy every real tutorial (the first ``limit`` of them) ``copies`` times as
    ``<id>-c<k>``; return how many packs."""
    from kiosk.paths import resource_path

    source = resource_path("tutorials")
    target.mkdir(parents=True, exist_ok=True)
    for extra in ("categories.toml", "pronunciation.toml"):
        if (source / extra).exists():
            shutil.copy(source / extra, target / extra)
    count = 0
    for folder in sorted(p for p in source.iterdir() if p.is_dir()
                         and not p.name.startswith(("_", ".")))[:limit]:
        for k in range(1, copies + 1):
            new_id = f"{folder.name}-c{k}"
            dest = target / new_id
            shutil.copytree(folder, dest)
            toml = dest / "tutorial.toml"
            toml.write_text(ID_LINE.sub(f'id = "{new_id}"', toml.read_text(encoding="utf-8"),
                                        count=1), encoding="utf-8")
            count += 1
    return count


def parse_only(root: Path) -> None:
    for toml in root.glob("*/tutorial.toml"):
        tomllib.loads(toml.read_text(encoding="utf-8"))
        for picture in (toml.parent / "images").glob("*"):
            picture.stat()


def load(tmp: Path, copies: int, repeat: int) -> list[Row]:
    from kiosk.content.loader import load_catalogue

    root = tmp / "library"
    packs = make_library(root, copies)
    catalogue = load_catalogue([root])
    if catalogue.problems:
        raise RuntimeError(f"copied content has problems: {catalogue.problems[:3]}")
    loaded = median(time_ms(lambda: load_catalogue([root]), repeat))
    floor = median(time_ms(lambda: parse_only(root), repeat))
    return [Row(f"Load {packs} tutorials (median of {repeat})", loaded, "ms", floor,
                "TOML parse + stat only",
                note=f"{sum(len(t.steps) for t in catalogue.tutorials)} steps")]
