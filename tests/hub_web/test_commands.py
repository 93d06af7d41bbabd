"""``help-kiosk-hub account add|list`` and the ``serve --demo`` banner."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hub.cli import main


def test_account_add_reads_the_password_from_stdin_and_the_account_signs_in(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path / "hub")]
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-cua-toi-123\n"))
    assert main(["account", "add", "nguyen.a", "--role", "commune", "--commune", "20194",
                 "--name", "Nguyễn Văn A", "--password-stdin", *data]) == 0
    assert "Đã tạo tài khoản nguyen.a" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    assert main(["account", "add", "tran.b", "--role", "city", "--password-stdin", *data]) == 1
    assert "ít nhất 10 ký tự" in capsys.readouterr().err
    assert main(["account", "list", *data]) == 0
    listed = capsys.readouterr().out
    assert "nguyen.a" in listed and "tran.b" not in listed
    from hub.accounts import AccountService
    from hub.cli import _context, _settings, build_parser

    hub = _context(_settings(build_parser().parse_args(["devices", *data])))
    try:
        signed = AccountService(hub.sessions).sign_in("nguyen.a", "mat-khau-cua-toi-123")
        assert signed.officer.commune_code == "20194"
    finally:
        hub.engine.dispose()


def test_demo_banner_lists_every_demo_account(tmp_path: Path) -> None:
    from hub.app import create_app
    from hub.settings import HubSettings
    from hub.web.commands import demo_banner

    app = create_app(HubSettings(data_dir=tmp_path / "hub", demo=True))
    try:
        text = demo_banner(app.state.hub, "http://127.0.0.1:8800")
        again = demo_banner(app.state.hub, "http://127.0.0.1:8800")  # a restart: no new points
    finally:
        app.state.hub.engine.dispose()
    for name in ("xa.demo", "xa2.demo", "thanhpho.demo", "quantri.demo"):
        assert name in text
    assert text != again  # fresh passwords each start
    from sqlalchemy import func, select

    from hub.models import Device

    app = create_app(HubSettings(data_dir=tmp_path / "hub"))
    try:
        with app.state.hub.sessions() as s:
            assert s.scalar(select(func.count()).select_from(Device)) == 3
    finally:
        app.state.hub.engine.dispose()
