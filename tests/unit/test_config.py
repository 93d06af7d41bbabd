"""Settings: defaults, checks naming the field, a bad file kept as .bad, atomic save."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import defaults, load_config, save_config


def test_missing_file_gives_defaults(data_dir: Path) -> None:
    cfg, problem = load_config(data_dir)
    assert problem is None
    assert cfg.idle_timeout_s == 90 and cfg.language == "vi"


def test_round_trip(data_dir: Path) -> None:
    cfg = defaults().replace(help_point_name="Điểm hỗ trợ thôn Tà Lang", desk_count=3)
    save_config(data_dir, cfg)
    loaded, problem = load_config(data_dir)
    assert problem is None
    assert loaded.help_point_name == "Điểm hỗ trợ thôn Tà Lang"
    assert loaded.desk_count == 3
    assert not list(data_dir.glob("*.tmp"))
    assert not list(data_dir.glob(".*.part"))


@pytest.mark.parametrize(("text", "field"), [
    ("desk_count = 0\n", "desk_count"),
    ("desk_count = true\n", "desk_count"),
    ("language = 'fr'\n", "language"),
    ("idle_timeout_s = 'lâu'\n", "idle_timeout_s"),
    ("mau_sac = 1\n", "mau_sac"),
])
def test_invalid_value_names_the_field_and_keeps_every_other_setting(
        data_dir: Path, text: str, field: str) -> None:
    """Issue #16 item 4: one bad value used to reset every setting to its default (and so
    show the first-run wizard, where anyone renamed the help point). Now it costs itself."""
    good = 'help_point_name = "Điểm hỗ trợ số Hòa Bắc"\nsetup_done = true\ntext_size = 2\n'
    (data_dir / "config.toml").write_text(good + text, encoding="utf-8")
    cfg, problem = load_config(data_dir)
    assert problem is not None
    assert field in problem.message
    assert cfg.help_point_name == "Điểm hỗ trợ số Hòa Bắc"
    assert cfg.setup_done is True and cfg.text_size == 2
    if field in defaults().values:
        assert getattr(cfg, field) == getattr(defaults(), field)
    assert (data_dir / "config.toml").read_text(encoding="utf-8") == good + text


def test_corrupt_toml_is_kept_as_bad(data_dir: Path) -> None:
    (data_dir / "config.toml").write_bytes(b"help_point_name = \"abc\n\xff\xfe")
    cfg, problem = load_config(data_dir)
    assert problem is not None and "hỏng" in problem.message
    assert (data_dir / "config.toml.bad").exists()
    assert cfg.help_point_name == "Điểm hỗ trợ số"


def test_replace_checks_values() -> None:
    with pytest.raises(ValueError, match="desk_count"):
        defaults().replace(desk_count=99)


@pytest.mark.parametrize("number", ["", "1022", "0236 1022", "0236 3 123 456", "+84 236 3123456",
                                    "(0236) 3.123.456", "0905-111-222"])
def test_a_hotline_is_a_phone_number(number: str) -> None:
    assert defaults().replace(hotline=number).hotline == number


@pytest.mark.parametrize("text", ["Tổ CNSCĐ thôn Tà Lang", "gọi tổ trưởng", "12", "0236 abc"])
def test_a_name_is_not_a_hotline(text: str) -> None:
    # Outputs review defect 9: sheets printed "Điện thoại: Tổ CNSCĐ thôn Tà Lang".
    with pytest.raises(ValueError, match="số điện thoại"):
        defaults().replace(hotline=text)


def test_an_old_config_with_a_name_as_hotline_keeps_its_other_settings(data_dir: Path) -> None:
    (data_dir / "config.toml").write_text(
        'help_point_name = "Điểm thôn Tà Lang"\nhotline = "Tổ CNSCĐ thôn Tà Lang"\n',
        encoding="utf-8")
    cfg, problem = load_config(data_dir)
    assert problem is None
    assert (cfg.help_point_name, cfg.hotline) == ("Điểm thôn Tà Lang", "")


def test_desk_keypads_act_unsigned_only_when_turned_on() -> None:
    """Issue #16 item 8: off by default; a signed-in helper always may."""
    from kiosk.config import defaults, desk_keypads_active

    cfg = defaults()
    assert cfg.desk_keypads is False
    assert not desk_keypads_active(cfg, helper_signed_in=False)
    assert desk_keypads_active(cfg, helper_signed_in=True)
    assert desk_keypads_active(cfg.replace(desk_keypads=True), helper_signed_in=False)


def test_reading_the_settings_loads_no_database_library(data_dir: Path) -> None:
    """``config.toml`` is read before the kiosk's first paint: checking a commune code or an
    empty database URL must not load SQLAlchemy or the models (issue #18 item 1)."""
    save_config(data_dir, defaults().replace(commune_code="20194", help_point_name="Tà Lang"))
    code = ("import sys; from pathlib import Path; from kiosk.config import load_config; "
            f"cfg, problem = load_config(Path({str(data_dir)!r})); "
            "assert problem is None and cfg.commune_code == '20194', problem; "
            "loaded = sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'db'))); "
            "assert not loaded, loaded")
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr


def test_a_wrong_commune_code_is_still_refused_with_its_reason(data_dir: Path) -> None:
    (data_dir / "config.toml").write_text('commune_code = "2019"\n', encoding="utf-8")
    cfg, problem = load_config(data_dir)
    assert cfg.commune_code == ""
    assert problem is not None and "mã 5 chữ số" in problem.message
