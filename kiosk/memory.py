"""Big blocks of memory go back to the system when they are freed (glibc on Linux).

glibc serves a request above its *mmap threshold* (128 KiB at start) with a mapping of its
own, returned to the system on ``free``. But the first time such a block is freed, glibc
raises the threshold to that block's size (up to 32 MiB): from then on the sheet preview's
page images (3-4 MB each) and the PDF renderer's buffers come from the ordinary heap, where
they stay resident after use, scattered between small objects that live on. The kiosk then
grew in steps of about a set of pages (6-16 MB) over its first visits to the preview and
never gave it back (issue #18 item 2; docs/benchmarks.md, "Memory"). Setting the threshold
explicitly turns that adjustment off. Elsewhere (Windows, macOS, musl) nothing is changed.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value


def return_big_blocks_to_the_system() -> bool:
    """Fix glibc's mmap threshold at its starting value; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # not at start-up: the kiosk calls this after the first paint

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already uses
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    ok = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    if not ok:
        log.info("this C library does not take an mmap threshold; memory policy unchanged")
    return ok
