"""Nothing touches Qt's ``Qt`` namespace before the kiosk's first paint (issue #18 item 1).

PySide6 6.11 builds all 93 enums of ``PySide6.QtCore.Qt`` (1,195 members, each a Python
``enum`` member) the first time the namespace is touched: 120 M instructions, a fifth of a
bare window's whole start, before the kiosk has drawn anything. The window, its bars and
Home need none of it to look right:

* an enum-valued Qt property (a label's alignment, a focus policy, a window's flags) is set
  by name with :func:`set_enum`, which Qt's meta-object system converts in C++;
* what has no property (a widget attribute, a cursor) cannot change the first paint — a
  mouse pointer or a click needs the window on screen — and is given to :func:`after_paint`:
  it runs at once when the namespace is already built, else just after the first paint
  (:func:`release`, from ``Kiosk.finish_start``).

Code that runs only after the first paint (a click, a later screen) uses ``Qt`` as usual;
modules loaded before it import ``QtCore`` and read ``QtCore.Qt`` inside such code.
``tests/ui/test_lazy_start.py`` checks a real start never builds the namespace before its
paint. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore
from shiboken6 import isValid

_held: list[tuple[QtCore.QObject, Callable[[], None]]] = []


def qt_namespace_built() -> bool:
    """True once ``QtCore.Qt`` exists (PySide6 makes a module's classes on first use)."""
    return "Qt" in vars(QtCore)


def set_enum(obj: QtCore.QObject, prop: str, value: str) -> None:
    """Set the enum or flags property ``prop`` by its Qt names ("AlignRight|AlignVCenter"),
    without the Python enum. A misspelt property or value fails here, not silently."""
    if not obj.setProperty(prop, value):
        raise ValueError(f"{type(obj).__name__}.{prop} does not take {value!r}")


def after_paint(obj: QtCore.QObject, job: Callable[[], None]) -> None:
    """Run ``job`` (which may use ``Qt``) now if the namespace exists, else at
    :func:`release`; dropped if ``obj`` was deleted by then."""
    if qt_namespace_built():
        job()
    else:
        _held.append((obj, job))


def release() -> None:
    """Build the namespace and run every held job, in order (just after the first paint)."""
    QtCore.Qt  # noqa: B018 - built now on purpose, so later calls run at once
    held = list(_held)
    _held.clear()
    for obj, job in held:
        if isValid(obj):
            job()
