"""The one rule for text people type or other machines send: no control characters.

A NUL byte (``\\x00``) cannot be stored by PostgreSQL at all (the hub failed with a database
error, not a refusal), and the other C0 control characters and DEL (a bell, an escape, a
line break in a one-line field) are never typed on purpose: they come from a broken copy
and paste, a damaged file or a forged batch, and they break workbooks, CSV readers and
printed sheets downstream. Every one-line text field refuses them with a message naming the
field: the kiosk's forms and commands, the hub's forms and commands, and the one validator
of bundles and batches (:mod:`kiosk.sync.merge`, through :data:`NO_CONTROL_PATTERN`).

Pure functions; any thread.
"""

from __future__ import annotations

import re

from kiosk.errors import KioskError

#: C0 control characters (NUL, tab, line breaks, escape, …) and DEL.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: The control characters that are spacing in disguise (tab, line feed, vertical tab, form
#: feed, carriage return): a line break pasted into a one-line field separates two words.
_SPACING = re.compile(r"[\t\n\v\f\r]+")
#: The same rule as a whole-string pattern, for msgspec (``Meta(pattern=…)``) and HTML
#: ``pattern`` attributes: ``\Z``, not ``$``, which would let a final line break through.
NO_CONTROL_PATTERN = r"^[^\x00-\x1f\x7f]*\Z"


class ControlCharacterError(KioskError, ValueError):
    """A text with a control character; the message names the field (Vietnamese first)."""


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character (see the module docstring)."""
    return CONTROL.search(text) is not None


def strip_control(text: str) -> str:
    """``text`` with its control characters gone, every visible character kept: a run of
    tabs or line breaks becomes one space (it separated words), any other control character
    (NUL, bell, escape, DEL: nothing a person can see or meant) is removed, and the result is
    trimmed as every form trims what it saves. The one repair of old stored text
    (:mod:`kiosk.text_cleanup`); forms and batches keep refusing, never repairing."""
    if not has_control(text):
        return text
    return CONTROL.sub("", _SPACING.sub(" ", text)).strip()


def control_problem(what: str, what_en: str = "",
                    error: type[KioskError] = ControlCharacterError) -> KioskError:
    """The refusal for field ``what`` (Vietnamese) / ``what_en`` as ``error`` (the caller's
    own error class, so its screen's handling stays as it is): what happened, what to do."""
    return error(
        f"{what} có ký tự điều khiển (ví dụ ký tự NUL hoặc dấu xuống dòng) không lưu được. "
        "Hãy xóa phần đó hoặc gõ lại rồi lưu.",
        en=f"{what_en or 'This field'} has a control character (such as NUL or a line "
           "break) that cannot be stored. Remove it or type it again, then save.")


def check_plain(text: str, what: str, what_en: str = "",
                error: type[KioskError] = ControlCharacterError) -> str:
    """``text`` unchanged, or ``error`` naming ``what`` (see :func:`control_problem`)."""
    if has_control(text):
        raise control_problem(what, what_en, error)
    return text
