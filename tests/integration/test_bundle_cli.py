"""``help-kiosk bundle …`` and ``help-kiosk records …`` as a staff member runs them.

Exit codes are checked in real subprocesses (one command each, a couple of seconds apiece);
multi-step flows call ``kiosk.cli.main`` in-process to keep the suite fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.models import Service
from kiosk.assistance import AssistanceDraft, AssistanceService
from kiosk.auth import AuthService, Role
from kiosk.bundles import BundleService
from kiosk.cli import main
from kiosk.privacy import CONTACT_PURPOSE_VI
from kiosk.store import Store
from kiosk.sync.keys import DeviceKeys
from tests.conftest import ROOT, STAFF_PIN, VOLUNTEER_PIN

PHONE = "0905123456"


def make_data_dir(path: Path, with_record: bool = True) -> Path:
    """A data dir with a staff member, a volunteer, two services and (optionally) a record."""
    path.mkdir()
    store = Store.open(path)
    try:
        auth = AuthService(store)
        auth.add_member(None, "Cán bộ Lan", Role.STAFF, STAFF_PIN)
        staff = auth.sign_in(STAFF_PIN)
        auth.add_member(staff, "Tình nguyện viên Hùng", Role.VOLUNTEER, VOLUNTEER_PIN)
        volunteer = auth.sign_in(VOLUNTEER_PIN)
        with store.write() as s:
            s.add(Service(code="vneid", prefix="A", name_vi="Tài khoản định danh VNeID"))
            s.add(Service(code="dvc", prefix="B", name_vi="Dịch vụ công trực tuyến"))
        if with_record:
            now = store.clock.now()
            AssistanceService(store).log(volunteer, AssistanceDraft(
                started_at=now - timedelta(minutes=30), ended_at=now - timedelta(minutes=1),
                services=("vneid",), channel="home_visit", contact_name="Lê Thị Mai",
                contact_phone=PHONE, contact_consent=True,
                contact_consent_purpose=CONTACT_PURPOSE_VI))
    finally:
        store.close()
    return path


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path,
        *args: str, pin: str = STAFF_PIN) -> tuple[int, str, str]:
    """Run the command in this process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("KIOSK_STAFF_PIN", pin)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def run(data_dir: Path, *args: str, pin: str | None = STAFF_PIN,
        new_session: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_STAFF_PIN"}
    env["PYTHONPATH"] = str(ROOT)
    if pin is not None:
        env["KIOSK_STAFF_PIN"] = pin
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        stdin=subprocess.DEVNULL, start_new_session=new_session, check=False)


@pytest.fixture
def mobile_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "mobile")


@pytest.fixture
def point_dir(tmp_path: Path) -> Path:
    return make_data_dir(tmp_path / "point", with_record=False)


def keys_of(data_dir: Path) -> DeviceKeys:
    store = Store.open(data_dir)
    try:
        return BundleService(store).keys()
    finally:
        store.close()


@pytest.fixture
def point_key(point_dir: Path) -> str:
    return keys_of(point_dir).box_public_b64()


@pytest.fixture
def bundle_file(mobile_dir: Path, point_key: str, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A v2 bundle from the mobile laptop, sealed to the help point."""
    out = tmp_path / "goi.hkb"
    code, stdout, _ = cli(monkeypatch, capsys, mobile_dir, "bundle", "export", "--since",
                          "2020-01-01", "--out", str(out), "--to-key", point_key)
    assert code == 0
    assert "Đã xuất 1 bản ghi" in stdout
    return out


@pytest.fixture
def old_bundle_file(mobile_dir: Path, tmp_path: Path) -> Path:
    """A v1 (unsigned) bundle as a kiosk before issue #20 wrote it."""
    out = tmp_path / "goi-cu.zip"
    store = Store.open(mobile_dir)
    try:
        staff = AuthService(store).sign_in(STAFF_PIN)
        BundleService(store).export_unsigned_bundle(staff, date(2020, 1, 1), out)
    finally:
        store.close()
    return out


# -- real processes: exit codes --------------------------------------------------------------


@pytest.mark.slow  # two processes: about 3 s idle, more on a busy machine
def test_export_and_import_processes_exit_0(mobile_dir: Path, point_dir: Path,
                                            tmp_path: Path) -> None:
    res = run(point_dir, "bundle", "key", "--out", str(tmp_path / "khoa-nhan.txt"))
    assert res.returncode == 0, res.stderr
    assert "Khóa nhận" in res.stdout
    out = tmp_path / "goi.hkb"
    res = run(mobile_dir, "bundle", "export", "--since", "2020-01-01", "--out", str(out),
              "--to-key", str(tmp_path / "khoa-nhan.txt"))
    assert res.returncode == 0, res.stderr
    assert "Đã xuất 1 bản ghi" in res.stdout
    assert "ký và mã hóa" in res.stdout
    res = run(point_dir, "bundle", "import", str(out))
    assert res.returncode == 1  # first contact: the sender is not trusted yet
    assert "chưa tin cậy" in res.stderr
    res = run(point_dir, "bundle", "trust", keys_of(mobile_dir).device_id,
              keys_of(mobile_dir).verify_key_b64())
    assert res.returncode == 0, res.stderr
    res = run(point_dir, "bundle", "import", str(out))
    assert res.returncode == 0, res.stderr
    assert "thêm 1, cập nhật 0, bỏ qua 0" in res.stdout


def test_tampered_bundle_process_exits_1(old_bundle_file: Path, point_dir: Path,
                                         tmp_path: Path) -> None:
    with zipfile.ZipFile(old_bundle_file) as zf:
        manifest = zf.read("manifest.json")
        payload = json.loads(zf.read("records.json"))
    payload["records"][0]["outcome"] = "referred"
    bad = tmp_path / "sua.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("manifest.json", manifest)
        zf.writestr("records.json", json.dumps(payload))
    res = run(point_dir, "bundle", "import", "--unverified", str(bad))
    assert res.returncode == 1
    assert res.stderr.startswith("Lỗi: Mã kiểm tra không khớp")
    assert "Không có gì được ghi" in res.stderr
    assert res.stdout == ""


def test_wrong_pin_process_exits_1(mobile_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.zip"
    res = run(mobile_dir, "bundle", "export", "--since", "2020-01-01", "--out", str(out),
              pin="0000")
    assert res.returncode == 1
    assert "Lỗi: Mã PIN không đúng" in res.stderr
    assert not out.exists()


def test_bad_date_process_exits_2(mobile_dir: Path, tmp_path: Path) -> None:
    res = run(mobile_dir, "bundle", "export", "--since", "hôm qua", "--out",
              str(tmp_path / "b.zip"))
    assert res.returncode == 2
    assert ("Không hiểu ngày “hôm qua”. Hãy viết theo dạng ngày/tháng/năm, ví dụ 01/03/2026"
            in res.stderr)


def test_no_pin_and_no_terminal_process_exits_1(mobile_dir: Path, tmp_path: Path) -> None:
    # A new session has no controlling terminal, so getpass reads the (empty) stdin.
    res = run(mobile_dir, "bundle", "export", "--since", "2020-01-01", "--out",
              str(tmp_path / "b.zip"), pin=None, new_session=True)
    assert res.returncode == 1
    assert "Lỗi: Cần mã PIN cán bộ" in res.stderr


# -- in-process flows ------------------------------------------------------------------------


def test_import_twice_adds_nothing(bundle_file: Path, mobile_dir: Path, point_dir: Path,
                                   monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(monkeypatch, capsys, point_dir, "bundle", "import", str(bundle_file),
                         "--trust-key", keys_of(mobile_dir).verify_key_b64())
    assert code == 0, err
    assert "thêm 1, cập nhật 0, bỏ qua 0" in out
    code, out, _ = cli(monkeypatch, capsys, point_dir, "bundle", "import", str(bundle_file))
    assert code == 0
    assert "thêm 0, cập nhật 0, bỏ qua 1" in out
    code, out, _ = cli(monkeypatch, capsys, point_dir, "records", "find", "--phone",
                       "0905 123 456")
    assert code == 0
    assert "Có 1 bản ghi" in out
    assert "Lê Thị Mai" in out


def test_date_in_vietnamese_order_is_accepted(mobile_dir: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(monkeypatch, capsys, mobile_dir, "bundle", "export", "--since",
                       "01/01/2020", "--out", str(tmp_path / "b.hkb"), "--to-key",
                       keys_of(mobile_dir).box_public_b64())
    assert code == 0
    assert "Đã xuất 1 bản ghi" in out


def test_volunteer_pin_is_not_enough(mobile_dir: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "bundle", "export", "--since",
                       "2020-01-01", "--out", str(tmp_path / "b.zip"), pin=VOLUNTEER_PIN)
    assert code == 1
    assert "không phải của cán bộ" in err
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "records", "find", "--phone", PHONE,
                       pin=VOLUNTEER_PIN)
    assert code == 1
    assert "không phải của cán bộ" in err
    assert not (tmp_path / "b.zip").exists()


def test_truncated_and_missing_bundles_fail(bundle_file: Path, point_dir: Path,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    cut = tmp_path / "cut.hkb"
    cut.write_bytes(bundle_file.read_bytes()[:200])
    code, _, err = cli(monkeypatch, capsys, point_dir, "bundle", "import", str(cut))
    assert code == 1
    assert "bị hỏng" in err
    code, _, err = cli(monkeypatch, capsys, point_dir, "bundle", "import",
                       str(tmp_path / "khong-co.zip"))
    assert code == 1
    assert "Không tìm thấy tệp" in err
    code, out, _ = cli(monkeypatch, capsys, point_dir, "records", "find", "--phone", PHONE)
    assert code == 0
    assert "Không có bản ghi nào" in out


def test_records_export_erase_and_purge(mobile_dir: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "mai.json"
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "records", "export", "--phone", PHONE,
                       "--out", str(out_file))
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["records"][0]["contact_name"] == "Lê Thị Mai"

    code, _, err = cli(monkeypatch, capsys, mobile_dir, "records", "find", "--phone", "12345")
    assert code == 1
    assert "Số điện thoại không đúng" in err

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "records", "erase", "--phone", PHONE)
    assert code == 1
    assert "--yes" in err

    code, out, _ = cli(monkeypatch, capsys, mobile_dir, "records", "erase", "--phone", PHONE,
                       "--yes")
    assert code == 0
    assert "trên 1 bản ghi" in out
    code, out, _ = cli(monkeypatch, capsys, mobile_dir, "records", "find", "--phone", PHONE)
    assert "Không có bản ghi nào" in out

    monkeypatch.delenv("KIOSK_STAFF_PIN", raising=False)
    capsys.readouterr()
    assert main(["--data-dir", str(mobile_dir), "records", "purge"]) == 0
    assert "của 0 bản ghi quá 180 ngày" in capsys.readouterr().out


def test_old_unsigned_bundle_needs_the_explicit_choice(
        old_bundle_file: Path, point_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(monkeypatch, capsys, point_dir, "bundle", "import", str(old_bundle_file))
    assert code == 1
    assert "kiểu cũ" in err
    assert "--unverified" in err
    code, out, _ = cli(monkeypatch, capsys, point_dir, "records", "find", "--phone", PHONE)
    assert "Không có bản ghi nào" in out
    code, out, err = cli(monkeypatch, capsys, point_dir, "bundle", "import", "--unverified",
                         str(old_bundle_file))
    assert code == 0, err
    assert "thêm 1" in out
    assert "chưa xác thực" in out


def test_a_bundle_for_another_machine_cannot_be_opened(
        mobile_dir: Path, point_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cho-may-khac.hkb"
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "bundle", "export", "--since",
                       "2020-01-01", "--out", str(out), "--to-key",
                       keys_of(mobile_dir).box_public_b64())
    assert code == 0, err
    code, _, err = cli(monkeypatch, capsys, point_dir, "bundle", "import", str(out),
                       "--trust-key", keys_of(mobile_dir).verify_key_b64())
    assert code == 1
    assert "không được mã hóa cho máy này" in err


def test_export_without_a_recipient_says_how_to_get_one(
        mobile_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(monkeypatch, capsys, mobile_dir, "bundle", "export", "--since",
                       "2020-01-01", "--out", str(tmp_path / "b.hkb"))
    assert code == 1
    assert "help-kiosk bundle key" in err
    assert not (tmp_path / "b.hkb").exists()
