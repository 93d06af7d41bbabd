"""The journal of in-progress outputs (issue #16 item 6): a temp file outside the data dir is
known before data goes into it, so the next start can remove it after a kill."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import files
from kiosk.backup import copy_database
from kiosk.store import Store


def test_an_output_being_written_is_in_the_journal_until_it_is_in_place(tmp_path: Path) -> None:
    data, usb = tmp_path / "data", tmp_path / "usb"
    data.mkdir()
    usb.mkdir()
    files.use_journal(data)
    with files.atomic_output(usb / "ban-ghi.csv") as tmp:
        tmp.write_text("Nguyễn Thị Hoa;0905123456", encoding="utf-8")
        (entry,) = (data / files.JOURNAL_DIR).glob("*.json")
        assert Path(json.loads(entry.read_text(encoding="utf-8"))["temp"]) == tmp.absolute()
        # A sweep by another start while this writer is alive leaves its file alone.
        assert files.sweep_journal() == []
        assert tmp.exists()
    assert list((data / files.JOURNAL_DIR).glob("*.json")) == []
    assert [p.name for p in usb.iterdir()] == ["ban-ghi.csv"]


def _dead_entry(data: Path, temp: Path) -> None:
    """What a SIGKILL between journaling and renaming leaves (the lock died with it)."""
    journal = data / files.JOURNAL_DIR
    journal.mkdir(parents=True, exist_ok=True)
    (journal / "dead.json").write_text(json.dumps({"temp": str(temp)}), encoding="utf-8")


def test_the_next_start_removes_a_killed_writers_temp_file_on_the_stick(tmp_path: Path) -> None:
    data, usb = tmp_path / "data", tmp_path / "usb"
    data.mkdir()
    usb.mkdir()
    temp = usb / ".goi.zip.1a2b3c4d.part"
    temp.write_bytes(b"0905123456")
    side = usb / ".goi.zip.1a2b3c4d.part-journal"
    side.write_bytes(b"x")
    keep = usb / "anh-gia-dinh.jpg"  # never ours: never touched
    keep.write_bytes(b"photo")
    _dead_entry(data, temp)
    (data / files.JOURNAL_DIR / "killed-early.lock").touch()  # no entry written yet
    assert sorted(files.use_journal(data)) == sorted([temp, side])
    assert [p.name for p in usb.iterdir()] == ["anh-gia-dinh.jpg"]
    assert list((data / files.JOURNAL_DIR).iterdir()) == []


def test_an_unplugged_stick_keeps_its_entry_for_later(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    temp = tmp_path / "usb" / ".goi.zip.1a2b3c4d.part"
    _dead_entry(data, temp)
    assert files.use_journal(data) == []
    assert len(list((data / files.JOURNAL_DIR).glob("*.json"))) == 1  # swept once it is back
    temp.parent.mkdir()
    temp.write_bytes(b"0905123456")
    assert files.sweep_journal() == [temp]


def test_a_backup_copy_is_journaled_too(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    Store.open(data).close()
    files.use_journal(data)
    seen: list[Path] = []
    real = files._journal_add

    def spy(tmp: Path) -> tuple[object, object]:
        seen.append(tmp)
        return real(tmp)

    monkeypatch.setattr(files, "_journal_add", spy)
    copy_database(data / "kiosk.sqlite3", tmp_path / "usb" / "manual.sqlite3")
    assert len(seen) == 1 and files.is_partial(seen[0])
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["manual.sqlite3"]
