"""The TOML of unchanged content files kept between starts (kiosk.content.parsed): the same
catalogue as a fresh read, a changed file read again, a wrong cache thrown away and rebuilt,
and what comes from the cache still checked by the one validator."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kiosk.content.loader import load_catalogue
from kiosk.content.packs import load_content
from kiosk.content.parsed import CACHE_FILE, MAX_CACHE_BYTES, ParsedToml
from tests.conftest import SAMPLE_CONTENT


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, root)
    return root


def cache_file(data_dir: Path) -> Path:
    return data_dir.joinpath(*CACHE_FILE)


def test_a_second_read_parses_nothing_and_gives_the_same_catalogue(
        data_dir: Path, content: Path) -> None:
    first = load_content(data_dir, [content])
    assert cache_file(data_dir).is_file()
    parsed = ParsedToml.open(data_dir)
    again = load_catalogue([content], parsed=parsed)
    assert parsed.misses == 0 and parsed.hits >= len(first.tutorials) > 0
    assert again == load_catalogue([content])  # exactly what a fresh read gives
    assert again.tutorials[0].last_reviewed == first.tutorials[0].last_reviewed  # a date


def test_a_changed_file_is_read_again(data_dir: Path, content: Path) -> None:
    load_content(data_dir, [content])
    toml = next(content.glob("*/tutorial.toml"))
    text = toml.read_text(encoding="utf-8")
    old = load_catalogue([content]).by_id(toml.parent.name)
    assert old is not None
    toml.write_text(text.replace(old.title.get("vi"), "Tên đã sửa", 1), encoding="utf-8")
    stat = toml.stat()
    os.utime(toml, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fixed = load_content(data_dir, [content]).by_id(toml.parent.name)
    assert fixed is not None and fixed.title.get("vi") == "Tên đã sửa"


@pytest.mark.parametrize("wrong", [
    b"", b"{", b"\xff\xfe", b"[]", b'{"version": 99, "files": {}}',
    b'{"version": 1, "files": {"x": [1, 2]}}', b'{"version": 1, "files": {"x": ["1", 2, {}]}}',
    b'{"version": 1, "files": {"x": [1, 2, {"d": {"\\u0000date": 5}}]}}',
    b'{"version": 1, "files": {"x": [1, 2, {"d": {"\\u0000date": "not a date"}}]}}',
])
def test_a_wrong_cache_is_thrown_away_and_rebuilt(data_dir: Path, content: Path,
                                                  wrong: bytes) -> None:
    fresh = load_catalogue([content])
    cache_file(data_dir).parent.mkdir(parents=True, exist_ok=True)
    cache_file(data_dir).write_bytes(wrong)
    assert load_content(data_dir, [content]) == fresh
    rebuilt = json.loads(cache_file(data_dir).read_text(encoding="utf-8"))
    assert rebuilt["version"] == 1 and len(rebuilt["files"]) >= len(fresh.tutorials)


def test_a_cache_too_big_is_not_read(data_dir: Path, content: Path) -> None:
    cache_file(data_dir).parent.mkdir(parents=True, exist_ok=True)
    with cache_file(data_dir).open("wb") as f:
        f.truncate(MAX_CACHE_BYTES + 1)
    assert load_content(data_dir, [content]) == load_catalogue([content])
    assert cache_file(data_dir).stat().st_size < MAX_CACHE_BYTES


def test_what_comes_from_the_cache_is_still_checked(data_dir: Path, content: Path) -> None:
    """A cache that says something else than the file (edited by hand, a bug) cannot slip a
    broken tutorial past the validator: the table is checked as if just parsed."""
    load_content(data_dir, [content])
    data = json.loads(cache_file(data_dir).read_text(encoding="utf-8"))
    key = next(k for k in data["files"] if k.endswith("tutorial.toml"))
    table = json.loads(data["files"][key][2])
    data["files"][key][2] = json.dumps({**table, "minutes": 999})
    cache_file(data_dir).write_text(json.dumps(data), encoding="utf-8")
    cat = load_content(data_dir, [content])
    assert any("số phút" in p.message for p in cat.problems)
    assert cat.by_id(Path(key).parent.name) is None


@pytest.mark.parametrize("entry", ["{", "[1, 2]", '{"d": {"\u0000date": "not a date"}}'])
def test_an_unreadable_entry_is_parsed_from_the_file_again(data_dir: Path, content: Path,
                                                           entry: str) -> None:
    load_content(data_dir, [content])
    data = json.loads(cache_file(data_dir).read_text(encoding="utf-8"))
    key = next(k for k in data["files"] if k.endswith("tutorial.toml"))
    data["files"][key][2] = entry
    cache_file(data_dir).write_text(json.dumps(data), encoding="utf-8")
    assert load_content(data_dir, [content]) == load_catalogue([content])


def test_no_data_dir_is_made_for_the_cache(tmp_path: Path, content: Path) -> None:
    """``help-kiosk sheet`` on a machine with no kiosk: the content is read, nothing made."""
    missing = tmp_path / "no-kiosk-here"
    assert load_content(missing, [content]) == load_catalogue([content])
    assert not missing.exists()
