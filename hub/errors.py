"""Refusals the hub returns as JSON ``{"error": code, "message": Vietnamese}``."""

from __future__ import annotations

from kiosk.errors import KioskError


class HubRefused(KioskError):
    """A request refused whole, with a stable code for programs and a reason for people."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
