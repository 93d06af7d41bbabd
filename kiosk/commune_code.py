"""The commune's official code (config ``commune_code``): five digits, or "" until set.

Its own module, with no SQLAlchemy: reading ``config.toml`` checks it before the kiosk's
first paint, and :mod:`kiosk.identity` (which stamps rows with it) loads the models.
"""

from __future__ import annotations

import re

COMMUNE_CODE = re.compile(r"[0-9]{5}")


def check_commune_code(value: str) -> str | None:
    """None when ``value`` is "" or 5 digits, else a Vietnamese reason (for the config)."""
    if value == "" or COMMUNE_CODE.fullmatch(value):
        return None
    return "phải là mã 5 chữ số của xã/phường/đặc khu (ví dụ 20194), hoặc để trống"
