"""A sliding-window attempt counter per client address (pairing codes are guessable in bulk).

In memory, per process: a restart forgets, which costs a guesser nothing worth having (a code
has ~40 bits, lives 24 hours and is one-time). Times come from the hub's clock (monotonic), so
tests move them with ``FakeClock.advance``. Thread-safe: sync routes run in a thread pool.
"""

from __future__ import annotations

import threading
from collections import deque

from kiosk.clock import Clock, monotonic

#: More distinct addresses than this and the oldest are forgotten (memory stays bounded).
MAX_ADDRESSES = 10_000


class AttemptThrottle:
    def __init__(self, clock: Clock, attempts: int, window_seconds: float) -> None:
        self._clock = clock
        self._attempts = attempts
        self._window = window_seconds
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, address: str) -> float:
        """Count an attempt from ``address``: 0 if allowed, else seconds until the next one."""
        now = monotonic(self._clock)
        with self._lock:
            times = self._seen.pop(address, None) or deque()
            while times and times[0] <= now - self._window:
                times.popleft()
            self._seen[address] = times  # re-inserted: dict order = least recently seen first
            if len(self._seen) > MAX_ADDRESSES:
                del self._seen[next(iter(self._seen))]
            if len(times) >= self._attempts:
                return max(1.0, times[0] + self._window - now)
            times.append(now)
            return 0.0
