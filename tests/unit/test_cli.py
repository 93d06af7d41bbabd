"""The command line a staff member types: ``--data-dir`` anywhere, Vietnamese messages, the
first staff PIN on a fresh machine, and staff commands that never load Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Volunteer
from kiosk.auth import AuthService
from kiosk.cli import main, vietnamese
from kiosk.store import Store
from tests.conftest import STAFF_PIN, VOLUNTEER_PIN

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("where", ["before", "after", "nested"])
def test_data_dir_is_taken_before_and_after_the_sub_command(
        where: str, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = ["--data-dir", str(data_dir)]
    argv = {"before": [*d, "places", "list"], "after": ["places", "list", *d],
            "nested": ["places", "list", "--commune", "Hải Vân", *d]}[where]
    assert main(argv) == 0
    assert "Đã nạp danh sách địa danh lần đầu" in capsys.readouterr().out
    assert (data_dir / "kiosk.sqlite3").exists()


def test_the_sub_command_data_dir_wins_over_the_environment(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "elsewhere"))
    assert main(["queue", "services", "--data-dir", str(data_dir)]) == 0
    assert (data_dir / "kiosk.sqlite3").exists()
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.parametrize(("argv", "said"), [
    (["export", "--out", "x.csv"], "lỗi: thiếu tham số bắt buộc: --format"),
    (["queue", "test-ticket", "--width", "99", "--out", "x.pdf"],
     "lỗi: tham số --width: không có lựa chọn 99"),
    (["places", "list", "--bogus"], "lỗi: không hiểu tham số: --bogus"),
    (["records"], "lỗi: thiếu tham số bắt buộc: LỆNH"),
    (["nothing-like-this"], "lỗi: tham số LỆNH: không có lựa chọn"),
    # The one day rule (kiosk.reports.periods.parse_day), as the hub and the export say it:
    # a day the calendar lacks is named as such; day/month/year comes first in the advice.
    (["bundle", "export", "--since", "31/02/2026", "--out", "b.zip"],
     "lỗi: tham số --since: Ngày “31/02/2026” không có trên lịch. Hãy kiểm tra lại ngày và tháng"),
    (["bundle", "export", "--since", "tuần sau", "--out", "b.zip"],
     "Hãy viết theo dạng ngày/tháng/năm, ví dụ 01/03/2026 (hoặc 2026-03-01)"),
])
def test_usage_errors_are_in_vietnamese(argv: list[str], said: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert err.startswith("Cách dùng: help-kiosk")
    assert "error:" not in err and "usage:" not in err


def test_help_is_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["records", "export", "-h"])
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: help-kiosk records export")
    assert "Tùy chọn:" in out and "xem hướng dẫn này rồi thoát" in out
    assert "--data-dir" in out
    assert "show this help" not in out and "options:" not in out


def test_unknown_argparse_messages_pass_through_unchanged() -> None:
    assert vietnamese("something new") == "something new"


def test_first_staff_pin_from_the_command_line_on_a_fresh_machine(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    fresh = tmp_path / "fresh"  # does not exist yet: a headless first set-up
    monkeypatch.setenv("KIOSK_NEW_PIN", STAFF_PIN)
    monkeypatch.delenv("KIOSK_STAFF_PIN", raising=False)
    assert main(["members", "add", "--staff", "--name", "Cán bộ Lan",
                 "--data-dir", str(fresh)]) == 0
    assert "mã PIN cán bộ đầu tiên" in capsys.readouterr().out

    # Only the first one comes free: the next member needs a staff member's PIN.
    monkeypatch.setenv("KIOSK_NEW_PIN", VOLUNTEER_PIN)
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": "")
    assert main(["members", "add", "--name", "Hùng", "--data-dir", str(fresh)]) == 1
    assert "Cần mã PIN cán bộ" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_STAFF_PIN", STAFF_PIN)
    assert main(["members", "add", "--name", "Hùng", "--data-dir", str(fresh)]) == 0

    store = Store.open(fresh)
    try:
        assert AuthService(store).sign_in(STAFF_PIN).name == "Cán bộ Lan"
        with store.read() as s:
            hashes = [v.pin_hash for v in s.scalars(select(Volunteer))]
        assert len(hashes) == 2
        assert not any(STAFF_PIN in h or VOLUNTEER_PIN in h for h in hashes)  # hashes only
    finally:
        store.close()


def test_python_m_kiosk_cannot_open_the_window_and_says_what_to_run(
        capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir)]) == 1
    assert "Hãy chạy “help-kiosk”" in capsys.readouterr().err


def test_staff_commands_through_the_launcher_never_load_qt(data_dir: Path) -> None:
    code = ("import sys; from ui.launcher import main; "
            f"rc = main(['queue', 'services', '--data-dir', {str(data_dir)!r}]); "
            "assert rc == 0, rc; "
            "loaded = sorted(m for m in sys.modules if m.startswith('PySide6')); "
            "assert not loaded, loaded")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "Các dịch vụ của hàng chờ" in run.stdout


@pytest.mark.parametrize("argv", [
    [], ["--windowed"], ["--demo", "--windowed", "--exit-after-paint", "--data-dir", "d"],
    ["-v", "--self-test"], ["--data-dir=d", "--verbose"], ["--win"],
])
def test_the_window_start_is_parsed_as_the_full_parser_parses_it(argv: list[str]) -> None:
    """Starting the kiosk parses without the sub-commands (``_parse_window_start``); the
    result must be the full parser's, option for option."""
    from kiosk.cli import _parse_window_start, build_parser

    assert vars(_parse_window_start(argv)) == vars(build_parser().parse_args(argv))


def test_the_usual_window_start_is_read_as_argparse_reads_it() -> None:
    """``kiosk.cli._plain_window_start`` reads the window's usual command lines without
    argparse (issue #18): every command line of up to three of these tokens that it reads
    must give argparse's namespace, option for option; whatever it leaves goes to argparse."""
    import itertools

    from kiosk.cli import _WINDOW_FLAGS, _plain_window_start
    from kiosk.cli_parser import _parse_window_start, build_parser

    tokens = [*_WINDOW_FLAGS, "--data-dir", "d", "--data-dir=e", "--data-dir=", "", "-h",
              "--version", "--win", "-vv", "--", "records", "-x", "--data-dir=-y"]
    read = 0
    for n in range(4):
        for argv in itertools.product(tokens, repeat=n):
            plain = _plain_window_start(list(argv))
            if plain is None:
                continue
            read += 1
            assert vars(plain) == vars(_parse_window_start(list(argv))), argv
            assert vars(plain) == vars(build_parser().parse_args(list(argv))), argv
    assert read > 300
    # The flags it knows are the window parser's flags, each setting the same attribute.
    window = build_parser()
    for flag, dest in _WINDOW_FLAGS.items():
        assert window._option_string_actions[flag].dest == dest


@pytest.mark.parametrize("argv", [["-h"], ["--version"], ["--wind"], ["--data-dir"],
                                  ["--data-dir", "-v"], ["records", "purge"], ["-vv"]])
def test_anything_else_is_left_to_argparse(argv: list[str]) -> None:
    from kiosk.cli import _plain_window_start

    assert _plain_window_start(argv) is None


@pytest.mark.parametrize("argv", [["-h"], ["records", "purge"], ["--data-dir"],
                                  ["--windowed", "nothing-like-this"], ["--he"]])
def test_anything_more_than_the_window_goes_to_the_full_parser(argv: list[str]) -> None:
    from kiosk.cli import _parse_window_start

    assert _parse_window_start(argv) is None


def test_starting_the_window_loads_no_command_module(data_dir: Path) -> None:
    """``help-kiosk`` with no sub-command opens the window: the commands' modules (and with
    them SQLAlchemy, the models and the reports, 800 modules) must not slow that start
    (issue #18 item 1)."""
    code = ("import sys; from kiosk import cli; "
            "seen = []; "
            f"rc = cli.main(['--windowed', '--data-dir', {str(data_dir)!r}], "
            "start_gui=lambda args: seen.append(args.windowed) or 0); "
            "assert rc == 0 and seen == [True], (rc, seen); "
            "loaded = sorted(m for m in sys.modules if m.startswith(('kiosk.commands.', "
            "'sqlalchemy', 'db.'))); "
            "assert not loaded, loaded")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize(("platform", "watched"), [
    ("offscreen", False), ("offscreen:configfile=/tmp/screens.json", False),
    ("offscreen:fontengine=freetype", False), ("xcb", True), ("xcb:foo=1", True),
    ("", True), (None, True), ("offscreenx", True)])
def test_the_watchdog_is_left_out_by_the_qt_platform_name_not_the_whole_setting(
        monkeypatch: pytest.MonkeyPatch, platform: str | None, watched: bool) -> None:
    """Kiosk mode runs under the watchdog except on Qt's offscreen platform, whatever its
    options: ``offscreen:configfile=…`` (a 1920×1080 offscreen screen) was supervised
    because the whole setting was compared with "offscreen"."""
    import types

    from kiosk import cli
    from ui import launcher

    seen: list[str] = []
    monkeypatch.setitem(sys.modules, "ui.app",
                        types.SimpleNamespace(run=lambda args: seen.append("window") or 0))
    monkeypatch.setattr("kiosk.supervisor.supervise",
                        lambda cmd: seen.append("watchdog") or 0)
    monkeypatch.setenv(launcher.SUPERVISED_ENV, "")  # and put back as it was afterwards
    if platform is None:
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    else:
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
    assert launcher.start_gui(cli.parse([])) == 0
    assert seen == (["watchdog"] if watched else ["window"])
    assert launcher.start_gui(cli.parse(["--windowed"])) == 0  # never supervised
    assert seen[-1] == "window"


def test_version_is_printed_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """As argparse's own ``version`` action does: a script reads ``help-kiosk --version``
    (tests/integration/test_bundle.py does, on the frozen program)."""
    import kiosk
    from kiosk.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    out, err = capsys.readouterr()
    assert out == f"help-kiosk {kiosk.__version__}\n" and err == ""
