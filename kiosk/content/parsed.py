"""The TOML of unchanged content files, kept between starts (``cache/content-toml.json``).

Parsing TOML is half of reading 1,525 tutorials (docs/benchmarks.md, session 4). A file whose
path, modification time (ns) and size are what they were last time gives the same table, so
the kiosk keeps the parsed tables in its data dir and parses only what changed. Only the
parse is kept: every table still goes through the one validator (``kiosk.content.loader``)
on every load, exactly as ``help-kiosk content check`` (which uses no cache) sees it.

The cache file is the kiosk's own but is read like anything from outside: bounded in size and
entries, checked in shape, and thrown away whole (the files are parsed again and the cache
written anew, atomically) when anything in it is wrong. Any thread; no Qt.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_FILE = ("cache", "content-toml.json")
VERSION = 1
MAX_CACHE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 20_000
_TAG = "\x00"  # no TOML file of ours has a key starting with NUL; one that does is not kept
_TYPES: dict[str, Any] = {"\x00date": date, "\x00datetime": datetime, "\x00time": time}


class _NotKept(Exception):
    """A table the JSON form cannot hold exactly (a key starting with NUL)."""


def _plain(value: Any) -> Any:
    """``value`` as JSON can hold it, TOML dates and times tagged."""
    if isinstance(value, dict):
        if any(k.startswith(_TAG) for k in value):
            raise _NotKept
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    for tag, typ in _TYPES.items():  # datetime before date: it is one
        if type(value) is typ:
            return {tag: value.isoformat()}
    return value


def _unplain(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((key, text),) = obj.items()
        typ = _TYPES.get(key)
        if typ is not None:
            if not isinstance(text, str):
                raise ValueError("bad tagged value")
            return typ.fromisoformat(text)
    return obj


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class ParsedToml:
    """Parsed tables of content files, by path, good while mtime and size are unchanged."""

    def __init__(self, file: Path | None = None, data_dir: Path | None = None) -> None:
        self.file, self.data_dir = file, data_dir
        # path -> (mtime_ns, size, the table as JSON text): each table is decoded when it is
        # asked for, in its own short call, so a reader thread never holds the interpreter
        # for the whole cache at once (the window keeps answering while content loads).
        self._old: dict[str, tuple[int, int, str]] = {}
        self._used: dict[str, tuple[int, int, str]] = {}
        self.hits = self.misses = 0

    @classmethod
    def open(cls, data_dir: Path) -> ParsedToml:
        """The cache of this data dir (empty if there is none or it is not right)."""
        cache = cls(data_dir.joinpath(*CACHE_FILE), data_dir)
        cache._old = _read(cache.file)
        return cache

    def get(self, path: Path) -> dict[str, Any] | None:
        """The table parsed from ``path`` last time, if the file has not changed since."""
        key = str(path)
        entry = self._old.get(key)
        stamp = _stamp(path)
        table = None
        if entry is not None and stamp is not None and (entry[0], entry[1]) == stamp:
            try:
                table = json.loads(entry[2], object_hook=_unplain)
            except (ValueError, RecursionError):
                log.warning("content cache entry ignored: unreadable")
        if entry is None or not isinstance(table, dict):
            self.misses += 1
            return None
        self.hits += 1
        self._used[key] = entry
        return table

    def put(self, path: Path, stamp: tuple[int, int] | None, table: dict[str, Any]) -> None:
        """Keep the table parsed from ``path`` (``stamp``: taken before it was read)."""
        if stamp is None or len(self._used) >= MAX_ENTRIES:
            return
        try:
            text = json.dumps(_plain(table), ensure_ascii=False, separators=(",", ":"))
        except (_NotKept, ValueError):
            return
        self._used[str(path)] = (stamp[0], stamp[1], text)

    def stamp(self, path: Path) -> tuple[int, int] | None:
        return _stamp(path)

    def save(self) -> None:
        """Write what this load used (files gone are forgotten); nothing if unchanged."""
        if self.file is None or (not self.misses and self._used.keys() == self._old.keys()):
            return
        if self.data_dir is None or not self.data_dir.is_dir():
            return  # a command run where there is no kiosk: make no data dir for a cache
        files = {key: list(entry) for key, entry in self._used.items()}
        from kiosk.files import write_atomic

        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.file, json.dumps({"version": VERSION, "files": files},
                                               ensure_ascii=False, separators=(",", ":")))
        except OSError as exc:  # a full disk: the next start parses again, no more
            log.warning("content cache not written: %s", exc.strerror)


def _read(file: Path | None) -> dict[str, tuple[int, int, str]]:
    if file is None:
        return {}
    try:
        if file.stat().st_size > MAX_CACHE_BYTES:
            raise ValueError("too big")
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError("other version")
        files = data.get("files")
        if not isinstance(files, dict) or len(files) > MAX_ENTRIES:
            raise ValueError("bad files")
        out: dict[str, tuple[int, int, str]] = {}
        for key, entry in files.items():
            if not (isinstance(entry, list) and len(entry) == 3
                    and all(type(x) is int for x in entry[:2])
                    and isinstance(entry[2], str)):
                raise ValueError("bad entry")
            out[key] = (entry[0], entry[1], entry[2])
        return out
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError, UnicodeDecodeError) as exc:
        log.warning("content cache ignored and rebuilt: %s", type(exc).__name__)
        return {}
