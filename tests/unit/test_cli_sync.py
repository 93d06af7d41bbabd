"""``help-kiosk sync pair|unpair|now|status`` (headless pairing and sync) against a hub on a
real loopback socket (tests/fake_hub.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.store import Store
from tests.conftest import STAFF_PIN
from tests.fake_hub import GOOD_CODE, FakeHub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[FakeHub]:
    h = FakeHub(tmp_path / "hub")  # the real time, like the command's own clock
    yield h
    h.close()


def test_pair_now_status_unpair_from_the_command_line(
        data_dir: Path, store: Store, staff: object, hub: FakeHub,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    assert main(["sync", "status", "--data-dir", d]) == 0
    assert "Chưa ghép nối với hub" in capsys.readouterr().out
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["sync", "pair", hub.url, "abcd-efgh", "--data-dir", d]) == 0
    assert "Đã ghép nối với hub “Hub phường Hải Châu”" in capsys.readouterr().out
    assert main(["sync", "now", "--data-dir", d]) == 0
    assert "Đã gửi 0 mục trong 1 gói" in capsys.readouterr().out
    assert hub.payloads[-1]["status"]["printer_ok"] is None  # unknown without the GUI
    assert main(["sync", "status", "--data-dir", d]) == 0
    out = capsys.readouterr().out
    assert "Hub: Hub phường Hải Châu" in out and "Mục đang chờ gửi: 0" in out
    assert main(["sync", "unpair", "--data-dir", d]) == 0
    assert "Dữ liệu vẫn còn nguyên" in capsys.readouterr().out


def test_a_wrong_code_and_a_hub_that_is_down_are_said_plainly(
        data_dir: Path, store: Store, staff: object, hub: FakeHub,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    d = str(data_dir)
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["sync", "pair", hub.url, "WXYZ-2345", "--data-dir", d]) == 1
    assert "Mã ghép nối không đúng" in capsys.readouterr().err
    assert main(["sync", "pair", hub.url, GOOD_CODE, "--data-dir", d]) == 0
    hub.close()
    capsys.readouterr()
    assert main(["sync", "now", "--data-dir", d]) == 1
    assert "Không kết nối được tới hub" in capsys.readouterr().err
    assert main(["sync", "status", "--data-dir", d]) == 1  # the last error: exit 1
    assert "Lỗi gần nhất" in capsys.readouterr().out


def test_pairing_needs_a_staff_pin(data_dir: Path, store: Store, volunteer: object,
                                   hub: FakeHub, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import VOLUNTEER_PIN

    monkeypatch.setenv("KIOSK_STAFF_PIN", VOLUNTEER_PIN)
    assert main(["sync", "pair", hub.url, GOOD_CODE, "--data-dir", str(data_dir)]) == 1
    assert hub.requests == []
