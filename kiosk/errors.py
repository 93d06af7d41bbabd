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
    ``SomeError("Không ... Hãy ...")``.
    """

    @property
    def user_message(self) -> str:
        """The Vietnamese sentence to show (what happened, what to do)."""
        return str(self)


class CliError(KioskError):
    """A problem to print as one Vietnamese line on the command line, exit code 1."""
