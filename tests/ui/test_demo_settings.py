"""The demo settings look like a real help point's (outputs review defect 9)."""

from __future__ import annotations

import re

from kiosk.config import check_value, defaults
from ui.app import demo_config


def test_the_demo_hotline_is_a_phone_number() -> None:
    cfg = demo_config(defaults())
    assert check_value("hotline", cfg.hotline) is None
    assert re.fullmatch(r"0\d{3}( \d{1,4})+", cfg.hotline), cfg.hotline
