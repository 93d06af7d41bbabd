"""The one refusal of incoming data: :class:`BatchRefused`, a KioskError with a stable code.

The code is what the hub's API returns as ``{"error": code}`` and what the kiosk's sync panel
and the bundle import screen map to plain Vietnamese; the message already is that Vietnamese.
"""

from __future__ import annotations

from kiosk.errors import KioskError

#: Every code a refusal may carry (HUB-SPEC "One unit of transfer").
REFUSAL_CODES = frozenset({
    "too_big", "not_sealed", "undecryptable", "bad_zip", "unknown_version",
    "unknown_device", "revoked_device", "bad_signature", "tampered", "wrong_commune",
    "invalid_field", "clock_skew",
})


class BatchRefused(KioskError):
    """Incoming data refused whole; nothing was written. ``code`` is one of REFUSAL_CODES."""

    def __init__(self, message: str, code: str, *, en: str = "") -> None:
        if code not in REFUSAL_CODES:
            raise ValueError(f"unknown refusal code {code!r}")
        super().__init__(message, en=en)
        self.code = code
