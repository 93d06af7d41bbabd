"""``help-kiosk --self-test``: the report a staff member reads, and its exit code.

Runs from the source tree here; tests/integration/test_bundle.py runs the same command from the
PyInstaller bundle.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.engine import DB_FILE
from kiosk import selftest
from kiosk.paths import resource_root
from kiosk.selftest import Status
from kiosk.speech.engine import NullEngine, VoiceInfo
from kiosk.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHECK_NAMES = ("Phông chữ", "Nội dung", "Bản dịch", "Cơ sở dữ liệu", "Giọng đọc", "Máy in")


def run_cli(data_dir: Path, env_extra: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "ui", "--data-dir", str(data_dir),
                           "--self-test"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def result_of(report: selftest.Report, name: str) -> selftest.CheckResult:
    return next(c for c in report.checks if c.name == name)


def copy_resources(tmp_path: Path) -> Path:
    copy = tmp_path / "resources"
    shutil.copytree(resource_root(), copy)
    return copy


def test_cli_prints_one_vietnamese_line_per_check_and_passes(data_dir: Path) -> None:
    proc = run_cli(data_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Tự kiểm tra Điểm hỗ trợ số")
    for name in CHECK_NAMES:
        line = next(ln for ln in lines if f" {name}: " in ln)
        assert line.split()[0] in ("ĐẠT", "CẢNH"), line
    verdicts = {name: next(ln for ln in lines if f" {name}: " in ln) for name in CHECK_NAMES}
    for name in ("Phông chữ", "Nội dung", "Cơ sở dữ liệu"):
        assert verdicts[name].startswith("ĐẠT"), verdicts[name]
    assert "bài hướng dẫn" in verdicts["Nội dung"]
    assert "không có lỗi" in verdicts["Nội dung"]
    assert lines[-1].startswith("Kết quả: ĐẠT")
    # Read-only on the data dir: nothing was created there.
    assert list(data_dir.iterdir()) == []


def test_damaged_database_fails_and_is_left_untouched(data_dir: Path) -> None:
    db = data_dir / DB_FILE
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    proc = run_cli(data_dir)
    assert proc.returncode == 1
    line = next(ln for ln in proc.stdout.splitlines() if " Cơ sở dữ liệu: " in ln)
    assert line.startswith("LỖI")
    assert "khôi phục" in line
    assert proc.stdout.splitlines()[-1].startswith("Kết quả: LỖI")
    assert db.read_bytes() == before


def test_database_from_a_newer_version_fails(data_dir: Path) -> None:
    Store.open(data_dir).close()
    with sqlite3.connect(data_dir / DB_FILE) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    check = selftest.check_database(data_dir)
    assert check.status is Status.FAIL
    assert "phiên bản mới hơn" in check.detail


def test_healthy_database_passes_without_being_changed(data_dir: Path) -> None:
    Store.open(data_dir).close()
    before = (data_dir / DB_FILE).stat().st_mtime_ns
    check = selftest.check_database(data_dir)
    assert check.status is Status.OK, check.detail
    assert "dữ liệu thật tốt" in check.detail
    assert (data_dir / DB_FILE).stat().st_mtime_ns == before


def test_missing_font_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resources = copy_resources(tmp_path)
    (resources / "fonts" / "NotoSans-Bold.ttf").unlink()
    monkeypatch.setenv("KIOSK_RESOURCES", str(resources))
    check = selftest.check_fonts()
    assert check.status is Status.FAIL
    assert "NotoSans-Bold.ttf" in check.detail
    assert "Cài lại" in check.detail


def test_font_without_vietnamese_letters_is_an_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    vera = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"
    resources = copy_resources(tmp_path)
    shutil.copy(vera, resources / "fonts" / "NotoSans-Regular.ttf")
    monkeypatch.setenv("KIOSK_RESOURCES", str(resources))
    check = selftest.check_fonts()
    assert check.status is Status.FAIL
    assert "thiếu chữ" in check.detail


def test_broken_tutorial_fails_the_content_check(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    resources = copy_resources(tmp_path)
    toml = resources / "tutorials" / "vneid-install" / "tutorial.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[[steps]]", "[[steps]", 1),
                    encoding="utf-8")
    monkeypatch.setenv("KIOSK_RESOURCES", str(resources))
    report = selftest.run_checks(None, voice=False)
    content = result_of(report, "Nội dung")
    assert content.status is Status.FAIL
    assert "vneid-install" in content.detail
    assert "help-kiosk content check" in content.detail
    assert report.exit_code == 1


class _EnglishOnly:
    name = "fake"

    def voices(self) -> list[VoiceInfo]:
        return [VoiceInfo("en-us", "English (America)", ("en-us",))]

    def synthesize(self, text: str, path: Path, voice_id: str, rate: int) -> Path:
        raise AssertionError("no Vietnamese voice: nothing to synthesise")


def test_no_vietnamese_voice_is_a_warning_not_a_failure(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.setattr("kiosk.speech.engine.create_default_engine", _EnglishOnly)
    check = selftest.check_voice()
    assert check.status is Status.WARN
    assert "Microsoft An" in check.detail
    assert "Kiosk vẫn chạy" in check.detail
    report = selftest.Report((check,))
    assert report.exit_code == 0
    assert "CẢNH BÁO  Giọng đọc:" in report.text()


def test_no_speech_engine_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kiosk.speech.engine.create_default_engine",
                        lambda: NullEngine("Chưa cài bộ đọc pyttsx3."))
    check = selftest.check_voice()
    assert check.status is Status.WARN
    assert "Chưa cài bộ đọc" in check.detail


def test_a_hanging_voice_engine_is_a_warning_after_the_timeout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    release = threading.Event()

    def hang() -> NullEngine:
        release.wait(10)
        return NullEngine()

    monkeypatch.setattr("kiosk.speech.engine.create_default_engine", hang)
    try:
        check = selftest.check_voice(timeout_s=0.2)
    finally:
        release.set()
    assert check.status is Status.WARN
    assert "không trả lời" in check.detail


@pytest.mark.speech
def test_real_vietnamese_voice_passes() -> None:
    # scripts/setup.sh installs espeak-ng, whose "vi" voice the kiosk uses on Linux.
    check = selftest.check_voice()
    assert check.status is Status.OK, check.detail
    assert "tiếng Việt" in check.detail
    assert "giây" in check.detail


def test_printers_listed_and_configured_printer_checked(data_dir: Path) -> None:
    def probe() -> list[str]:
        return ["Máy in quầy", "Máy in nhiệt"]

    ok = selftest.check_printers(data_dir, probe)
    assert ok.status is Status.OK
    assert "2 máy in: Máy in quầy, Máy in nhiệt" in ok.detail

    (data_dir / "config.toml").write_text('printer = "Máy in văn phòng"\n', encoding="utf-8")
    wrong = selftest.check_printers(data_dir, probe)
    assert wrong.status is Status.WARN
    assert "Máy in văn phòng" in wrong.detail


def test_no_printer_is_a_warning() -> None:
    check = selftest.check_printers(None, list)
    assert check.status is Status.WARN
    assert "chưa thấy máy in" in check.detail


def test_without_the_qt_probe_the_printer_is_a_warning_not_a_crash() -> None:
    # ``python -m kiosk --self-test`` has no Qt (kiosk/ never imports ui/).
    check = selftest.check_printers(None, None)
    assert check.status is Status.WARN
    assert "help-kiosk --self-test" in check.detail


def test_a_crashing_check_is_a_failure_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom() -> selftest.CheckResult:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(selftest, "check_fonts", boom)
    report = selftest.run_checks(None, voice=False)
    fonts = result_of(report, "Phông chữ")
    assert fonts.status is Status.FAIL
    assert "hỏng" in fonts.detail
    assert report.exit_code == 1


def test_windowed_build_without_console_writes_the_report_to_a_file(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selftest, "run_checks",
                        lambda _d, **_kw: selftest.Report((selftest.CheckResult(
                            "Phông chữ", Status.OK, "đủ chữ."),)))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    code = selftest.run(argparse.Namespace(data_dir=data_dir))
    assert code == 0
    text = (tmp_path / "help-kiosk-self-test.txt").read_text(encoding="utf-8")
    assert "ĐẠT       Phông chữ: đủ chữ." in text


def test_the_crypto_check_signs_and_seals_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    report = selftest.run_checks(None, voice=False)
    assert result_of(report, "Ký và mã hóa").status is Status.OK
    import builtins

    real_import = builtins.__import__

    def no_nacl(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("nacl"):
            raise ImportError("No module named 'nacl'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_nacl)
    check = selftest.check_crypto()
    assert check.status is Status.FAIL
    assert "PyNaCl" in check.detail
