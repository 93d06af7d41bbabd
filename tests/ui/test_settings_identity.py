"""Staff settings: the team name and the commune's official code every new row carries."""

from __future__ import annotations

from pathlib import Path

from kiosk.config import defaults, load_config
from kiosk.identity import stamp
from kiosk.printing_quota import record_print
from kiosk.store import Store
from ui.screens.staff import SettingsTab


def test_the_code_is_filled_from_the_commune_name_and_stamps_new_rows(
        qtbot, data_dir: Path, clock) -> None:
    config = defaults()
    store = Store.open(data_dir, clock=clock, config=config)
    tab = SettingsTab(data_dir, config)
    qtbot.addWidget(tab)
    tab.edits["commune"].setText("xã Hoà Vang")
    tab.edits["team_name"].setText("Tổ CNSCĐ thôn Phú Sơn")
    tab.save()
    assert tab.edits["commune_code"].text() == "20320"
    saved, problem = load_config(data_dir)
    assert problem is None
    assert (saved.commune_code, saved.team_name) == ("20320", "Tổ CNSCĐ thôn Phú Sơn")
    # The store holds the same live settings: the next row carries the new code.
    assert stamp(store)["commune_code"] == "20320"
    record_print(store, tutorial_id=None, sheets=1)
    store.close()


def test_a_code_that_is_not_five_digits_is_refused_with_the_field_named(
        qtbot, data_dir: Path) -> None:
    tab = SettingsTab(data_dir, defaults())
    qtbot.addWidget(tab)
    tab.edits["commune_code"].setText("2032")
    tab.save()
    assert "commune_code" in tab.message.text() and "5 chữ số" in tab.message.text()
    assert not (data_dir / "config.toml").exists()
