"""The one base class for a problem a person can act on: :class:`KioskError`.

Every service error (``QueueError``, ``PlaceError``, ``ExportError``, ``PermissionDenied``,
``OutputError``, ...) derives from it and carries a Vietnamese message that says what
happened and what to do. So the GUI's error funnel and the command line tell "show this
calmly" from "something broke" by type, not by guessing from the module name, and a screen
never keeps its own list of errors it may show. Anything that is *not* a ``KioskError`` is a
bug: logged, and the citizen sees a general apology.
"""

from __future__ import annotations


class KioskError(Exception):
    """A problem with a Vietnamese message meant for the person in front of the kiosk.

    ``str(error)`` and :attr:`user_message` are the same text; raise it as
    ``SomeError("Không ... Hãy ...")``. Where a person can switch the kiosk to English (PIN
    pad, volunteer and staff screens), the service may add the English form:
    ``SomeError("Không ...", en="Could not ...")``; :meth:`message` picks by language and
    falls back to Vietnamese. Logs and the command line keep the Vietnamese.
    """

    def __init__(self, *args: object, en: str = "") -> None:
        super().__init__(*args)
        self.en = en

    @property
    def user_message(self) -> str:
        """The Vietnamese sentence to show (what happened, what to do)."""
        return str(self)

    def message(self, lang: str = "vi") -> str:
        """The sentence to show in ``lang`` ("vi" or "en"); Vietnamese if no English form."""
        return self.en if lang == "en" and self.en else str(self)


def user_message(exc: BaseException, lang: str = "vi") -> str:
    """What a screen shows for ``exc`` in ``lang``: a KioskError's own words, else ``str``."""
    return exc.message(lang) if isinstance(exc, KioskError) else str(exc)


class CliError(KioskError):
    """A problem to print as one Vietnamese line on the command line, exit code 1."""
