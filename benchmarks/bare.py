"""What a benchmark child process needs before it measures anything, importing nothing else.

The cold start children (``benchmarks.child``) time everything from the interpreter's start,
the kiosk and the minimal window alike: the harness must add nothing to either of them.
``benchmarks.common`` (platform, statistics, subprocess, tempfile: about 15 ms of imports) is
for the parent.
"""

from __future__ import annotations

import sys

SCREEN_W, SCREEN_H = 1920, 1080


def guard_none_refcount() -> None:
    """Keep PySide6 6.12.0 from crashing a long benchmark ("none_dealloc").

    PySide6 6.12.0 drops one reference to ``None`` on many calls into Python overrides of Qt
    virtuals (event, changeEvent, paint) and on setStyleSheet; 6.11 does not. On Python 3.11,
    where None is not immortal, a few thousand screen changes then abort the process. The
    benchmarks raise None's count once so they can finish; the kiosk itself is still exposed
    (reported in docs/benchmarks.md). Python 3.12+ makes None immortal: nothing to do there.
    """
    if sys.version_info < (3, 12):
        import ctypes

        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
