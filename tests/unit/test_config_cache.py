"""The kiosk window's parsed-settings cache (``cache/config.json``, issue #18 item 1): used
only for exactly the text it was parsed from, whole (checksum), and every value checked again;
anything else is ignored and ``config.toml`` parsed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import kiosk.config as config
from kiosk.config import CONFIG_FILE, PARSED_CACHE, defaults, keep_parsed, load_config, save_config


@pytest.fixture
def kept(data_dir: Path) -> Path:
    """A data dir whose window start has parsed and kept its settings."""
    save_config(data_dir, defaults().replace(help_point_name="Thôn Tà Lang", desk_count=3))
    load_config(data_dir, use_cache=True)
    keep_parsed(data_dir)
    assert (data_dir / PARSED_CACHE).is_file()
    return data_dir


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = config._parse

    def parse(text: str) -> dict:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(config, "_parse", parse)
    return parsed


def test_the_next_start_reads_the_same_settings_without_parsing(
        kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = _no_parsing(monkeypatch)
    cfg, problem = load_config(kept, use_cache=True)
    assert problem is None and parsed == []
    assert cfg.values == load_config(kept)[0].values
    assert cfg.help_point_name == "Thôn Tà Lang" and cfg.desk_count == 3


def test_an_edited_file_is_parsed_again(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = kept / CONFIG_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("desk_count = 3", "desk_count = 4"),
                    encoding="utf-8")  # same size, maybe the same second
    parsed = _no_parsing(monkeypatch)
    cfg, _problem = load_config(kept, use_cache=True)
    assert cfg.desk_count == 4 and len(parsed) == 1
    keep_parsed(kept)
    assert load_config(kept, use_cache=True)[0].desk_count == 4
    assert len(parsed) == 1  # kept again, for the new text


@pytest.mark.parametrize("damage", [
    lambda t: t[: len(t) // 2],                       # cut short by a power cut
    lambda t: "",                                     # empty
    lambda t: "\x00" * 40,                            # garbage
    lambda t: "[]",                                   # not a table
    lambda t: t.replace('"desk_count": 3', '"desk_count": 7'),  # a changed value (checksum)
    lambda t: t.replace('"crc32":', '"crc":'),        # no checksum
])
def test_a_damaged_cache_is_ignored(kept: Path, monkeypatch: pytest.MonkeyPatch,
                                    damage) -> None:
    cache = kept / PARSED_CACHE
    cache.write_text(damage(cache.read_text(encoding="utf-8")), encoding="utf-8")
    parsed = _no_parsing(monkeypatch)
    cfg, problem = load_config(kept, use_cache=True)
    assert problem is None and len(parsed) == 1
    assert cfg.desk_count == 3


def test_a_cached_value_is_checked_like_one_from_the_file(kept: Path) -> None:
    """Never trusted: a well-formed cache with a value no file may hold is refused by the
    same check, naming the field."""
    cache = kept / PARSED_CACHE
    kept_json = json.loads(cache.read_text(encoding="utf-8"))
    kept_json["parsed"]["desk_count"] = 0
    kept_json["crc32"] = config._checksum(kept_json["parsed"])
    cache.write_text(json.dumps(kept_json), encoding="utf-8")
    cfg, problem = load_config(kept, use_cache=True)
    assert problem is not None and "desk_count" in problem.message
    assert cfg.desk_count == defaults().desk_count


def test_only_the_window_start_uses_or_writes_the_cache(data_dir: Path) -> None:
    save_config(data_dir, defaults().replace(desk_count=2))
    load_config(data_dir)
    keep_parsed(data_dir)  # nothing pending: a command's load_config keeps nothing
    assert not (data_dir / PARSED_CACHE).exists()


def test_values_json_cannot_give_back_exactly_are_not_kept(data_dir: Path) -> None:
    (data_dir / CONFIG_FILE).write_text("desk_count = 2\nwhen = 2026-12-06\n", encoding="utf-8")
    _cfg, problem = load_config(data_dir, use_cache=True)
    assert problem is not None  # "when" is no setting; the rest is kept
    keep_parsed(data_dir)
    assert not (data_dir / PARSED_CACHE).exists()


def test_a_corrupt_file_is_still_kept_as_bad_with_a_cache_beside_it(kept: Path) -> None:
    (kept / CONFIG_FILE).write_text("desk_count = = 3\n", encoding="utf-8")
    cfg, problem = load_config(kept, use_cache=True)
    assert problem is not None and problem.kept_as is not None
    assert cfg.desk_count == defaults().desk_count


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_cache_is_as_private_as_the_settings_file(kept: Path) -> None:
    """It holds config.toml's whole text, which is written 0600 (kiosk.files.PRIVATE_MODE):
    the copy must not be more readable than the file, whatever the umask."""
    from kiosk.files import PRIVATE_MODE

    old = os.umask(0o022)
    try:
        (kept / PARSED_CACHE).unlink()
        load_config(kept, use_cache=True)
        keep_parsed(kept)
    finally:
        os.umask(old)
    assert (kept / PARSED_CACHE).stat().st_mode & 0o777 == PRIVATE_MODE
    assert (kept / CONFIG_FILE).stat().st_mode & 0o777 == PRIVATE_MODE
